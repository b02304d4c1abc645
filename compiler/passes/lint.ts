// The lint pass, on the lowered IR: warnings that do not stop compilation. Unused derived values,
// a condition repeated within a grade, grades with no measures, a missing disregard rule, and gaps
// the regulation leaves open: a value bounded from above in one grade that no other grade picks up
// beyond the bound.
import { diag, withRelated } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { stripSpans } from "../../diagnostics/span.js";
import { PARTS } from "../../record/registry.js";
import type { CompileContext } from "../context.js";
import type { IRAggregate, IRExpr, IRPolicy } from "../ir.js";
import { clausesOf, irValueReads, policyExprs } from "../ir-walk.js";

function comparisons(e: IRExpr, out: Extract<IRExpr, { op: "cmp" }>[] = []) {
  if (e.op === "cmp") out.push(e);
  else if (e.op === "and" || e.op === "or") e.args.forEach((a) => comparisons(a, out));
  else if (e.op === "not") comparisons(e.arg, out);
  return out;
}

export function lint(ctx: CompileContext, ir: IRPolicy): void {
  const { policy } = ctx;

  // Unused: read by no rule, no other value, no model, band or obligation.
  const used = new Set<string>();
  for (const x of policyExprs(ir)) irValueReads(x.expr).forEach((r) => used.add(r));
  for (const v of policy.values) if (!used.has(v.name)) ctx.diagnostics.push(diag("CP-W0601", v.span, [v.name]));

  // The same condition twice in one grade.
  for (const g of ir.grades.slice(0, policy.grades.length)) {
    const seen = new Map<string, Span>();
    for (const cl of clausesOf(g.condition)) {
      const key = JSON.stringify(stripSpans(cl.expr));
      const first = seen.get(key);
      if (first) ctx.diagnostics.push(withRelated(diag("CP-W0602", cl.span, [g.id, cl.article]), first, "note/first-written"));
      else seen.set(key, cl.span);
    }
  }

  for (const g of ir.grades) {
    if (!policy.measures.some((m) => m.grade === g.id)) ctx.diagnostics.push(diag("CP-W0605", g.span, [g.id]));
  }

  // Parts with a status read by a derived value, without a rule for revoked or repaired records.
  let readsStatusPart = false;
  for (const v of ir.values) if (v.expr.op === "agg" && PARTS[v.expr.source].statusField) readsStatusPart = true;
  if (readsStatusPart && !policy.disregard) ctx.diagnostics.push(diag("CP-W0606", policy.span));

  lintGaps(ctx, ir);
  lintExcluded(ctx, ir);
}

function conjuncts(e: IRExpr | undefined): IRExpr[] {
  if (!e) return [];
  return e.op === "and" ? e.args.flatMap(conjuncts) : [e];
}

/** The yes/no fields an aggregate's filter excludes (`… 且 非 严重`), with where each is written. */
function excludedFields(agg: IRAggregate): { field: string; span: Span }[] {
  return conjuncts(agg.where).flatMap((c) =>
    c.op === "not" && c.arg.op === "field" && c.arg.type.t === "bool" ? [{ field: c.arg.field, span: c.span }] : [],
  );
}

/**
 * A grade that counts a part's elements only when a yes/no field is false (一般失信 counts
 * violations that are 非 严重) leaves the elements with it true to other grades. When no other
 * grade counts such elements, a record whose only elements are those gets no grade while a
 * lighter one gets this grade: the regulation is silent there (wugang-sfj: a severe violation
 * alone gives no grade, a small fine gives B).
 */
function lintExcluded(ctx: CompileContext, ir: IRPolicy): void {
  const values = new Map(ir.values.map((v) => [v.name, v]));
  const aggsOf = (names: Iterable<string>, seen = new Set<string>()): IRAggregate[] => {
    const out: IRAggregate[] = [];
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      const v = values.get(n);
      if (!v) continue;
      if (v.expr.op === "agg") out.push(v.expr);
      out.push(...aggsOf(irValueReads(v.expr), seen));
    }
    return out;
  };
  const byGrade = new Map<string, { article: string; aggs: IRAggregate[] }[]>();
  for (const g of ir.grades) {
    const list = byGrade.get(g.id) ?? [];
    for (const cl of clausesOf(g.condition)) list.push({ article: cl.article, aggs: aggsOf(cl.reads) });
    byGrade.set(g.id, list);
  }
  const reported = new Set<string>();
  for (const [grade, clauses] of byGrade) {
    for (const { article, aggs } of clauses) {
      for (const agg of aggs) {
        for (const { field, span } of excludedFields(agg)) {
          const key = `${grade}|${agg.source}|${field}`;
          if (reported.has(key)) continue;
          const countedElsewhere = [...byGrade].some(
            ([other, cs]) => other !== grade && cs.some((c) => c.aggs.some((a) => a.source === agg.source && !excludedFields(a).some((x) => x.field === field))),
          );
          if (countedElsewhere) continue;
          reported.add(key);
          const part = PARTS[agg.source];
          const fieldName = part.fields.find((f) => f.id === field)?.zh[0] ?? field;
          ctx.diagnostics.push(diag("CP-W0607", span, [article, part.zh[0] ?? part.id, fieldName]));
        }
      }
    }
  }
}

/**
 * A grade that holds only while a value stays under a bound ("3次（不含）以内", "不超过50万元")
 * leaves the values beyond the bound to other grades. When no other grade reads that value, a
 * record beyond the bound may match no grade at all: the regulation is silent there.
 */
function lintGaps(ctx: CompileContext, ir: IRPolicy): void {
  const readsByGrade = new Map<string, Set<string>>();
  for (const g of ir.grades) {
    const reads = readsByGrade.get(g.id) ?? new Set<string>();
    for (const cl of clausesOf(g.condition)) cl.reads.forEach((r) => reads.add(r));
    readsByGrade.set(g.id, reads);
  }
  for (const g of ir.grades) {
    for (const cl of clausesOf(g.condition)) {
      for (const cmp of comparisons(cl.expr)) {
        if (cmp.left.op !== "value" || (cmp.cmp !== "<" && cmp.cmp !== "<=")) continue;
        const name = cmp.left.name;
        const elsewhere = [...readsByGrade].some(([other, reads]) => other !== g.id && reads.has(name));
        if (elsewhere) continue;
        const bound = cmp.right.op === "lit" ? String(cmp.right.value) : "?";
        const beyond = cmp.cmp === "<" ? "≥" : ">";
        const shown = cmp.left.type.t === "money" ? `${(Number(bound) / 100).toFixed(2)}元` : bound;
        ctx.diagnostics.push(diag("CP-W0603", cmp.span, [cl.article, name, beyond, shown, g.id]));
      }
    }
  }
}

