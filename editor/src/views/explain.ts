// Why and why not, for a record or a test case: every grade, strongest first, with each of its
// conditions, the values they read for the record and whether they hold; the ones that decided —
// for the grade given, those that held; for a grade not given, those that failed — are marked here
// and highlighted in the policy text. The data is the language server's (creditPolicy/explain,
// runtime/explain.ts), already in the interface language.
import type { ExplainedClauseView, ExplainedTestView, ExplainResult } from "../../../analysis/lsp/protocol.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { toMonacoRange } from "../lsp/monaco-adapter.js";
import type { monaco } from "../monaco-setup.js";

export interface ExplainHost {
  reveal(line: number, col: number): void;
}

function operand(o: { source: string; value: string }): (Node | string)[] {
  // A literal reads as its value: 50万元 is 500000.00元; show the policy's words and, when they differ, the value.
  return o.source === o.value ? [h("code", {}, o.source)] : [h("code", {}, o.source), h("span", { class: "val" }, ` = ${o.value}`)];
}

function testLine(x: ExplainedTestView): HTMLElement {
  const parts: (Node | string)[] = [h("span", { class: `tick ${x.holds ? "yes" : "no"}` }, x.holds ? "✓" : "✗"), " ", ...operand(x.left)];
  if (x.op && x.right) {
    parts.push(` ${x.op} `);
    x.right.forEach((r, i) => parts.push(...(i ? [", "] : []), ...operand(r)));
  }
  return h("div", { class: "why-test", "data-holds": x.holds ? "1" : "0" }, ...parts);
}

function clauseLine(c: ExplainedClauseView, host: ExplainHost): HTMLElement {
  const r = toMonacoRange(c.range);
  return h(
    "li",
    {
      class: `why-clause ${c.holds ? "held" : "failed"}${c.deciding ? " deciding" : ""}`,
      "data-article": c.article,
      "data-holds": c.holds ? "1" : "0",
      "data-deciding": c.deciding ? "1" : "0",
      title: c.text,
      onclick: (e: Event) => {
        e.stopPropagation();
        host.reveal(r.startLineNumber, r.startColumn);
      },
    },
    h("span", { class: "article" }, c.article),
    c.negated ? h("span", { class: "chip" }, t("whyNegated")) : null,
    c.deciding ? h("span", { class: "chip deciding" }, t("whyDeciding")) : null,
    ...c.tests.map(testLine),
    ...valuesLine(c),
  );
}

/** The derived values a clause reads that its tests do not already show. */
function valuesLine(c: ExplainedClauseView): HTMLElement[] {
  const shown = new Set(c.tests.flatMap((x) => [x.left.source, ...(x.right ?? []).map((r) => r.source)]));
  const rest = c.values.filter((v) => !shown.has(v.name));
  return rest.length ? [h("div", { class: "why-values" }, rest.map((v) => `${v.name} = ${v.value}`).join(t("listSeparator")))] : [];
}

function gradeState(g: NonNullable<ExplainResult["grades"]>[number]): string {
  return g.given ? t("whyGiven") : g.holds ? t("whyHoldsLower") : t("whyNotGiven");
}

/** The explanation as a block of the panel. */
export function renderExplanation(e: ExplainResult, host: ExplainHost): HTMLElement {
  if (e.error) return h("div", { class: "explain error" }, `${e.error.code} ${e.error.path || "/"}: ${e.error.message}`);
  const grade = e.grade === null || e.grade === undefined ? t("noGrade") : `${e.grade} ${e.label ?? ""}`;
  return h(
    "div",
    { class: "explain", "data-grade": String(e.grade) },
    h("div", { class: "why-head" }, t("whyHead", grade, e.asOf ?? "", e.dataDay && e.dataDay !== e.asOf ? t("whyDataDay", e.dataDay) : "")),
    e.override ? h("div", { class: "why-override" }, t("whyOverride", e.override.grade, e.override.article)) : null,
    ...(e.grades ?? []).map((g) =>
      h(
        "div",
        { class: `why-grade ${g.given ? "given" : g.holds ? "holds" : "fails"}`, "data-grade": g.grade, "data-given": g.given ? "1" : "0", "data-holds": g.holds ? "1" : "0" },
        h("div", { class: "why-grade-head" }, `${t("grade")} ${g.grade} ${g.label} — ${gradeState(g)}`),
        h("ul", {}, ...g.clauses.map((c) => clauseLine(c, host))),
      ),
    ),
  );
}

/** Decorations for the deciding clauses: green where they held, red where they failed. */
export function explanationDecorations(e: ExplainResult | undefined): monaco.editor.IModelDeltaDecoration[] {
  const out: monaco.editor.IModelDeltaDecoration[] = [];
  for (const g of e?.grades ?? []) {
    for (const c of g.clauses) {
      if (!c.deciding) continue;
      out.push({
        range: toMonacoRange(c.range),
        options: {
          className: c.holds !== c.negated ? "why-held-text" : "why-failed-text",
          hoverMessage: { value: `${c.article} · ${c.holds ? "✓" : "✗"}` },
          overviewRuler: { color: c.holds !== c.negated ? "#1a7f37" : "#cf222e", position: 4 },
        },
      });
    }
  }
  return out;
}
