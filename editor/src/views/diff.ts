// The diff view for auditors: two versions of a policy — the text being edited, a file on disk,
// or an earlier revision from git — side by side in Monaco's diff editor, with the semantic changes
// grouped by article and the grade transition matrix over the example records.
import { compareArticles, topArticle } from "../../../analysis/diff/articles.js";
import { KIND_LABEL } from "../../../analysis/diff/compare.js";
import { isMove, matrixAxes } from "../../../analysis/diff/group.js";
import type { Change } from "../../../analysis/diff/model.js";
import type { WordOp } from "../../../analysis/diff/text.js";
import { isMessageKey, renderText } from "../../../diagnostics/catalogue.js";
import { renderMessage } from "../../../diagnostics/diagnostics.js";
import type { DiffReport, DiffResult } from "../analysis/types.js";
import * as api from "../api.js";
import type { Documents } from "../documents.js";
import { byId, h } from "../dom.js";
import { t, uiLang } from "../i18n.js";
import type { LspClient } from "../lsp/client.js";
import { languageFor, monaco } from "../monaco-setup.js";
import { DIFF_REQUEST, type DiffParams } from "../worker/protocol.js";

/** `buffer:PATH` (the editor's text), `disk:PATH`, or `rev:REV:PATH`. */
export type SourceRef = string;

export class DiffView {
  private editor: monaco.editor.IStandaloneDiffEditor | undefined;
  private models: monaco.editor.ITextModel[] = [];
  private records: Promise<string> | undefined;
  private seq = 0;

  private movedShown = MOVED_PAGE;

  constructor(
    private readonly client: LspClient,
    private readonly documents: Documents,
    private readonly files: () => api.PolicyFileInfo[],
    private readonly notify: (msg: string, isError?: boolean) => void,
  ) {
    byId("btn-diff-run").addEventListener("click", () => void this.run());
  }

  private ensureEditor(): monaco.editor.IStandaloneDiffEditor {
    this.editor ??= monaco.editor.createDiffEditor(byId("diff-editor"), {
      theme: "credit-policy",
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      wordWrap: "on",
      diffWordWrap: "on",
      fontSize: 12,
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
    });
    return this.editor;
  }

  /** Fill the pickers for the active file; `left`/`right` preselect. */
  async prepare(activePath: string | undefined, left?: SourceRef, right?: SourceRef, asOf?: string): Promise<void> {
    const options: { value: SourceRef; label: string }[] = [];
    for (const d of this.documents.docs.values()) options.push({ value: `buffer:${d.path}`, label: t("diffBuffer", d.path) });
    for (const f of this.files()) options.push({ value: `disk:${f.path}`, label: t("diffDisk", f.path) });
    if (activePath) {
      try {
        for (const r of await api.listRevisions(activePath)) {
          options.push({ value: `rev:${r.rev}:${activePath}`, label: t("diffRevision", `${r.rev.slice(0, 8)} ${r.date.slice(0, 10)}`, r.subject) });
        }
      } catch {
        // Not a git work tree: no revisions to offer.
      }
    }
    for (const [id, pick] of [
      ["diff-left", left ?? (activePath ? `disk:${activePath}` : undefined)],
      ["diff-right", right ?? (activePath ? `buffer:${activePath}` : undefined)],
    ] as const) {
      const select = byId<HTMLSelectElement>(id);
      const keep = select.value;
      select.replaceChildren(...options.map((o) => h("option", { value: o.value }, o.label)));
      const want = pick ?? keep;
      if (want && options.some((o) => o.value === want)) select.value = want;
    }
    const date = byId<HTMLInputElement>("diff-as-of");
    if (asOf && (!date.value || left || right)) date.value = asOf;
  }

  private async resolve(ref: SourceRef): Promise<{ file: string; text: string; label: string }> {
    if (ref.startsWith("buffer:")) {
      const path = ref.slice(7);
      const doc = this.documents.docs.get(path);
      if (doc) return { file: path, text: doc.model.getValue(), label: t("diffBuffer", path) };
      ref = `disk:${path}`;
    }
    if (ref.startsWith("disk:")) {
      const path = ref.slice(5);
      return { file: path, text: (await api.readPolicy(path)).text, label: t("diffDisk", path) };
    }
    const m = /^rev:([0-9a-f]+):(.*)$/.exec(ref);
    if (!m) throw new Error(`unknown source ${ref}`);
    const [, rev = "", path = ""] = m;
    return { file: path, text: (await api.readRevision(path, rev)).text, label: t("diffRevision", rev.slice(0, 8), path) };
  }

