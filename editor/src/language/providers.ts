// Monaco adapters for the policy languages: completion, hover, go to definition and format
// document. The data comes from the pure modules beside this one and from the latest analysis the
// worker sent for the model.
import { formatAnySource } from "../../../compiler/convert.js";
import { sourceLang } from "../analysis/analyze.js";
import type { Range, Summary } from "../analysis/types.js";
import { monaco, POLICY_LANG, POLICY_YAML_LANG } from "../monaco-setup.js";
import { policyItems, staticItems, type Item, type ItemKind } from "./completion-items.js";
import { definitionAt, hoverAt } from "./hover-info.js";

export interface LanguageHost {
  summaryFor(model: monaco.editor.ITextModel): Summary | undefined;
  pathFor(model: monaco.editor.ITextModel): string;
  /** Tell the user something (format refused …). */
  notify(message: string): void;
  formatFailedMessage(): string;
}

const K = monaco.languages.CompletionItemKind;
const KIND: Record<ItemKind, monaco.languages.CompletionItemKind> = {
  keyword: K.Keyword,
  boundary: K.Operator,
  unit: K.Unit,
  source: K.Module,
  field: K.Field,
  function: K.Function,
  enum: K.EnumMember,
  value: K.Variable,
  grade: K.Constant,
  article: K.Reference,
};

export function toMonacoRange(r: Range): monaco.IRange {
  return { startLineNumber: r.line, startColumn: r.col, endLineNumber: r.endLine, endColumn: r.endCol };
}

const staticCache = new Map<string, Item[]>();

export function registerLanguageFeatures(host: LanguageHost): void {
  for (const lang of [POLICY_LANG, POLICY_YAML_LANG]) {
    monaco.languages.registerCompletionItemProvider(lang, {
      provideCompletionItems(model, position) {
        const summary = host.summaryFor(model);
        const form = lang === POLICY_YAML_LANG ? "yaml" : "dsl";
        const kwLang = summary?.lang ?? sourceLang(model.getValue(), form);
        let base = staticCache.get(kwLang);
        if (!base) staticCache.set(kwLang, (base = staticItems(kwLang)));
        const word = model.getWordUntilPosition(position);
        const range = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: word.endColumn };
        const items = [...(summary ? policyItems(summary) : []), ...base];
        return {
          suggestions: items.map((i) => ({
            label: i.label,
            kind: KIND[i.kind],
            detail: i.detail,
            ...(i.documentation ? { documentation: { value: i.documentation } } : {}),
            insertText: i.insertText,
            sortText: i.sortText,
            range,
          })),
        };
      },
    });
    monaco.languages.registerHoverProvider(lang, {
      provideHover(model, position) {
        const info = hoverAt(host.summaryFor(model), model.getLineContent(position.lineNumber), position.lineNumber, position.column);
        if (!info) return null;
        return { range: toMonacoRange(info.range), contents: info.markdown.map((value) => ({ value })) };
      },
    });
    monaco.languages.registerDefinitionProvider(lang, {
      provideDefinition(model, position) {
        const r = definitionAt(host.summaryFor(model), model.getLineContent(position.lineNumber), position.column, position.lineNumber);
        return r ? { uri: model.uri, range: toMonacoRange(r) } : null;
      },
    });
    monaco.languages.registerDocumentFormattingEditProvider(lang, {
      provideDocumentFormattingEdits(model) {
        const out = formatAnySource(model.getValue(), host.pathFor(model));
        if (out.text === undefined) {
          host.notify(host.formatFailedMessage());
          return [];
        }
        if (out.text === model.getValue()) return [];
        return [{ range: model.getFullModelRange(), text: out.text }];
      },
    });
  }
}
