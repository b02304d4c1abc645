// The diff view for auditors: two versions of a policy — the text being edited, a file on disk,
// or an earlier revision from git — side by side in Monaco's diff editor, with the semantic changes
// grouped by article and the grade transition matrix over the example records.
import type { DiffResult, SemanticChange } from "../analysis/types.js";
import * as api from "../api.js";
import type { Documents } from "../documents.js";
import { byId, h } from "../dom.js";
import { t, type StringKey } from "../i18n.js";
import { languageFor, monaco } from "../monaco-setup.js";
import type { AnalysisClient } from "../worker/client.js";

/** `buffer:PATH` (the editor's text), `disk:PATH`, or `rev:REV:PATH`. */
export type SourceRef = string;

export class DiffView {
  private editor: monaco.editor.IStandaloneDiffEditor | undefined;
  private models: monaco.editor.ITextModel[] = [];
  private records: Promise<string> | undefined;
  private seq = 0;

  constructor(
    private readonly client: AnalysisClient,
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
    const result = await this.client.diff({ file: left.file, text: left.text }, { file: right.file, text: right.text }, records, asOf);
    if (seq !== this.seq) return;
    this.render(result, left.label, right.label);
  }

  private render(d: DiffResult, leftLabel: string, rightLabel: string): void {
    const panel = byId("semantic-panel");
    const errors = [
      ...(d.leftErrors.length ? [h("p", { class: "note" }, t("diffSideErrors", leftLabel)), ...d.leftErrors.slice(0, 5).map(errorLine)] : []),
      ...(d.rightErrors.length ? [h("p", { class: "note" }, t("diffSideErrors", rightLabel)), ...d.rightErrors.slice(0, 5).map(errorLine)] : []),
    ];
    const groups = new Map<string, SemanticChange[]>();
    for (const c of d.changes) {
      const key = c.article ?? "";
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    panel.replaceChildren(
      h("h2", {}, t("semanticChanges")),
      h("p", { class: "note" }, d.engine === "compiler/diff" ? t("engineProject") : t("engineNote")),
      ...errors,
      ...(d.leftErrors.length || d.rightErrors.length ? [] : d.changes.length === 0 ? [h("p", {}, t("noSemanticChanges"))] : []),
      ...[...groups.entries()].map(([article, changes]) =>
        h("div", { class: "article-group", "data-article": article }, h("h3", {}, article || t("policyWide")), ...changes.map(changeLine)),
      ),
      ...(d.rendered ? [h("pre", { class: "rendered" }, d.rendered)] : []),
    );
    renderMatrix(d);
  }
}

function errorLine(e: DiffResult["leftErrors"][number]): HTMLElement {
  return h("div", { class: "change removed" }, `${e.range.line}:${e.range.col} ${e.code} ${e.message}`);
}

const KIND_KEY: Record<SemanticChange["kind"], StringKey> = { added: "kindAdded", removed: "kindRemoved", changed: "kindChanged" };
const WHAT_KEY: Partial<Record<SemanticChange["what"], StringKey>> = { threshold: "whatThreshold", clause: "whatClause", value: "whatValue", measure: "whatMeasure" };

function changeLine(c: SemanticChange): HTMLElement {
  return h(
    "div",
    { class: `change ${c.kind}`, "data-what": c.what, "data-kind": c.kind },
    h("span", { class: "chip" }, `${t(KIND_KEY[c.kind])} · ${WHAT_KEY[c.what] ? t(WHAT_KEY[c.what] as StringKey) : c.what}`),
    h("span", {}, c.subject),
    c.before !== undefined ? h("div", {}, h("code", { class: "before" }, c.before)) : null,
    c.after !== undefined ? h("div", {}, h("code", { class: "after" }, c.after)) : null,
  );
}

function renderMatrix(d: DiffResult): void {
  const panel = byId("matrix-panel");
  const m = d.matrix;
  if (!m) {
    panel.replaceChildren();
    return;
  }
  const name = (l: string) => (l === "null" ? t("noGrade") : l === "error" ? "error" : l);
  const head = h("tr", {}, h("th", {}, t("oldNew")), ...m.labels.map((l) => h("th", {}, name(l))));
  const rows = m.labels.map((row) =>
    h(
      "tr",
      {},
      h("th", {}, name(row)),
      ...m.labels.map((col) => {
        const n = m.counts[row]?.[col] ?? 0;
        return h("td", { class: n === 0 ? "zero" : row !== col ? "moved" : "", "data-from": row, "data-to": col }, String(n));
      }),
    ),
  );
  panel.replaceChildren(
    h("h2", {}, t("transitions", m.total, m.asOf)),
    h("table", { class: "matrix" }, head, ...rows),
    h("p", { class: "note" }, t("transitionsChanged", m.changed.length)),
    h("ul", {}, ...m.changed.slice(0, 30).map((c) => h("li", {}, `${c.id ?? "?"}: ${name(c.before)} → ${name(c.after)}`))),
  );
}
