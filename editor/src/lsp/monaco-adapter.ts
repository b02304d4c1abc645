// Monaco's language features answered by the language server in the worker: a thin mapping of
// Monaco's provider calls to LSP requests and of the LSP answers to Monaco's shapes (0-based LSP
// positions to 1-based Monaco ones, LSP kinds to Monaco's). No language logic lives here.
import type {
  CodeAction,
  CompletionItem,
  Diagnostic as LspDiagnostic,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  Location,
  Range as LspRange,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol/browser";
import { TOKEN_MODIFIERS, TOKEN_TYPES } from "../../../analysis/lsp/semantic-tokens.js";
import { EXPLAIN_REQUEST } from "../../../analysis/lsp/protocol.js";
import { monaco, POLICY_LANG, POLICY_YAML_LANG } from "../monaco-setup.js";
import type { LspClient } from "./client.js";

export { EXPLAIN_REQUEST };

export function toMonacoRange(r: LspRange): monaco.IRange {
  return { startLineNumber: r.start.line + 1, startColumn: r.start.character + 1, endLineNumber: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function toLspPosition(p: monaco.IPosition): { line: number; character: number } {
  return { line: p.lineNumber - 1, character: p.column - 1 };
}

const K = monaco.languages.CompletionItemKind;
/** LSP CompletionItemKind (1-based, LSP order) → Monaco's. */
const COMPLETION_KIND: Record<number, monaco.languages.CompletionItemKind> = {
  1: K.Text,
  2: K.Method,
  3: K.Function,
  4: K.Constructor,
  5: K.Field,
  6: K.Variable,
  7: K.Class,
  8: K.Interface,
  9: K.Module,
  10: K.Property,
  11: K.Unit,
  12: K.Value,
  13: K.Enum,
  14: K.Keyword,
  15: K.Snippet,
  16: K.Color,
  17: K.File,
  18: K.Reference,
  19: K.Folder,
  20: K.EnumMember,
  21: K.Constant,
  22: K.Struct,
  23: K.Event,
  24: K.Operator,
  25: K.TypeParameter,
};

function markdown(contents: Hover["contents"]): monaco.IMarkdownString[] {
  const list = Array.isArray(contents) ? contents : [contents];
  return list.map((c) => ({ value: typeof c === "string" ? c : c.value }));
}

function workspaceEdit(model: monaco.editor.ITextModel, edit: WorkspaceEdit | null | undefined): monaco.languages.WorkspaceEdit {
  const edits: monaco.languages.IWorkspaceTextEdit[] = [];
  for (const list of Object.values(edit?.changes ?? {})) {
    for (const e of list) edits.push({ resource: model.uri, textEdit: { range: toMonacoRange(e.range), text: e.newText }, versionId: undefined });
  }
  return { edits };
}

function documentSymbol(s: DocumentSymbol): monaco.languages.DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail ?? "",
    // LSP SymbolKind is Monaco's plus one.
    kind: (s.kind - 1) as monaco.languages.SymbolKind,
    tags: [],
    range: toMonacoRange(s.range),
    selectionRange: toMonacoRange(s.selectionRange),
    children: (s.children ?? []).map(documentSymbol),
  };
}

export interface AdapterHost {
  client: LspClient;
  /** The LSP diagnostics last published for a model (the quick fixes read their data). */
  diagnosticsFor(model: monaco.editor.ITextModel): readonly LspDiagnostic[];
}

const uriOf = (model: monaco.editor.ITextModel): string => model.uri.toString();

export function registerLanguageFeatures(host: AdapterHost): void {
  const { client } = host;
  const doc = (model: monaco.editor.ITextModel) => ({ textDocument: { uri: uriOf(model) } });
  const at = (model: monaco.editor.ITextModel, position: monaco.IPosition) => ({ ...doc(model), position: toLspPosition(position) });
  for (const lang of [POLICY_LANG, POLICY_YAML_LANG]) {
    monaco.languages.registerCompletionItemProvider(lang, {
      triggerCharacters: [" ", "(", "（", ",", "，", "、"],
      async provideCompletionItems(model, position, context) {
        // Monaco counts trigger kinds from 0, LSP from 1.
        const items = await client.request<CompletionItem[]>("textDocument/completion", { ...at(model, position), context: { triggerKind: context.triggerKind + 1, ...(context.triggerCharacter ? { triggerCharacter: context.triggerCharacter } : {}) } });
        const word = model.getWordUntilPosition(position);
        const fallback = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: word.endColumn };
        return {
          suggestions: items.map((i) => {
            const edit = i.textEdit && "range" in i.textEdit ? i.textEdit : undefined;
            return {
              label: i.label,
              kind: COMPLETION_KIND[i.kind ?? 1] ?? K.Text,
              ...(i.detail ? { detail: i.detail } : {}),
              ...(i.documentation ? { documentation: typeof i.documentation === "string" ? i.documentation : { value: i.documentation.value } } : {}),
              insertText: edit ? edit.newText : (i.insertText ?? i.label),
              ...(i.sortText ? { sortText: i.sortText } : {}),
              range: edit ? toMonacoRange(edit.range) : fallback,
            };
          }),
        };
      },
    });
    monaco.languages.registerHoverProvider(lang, {
      async provideHover(model, position) {
        const h = await client.request<Hover | null>("textDocument/hover", at(model, position));
        return h ? { contents: markdown(h.contents), ...(h.range ? { range: toMonacoRange(h.range) } : {}) } : null;
      },
    });
    monaco.languages.registerDefinitionProvider(lang, {
      async provideDefinition(model, position) {
        const l = await client.request<Location | null>("textDocument/definition", at(model, position));
        return l ? { uri: model.uri, range: toMonacoRange(l.range) } : null;
      },
    });
    monaco.languages.registerReferenceProvider(lang, {
      async provideReferences(model, position, context) {
        const ls = await client.request<Location[]>("textDocument/references", { ...at(model, position), context: { includeDeclaration: context.includeDeclaration } });
        return ls.map((l) => ({ uri: model.uri, range: toMonacoRange(l.range) }));
      },
    });
    monaco.languages.registerDocumentHighlightProvider(lang, {
      async provideDocumentHighlights(model, position) {
        const hs = await client.request<DocumentHighlight[]>("textDocument/documentHighlight", at(model, position));
        return hs.map((x) => ({ range: toMonacoRange(x.range), kind: monaco.languages.DocumentHighlightKind.Text }));
      },
    });
    monaco.languages.registerRenameProvider(lang, {
      async provideRenameEdits(model, position, newName) {
        try {
          return workspaceEdit(model, await client.request<WorkspaceEdit>("textDocument/rename", { ...at(model, position), newName }));
        } catch (e) {
          return { edits: [], rejectReason: (e as Error).message };
        }
      },
      async resolveRenameLocation(model, position) {
        const r = await client.request<LspRange | null>("textDocument/prepareRename", at(model, position));
        if (!r) return { range: { startLineNumber: position.lineNumber, startColumn: position.column, endLineNumber: position.lineNumber, endColumn: position.column }, text: "", rejectReason: renameRefused() };
        const range = toMonacoRange(r);
        return { range, text: model.getValueInRange(range) };
      },
    });
    monaco.languages.registerDocumentSymbolProvider(lang, {
      async provideDocumentSymbols(model) {
        return (await client.request<DocumentSymbol[]>("textDocument/documentSymbol", doc(model))).map(documentSymbol);
      },
    });
    monaco.languages.registerDocumentFormattingEditProvider(lang, {
      async provideDocumentFormattingEdits(model) {
        const edits = await client.request<TextEdit[]>("textDocument/formatting", { ...doc(model), options: { tabSize: 2, insertSpaces: true } });
        return edits.map((e) => ({ range: toMonacoRange(e.range), text: e.newText }));
      },
    });
    monaco.languages.registerCodeActionProvider(lang, {
      async provideCodeActions(model, range) {
        const diagnostics = host.diagnosticsFor(model).filter((d) => monaco.Range.areIntersectingOrTouching(toMonacoRange(d.range), range));
        if (diagnostics.length === 0) return { actions: [], dispose() {} };
        const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
          ...doc(model),
          range: { start: toLspPosition({ lineNumber: range.startLineNumber, column: range.startColumn }), end: toLspPosition({ lineNumber: range.endLineNumber, column: range.endColumn }) },
          context: { diagnostics, only: ["quickfix"] },
        });
        return {
          actions: actions.map((a) => ({ title: a.title, kind: a.kind ?? "quickfix", isPreferred: a.isPreferred ?? false, edit: workspaceEdit(model, a.edit) })),
          dispose() {},
        };
      },
    });
    monaco.languages.registerDocumentSemanticTokensProvider(lang, {
      getLegend: () => ({ tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }),
      async provideDocumentSemanticTokens(model) {
        const t = await client.request<SemanticTokens>("textDocument/semanticTokens/full", doc(model));
        return { data: new Uint32Array(t.data) };
      },
      releaseDocumentSemanticTokens() {},
    });
  }
}

let refused = "";
/** The message shown when F2 is pressed where nothing can be renamed (set by the page in its language). */
export function setRenameRefusedMessage(text: string): void {
  refused = text;
}
function renameRefused(): string {
  return refused;
}
