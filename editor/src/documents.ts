// The open policy files: one Monaco model each, the disk version it was opened from (for the
// save conflict check and the dirty mark), its draft in localStorage, and its latest analysis.
// Analysis is debounced and coalesced: at most one request per file is in flight, and only an
// answer for the model's current version is applied.
import type { Summary } from "./analysis/types.js";
import * as api from "./api.js";
import { dropDraft, loadDraft, storeDraft, type Draft } from "./drafts.js";
import { languageFor, monaco } from "./monaco-setup.js";
import type { AnalysisClient } from "./worker/client.js";

export const ANALYSIS_DEBOUNCE_MS = 150;
const DRAFT_DEBOUNCE_MS = 300;

export interface Doc {
  path: string;
  model: monaco.editor.ITextModel;
  /** sha256 of the disk text the edits are based on (sent back when saving). */
  baseSha256: string | null;
  /** The disk text as last read or saved: the model differs from it when there are unsaved edits. */
  savedText: string;
  summary?: Summary;
  /** The latest analysis whose policy compiled (its cases are shown, marked stale, while the text has errors). */
  lastGood?: Summary;
  restored?: Draft;
  viewState?: monaco.editor.ICodeEditorViewState | null;
  timer?: ReturnType<typeof setTimeout>;
  draftTimer?: ReturnType<typeof setTimeout>;
  inFlight: boolean;
  queued: boolean;
}

export interface DocEvents {
  analyzed(doc: Doc): void;
  dirtyChanged(doc: Doc): void;
}

export class Documents {
  readonly docs = new Map<string, Doc>();

  constructor(
    private readonly client: AnalysisClient,
    private readonly events: DocEvents,
  ) {}

  isDirty(doc: Doc): boolean {
    return doc.model.getValue() !== doc.savedText;
  }

  byModel(model: monaco.editor.ITextModel): Doc | undefined {
    for (const d of this.docs.values()) if (d.model === model) return d;
    return undefined;
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
    const model = monaco.editor.createModel(useDraft ? draft.text : file.text, languageFor(path), monaco.Uri.from({ scheme: "policy", path: `/${path}` }));
    const doc: Doc = {
      path,
      model,
      baseSha256: useDraft ? draft.baseSha256 : file.sha256,
      savedText: file.text,
      ...(useDraft ? { restored: draft } : {}),
      inFlight: false,
      queued: false,
    };
    model.onDidChangeContent(() => this.changed(doc));
    this.docs.set(path, doc);
    this.analyzeNow(doc);
    return doc;
  }

  private changed(doc: Doc): void {
    this.events.dirtyChanged(doc);
    clearTimeout(doc.draftTimer);
    doc.draftTimer = setTimeout(() => this.keepDraft(doc), DRAFT_DEBOUNCE_MS);
    clearTimeout(doc.timer);
    doc.timer = setTimeout(() => this.analyzeNow(doc), ANALYSIS_DEBOUNCE_MS);
  }

  keepDraft(doc: Doc): void {
    const text = doc.model.getValue();
    if (text === doc.savedText) dropDraft(doc.path);
    else storeDraft(doc.path, { text, baseSha256: doc.baseSha256, savedAt: Date.now() });
  }

  analyzeNow(doc: Doc): void {
    clearTimeout(doc.timer);
    if (doc.inFlight) {
      doc.queued = true;
      return;
    }
    doc.inFlight = true;
    const version = doc.model.getVersionId();
    this.client
      .analyze(doc.path, doc.model.getValue(), version)
      .then((summary) => {
        if (!doc.model.isDisposed() && summary.version === doc.model.getVersionId()) {
          doc.summary = summary;
          if (summary.cases) doc.lastGood = summary;
          this.events.analyzed(doc);
        }
      })
      .catch((e: unknown) => console.warn("analysis failed", e))
      .finally(() => {
        doc.inFlight = false;
        if (doc.queued) {
          doc.queued = false;
          this.analyzeNow(doc);
        }
      });
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
