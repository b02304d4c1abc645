// Pass "plans" (after typecheck): the constructs city plans need. Score bands (and the proof that
// they cover their range exactly once), overrides, categories, obligations with due dates, the
// snapshot day and a plan's requirements. Checks only; lower.ts builds their IR.
import type { BandItem, BandsDecl, Bound, Expr, ItemRuleDecl, ObligationDecl, Quantity } from "../../dsl/ast.js";
import { boundaryOp, type CmpOp } from "../../dsl/boundary.js";
import { diag } from "../../diagnostics/diagnostics.js";
import { findPart, type PartDef } from "../../record/registry.js";
import { checkCoverage } from "../bands.js";
import type { CompileContext } from "../context.js";
import type { IRBand } from "../ir.js";
import { inEach, typeRef } from "../types.js";
import { checkCondition, checkExpr, checkWindow } from "./check-expr.js";
import { points, pointsOf, SCORE_LIKE } from "./models.js";

/** A band bound's comparison: an operator as written (a marker beside it is not an error here), or the boundary word's. */
function bandOp(b: Bound): CmpOp | undefined {
  return b.op ?? (b.word ? boundaryOp(b.word, b.marker) : undefined);
}

/** The interval a band's bounds cover; `complete` false when a bound is not a lower or upper bound in points. */
export function bandInterval(item: BandItem): { band: Omit<IRBand, "span">; complete: boolean } {
  const band: Omit<IRBand, "span"> = { grade: item.grade, lo: null, loIncl: false, hi: null, hiIncl: false };
  let complete = true;
  for (const b of item.bounds) {
    const value = pointsOf(b.right);
    const op = bandOp(b);
    if (value === undefined || !op || op === "=" || op === "!=") {
      complete = false;
      continue;
    }
    if (op === ">" || op === ">=") {
      band.lo = value;
      band.loIncl = op === ">=";
    } else {
      band.hi = value;
      band.hiIncl = op === "<=";
    }
  }
  return { band, complete };
}

function checkBands(ctx: CompileContext, decl: BandsDecl): void {
  const subject = checkExpr({ ctx }, decl.subject);
  if (!SCORE_LIKE.has(subject.t) && subject.t !== "null") {
    ctx.diagnostics.push(diag("CP-E0402", decl.subject.span, [inEach("分数", "a score"), typeRef(subject)]));
  }
  const min = points(ctx, decl.range.min, "分档范围 range");
  const max = points(ctx, decl.range.max, "分档范围 range");
  const bands: Omit<IRBand, "span">[] = [];
  let complete = min !== undefined && max !== undefined;
  for (const item of decl.items) {
    for (const b of item.bounds) {
      const value = points(ctx, b.right, `${item.grade} 的分档界限 band bound`);
      const op = bandOp(b);
      if (value !== undefined && (!op || op === "=" || op === "!=")) ctx.diagnostics.push(diag("CP-E0512", b.span, [decl.name]));
    }
    const interval = bandInterval(item);
    if (!interval.complete) complete = false;
    bands.push(interval.band);
  }
  if (complete && min !== undefined && max !== undefined) {
    for (const p of checkCoverage(bands, min, max)) {
      const where = `分数 score ${p.where}`;
      if (p.kind === "gap") ctx.diagnostics.push(diag("CP-E0510", decl.span, [decl.name, where]));
      else ctx.diagnostics.push(diag("CP-E0511", decl.span, [decl.name, where, p.grades.join(", ")]));
    }
  }
}

/** A duty over the items of `part`: its filter, its due day (a date, or none), its window. */
export function checkObligation(ctx: CompileContext, o: ObligationDecl, part: PartDef, rule?: ItemRuleDecl): void {
  ctx.parts.set(o, part);
  const env = { ctx, part, ...(rule ? { rule } : {}) };
  if (o.where) checkExpr(env, o.where);
  if (o.due) {
    const due = checkExpr(env, o.due);
    if (due.t !== "date" && due.t !== "null") ctx.diagnostics.push(diag("CP-E0516", o.due.span, [typeRef(due)]));
  }
  if (o.window) checkWindow(env, o.window.amount);
}

function checkRule(ctx: CompileContext, when: Expr): void {
  const t = checkExpr({ ctx }, when);
  if (t.t !== "bool" && t.t !== "null") ctx.diagnostics.push(diag("CP-E0402", when.span, [inEach("条件（是否）", "a condition (yes/no)"), typeRef(t)]));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A snapshot's month (1–12) or day of that month, when the quantity is one. */
export function snapshotPart(e: Expr, unit: "month" | "day", max: number): number | undefined {
  const q = e as Quantity;
  if (e.kind !== "Quantity" || !/^\d+$/.test(q.value) || (q.unit !== undefined && q.unit !== unit) || Number(q.value) < 1 || Number(q.value) > max) {
    return undefined;
  }
  return Number(q.value);
}

export function snapshotMonthDays(month: number): number {
  return MONTH_DAYS[month - 1] as number;
}

function integer(ctx: CompileContext, e: Expr, unit: "month" | "day", max: number): number | undefined {
  if (e.kind === "Placeholder") {
    ctx.diagnostics.push(diag("CP-E0508", e.span, [{ key: "section/period" }]));
    return undefined;
  }
  const n = snapshotPart(e, unit, max);
  if (n === undefined) ctx.diagnostics.push(diag("CP-E0514", e.span, [e.kind === "Quantity" ? `${(e as Quantity).value}` : e.kind]));
  return n;
}

export function plans(ctx: CompileContext): void {
  const p = ctx.policy;
  for (const b of p.bands ?? []) checkBands(ctx, b);
  for (const o of p.overrides ?? []) checkRule(ctx, o.when);
  for (const c of p.categories ?? []) checkCondition({ ctx }, c.condition);
  for (const o of p.obligations ?? []) {
    if (o.source === undefined) {
      ctx.diagnostics.push(diag("CP-E0517", o.span, [o.name]));
      continue;
    }
    const part = findPart(o.source);
    if (!part) {
      ctx.diagnostics.push(diag("CP-E0303", o.span, [o.source, "warnings, sanctions, …"]));
      continue;
    }
    checkObligation(ctx, o, part);
  }
  if (p.snapshot) {
    const month = integer(ctx, p.snapshot.month, "month", 12);
    if (month !== undefined) integer(ctx, p.snapshot.day, "day", snapshotMonthDays(month));
  }
  if (p.requires) {
    const model = p.requires.items.find((i) => i.kind === "model");
    if (model && model.kind === "model") points(ctx, model.total, "部门要求 满分");
  }
}
