// The credit-policy language server: the LSP over the analysis of analyze.ts. Transport-free — it
// takes a connection — so one server runs behind `credit-policy lsp --stdio` (cli/lsp/, for VS Code
// and other editors) and in the browser editor's web worker (editor/src/worker/), and both give
// the same answers. Each change is analysed after a short pause (debounceMs), the latest version
// only; a request for a newer version than the last analysed one analyses it first.
import {
  CodeActionKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionItem,
  type Connection,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { formatAnySource } from "../../compiler/convert.js";
import type { Policy } from "../../dsl/ast.js";
import { parseAny } from "../../compiler/compile.js";
import { hasErrors } from "../../diagnostics/diagnostics.js";
import { analyzeDocument, parentPlanOf, summaryOf, type DocumentAnalysis, type PlanInput } from "./analyze.js";
import { quickFixes } from "./code-actions.js";
import { completeAt } from "./completion.js";
import { toLsp, toLspDiagnostic } from "./convert.js";
import { explainCase, explainRecord } from "./explain-view.js";
import { hoverAt } from "./hover.js";
import { say, type Lang } from "./messages.js";
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from "./navigation.js";
import { outlineOf } from "./outline.js";
import { ANALYSIS_NOTIFICATION, EXPLAIN_REQUEST, type ExplainParams, type ExplainResult, type InitializationOptions } from "./protocol.js";
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from "./semantic-tokens.js";

/** Where the server finds a policy by id (the parent plan a policy names): files, or the client. */
export interface ServerHost {
  findPolicy(id: string, fromUri: string): Promise<{ text: string; file: string; source: string } | undefined>;
}

/** What the server exposes to the process that hosts it (the browser worker adds its own requests). */
export interface PolicyServer {
  /** The analysis of the document's current version (analysed now if it is not yet). */
  analysisOf(uri: string): DocumentAnalysis | undefined;
  language(): Lang;
}

/** The file name a document URI stands for: its path (the form is read from its extension). */
export function fileOfUri(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** The interface language a client asks for: its option, else its locale. */
export function languageOf(params: Pick<InitializeParams, "locale" | "initializationOptions">): Lang {
  const opt = (params.initializationOptions as InitializationOptions | undefined)?.language;
  if (opt === "zh" || opt === "en") return opt;
  return /^zh\b/i.test(params.locale ?? "") ? "zh" : "en";
}

interface PlanEntry {
  plan: PlanInput;
  fetchedAt: number;
  text?: string;
}

/** How long a parent plan read through the host is used before it is read again (in the background). */
const PLAN_TTL_MS = 3000;

export function startServer(connection: Connection, host: ServerHost): PolicyServer {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, DocumentAnalysis>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const plans = new Map<string, PlanEntry>();
  const fetching = new Set<string>();
  let lang: Lang = "en";
  let debounceMs = 10;
  let summaries = false;

  connection.onInitialize((params): InitializeResult => {
    lang = languageOf(params);
    const opts = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof opts.debounceMs === "number" && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
    summaries = opts.summaries === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [" ", "(", "（", ",", "，", "、"] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
      },
      serverInfo: { name: "credit-policy" },
    };
  });

  connection.onDidChangeConfiguration((params) => {
    const next = (params.settings as { creditPolicy?: { language?: unknown } } | undefined)?.creditPolicy?.language;
    if ((next === "zh" || next === "en") && next !== lang) {
      lang = next;
      for (const a of analyses.values()) publish(a);
    }
  });

  /** The parent plan `id` for the document `uri`: an open document with that policy id, else the host's (cached). */
  function planFor(id: string, uri: string): PlanInput | undefined {
    for (const [other, a] of analyses) {
      if (other !== uri && a.ast?.id === id && documents.get(other)) return { id, policy: a.ast, source: other };
    }
    const cached = plans.get(id);
    if (!cached || Date.now() - cached.fetchedAt > PLAN_TTL_MS) void refreshPlan(id, uri);
    return cached?.plan;
  }

  async function refreshPlan(id: string, uri: string): Promise<void> {
    if (fetching.has(id)) return;
    fetching.add(id);
    try {
      const found = await host.findPolicy(id, uri).catch(() => undefined);
      let plan: PlanInput = { id, missing: true };
      let policy: Policy | undefined;
      if (found) {
        const parsed = parseAny(found.text, found.file);
        policy = parsed.policy && !hasErrors(parsed.diagnostics) ? parsed.policy : undefined;
        if (policy) plan = { id, policy, source: found.source };
      }
      const before = plans.get(id);
      plans.set(id, { plan, fetchedAt: Date.now(), ...(found ? { text: found.text } : {}) });
      // Re-check the documents naming this plan when what is known of it changed.
      if (!before || before.text !== found?.text) {
        for (const [u, a] of analyses) if (parentPlanOf(a.ast) === id) schedule(u, 0);
      }
    } finally {
      fetching.delete(id);
    }
  }

  function publish(a: DocumentAnalysis): void {
    void connection.sendDiagnostics({ uri: a.uri, version: a.version, diagnostics: a.diagnostics.map((d) => toLspDiagnostic(d, a.uri, lang)) });
    if (summaries) void connection.sendNotification(ANALYSIS_NOTIFICATION, summaryOf(a));
  }

  function analyze(uri: string): DocumentAnalysis | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const a = analyzeDocument({ uri, version: doc.version, text: doc.getText(), file: fileOfUri(uri) }, { planFor: (id) => planFor(id, uri) });
    analyses.set(uri, a);
    publish(a);
    return a;
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => analyze(uri), delay),
    );
  }

  /** The analysis of the current text: the last one if it is current, else a new one now. */
  function current(uri: string): DocumentAnalysis | undefined {
    const doc = documents.get(uri);
    const a = analyses.get(uri);
    if (doc && a && a.version === doc.version) return a;
    return analyze(uri);
  }

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires on open: the open handler has scheduled it at once.
    if (!timers.has(e.document.uri) || analyses.has(e.document.uri)) schedule(e.document.uri, debounceMs);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion((p): CompletionItem[] => {
    const a = current(p.textDocument.uri);
    if (!a) return [];
    // A space typed anywhere would otherwise open the whole vocabulary: only where a context calls for it.
    return completeAt(a, p.position.line + 1, p.position.character + 1, lang, p.context?.triggerKind === 2).items;
  });

  connection.onHover((p): Hover | null => {
    const a = current(p.textDocument.uri);
    if (!a) return null;
    const h = hoverAt(a, a.text, p.position.line + 1, p.position.character + 1, lang);
    return h ? { contents: { kind: "markdown", value: h.markdown }, range: toLsp(h.range) } : null;
  });

  connection.onDefinition((p): Location | null => {
    const a = current(p.textDocument.uri);
    const r = a ? definitionAt(a, p.position.line + 1, p.position.character + 1) : undefined;
    return r ? { uri: p.textDocument.uri, range: toLsp(r) } : null;
  });

  connection.onReferences((p): Location[] => {
    const a = current(p.textDocument.uri);
    if (!a) return [];
    return referencesAt(a, p.position.line + 1, p.position.character + 1, p.context.includeDeclaration).map((r) => ({ uri: p.textDocument.uri, range: toLsp(r) }));
  });

  connection.onDocumentHighlight((p) => {
    const a = current(p.textDocument.uri);
    if (!a) return [];
    return referencesAt(a, p.position.line + 1, p.position.character + 1, true).map((r) => ({ range: toLsp(r) }));
  });

  connection.onPrepareRename((p) => {
    const a = current(p.textDocument.uri);
    const r = a ? prepareRenameAt(a, p.position.line + 1, p.position.character + 1) : undefined;
    return r ? toLsp(r) : null;
  });

  connection.onRenameRequest((p): WorkspaceEdit => {
    const a = current(p.textDocument.uri);
    if (!a) return { changes: {} };
    const out = renameAt(a, p.position.line + 1, p.position.character + 1, p.newName, lang);
    if ("error" in out) throw new ResponseError(-32803, out.error);
    return { changes: { [p.textDocument.uri]: out.edits.map((e) => ({ range: toLsp(e.range), newText: e.newText })) } };
  });

  connection.onDocumentSymbol((p) => {
    const a = current(p.textDocument.uri);
    return a?.ast ? outlineOf(a.ast, a.symbols, lang) : [];
  });

  connection.onDocumentFormatting((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const out = formatAnySource(text, fileOfUri(p.textDocument.uri));
    if (out.text === undefined) {
      void connection.window.showWarningMessage(say(lang, "formatFailed"));
      return [];
    }
    if (out.text === text) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: out.text }];
  });

  connection.onCodeAction((p) => {
    const a = current(p.textDocument.uri);
    return a ? quickFixes(a, p.context.diagnostics, lang) : [];
  });

  connection.languages.semanticTokens.on((p) => {
    const a = current(p.textDocument.uri);
    return { data: a ? semanticTokens(a) : [] };
  });

  connection.onRequest(EXPLAIN_REQUEST, (p: ExplainParams): ExplainResult | null => {
    const a = current(p.uri);
    if (!a) return null;
    const out = p.caseName !== undefined ? explainCase(a, p.caseName, lang) : explainRecord(a, p.record, p.asOf ?? "", lang);
    return out ?? null;
  });

  documents.listen(connection);
  return {
    analysisOf: (uri) => current(uri),
    language: () => lang,
  };
}

