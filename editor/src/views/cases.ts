// The live cases panel: each test case of the policy, green or red, with the grade it now gets, the
// articles that matched and the measures, what differs from its expectation (in the interface
// language), and on request why it gets that grade and not the others; a failing case can take the
// current result as its new expectation. Above the list: which grades and articles no case
// exercises, and whether the policy was checked against the parent plan it names.
import type { CaseView, Coverage } from "../../../analysis/lsp/types.js";
import type { ExplainResult } from "../../../analysis/lsp/protocol.js";
import { renderText } from "../../../diagnostics/catalogue.js";
import type { Doc } from "../documents.js";
import { byId, h } from "../dom.js";
import { t, uiLang } from "../i18n.js";
import { renderExplanation } from "./explain.js";

export interface CasesHost {
  reveal(line: number, col: number): void;
  acceptActual(doc: Doc, c: CaseView): void;
  /** Why the case gets its grade (creditPolicy/explain); shown under the case and in the policy text. */
  explainCase(doc: Doc, name: string): Promise<ExplainResult | null>;
  showExplanation(e: ExplainResult | undefined, from: string): void;
}

function gradeText(grade: string | null | undefined, label?: string | null): string {
  if (grade === undefined) return "—";
  return grade === null ? t("noGrade") : `${grade}${label ? ` ${label}` : ""}`;
}

/** The case whose explanation is open, kept across re-renders while the text changes. */
let openCase: string | undefined;

function coverageLine(cov: Coverage | null | undefined): HTMLElement | null {
  if (!cov) return null;
  const gradesHit = cov.grades.filter((g) => g.cases.length > 0).length;
  const articlesHit = cov.articles.filter((a) => a.cases.length > 0).length;
  const missing = [
    ...cov.grades.filter((g) => g.cases.length === 0).map((g) => h("li", { "data-grade": g.id }, t("coverageGradeMissing", `${g.id} ${g.label}`))),
    ...cov.articles.filter((a) => a.cases.length === 0).map((a) => h("li", { "data-article": a.article, "data-grade": a.grade }, t("coverageArticleMissing", a.article, a.grade))),
  ];
  const conditions = cov.conditions ? t("coverageConditions", cov.conditions.filter((c) => c.exercised).length, cov.conditions.length) : "";
  return h(
    "details",
    { id: "coverage", "data-grades": `${gradesHit}/${cov.grades.length}`, "data-articles": `${articlesHit}/${cov.articles.length}` },
    h("summary", {}, `${t("coverage", gradesHit, cov.grades.length, articlesHit, cov.articles.length)}${conditions}`),
    missing.length ? h("ul", { class: "missing" }, ...missing) : h("p", { class: "note" }, t("coverageAll")),
  );
}

/** What the panel last drew, to skip redrawing an unchanged list while the policy is typed. */
let drawn = "";

