// Trying a credit record against the policy being edited, and keeping it as a test case: the record
// is typed or pasted as JSON (or picked from the example records), checked against the record
// schema by the runtime's validateRecord with each error marked at its field, graded as of the
// chosen day, and saved into the policy through the AST and the formatter.
import { renderRecordError } from "../../../diagnostics/catalogue.js";
import type { Json } from "../../../dsl/ast.js";
import { todayInChina } from "../../../record/dates.js";
import recordSchema from "../../../record/record.schema.json" with { type: "json" };
import { addTestCase } from "../analysis/edit-cases.js";
import { jsonLines } from "../analysis/jsonl.js";
import type { RecordCheck, Summary } from "../analysis/types.js";
import type { Doc, Documents } from "../documents.js";
import { byId, h } from "../dom.js";
import { t, uiLang } from "../i18n.js";
import { monaco } from "../monaco-setup.js";
import type { AnalysisClient } from "../worker/client.js";

const OWNER = "credit-record";
const TEMPLATE = `{
  "id": "new-case",
  "honors": [
    {"date": "2021-06-01", "grantor": "government", "for_integrity": true}
  ]
}
`;

/** The day most of the policy's own cases are graded on (the example records are dated for it), else today. */
export function defaultAsOf(summary: Summary | undefined): string {
  const counts = new Map<string, number>();
  for (const c of summary?.cases ?? []) if (c.asOf) counts.set(c.asOf, (counts.get(c.asOf) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : todayInChina();
}

export class RecordView {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly model: monaco.editor.ITextModel;
  private doc: Doc | undefined;
  private last: RecordCheck | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private examples: { id: string; label: string; text: string }[] = [];
  private asOfTouched = false;

  constructor(
    private readonly client: AnalysisClient,
    private readonly documents: Documents,
    private readonly notify: (msg: string, isError?: boolean) => void,
  ) {
    monaco.json.jsonDefaults.setDiagnosticsOptions({
      // Syntax and schema errors come from validateRecord (below), not from a second validator.
      validate: false,
      enableSchemaRequest: false,
      schemas: [{ uri: "inmemory://credit-policy/record.schema.json", fileMatch: ["record.json"], schema: recordSchema }],
    });
    this.model = monaco.editor.createModel(TEMPLATE, "json", monaco.Uri.parse("inmemory://credit-policy/record.json"));
    this.editor = monaco.editor.create(byId("record-editor"), {
      model: this.model,
      theme: "credit-policy",
      automaticLayout: true,
      minimap: { enabled: false },
      lineNumbers: "off",
      folding: false,
      fontSize: 12,
      scrollBeyondLastLine: false,
      wordWrap: "on",
      glyphMargin: false,
      lineDecorationsWidth: 4,
    });
    this.model.onDidChangeContent(() => this.schedule());
    const asOf = byId<HTMLInputElement>("as-of");
    asOf.addEventListener("change", () => {
      this.asOfTouched = true;
      this.schedule(0);
    });
    byId("btn-add-case").addEventListener("click", () => this.addCase());
    byId<HTMLSelectElement>("example-select").addEventListener("change", (e) => {
      const pick = this.examples.find((x) => x.id === (e.target as HTMLSelectElement).value);
      if (pick) this.model.setValue(pick.text);
    });
  }

  setExamples(jsonl: string): void {
    this.examples = jsonLines(jsonl)
      .map((l) => l.value)
      .filter((r): r is Record<string, unknown> => !!r && typeof r === "object" && !Array.isArray(r))
      .map((r) => ({ id: String(r["id"]), label: `${String(r["id"])}${typeof r["name"] === "string" ? ` ${r["name"]}` : ""}`, text: JSON.stringify(r, null, 2) + "\n" }));
    this.renderExamples();
  }

  renderExamples(): void {
    const select = byId<HTMLSelectElement>("example-select");
    select.replaceChildren(h("option", { value: "" }, t("pickExample")), ...this.examples.map((x) => h("option", { value: x.id }, x.label)));
  }

  /** A new analysis of the active policy: regrade the record with it. */
  setDoc(doc: Doc | undefined): void {
    const changedDoc = doc !== this.doc;
    this.doc = doc;
    const asOf = byId<HTMLInputElement>("as-of");
    if (changedDoc || !asOf.value || !this.asOfTouched) {
      const d = defaultAsOf(doc?.lastGood);
      if (changedDoc || !this.asOfTouched) asOf.value = d;
    }
    this.schedule(0);
  }

  private schedule(delay = 200): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delay);
  }

  private async check(): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const seq = ++this.seq;
    const asOf = byId<HTMLInputElement>("as-of").value || todayInChina();
    let check: RecordCheck;
    try {
      check = await this.client.checkRecord(doc.path, this.model.getValue(), asOf);
    } catch (e) {
      this.notify(String(e), true);
      return;
    }
    if (seq !== this.seq) return;
    this.last = check;
    this.render(check);
  }

  /** Draw the last check again (after the interface language changed). */
  rerender(): void {
    if (this.last) this.render(this.last);
  }

  private render(check: RecordCheck): void {
    // Record errors are data (record/validate.ts): rendered in the interface language.
    const lang = uiLang();
    monaco.editor.setModelMarkers(
      this.model,
      OWNER,
      check.problems.map((p) => ({
        severity: monaco.MarkerSeverity.Error,
        message: `${p.code} ${p.path || "/"}: ${renderRecordError(p, lang)}`,
        code: p.code,
        startLineNumber: p.range.line,
        startColumn: p.range.col,
        endLineNumber: p.range.endLine,
        endColumn: p.range.endCol,
      })),
    );
    byId("record-problems").replaceChildren(
      ...check.problems.map((p) =>
        h(
          "li",
          {
            "data-path": p.path,
            "data-code": p.code,
            "data-line": p.range.line,
            "data-col": p.range.col,
            onclick: () => {
              this.editor.setPosition({ lineNumber: p.range.line, column: p.range.col });
              this.editor.focus();
            },
          },
          `${p.range.line}:${p.range.col} ${p.code} ${p.path || "/"} — ${renderRecordError(p, lang)}`,
        ),
      ),
    );
    const result = byId("record-result");
    if (check.problems.length) result.replaceChildren();
    else if (check.policyBroken || !check.result) result.replaceChildren(h("span", { class: "note" }, t("policyBroken")));
    else {
      const r = check.result;
      result.replaceChildren(
        h("span", { class: "chip", "data-grade": String(r.grade) }, `${t("recordResult")}: ${t("grade")} ${r.grade === null ? t("noGrade") : `${r.grade} ${r.label ?? ""}`}`),
        ...(r.matched.length ? [h("span", {}, `${t("matched")} ${r.matched.map((m) => m.article).join("、")} `)] : []),
        ...(r.measures.length ? [h("span", { title: r.measures.map((m) => `${m.article} ${m.text}`).join("\n") }, t("measuresCount", r.measures.length))] : []),
      );
    }
  }

  private addCase(): void {
    const doc = this.doc;
    const name = byId<HTMLInputElement>("case-name").value.trim();
    if (!doc) return;
    if (!name) return this.notify(t("caseNeedsName"), true);
    const check = this.last;
    if (!check || check.problems.length || !check.result) return this.notify(t("caseRecordInvalid"), true);
    const asOf = byId<HTMLInputElement>("as-of").value || todayInChina();
    const out = addTestCase(doc.model.getValue(), doc.path, {
      name,
      asOf,
      record: JSON.parse(this.model.getValue()) as Json,
      expect: { grade: check.result.grade, matched: check.result.matched.map((m) => m.article) },
    });
    if ("error" in out) {
      if (out.error === "duplicate-name") return this.notify(t("caseDuplicate", name), true);
      return this.notify(t("policyHasErrors"), true);
    }
    this.documents.replaceText(doc, out.text);
    byId<HTMLInputElement>("case-name").value = "";
    this.notify(t("caseAdded", name));
  }
}
