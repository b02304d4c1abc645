// Trying a credit record against the policy being edited, and keeping it as a test case: the record
// is typed or pasted as JSON (several pasted as JSON Lines are offered one by one), or picked from
// the example records; checked against the record schema by the runtime's validateRecord with each
// error marked at its field; graded as of the chosen day, with why it gets that grade and why not
// the others; and saved into the policy through the AST and the formatter.
import type { ExplainResult } from "../../../analysis/lsp/protocol.js";
import type { AnalysisSummary } from "../../../analysis/lsp/types.js";
import { renderRecordError } from "../../../diagnostics/catalogue.js";
import type { Json } from "../../../dsl/ast.js";
import { todayInChina } from "../../../record/dates.js";
import recordSchema from "../../../record/record.schema.json" with { type: "json" };
import { addTestCase } from "../analysis/edit-cases.js";
import { jsonLines } from "../analysis/jsonl.js";
import type { Doc, Documents } from "../documents.js";
import { byId, h } from "../dom.js";
import { t, uiLang } from "../i18n.js";
import type { LspClient } from "../lsp/client.js";
import { monaco } from "../monaco-setup.js";
import { CHECK_RECORD_REQUEST, type CheckRecordParams, type CheckRecordResult } from "../worker/protocol.js";
import { renderExplanation, type ExplainHost } from "./explain.js";

const OWNER = "credit-record";
const TEMPLATE = `{
  "id": "new-case",
  "honors": [
    {"date": "2021-06-01", "grantor": "government", "for_integrity": true}
  ]
}
`;
const SESSION_KEY = "cpe:record";
/** While the policy is being typed, the record is regraded after this pause, leaving the worker to the typing. */
const REGRADE_AFTER_MS = 150;