  async run(): Promise<void> {
    const seq = ++this.seq;
    const leftRef = byId<HTMLSelectElement>("diff-left").value;
    const rightRef = byId<HTMLSelectElement>("diff-right").value;
    const asOf = byId<HTMLInputElement>("diff-as-of").value;
    if (!leftRef || !rightRef) return;
    let left, right;
    try {
      [left, right] = await Promise.all([this.resolve(leftRef), this.resolve(rightRef)]);
    } catch (e) {
      this.notify(String((e as Error).message ?? e), true);
      return;
    }
    const editor = this.ensureEditor();
    const old = this.models;
    this.models = [monaco.editor.createModel(left.text, languageFor(left.file)), monaco.editor.createModel(right.text, languageFor(right.file))];
    editor.setModel({ original: this.models[0] as monaco.editor.ITextModel, modified: this.models[1] as monaco.editor.ITextModel });
    old.forEach((m) => m.dispose());
    byId("semantic-panel").replaceChildren(h("p", { class: "note" }, "…"));
    this.records ??= api.exampleRecords();
    const records = await this.records;
    const params: DiffParams = { left: { file: left.file, text: left.text, source: leftRef }, right: { file: right.file, text: right.text, source: rightRef }, records, asOf };
    const result = await this.client.request<DiffResult>(DIFF_REQUEST, params);
    if (seq !== this.seq) return;
    this.movedShown = MOVED_PAGE;
    this.last = { result, left: left.label, right: right.label };
    this.render(result, left.label, right.label);
  }

  private last: { result: DiffResult; left: string; right: string } | undefined;

  private render(d: DiffResult, leftLabel: string, rightLabel: string): void {
    const panel = byId("semantic-panel");
    const errors = [
      ...(d.leftErrors.length ? [h("p", { class: "note" }, t("diffSideErrors", leftLabel)), ...d.leftErrors.slice(0, 5).map(errorLine)] : []),
      ...(d.rightErrors.length ? [h("p", { class: "note" }, t("diffSideErrors", rightLabel)), ...d.rightErrors.slice(0, 5).map(errorLine)] : []),
    ];
    const report = d.report;
    // Grouped by the 条 a change cites (第八条 holds 第八条（二）2), in the regulation's order.
    const groups = new Map<string, Change[]>();
    for (const c of report?.changes ?? []) {
      const key = c.article === null ? "" : topArticle(c.article);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : compareArticles(a, b)));
    panel.replaceChildren(
      h("h2", {}, t("semanticChanges")),
      ...errors,
      ...(report && report.changes.length === 0 ? [h("p", {}, t("noSemanticChanges"))] : []),
      ...keys.map((article) =>
        h("div", { class: "article-group", "data-article": article }, h("h3", {}, article || t("policyWide")), ...(groups.get(article) ?? []).map(changeLine)),
      ),
      ...(report && report.witnesses.length ? [h("h2", {}, t("witnesses", report.asOf)), ...report.witnesses.map(witnessLine)] : []),
    );
    renderMatrix(report, this.movedShown, () => {
      this.movedShown = Infinity;
      if (this.last) this.render(this.last.result, this.last.left, this.last.right);
    });
  }
}

/** How many moved records the compare view lists before "show all". */
const MOVED_PAGE = 30;

function errorLine(e: DiffResult["leftErrors"][number]): HTMLElement {
  return h("div", { class: "change removed" }, `${e.range.line}:${e.range.col} ${e.code} ${renderMessage(e, uiLang())}`);
}

/** compiler/diff's labels are "中文 english": the part for the interface language. */
function kindLabel(kind: Change["kind"]): string {
  const label = KIND_LABEL[kind] ?? kind;
  const at = label.search(/ [A-Za-z]/);
  if (at < 0) return label;
  return uiLang() === "zh" ? label.slice(0, at) : label.slice(at + 1);
}

