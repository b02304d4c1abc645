// The open policy files: one Monaco model each, the disk version it was opened from (for the save
// conflict check and the dirty mark), its draft in localStorage, and what the language server last
// said about it (diagnostics, and the panels' summary). Every edit goes to the server at once; the
// server waits for a pause in typing and analyses the latest version only, and an answer for an
// older version than the model's is dropped.
import type { Diagnostic as LspDiagnostic, PublishDiagnosticsParams } from "vscode-languageserver-protocol/browser";
import type { AnalysisSummary } from "../../analysis/lsp/types.js";
import * as api from "./api.js";
import { dropDraft, loadDraft, storeDraft, type Draft } from "./drafts.js";
import type { LspClient } from "./lsp/client.js";
import { languageFor, monaco } from "./monaco-setup.js";

const DRAFT_DEBOUNCE_MS = 300;

export interface Doc {
  path: string;
  uri: string;
  model: monaco.editor.ITextModel;
  /** sha256 of the disk text the edits are based on (sent back when saving). */
  baseSha256: string | null;
  /** The disk text as last read or saved: the model differs from it when there are unsaved edits. */
  savedText: string;
  /** The language server's diagnostics for the model's current version. */
  diagnostics: LspDiagnostic[];
  summary?: AnalysisSummary;
  /** The latest analysis whose policy compiled (its cases are shown, marked stale, while the text has errors). */
  lastGood?: AnalysisSummary;
  restored?: Draft;
  viewState?: monaco.editor.ICodeEditorViewState | null;
  draftTimer?: ReturnType<typeof setTimeout>;
}

export interface DocEvents {
  /** New diagnostics for the model's current version. */
  diagnosed(doc: Doc): void;
  /** A new summary for the model's current version. */
  analyzed(doc: Doc): void;
  dirtyChanged(doc: Doc): void;
}

export class Documents {
  readonly docs = new Map<string, Doc>();
  private readonly byUri = new Map<string, Doc>();

  constructor(
    private readonly client: LspClient,
    private readonly events: DocEvents,
  ) {}

  isDirty(doc: Doc): boolean {
    return doc.model.getValue() !== doc.savedText;
  }

  byModel(model: monaco.editor.ITextModel): Doc | undefined {
    return this.byUri.get(model.uri.toString());
  }

  /** The server's diagnostics for a document, when they are for its current version. */
  diagnosticsArrived(p: PublishDiagnosticsParams): void {
    const doc = this.byUri.get(p.uri);
    if (!doc || doc.model.isDisposed() || (p.version !== undefined && p.version !== doc.model.getVersionId())) return;
    doc.diagnostics = p.diagnostics;
    this.events.diagnosed(doc);
  }

  /** The server's summary (cases, coverage, plan check) for a document's current version. */
  summaryArrived(s: AnalysisSummary): void {
    const doc = this.byUri.get(s.uri);
    if (!doc || doc.model.isDisposed() || s.version !== doc.model.getVersionId()) return;
    doc.summary = s;
    if (s.cases) doc.lastGood = s;
    this.events.analyzed(doc);
  }

  private readonly opening = new Map<string, Promise<Doc>>();

  /** Open (or return) a file: the disk text, or the unsaved draft kept for it. */
  open(path: string): Promise<Doc> {
    const existing = this.docs.get(path);
    if (existing) return Promise.resolve(existing);
    // Two clicks on a file while it loads open it once.
    let pending = this.opening.get(path);
    if (!pending) {
      pending = this.load(path).finally(() => this.opening.delete(path));
      this.opening.set(path, pending);
    }
    return pending;
  }

  private async load(path: string): Promise<Doc> {
    const file = await api.readPolicy(path);
    const draft = loadDraft(path);
    const useDraft = draft !== undefined && draft.text !== file.text;
    if (draft && !useDraft) dropDraft(path);
    const uri = monaco.Uri.from({ scheme: "policy", path: `/${path}` });
    const model = monaco.editor.createModel(useDraft ? draft.text : file.text, languageFor(path), uri);
    const doc: Doc = {
      path,
      uri: uri.toString(),
      model,
      baseSha256: useDraft ? draft.baseSha256 : file.sha256,
      savedText: file.text,
      diagnostics: [],
      ...(useDraft ? { restored: draft } : {}),
    };
    model.onDidChangeContent(() => this.changed(doc));
    this.docs.set(path, doc);
    this.byUri.set(doc.uri, doc);
    void this.client.open(doc.uri, languageFor(path), model.getVersionId(), model.getValue());
    return doc;
  }

  private changed(doc: Doc): void {
    void this.client.change(doc.uri, doc.model.getVersionId(), doc.model.getValue());
    this.events.dirtyChanged(doc);
    clearTimeout(doc.draftTimer);
    doc.draftTimer = setTimeout(() => this.keepDraft(doc), DRAFT_DEBOUNCE_MS);
  }

  keepDraft(doc: Doc): void {
    clearTimeout(doc.draftTimer);
    const text = doc.model.getValue();
    if (text === doc.savedText) dropDraft(doc.path);
    else storeDraft(doc.path, { text, baseSha256: doc.baseSha256, savedAt: Date.now() });
  }

  /** Write every pending draft now (before the page reloads). */
  flushDrafts(): void {
    for (const d of this.docs.values()) if (d.draftTimer !== undefined) this.keepDraft(d);
  }

  /** Replace the whole text as one undoable edit (formatter output, a saved case, the disk version). */
  replaceText(doc: Doc, text: string): void {
    if (text === doc.model.getValue()) return;
    doc.model.pushStackElement();
    doc.model.pushEditOperations([], [{ range: doc.model.getFullModelRange(), text }], () => null);
    doc.model.pushStackElement();
  }

  saved(doc: Doc, text: string, sha256: string): void {
    doc.savedText = text;
    doc.baseSha256 = sha256;
    delete doc.restored;
    clearTimeout(doc.draftTimer);
    if (doc.model.getValue() === text) dropDraft(doc.path);
    else this.keepDraft(doc);
    this.events.dirtyChanged(doc);
  }

  /** Drop the unsaved edits: the disk text again, and no draft. */
  async discard(doc: Doc): Promise<void> {
    const file = await api.readPolicy(doc.path);
    doc.savedText = file.text;
    doc.baseSha256 = file.sha256;
    delete doc.restored;
    clearTimeout(doc.draftTimer);
    this.replaceText(doc, file.text);
    dropDraft(doc.path);
    this.events.dirtyChanged(doc);
  }
}
