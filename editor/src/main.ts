// The editor page: wires the open documents to the language server in the worker, the Monaco editor
// and its language features, the problems list, the cases panel with coverage and why / why not,
// the record try-out, the compare view, saving and the language switch.
import "./style.css";
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver-protocol/browser";
import { EXPLAIN_REQUEST, type ExplainParams, type ExplainResult, type ReadPolicyResult } from "../../analysis/lsp/protocol.js";
import type { CaseView } from "../../analysis/lsp/types.js";
import { setExpectation } from "./analysis/edit-cases.js";
import * as api from "./api.js";
import { draftPaths } from "./drafts.js";
import { Documents, type Doc } from "./documents.js";
import { byId, h } from "./dom.js";
import { setUiLang, t, uiLang, type StringKey } from "./i18n.js";
import { LspClient } from "./lsp/client.js";
import { registerLanguageFeatures, setRenameRefusedMessage } from "./lsp/monaco-adapter.js";
import { monaco } from "./monaco-setup.js";
import { renderCases } from "./views/cases.js";
import { DiffView } from "./views/diff.js";
import { explanationDecorations } from "./views/explain.js";
import { markersOf, MARKER_OWNER, renderProblems } from "./views/problems.js";
import { defaultAsOf, RecordView } from "./views/record.js";

let files: api.PolicyFileInfo[] = [];
let active: Doc | undefined;
let view: "edit" | "diff" = "edit";

const client = new LspClient(uiLang(), {
  diagnostics: (p) => documents.diagnosticsArrived(p),
  analysis: (s) => documents.summaryArrived(s),
  message: (text) => notify(text, true),
  async readPolicy({ id }): Promise<ReadPolicyResult> {
    // A parent plan by id: the folder of that name under the policies the server lists.
    const file = files.find((f) => f.id === id && f.form === "dsl") ?? files.find((f) => f.id === id);
    if (!file) return null;
    try {
      const content = await api.readPolicy(file.path);
      return { text: content.text, file: file.path, source: file.path };
    } catch {
      notify(t("readPolicyFailed", id), true);
      return null;
    }
  },
});

/** When the active document's last summary was drawn, by model version (the latency benchmark reads it). */
const rendered = { version: -1, at: 0 };

const documents = new Documents(client, {
  diagnosed(doc) {
    monaco.editor.setModelMarkers(doc.model, MARKER_OWNER, markersOf(doc.diagnostics, doc.model.uri));
    if (doc === active) renderStatus();
  },
  analyzed(doc) {
    if (doc === active) drawSummary(doc);
  },
  dirtyChanged(doc) {
    if (doc === active) renderDirty();
    renderFiles();
  },
});

const editor = monaco.editor.create(byId("editor-host"), {
  model: null,
  theme: "credit-policy",
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  wordWrap: "on",
  wrappingIndent: "indent",
  scrollBeyondLastLine: false,
  renderWhitespace: "none",
  "semanticHighlighting.enabled": true,
  // Full-width punctuation typed by a Chinese input method is part of the language, not a typo.
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
  quickSuggestions: { other: true, comments: false, strings: false },
});

/** Draw the active document's summary (cases, coverage, plan check) and regrade the record with it. */
function drawSummary(doc: Doc): void {
  renderActive();
  record.setDoc(doc);
  rendered.version = doc.summary?.version ?? -1;
  rendered.at = performance.now();
  document.body.dataset["ready"] = "1";
}

function notify(message: string, isError = false): void {
  const el = byId("status-msg");
  el.textContent = message;
  el.style.color = isError ? "var(--fail)" : "";
}

type BannerAction = { label: string; id: string; run: () => void };

function showBanner(message: string, kind: "info" | "error", actions: BannerAction[] = [], code?: string): void {
  const banner = byId("banner");
  if (code) banner.dataset["code"] = code;
  else delete banner.dataset["code"];
  banner.hidden = false;
  banner.className = kind === "error" ? "error" : "";
  banner.replaceChildren(
    h("span", { class: "msg", role: "alert" }, message),
    ...actions.map((a) => h("button", { id: a.id, onclick: a.run }, a.label)),
    h("button", { id: "banner-dismiss", onclick: hideBanner }, t("dismiss")),
  );
}

function hideBanner(): void {
  byId("banner").hidden = true;
}

/** The deciding clauses of the explanation on show (a case's, else the record's), highlighted in the text. */
const whyDecorations = editor.createDecorationsCollection([]);
const explanations: { case?: ExplainResult; record?: ExplainResult } = {};

function showExplanation(e: ExplainResult | undefined, from: string): void {
  if (from === "case") explanations.case = e;
  else explanations.record = e;
  whyDecorations.set(explanationDecorations(explanations.case ?? explanations.record));
}

const record = new RecordView(client, documents, { notify, reveal, showExplanation });
const diff = new DiffView(client, documents, () => files, notify);

