// `npm run vscode:grammar`: write the extension's TextMate grammars from the lexer's tables
// (grammar.ts). A test (test/lsp/vscode-extension.test.ts) fails when the files are stale.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { policyGrammar, policyYamlGrammar } from "./grammar.js";

export const SYNTAXES = join(dirname(fileURLToPath(import.meta.url)), "syntaxes");

/** The files and their text, as they must be. */
export function grammarFiles(): { file: string; text: string }[] {
  return [
    { file: join(SYNTAXES, "credit-policy.tmLanguage.json"), text: `${JSON.stringify(policyGrammar(), null, 2)}\n` },
    { file: join(SYNTAXES, "credit-policy-yaml.tmLanguage.json"), text: `${JSON.stringify(policyYamlGrammar(), null, 2)}\n` },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of grammarFiles()) {
    writeFileSync(f.file, f.text);
    console.log(`wrote ${f.file}`);
  }
}