export function renderCases(doc: Doc | undefined, host: CasesHost): void {
  const current0 = doc?.summary;
  const shown0 = current0?.cases ? current0 : doc?.lastGood;
  const key = JSON.stringify([doc?.uri, uiLang(), openCase, shown0 !== current0, current0?.errors, current0?.parsed, current0?.plan, shown0?.cases, shown0?.coverage]);
  if (key === drawn && openCase === undefined) return;
  drawn = key;
  const list = byId("case-list");
  const summaryEl = byId("cases-summary");
  const note = byId("cases-note");
  const current = doc?.summary;
  const shown = current?.cases ? current : doc?.lastGood;
  const stale = !!shown && shown !== current;
  const cases = shown?.cases ?? [];
  const lang = uiLang();
  const notes: (Node | string)[] = [];
  if (stale) notes.push(h("div", {}, t("casesStale")));
  else if (!shown && current && current.parsed === false) notes.push(h("div", {}, t("casesNoParse")));
  else if (!shown && current) notes.push(h("div", {}, t("casesNotYet", current.errors)));
  else if (shown && cases.length === 0) notes.push(h("div", {}, t("casesNone")));
  const plan = current?.plan;
  if (plan) notes.push(h("div", { id: "plan-status", "data-plan": plan.id, "data-found": plan.found ? "1" : "0" }, plan.found ? t("planChecked", plan.id) : t("planMissing", plan.id)));
  note.replaceChildren(...notes);
  byId("coverage-host").replaceChildren(...[coverageLine(shown?.coverage)].filter((x): x is HTMLElement => x !== null));
  const failed = cases.filter((c) => !c.passed).length;
  summaryEl.textContent = shown ? t("casesSummary", cases.length - failed, failed) : "";
  summaryEl.className = !shown ? "" : failed ? "failing" : "passing";
  list.replaceChildren(
    ...cases.map((c) => {
      const meta: (Node | string)[] = [h("span", { class: "chip", "data-grade": String(c.grade) }, `${t("grade")} ${gradeText(c.grade, c.label)}`)];
      if (!c.passed && c.expected.grade !== undefined && c.expected.grade !== c.grade) {
        meta.push(h("span", { class: "chip" }, `${t("expected")} ${gradeText(c.expected.grade)}`));
      }
      if (c.matched.length) meta.push(h("span", {}, `${t("matched")} ${c.matched.map((m) => (m.negated ? `¬${m.article}` : m.article)).join("、")} `));
      if (c.measures.length) meta.push(h("span", { title: c.measures.map((m) => `${m.article} ${m.text}`).join("\n") }, t("measuresCount", c.measures.length)));
      const why = h("div", { class: "case-why" });
      const actions = h(
          "div",
          { class: "case-actions" },
          doc && !stale && !c.error
            ? h(
                "button",
                {
                  class: "why",
                  "aria-expanded": openCase === c.name ? "true" : "false",
                  onclick: (e: Event) => {
                    e.stopPropagation();
                    openCase = openCase === c.name ? undefined : c.name;
                    drawn = "";
                    void showWhy();
                  },
                },
                openCase === c.name ? t("whyHide") : t("why"),
              )
            : null,
          !c.passed && !stale && doc && !c.error
            ? h(
                "button",
                {
                  class: "accept",
                  onclick: (e: Event) => {
                    e.stopPropagation();
                    host.acceptActual(doc, c);
                  },
                },
                t("acceptActual"),
              )
            : null,
        );
      const li = h(
        "li",
        {
          class: `${c.passed ? "pass" : "fail"}${stale ? " stale" : ""}`,
          "data-case": c.name,
          "data-status": c.passed ? "pass" : "fail",
          "data-grade": String(c.grade),
          onclick: () => host.reveal(c.line, 1),
        },
        h("div", { class: "case-name" }, h("span", {}, c.name), actions),
        h("div", { class: "case-meta" }, ...meta),
        ...c.failures.map((f) => h("div", { class: "case-failure" }, renderText(f.key, f.args ?? [], lang))),
        c.error ? h("div", { class: "case-failure", "data-code": c.error.code }, `${c.error.code} ${c.error.path || "/"}: ${renderText(c.error.message.key, c.error.message.args ?? [], lang)}`) : null,
        why,
      );
      async function showWhy(): Promise<void> {
        if (!doc) return;
        if (openCase !== c.name) {
          host.showExplanation(undefined, "case");
          renderCases(doc, host);
          return;
        }
        const e = await host.explainCase(doc, c.name);
        if (!e || openCase !== c.name) return;
        why.replaceChildren(renderExplanation(e, host));
        host.showExplanation(e, "case");
        for (const b of li.querySelectorAll<HTMLButtonElement>("button.why")) b.textContent = t("whyHide");
      }
      if (openCase === c.name) void showWhy();
      return li;
    }),
  );
  if (openCase && !cases.some((c) => c.name === openCase)) {
    openCase = undefined;
    host.showExplanation(undefined, "case");
  }
}