/** The day most of the policy's own cases are graded on (the example records are dated for it), else today. */
export function defaultAsOf(summary: AnalysisSummary | undefined): string {
  const counts = new Map<string, number>();
  for (const c of summary?.cases ?? []) if (c.asOf) counts.set(c.asOf, (counts.get(c.asOf) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : todayInChina();
}

export interface RecordHost extends ExplainHost {
  notify(msg: string, isError?: boolean): void;
  /** The record's explanation is shown (or gone): highlight its deciding clauses in the policy. */
  showExplanation(e: ExplainResult | undefined, from: string): void;
}

export class RecordView {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly model: monaco.editor.ITextModel;
  private doc: Doc | undefined;
  private last: CheckRecordResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private examples: { id: string; label: string; text: string }[] = [];
  private pasted: { id: string; label: string; text: string }[] = [];
  private asOfTouched = false;

  constructor(
    private readonly client: LspClient,
    private readonly documents: Documents,
    private readonly host: RecordHost,
  ) {
    monaco.json.jsonDefaults.setDiagnosticsOptions({
      // Syntax and schema errors come from validateRecord (below), not from a second validator.
      validate: false,
      enableSchemaRequest: false,
      schemas: [{ uri: "inmemory://credit-policy/record.schema.json", fileMatch: ["record.json"], schema: recordSchema }],
    });
    const kept = readSession();
    this.model = monaco.editor.createModel(kept?.text ?? TEMPLATE, "json", monaco.Uri.parse("inmemory://credit-policy/record.json"));
    if (kept?.asOf) {
      byId<HTMLInputElement>("as-of").value = kept.asOf;
      this.asOfTouched = true;
    }
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
      const id = (e.target as HTMLSelectElement).value;
      const pick = [...this.pasted, ...this.examples].find((x) => x.id === id);
      if (pick) this.model.setValue(pick.text);
    });
  }

  /** What to keep across a reload (the language switch reloads the page). */
  keep(): void {
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify({ text: this.model.getValue(), asOf: byId<HTMLInputElement>("as-of").value }));
    } catch {
      // No session storage: the record panel starts afresh.
    }
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
    const option = (x: { id: string; label: string }) => h("option", { value: x.id }, x.label);
    select.replaceChildren(
      h("option", { value: "" }, t("pickExample")),
      ...(this.pasted.length ? [h("optgroup", { label: t("pastedRecords") }, ...this.pasted.map(option))] : []),
      h("optgroup", { label: t("example") }, ...this.examples.map(option)),
    );
  }

  /** A new analysis of the active policy: regrade the record with it (soon, not between two keystrokes). */
  setDoc(doc: Doc | undefined): void {
    const changedDoc = doc !== this.doc;
    this.doc = doc;
    const asOf = byId<HTMLInputElement>("as-of");
    if (changedDoc || !asOf.value || !this.asOfTouched) {
      const d = defaultAsOf(doc?.lastGood);
      if (!this.asOfTouched) asOf.value = d;
    }
    this.schedule(changedDoc ? 0 : REGRADE_AFTER_MS);
  }

  private schedule(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delay);
  }

  private async check(): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const seq = ++this.seq;
    const asOf = byId<HTMLInputElement>("as-of").value || todayInChina();
    let check: CheckRecordResult;
    try {
      check = await this.client.request<CheckRecordResult>(CHECK_RECORD_REQUEST, { uri: doc.uri, recordText: this.model.getValue(), asOf } satisfies CheckRecordParams);
    } catch (e) {
      this.host.notify(String(e), true);
      return;
    }
    if (seq !== this.seq) return;
    if (check.more) {
      // Several records pasted as JSON Lines: take the first, offer the others.
      this.pasted = check.more.map((r, i) => ({ id: `pasted:${i}:${r.id}`, label: `${i + 1}. ${r.id}`, text: r.text }));
      this.renderExamples();
      byId<HTMLSelectElement>("example-select").value = this.pasted[0]?.id ?? "";
      this.host.notify(t("pastedSeveral", check.more.length));
      this.model.setValue(check.more[0]?.text ?? "");
      return;
    }
    this.last = check;
    this.render(check);
  }

  /** Draw the last check again. */
  rerender(): void {
    if (this.last) this.render(this.last);
  }

  private render(check: CheckRecordResult): void {
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
    const why = byId("record-why");
    if (check.problems.length) {
      result.replaceChildren();
      why.replaceChildren();
      this.host.showExplanation(undefined, "record");
    } else if (check.policyBroken || !check.result) {
      result.replaceChildren(h("span", { class: "note" }, t("policyBroken")));
      why.replaceChildren();
      this.host.showExplanation(undefined, "record");
    } else {
      const r = check.result;
      result.replaceChildren(
        h("span", { class: "chip", "data-grade": String(r.grade) }, `${t("recordResult")}: ${t("grade")} ${r.grade === null ? t("noGrade") : `${r.grade} ${r.label ?? ""}`}`),
        ...(r.matched.length ? [h("span", {}, `${t("matched")} ${r.matched.map((m) => m.article).join("、")} `)] : []),
        ...(r.measures.length ? [h("span", { title: r.measures.map((m) => `${m.article} ${m.text}`).join("\n") }, t("measuresCount", r.measures.length))] : []),
      );
      why.replaceChildren(...(check.explanation ? [renderExplanation(check.explanation, this.host)] : []));
      this.host.showExplanation(check.explanation, "record");
    }
  }

  private addCase(): void {
    const doc = this.doc;
    const name = byId<HTMLInputElement>("case-name").value.trim();
    if (!doc) return;
    if (!name) return this.host.notify(t("caseNeedsName"), true);
    const check = this.last;
    if (!check || check.problems.length || !check.result) return this.host.notify(t("caseRecordInvalid"), true);
    const asOf = byId<HTMLInputElement>("as-of").value || todayInChina();
    const out = addTestCase(doc.model.getValue(), doc.path, {
      name,
      asOf,
      record: JSON.parse(this.model.getValue()) as Json,
      expect: { grade: check.result.grade, matched: check.result.matched.map((m) => m.article) },
    });
    if ("error" in out) {
      if (out.error === "duplicate-name") return this.host.notify(t("caseDuplicate", name), true);
      return this.host.notify(t("policyHasErrors"), true);
    }
    this.documents.replaceText(doc, out.text);
    byId<HTMLInputElement>("case-name").value = "";
    this.host.notify(t("caseAdded", name));
  }
}

function readSession(): { text?: string; asOf?: string } | undefined {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return undefined;
    sessionStorage.removeItem(SESSION_KEY);
    return JSON.parse(raw) as { text?: string; asOf?: string };
  } catch {
    return undefined;
  }
}