/** A metadata key as the interface language names it (生效日期 / effective). */
function keyLabel(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const k = `meta/${key}`;
  return isMessageKey(k) ? renderText(k, [], uiLang()) : key;
}

/** The analysis writes an absent side as （无）: the interface's word for it. */
function side(v: string | null | undefined): string {
  return v === null || v === undefined || v === "（无）" ? t("absent") : v;
}

/** A reworded text, word by word: deleted words struck through, inserted ones marked (no raw diff markup). */
function wordDiff(ops: readonly WordOp[]): HTMLElement {
  return h(
    "div",
    { class: "word-diff" },
    h("span", { class: "label" }, `${t("quotedText")}：`),
    ...ops.map((o) => (o.op === "equal" ? o.text : h(o.op === "delete" ? "del" : "ins", {}, o.text))),
  );
}

function changeLine(c: Change): HTMLElement {
  const sideways = c.old !== undefined || c.new !== undefined;
  return h(
    "div",
    { class: `change ${c.old === null ? "added" : c.new === null ? "removed" : "changed"}`, "data-kind": c.kind, "data-article": c.article ?? "" },
    h("span", { class: "chip" }, kindLabel(c.kind)),
    h("span", {}, [c.article, c.grade !== undefined ? `${t("grade")} ${c.grade}` : undefined, keyLabel(c.key) ?? c.subject].filter(Boolean).join(" · ")),
    ...(sideways ? [h("div", {}, h("code", { class: "before" }, side(c.old)), " → ", h("code", { class: "after" }, side(c.new)))] : []),
    ...(c.text ? [wordDiff(c.text.diff)] : !sideways && (c.key ?? c.subject) === undefined ? [h("div", { class: "note" }, kindLabel(c.kind))] : []),
  );
}

function outcome(o: { grade: string | null; articles: string[] }): string {
  return `${o.grade === null ? t("noGrade") : o.grade}${o.articles.length ? `（${o.articles.join("、")}）` : ""}`;
}

function witnessLine(w: DiffReport["witnesses"][number]): HTMLElement {
  return h(
    "details",
    { class: "witness" },
    h("summary", {}, `${t("grade")} ${w.grade}: ${outcome(w.old)} → ${outcome(w.new)}`),
    h("pre", {}, JSON.stringify(w.record, null, 1)),
  );
}

function renderMatrix(report: DiffReport | undefined, shown: number, showAll: () => void): void {
  const panel = byId("matrix-panel");
  const impact = report?.impact;
  if (!report || !impact) {
    panel.replaceChildren();
    return;
  }
  // The CLI's order (analysis/diff/group.ts): each policy's grades strongest first, no grade last.
  const { rows: fromAxis, cols: toAxis, count } = matrixAxes(report);
  const name = (g: string | null) => (g === null ? t("noGrade") : g);
  const head = h("tr", {}, h("th", {}, t("oldNew")), ...toAxis.map((g) => h("th", {}, name(g))));
  const rows = fromAxis.map((row) =>
    h(
      "tr",
      {},
      h("th", {}, name(row)),
      ...toAxis.map((col) => {
        const n = count(row, col);
        return h("td", { class: n === 0 ? "zero" : isMove(report, row, col) ? "moved" : "", "data-from": row ?? "null", "data-to": col ?? "null" }, String(n));
      }),
    ),
  );
  panel.replaceChildren(
    h("h2", {}, t("transitions", impact.records, impact.asOf)),
    h("table", { class: "matrix" }, head, ...rows),
    h("p", { class: "note" }, t("transitionsChanged", impact.moved.length), impact.errors.length ? ` · ${t("recordErrors", impact.errors.length)}` : ""),
    h("ul", { class: "moved" }, ...impact.moved.slice(0, shown).map((m) => h("li", {}, h("span", { class: "record-id", "data-user": "" }, m.id ?? `#${m.line}`), `: ${outcome(m.old)} → ${outcome(m.new)}`))),
    ...(impact.moved.length > shown
      ? [h("p", { class: "note", id: "moved-more", "data-shown": Math.min(shown, impact.moved.length), "data-total": impact.moved.length }, t("movedShown", Math.min(shown, impact.moved.length), impact.moved.length), " ", h("button", { id: "moved-all", onclick: showAll }, t("showAll")))]
      : []),
  );
}
