// The live cases panel: each test case of the policy, green or red, with the grade the policy now
// gives, the articles that matched and the measures; a failing case can take the current result
// as its new expectation (written through the AST and the formatter).
import type { CaseView } from "../analysis/types.js";
import type { Doc } from "../documents.js";
import { byId, h } from "../dom.js";
import { t } from "../i18n.js";

export interface CasesHost {
  reveal(line: number, col: number): void;
  acceptActual(doc: Doc, c: CaseView): void;
}

function gradeText(grade: string | null | undefined, label?: string | null): string {
  if (grade === undefined) return "—";
  return grade === null ? t("noGrade") : `${grade}${label ? ` ${label}` : ""}`;
}

export function renderCases(doc: Doc | undefined, host: CasesHost): void {
  const list = byId("case-list");
  const summaryEl = byId("cases-summary");
  const note = byId("cases-note");
  const current = doc?.summary;
  const shown = current?.cases ? current : doc?.lastGood;
  const stale = !!shown && shown !== current;
  const cases = shown?.cases ?? [];
  note.textContent = stale ? t("casesStale") : shown && cases.length === 0 ? t("casesNone") : "";
  const failed = cases.filter((c) => !c.passed).length;
  summaryEl.textContent = shown ? t("casesSummary", cases.length - failed, failed) : "";
  summaryEl.className = !shown ? "" : failed ? "failing" : "passing";
  list.replaceChildren(
    ...cases.map((c) => {
      const meta: (Node | string)[] = [
        h("span", { class: "chip", "data-grade": String(c.grade) }, `${t("grade")} ${gradeText(c.grade, c.label)}`),
      ];
      if (!c.passed && c.expected.grade !== undefined && c.expected.grade !== c.grade) {
        meta.push(h("span", { class: "chip" }, `${t("expected")} ${gradeText(c.expected.grade)}`));
      }
      if (c.matched.length) meta.push(h("span", {}, `${t("matched")} ${c.matched.map((m) => (m.negated ? `¬${m.article}` : m.article)).join("、")} `));
      if (c.measures.length) {
        meta.push(h("span", { title: c.measures.map((m) => `${m.article} ${m.text}`).join("\n") }, t("measuresCount", c.measures.length)));
      }
      return h(
        "li",
        {
          class: `${c.passed ? "pass" : "fail"}${stale ? " stale" : ""}`,
          "data-case": c.name,
          "data-status": c.passed ? "pass" : "fail",
          "data-grade": String(c.grade),
          onclick: () => host.reveal(c.line, 1),
        },
        h("div", { class: "case-name" }, c.name),
        h("div", { class: "case-meta" }, ...meta),
        ...c.failures.map((f) => h("div", { class: "case-failure" }, f)),
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
    }),
  );
}
