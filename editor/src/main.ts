// The editor page: wires the open documents, the Monaco editor and language features, the problems
// list, the cases panel, the record try-out, the diff view, saving and the language switch.
import "./style.css";
import { setExpectation } from "./analysis/edit-cases.js";
import type { CaseView } from "./analysis/types.js";
import * as api from "./api.js";
import { draftPaths } from "./drafts.js";
import { Documents, type Doc } from "./documents.js";
import { byId, h } from "./dom.js";
import { setUiLang, t, uiLang, type StringKey } from "./i18n.js";
import { registerLanguageFeatures } from "./language/providers.js";
import { monaco } from "./monaco-setup.js";
import { renderCases } from "./views/cases.js";
import { DiffView } from "./views/diff.js";
import { markersOf, MARKER_OWNER, renderProblems } from "./views/problems.js";
import { RecordView } from "./views/record.js";
import { AnalysisClient } from "./worker/client.js";

const client = new AnalysisClient();
let files: api.PolicyFileInfo[] = [];
let active: Doc | undefined;
let view: "edit" | "diff" = "edit";

const documents = new Documents(client, {
  analyzed(doc) {
    monaco.editor.setModelMarkers(doc.model, MARKER_OWNER, markersOf(doc.summary?.diagnostics ?? [], doc.model.uri));
    if (doc === active) {
      renderActive();
      record.setDoc(doc);
      document.body.dataset["ready"] = "1";
    }
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
  // Full-width punctuation typed by a Chinese input method is part of the language, not a typo.
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
  quickSuggestions: { other: true, comments: false, strings: false },
});

function notify(message: string, isError = false): void {
  const el = byId("status-msg");
  el.textContent = message;
  el.style.color = isError ? "var(--fail)" : "";
}

type BannerAction = { label: string; id: string; run: () => void };
/** The banner being shown, as a function of the interface language (redrawn by the switch). */
let bannerView: (() => void) | undefined;

function showBanner(message: string | (() => string), kind: "info" | "error", actions: BannerAction[] | (() => BannerAction[]) = [], code?: string): void {
  bannerView = () => drawBanner(typeof message === "function" ? message() : message, kind, typeof actions === "function" ? actions() : actions, code);
  bannerView();
}

function drawBanner(message: string, kind: "info" | "error", actions: BannerAction[], code: string | undefined): void {
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
  bannerView = undefined;
  byId("banner").hidden = true;
}

const record = new RecordView(client, documents, notify);
const diff = new DiffView(client, documents, () => files, notify);

registerLanguageFeatures({
  summaryFor: (model) => documents.byModel(model)?.summary ?? documents.byModel(model)?.lastGood,
  pathFor: (model) => documents.byModel(model)?.path ?? "policy.policy",
  notify: (m) => notify(m, true),
  formatFailedMessage: () => t("formatFailed"),
});

function reveal(line: number, col: number): void {
  if (view !== "edit") switchView("edit");
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
  const drafts = new Set(draftPaths());
  byId("file-list").replaceChildren(
    ...files.map((f) =>
      h(
        "li",
        {
          class: `${active?.path === f.path ? "active" : ""}${drafts.has(f.path) ? " has-draft" : ""}`,
          "data-path": f.path,
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

function renderActive(): void {
  const s = active?.summary;
  renderProblems(s, reveal);
  renderCases(active, { reveal, acceptActual });
  const errors = s?.diagnostics.filter((d) => d.severity === "error").length ?? 0;
  byId("status-diags").textContent = s ? t("errorsWarnings", errors, (s.diagnostics.length ?? 0) - errors) : "";
  byId("status-time").textContent = s ? t("compileTime", s.timings.totalMs.toFixed(1)) : "";
}

function applyI18n(): void {
  document.documentElement.lang = uiLang() === "zh" ? "zh-CN" : "en";
  document.title = `${t("appTitle")} · credit-policy`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset["i18n"] as StringKey);
  byId<HTMLInputElement>("case-name").placeholder = t("caseName");
  record.renderExamples();
  record.rerender();
  renderDirty();
  renderActive();
  bannerView?.();
  for (const d of documents.docs.values()) monaco.editor.setModelMarkers(d.model, MARKER_OWNER, markersOf(d.summary?.diagnostics ?? [], d.model.uri));
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
  editor.setModel(doc.model);
  if (doc.viewState) editor.restoreViewState(doc.viewState);
  byId("current-file").textContent = doc.path;
  history.replaceState(null, "", `#${encodeURIComponent(doc.path)}`);
  localStorage.setItem("cpe:last", doc.path);
  if (doc.restored) {
    const at = new Date(doc.restored.savedAt);
    const stale = doc.restored.baseSha256 !== files.find((f) => f.path === doc.path)?.sha256;
    showBanner(
      () => `${t("restoredDraft", at.toLocaleString(uiLang() === "zh" ? "zh-CN" : "en"))}${stale ? ` ${t("draftStale")}` : ""}`,
      "info",
      () => [{ id: "banner-discard", label: t("discard"), run: () => void discard() }],
    );
    delete doc.restored;
  } else hideBanner();
  renderFiles();
  renderDirty();
  renderActive();
  record.setDoc(doc);
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
    notify(out.code, true);
    const code = out.code;
    showBanner(
      () => t("conflict", doc.path),
      "error",
      () => [
        { id: "conflict-compare", label: t("conflictCompare"), run: () => void switchView("diff", `disk:${doc.path}`, `buffer:${doc.path}`) },
        { id: "conflict-overwrite", label: t("conflictOverwrite"), run: () => void save(true) },
        { id: "conflict-reload", label: t("conflictReload"), run: () => void discard(false) },
      ],
      code,
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

byId("btn-save").addEventListener("click", () => void save());
// The summary "n passed, m failed" brings the first failing case into view.
byId("cases-summary").addEventListener("click", () => document.querySelector("#case-list li.fail")?.scrollIntoView({ block: "nearest" }));
byId("btn-discard").addEventListener("click", () => void discard());
byId("btn-format").addEventListener("click", () => void editor.getAction("editor.action.formatDocument")?.run());
byId("tab-edit").addEventListener("click", () => void switchView("edit"));
byId("tab-diff").addEventListener("click", () => void switchView("diff"));
byId("btn-lang").addEventListener("click", () => {
  setUiLang(uiLang() === "zh" ? "en" : "zh");
  applyI18n();
});
editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
window.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === "s") {
    e.preventDefault();
    void save();
  }
});

// A handle for the browser tests and the latency benchmark: read-only views of the state, and
// the cursor placement a person does with the mouse.
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
  summary: () => active?.summary,
  markers: () => (active ? monaco.editor.getModelMarkers({ resource: active.model.uri, owner: MARKER_OWNER }) : []),
  recordMarkers: () => monaco.editor.getModelMarkers({ owner: "credit-record" }),
  setCursor: (line: number, col: number) => reveal(line, col),
  text: () => active?.model.getValue(),
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