registerLanguageFeatures({
  client,
  diagnosticsFor: (model): readonly LspDiagnostic[] => documents.byModel(model)?.diagnostics ?? [],
});
setRenameRefusedMessage(t("renameRefused"));

function reveal(line: number, col: number): void {
  if (view !== "edit") void switchView("edit");
  editor.revealPositionInCenter({ lineNumber: line, column: col });
  editor.setPosition({ lineNumber: line, column: col });
  editor.focus();
}

function acceptActual(doc: Doc, c: CaseView): void {
  const expect = {
    grade: c.grade ?? null,
    ...(c.expected.matched !== undefined ? { matched: c.matched.map((m) => m.article) } : {}),
    ...(c.expected.measures !== undefined ? { measures: c.measures.map((m) => m.article) } : {}),
  };
  const out = setExpectation(doc.model.getValue(), doc.path, c.name, expect);
  if ("text" in out) documents.replaceText(doc, out.text);
  else notify(t("policyHasErrors"), true);
}

function renderFiles(): void {
  // Unsaved: an open file whose text differs from the disk, or a draft kept for a file not open.
  const drafts = new Set(draftPaths());
  const unsaved = (path: string) => {
    const doc = documents.docs.get(path);
    return doc ? documents.isDirty(doc) : drafts.has(path);
  };
  byId("file-list").replaceChildren(
    ...files.map((f) =>
      h(
        "li",
        {
          class: `${active?.path === f.path ? "active" : ""}${unsaved(f.path) ? " has-draft" : ""}`,
          "data-path": f.path,
          "data-unsaved": unsaved(f.path) ? "1" : "0",
          title: f.path,
          onclick: () => void openFile(f.path),
        },
        f.path,
      ),
    ),
  );
}

function renderDirty(): void {
  const el = byId("dirty-state");
  const dirty = !!active && documents.isDirty(active);
  el.textContent = active ? (dirty ? `● ${t("unsaved")}` : t("saved")) : "";
  el.className = dirty ? "dirty" : "";
  el.dataset["dirty"] = dirty ? "1" : "0";
}

function renderStatus(): void {
  const diags = active?.diagnostics ?? [];
  renderProblems(diags, reveal);
  const errors = diags.filter((d) => d.severity === 1).length;
  byId("status-diags").textContent = active ? t("errorsWarnings", errors, diags.length - errors) : "";
}

function renderActive(): void {
  renderStatus();
  renderCases(active, {
    reveal,
    acceptActual,
    explainCase: (doc, name) => client.request<ExplainResult | null>(EXPLAIN_REQUEST, { uri: doc.uri, caseName: name } satisfies ExplainParams),
    showExplanation,
  });
  const s = active?.summary;
  byId("status-time").textContent = s ? t("compileTime", s.timings.totalMs.toFixed(1)) : "";
}

function applyI18n(): void {
  document.documentElement.lang = uiLang() === "zh" ? "zh-CN" : "en";
  document.title = `${t("appTitle")} · credit-policy`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset["i18n"] as StringKey);
  byId<HTMLInputElement>("case-name").placeholder = t("caseName");
  byId("btn-lang").title = t("languageTitle");
  byId("btn-format").title = t("formatShortcut");
  record.renderExamples();
}

async function openFile(path: string): Promise<void> {
  let doc: Doc;
  try {
    doc = await documents.open(path);
  } catch (e) {
    showBanner(t("loadFailed", path, (e as Error).message), "error");
    return;
  }
  if (active && active !== doc) active.viewState = editor.saveViewState();
  active = doc;
  explanations.case = undefined;
  explanations.record = undefined;
  whyDecorations.clear();
  editor.setModel(doc.model);
  if (doc.viewState) editor.restoreViewState(doc.viewState);
  byId("current-file").textContent = doc.path;
  history.replaceState(null, "", `#${encodeURIComponent(doc.path)}`);
  localStorage.setItem("cpe:last", doc.path);
  if (doc.restored) {
    const at = new Date(doc.restored.savedAt);
    const stale = doc.restored.baseSha256 !== files.find((f) => f.path === doc.path)?.sha256;
    showBanner(`${t("restoredDraft", at.toLocaleString(uiLang() === "zh" ? "zh-CN" : "en"))}${stale ? ` ${t("draftStale")}` : ""}`, "info", [
      { id: "banner-discard", label: t("discard"), run: () => void discard() },
    ]);
    delete doc.restored;
  } else hideBanner();
  renderFiles();
  renderDirty();
  // Its summary may have come while the file was being opened.
  if (doc.summary?.version === doc.model.getVersionId()) drawSummary(doc);
  else renderActive();
}

