// Monaco with its workers served by Vite, and the policy languages registered.
import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/language/json/json.worker?worker";
import { policyMonarch, policyYamlMonarch, WORD_PATTERN } from "./language/monarch.js";

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === "json" ? new JsonWorker() : new EditorWorker();
  },
};

export const POLICY_LANG = "credit-policy";
export const POLICY_YAML_LANG = "credit-policy-yaml";

const languageConfig: monaco.languages.LanguageConfiguration = {
  comments: { lineComment: "#" },
  brackets: [
    ["{", "}"],
    ["[", "]"],
    ["(", ")"],
    ["（", "）"],
  ],
  autoClosingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: "（", close: "）" },
    { open: '"', close: '"', notIn: ["string"] },
    { open: "“", close: "”", notIn: ["string"] },
    { open: "「", close: "」", notIn: ["string"] },
  ],
  surroundingPairs: [
    { open: "{", close: "}" },
    { open: '"', close: '"' },
    { open: "“", close: "”" },
  ],
  // A name is an ASCII identifier or a run of Chinese characters, as the lexer reads it.
  wordPattern: new RegExp(`(${WORD_PATTERN.source})`, "g"),
  indentationRules: { increaseIndentPattern: /\{\s*$/, decreaseIndentPattern: /^\s*\}/ },
};

monaco.languages.register({ id: POLICY_LANG, extensions: [".policy"], aliases: ["Credit policy", "信用政策"] });
monaco.languages.register({ id: POLICY_YAML_LANG, extensions: [".policy.yaml", ".policy.yml"], aliases: ["Credit policy (YAML)"] });
monaco.languages.setMonarchTokensProvider(POLICY_LANG, policyMonarch() as unknown as monaco.languages.IMonarchLanguage);
monaco.languages.setMonarchTokensProvider(POLICY_YAML_LANG, policyYamlMonarch() as unknown as monaco.languages.IMonarchLanguage);
monaco.languages.setLanguageConfiguration(POLICY_LANG, languageConfig);
monaco.languages.setLanguageConfiguration(POLICY_YAML_LANG, { ...languageConfig, indentationRules: { increaseIndentPattern: /:\s*$/, decreaseIndentPattern: /^$/ } });

monaco.editor.defineTheme("credit-policy", {
  base: "vs",
  inherit: true,
  rules: [
    { token: "keyword", foreground: "0000c0", fontStyle: "bold" },
    { token: "keyword.boundary", foreground: "a0006e", fontStyle: "bold" },
    { token: "keyword.marker", foreground: "a0006e" },
    { token: "type.article", foreground: "007070" },
    { token: "type.unit", foreground: "8a5a00" },
    { token: "type.key", foreground: "6a3d9a" },
    { token: "number", foreground: "8a5a00" },
    { token: "number.date", foreground: "8a5a00" },
    { token: "string", foreground: "2e6b12" },
    { token: "comment", foreground: "7a7a7a", fontStyle: "italic" },
    // Semantic tokens from the language server (analysis/lsp/semantic-tokens.ts): what a name resolved to.
    { token: "variable", foreground: "1f2328" },
    { token: "parameter", foreground: "8a3f00" },
    { token: "property", foreground: "005f87" },
    { token: "enumMember", foreground: "6a3d9a" },
    { token: "function", foreground: "795e26" },
    { token: "namespace", foreground: "0b5cad", fontStyle: "bold" },
    { token: "class", foreground: "a0006e", fontStyle: "bold" },
    { token: "decorator", foreground: "007070" },
    { token: "type", foreground: "8a5a00" },
    { token: "operator", foreground: "a0006e", fontStyle: "bold" },
  ],
  colors: {},
});

export function languageFor(path: string): string {
  return /\.ya?ml$/i.test(path) ? POLICY_YAML_LANG : POLICY_LANG;
}

export { monaco };
