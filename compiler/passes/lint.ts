// Pass 3, lint: warnings that do not stop compilation. Unused derived values, a condition repeated
// within a grade, grades with no measures, a missing disregard rule, and gaps the regulation leaves
// open: a value bounded from above in one grade that no other grade picks up beyond the bound.
import { diag, withRelated } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { stripSpans } from "../../diagnostics/span.js";
import { SOURCES } from "../../record/vocabulary.js";
import type { CompileContext } from "../context.js";
import type { IRCondition, IRExpr } from "../ir.js";
import { irValueReads } from "./typecheck.js";

function clauses(c: IRCondition, out: Extract<IRCondition, { kind: "clause" }>[] = []) {
  if (c.kind === "clause") out.push(c);
  else if (c.kind === "not") clauses(c.item, out);
  else c.items.forEach((i) => clauses(i, out));
  return out;
}

function comparisons(e: IRExpr, out: Extract<IRExpr, { op: "cmp" }>[] = []) {
  if (e.op === "cmp") out.push(e);
  else if (e.op === "and" || e.op === "or") e.args.forEach((a) => comparisons(a, out));
  else if (e.op === "not") comparisons(e.arg, out);
  return out;
}

function sourcesRead(e: IRExpr, out: Set<string>): void {
  if (e.op === "count" || e.op === "exists" || e.op === "sum") out.add(e.source);
}

export function lint(ctx: CompileContext): void {
  const { policy } = ctx;

  // Unused: read by no clause and no other value.
  const used = new Set<string>();
  for (const c of ctx.typedGrades.values()) for (const cl of clauses(c)) cl.reads.forEach((r) => used.add(r));
  for (const v of ctx.typedValues.values()) irValueReads(v.expr).forEach((r) => used.add(r));
  const extra = [
    ...ctx.plans.overrides.map((o) => o.expr),
    ...ctx.plans.categories.map((c) => c.expr),
    ...ctx.plans.models.flatMap((m) => m.items.map((i) => i.value)),
    ...ctx.plans.bands.map((b) => b.subject),
    ...ctx.plans.obligations.flatMap((o) => [o.due, ...(o.where ? [o.where] : [])]),
  ];
  for (const e of extra) irValueReads(e).forEach((r) => used.add(r));
  for (const v of policy.values) if (!used.has(v.name)) ctx.diagnostics.push(diag("CP-W0601", v.span, [v.name]));

  // The same condition twice in one grade.
  for (const g of policy.grades) {
    const cond = ctx.typedGrades.get(g.id);
    if (!cond) continue;
    const seen = new Map<string, Span>();
    for (const cl of clauses(cond)) {
      const key = JSON.stringify(stripSpans(cl.expr));
      const first = seen.get(key);
      if (first) ctx.diagnostics.push(withRelated(diag("CP-W0602", cl.span, [g.id, cl.article]), first, "note/first-written"));
      else seen.set(key, cl.span);
    }
  }

  for (const g of [...policy.grades.map((x) => ({ id: x.id, span: x.span })), ...(policy.bands ?? []).flatMap((b) => b.items.map((i) => ({ id: i.grade, span: i.span })))]) {
    if (!policy.measures.some((m) => m.grade === g.id)) ctx.diagnostics.push(diag("CP-W0605", g.span, [g.id]));
  }

  const read = new Set<string>();
  for (const v of ctx.typedValues.values()) sourcesRead(v.expr, read);
  const statusSources = [...read].filter((s) => SOURCES[s as keyof typeof SOURCES]?.hasStatus);
  if (statusSources.length > 0 && !policy.disregard) ctx.diagnostics.push(diag("CP-W0606", policy.span));

  lintGaps(ctx);
}

/**
 * A grade that holds only while a value stays under a bound ("3次（不含）以内", "不超过50万元")
 * leaves the values beyond the bound to other grades. When no other grade reads that value, a
 * record beyond the bound may match no grade at all: the regulation is silent there.
 */
function lintGaps(ctx: CompileContext): void {
  const readsByGrade = new Map<string, Set<string>>();
  for (const [id, cond] of ctx.typedGrades) {
    const reads = new Set<string>();
    for (const cl of clauses(cond)) cl.reads.forEach((r) => reads.add(r));
    readsByGrade.set(id, reads);
  }
  for (const [id, cond] of ctx.typedGrades) {
    for (const cl of clauses(cond)) {
      for (const cmp of comparisons(cl.expr)) {
        if (cmp.left.op !== "value" || (cmp.cmp !== "<" && cmp.cmp !== "<=")) continue;
        const name = cmp.left.name;
        const elsewhere = [...readsByGrade].some(([other, reads]) => other !== id && reads.has(name));
        if (elsewhere) continue;
        const bound = cmp.right.op === "lit" ? String(cmp.right.value) : "?";
        const beyond = cmp.cmp === "<" ? "≥" : ">";
        const shown = cmp.left.type.t === "money" ? `${(Number(bound) / 100).toFixed(2)}元` : bound;
        ctx.diagnostics.push(diag("CP-W0603", cmp.span, [cl.article, name, beyond, shown, id]));
      }
    }
  }
}