async function save(force = false): Promise<void> {
  const doc = active;
  if (!doc) return;
  const text = doc.model.getValue();
  notify(t("saving"));
  let out: api.SaveOutcome;
  try {
    out = await api.savePolicy(doc.path, text, doc.baseSha256, force);
  } catch (e) {
    showBanner(t("saveFailed", (e as Error).message), "error");
    return;
  }
  if ("error" in out) {
    notify(t("conflict", doc.path), true);
    showBanner(
      t("conflict", doc.path),
      "error",
      [
        { id: "conflict-compare", label: t("conflictCompare"), run: () => void switchView("diff", `disk:${doc.path}`, `buffer:${doc.path}`) },
        { id: "conflict-overwrite", label: t("conflictOverwrite"), run: () => void save(true) },
        { id: "conflict-reload", label: t("conflictReload"), run: () => void discard(false) },
      ],
      out.code,
    );
    return;
  }
  documents.saved(doc, text, out.sha256);
  hideBanner();
  notify(t("savedAt", doc.path));
  files = await api.listPolicies();
  renderFiles();
}

async function discard(ask = true): Promise<void> {
  const doc = active;
  if (!doc) return;
  if (ask && documents.isDirty(doc) && !window.confirm(t("discardConfirm", doc.path))) return;
  await documents.discard(doc);
  hideBanner();
}

async function switchView(next: "edit" | "diff", left?: string, right?: string): Promise<void> {
  view = next;
  byId("edit-view").hidden = next !== "edit";
  byId("diff-view").hidden = next !== "diff";
  byId("tab-edit").classList.toggle("active", next === "edit");
  byId("tab-diff").classList.toggle("active", next === "diff");
  if (next === "diff") {
    // No day filled in: the report chooses it by the same rule as `credit-policy diff` (analysis/diff/as-of.ts).
    await diff.prepare(active?.path, left, right);
    await diff.run();
  }
}

/** The other interface language: Monaco's own menus are localised when it loads, so the page reloads, keeping every unsaved edit. */
function switchLanguage(): void {
  documents.flushDrafts();
  record.keep();
  setUiLang(uiLang() === "zh" ? "en" : "zh");
  location.reload();
}

function format(): void {
  void editor.getAction("editor.action.formatDocument")?.run();
}

byId("btn-save").addEventListener("click", () => void save());
// The summary "n passed, m failed" brings the first failing case into view.
byId("cases-summary").addEventListener("click", () => document.querySelector("#case-list li.fail")?.scrollIntoView({ block: "nearest" }));
byId("btn-discard").addEventListener("click", () => void discard());
byId("btn-format").addEventListener("click", format);
byId("tab-edit").addEventListener("click", () => void switchView("edit"));
byId("tab-diff").addEventListener("click", () => void switchView("diff"));
byId("btn-lang").addEventListener("click", switchLanguage);
editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
// Shift+Alt+F formats on every platform (Monaco binds Ctrl+Shift+I on Linux only).
editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, format);
window.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === "s") {
    e.preventDefault();
    void save();
  }
});
window.addEventListener("beforeunload", () => documents.flushDrafts());

// A handle for the browser tests and the latency benchmark: read-only views of the state, the
// cursor placement a person does with the mouse, and the language server's raw answers.
declare global {
  interface Window {
    __cpEditor?: unknown;
  }
}
window.__cpEditor = {
  monaco,
  editor,
  recordEditor: record.editor,
  activePath: () => active?.path,
  activeUri: () => active?.uri,
  summary: () => active?.summary,
  diagnostics: () => active?.diagnostics,
  rendered: () => ({ ...rendered }),
  version: () => active?.model.getVersionId(),
  markers: () => (active ? monaco.editor.getModelMarkers({ resource: active.model.uri, owner: MARKER_OWNER }) : []),
  recordMarkers: () => monaco.editor.getModelMarkers({ owner: "credit-record" }),
  /** The why / why-not highlights in the policy text: their lines and classes. */
  decorations: () =>
    (editor.getModel()?.getAllDecorations() ?? [])
      .filter((d) => d.options.className === "why-held-text" || d.options.className === "why-failed-text")
      .map((d) => ({ line: d.range.startLineNumber, endLine: d.range.endLineNumber, className: d.options.className })),
  setCursor: (line: number, col: number) => reveal(line, col),
  text: () => active?.model.getValue(),
  lsp: (method: string, params: unknown) => client.request(method, params),
  /** Monaco's tokens for a line of policy text: [offset, class] pairs. */
  tokenize: (line: string, yaml = false) =>
    monaco.editor.tokenize(line, yaml ? "credit-policy-yaml" : "credit-policy")[0]?.map((tk) => [tk.offset, tk.type.replace(/\.policy(-yaml)?$/, "")]),
};

async function start(): Promise<void> {
  applyI18n();
  try {
    files = await api.listPolicies();
  } catch (e) {
    showBanner(t("loadFailed", "/api/policies", (e as Error).message), "error");
    return;
  }
  renderFiles();
  void api.exampleRecords().then((text) => record.setExamples(text));
  const fromHash = decodeURIComponent(location.hash.slice(1));
  const last = localStorage.getItem("cpe:last");
  const first = [fromHash, last].find((p) => p && files.some((f) => f.path === p)) ?? files[0]?.path;
  if (first) await openFile(first);
}

void start();
