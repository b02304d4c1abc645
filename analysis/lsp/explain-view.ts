// A record's why / why not (runtime/explain.ts) as the client shows it: ranges in LSP form, each
// operand with the text the policy writes and its value for the record in the interface language.
import type { Span } from "../../diagnostics/span.js";
import { renderRecordError } from "../../diagnostics/diagnostics.js";
import { validateRecord } from "../../record/validate.js";
import { isError } from "../../runtime/evaluate.js";
import { formatExplained, makeExplainer, type ExplainedTest, type ExplainedValue } from "../../runtime/explain.js";
import type { DocumentAnalysis } from "./analyze.js";
import { toLsp } from "./convert.js";
import { OP_TEXT } from "./docs.js";
import type { Lang } from "./messages.js";
import type { ExplainedOperand, ExplainedTestView, ExplainResult } from "./protocol.js";
import { spanRange } from "./symbols.js";

const explainers = new WeakMap<object, ReturnType<typeof makeExplainer>>();

function source(text: string, span: Span): string {
  return text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
}

function operand(text: string, v: ExplainedValue, ui: Lang): ExplainedOperand {
  return { source: source(text, v.span), value: formatExplained(v, ui) };
}

function test(text: string, t: ExplainedTest, ui: Lang): ExplainedTestView {
  return {
    range: toLsp(spanRange(t.span)),
    source: source(text, t.span),
    holds: t.holds,
    left: operand(text, t.left, ui),
    ...(t.kind === "cmp" && t.op ? { op: OP_TEXT[t.op] ?? t.op } : t.kind === "in" ? { op: ui === "zh" ? "属于" : "in" } : {}),
    ...(t.right ? { right: t.right.map((r) => operand(text, r, ui)) } : {}),
  };
}

/** Why `record` gets its grade under the analysed policy as of `asOf`, and why not the others. */
export function explainRecord(a: DocumentAnalysis, record: unknown, asOf: string, ui: Lang): ExplainResult | undefined {
  if (!a.ir || !a.grader) return undefined;
  const out = a.grader.grade(record, asOf);
  if (isError(out)) {
    const [first] = validateRecord(record);
    return { error: { path: out.error.path, code: out.error.code, message: first ? renderRecordError(first, ui) : out.error.message } };
  }
  let explainer = explainers.get(a.ir);
  if (!explainer) explainers.set(a.ir, (explainer = makeExplainer(a.ir)));
  const e = explainer.explain(record as Record<string, unknown>, asOf, out.grade);
  return {
    grade: out.grade,
    label: out.label,
    asOf,
    dataDay: e.dataDay,
    ...(e.override ? { override: { grade: e.override.grade, article: e.override.article, text: e.override.text, range: toLsp(spanRange(e.override.span)) } } : {}),
    grades: e.grades.map((g) => ({
      grade: g.grade,
      label: g.label,
      holds: g.holds,
      given: g.given,
      clauses: g.clauses.map((c) => ({
        article: c.article,
        text: c.text,
        range: toLsp(spanRange(c.span)),
        holds: c.holds,
        negated: c.negated,
        deciding: c.deciding,
        tests: c.tests.map((t) => test(a.text, t, ui)),
        values: c.values.map((v) => ({ name: v.name, value: formatExplained(v.value, ui) })),
      })),
    })),
  };
}

/** The same for one of the policy's own test cases, by name. */
export function explainCase(a: DocumentAnalysis, name: string, ui: Lang): ExplainResult | undefined {
  const t = a.ir?.tests.find((x) => x.name === name);
  return t ? explainRecord(a, t.record, t.asOf, ui) : undefined;
}
