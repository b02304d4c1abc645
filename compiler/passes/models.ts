// Weighted indicator models (满分100分): each item's value is a number, weights and caps are
// points, and the indicators' weights add up to the total. Points are read by pointsOf, which
// lower.ts shares, so the checked number is the lowered one.
import type { Expr, ModelDecl } from "../../dsl/ast.js";
import { diag } from "../../diagnostics/diagnostics.js";
import { compareDecimal } from "../bands.js";
import type { CompileContext } from "../context.js";
import { inEach, typeRef } from "../types.js";
import { checkExpr } from "./check-expr.js";

export const SCORE_LIKE: ReadonlySet<string> = new Set(["score", "number", "count"]);

/** A plain number written with or without 分 (a score, a weight, a bound); undefined when it is not one. */
export function pointsOf(e: Expr): string | undefined {
  if (e.kind !== "Quantity" || (e.unit !== undefined && e.unit !== "points")) return undefined;
  return e.value;
}

/** pointsOf, reporting what is not points (a place to fill, or another kind of value). */
export function points(ctx: CompileContext, e: Expr, what: string): string | undefined {
  if (e.kind === "Placeholder") {
    ctx.diagnostics.push(diag("CP-E0508", e.span, [what]));
    return undefined;
  }
  const p = pointsOf(e);
  if (p === undefined) {
    ctx.diagnostics.push(diag("CP-E0402", e.span, [inEach("分数（如 85分）", "points (85分)"), e.kind === "Quantity" ? `${e.value}${e.unit ?? ""}` : e.kind]));
  }
  return p;
}

export function addDecimal(a: string, b: string): string {
  const d = Math.max((a.split(".")[1] ?? "").length, (b.split(".")[1] ?? "").length);
  const s = (x: string) => BigInt(x.split(".")[0] + (x.split(".")[1] ?? "").padEnd(d, "0"));
  const v = (s(a) + s(b)).toString().padStart(d + 1, "0");
  return d ? `${v.slice(0, -d)}.${v.slice(-d)}` : v;
}

export function checkModel(ctx: CompileContext, m: ModelDecl): void {
  const total = points(ctx, m.total, `${m.name} 满分 total`);
  points(ctx, m.missing, `${m.name} 缺失按 missing`);
  let weights = "0";
  let weightsKnown = true;
  let indicators = false;
  for (const item of m.items) {
    const value = checkExpr({ ctx }, item.value);
    if (!SCORE_LIKE.has(value.t) && value.t !== "null") {
      ctx.diagnostics.push(diag("CP-E0402", item.value.span, [inEach("数值", "a number"), typeRef(value)]));
    }
    const num = (e: Expr | undefined, what: string) => (e ? points(ctx, e, `${item.name} ${what}`) : undefined);
    if (item.kind === "Indicator") {
      indicators = true;
      const weight = num(item.weight, "权重 weight");
      if (weight === undefined) weightsKnown = false;
      else weights = addDecimal(weights, weight);
    } else {
      num(item.each, "每次 each");
      num(item.max, "最多 max");
    }
  }
  if (total !== undefined && weightsKnown && indicators && compareDecimal(weights, total) !== 0) {
    ctx.diagnostics.push(diag("CP-E0513", m.span, [m.name, weights, total]));
  }
}
