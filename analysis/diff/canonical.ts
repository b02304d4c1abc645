// The IR a diff compares: derived values inlined (a value is its definition, whatever it is named),
// and/or flattened, sets (in-lists, amount kinds) sorted, windows in months, and what only explains
// (spans, boundary words as written, value names) left out of the comparison key.
import type { IRExpr, IRItemRule, IRParam, IRValue, IRWindow } from "../../compiler/ir.js";

/** An expression with derived values inlined; `label` is the name of the value it came from. */
export type CExpr = IRExpr & { label?: string };

/** The name of the derived value an inlined expression came from. */
export function labelOf(e: IRExpr): string | undefined {
  return (e as CExpr).label;
}

/** Keys that explain or locate, never change what a policy does. */
const IGNORED = new Set(["span", "recordSpans", "label", "word", "marker", "reads", "notes", "comments"]);

/**
 * Replaces every value reference (`{op: "value"}`, and a per-item rule's `{op: "local"}`) anywhere
 * in `x` by its inlined definition. Parameters stay references: a parameter's value is compared
 * once, as a parameter, not at every place that reads it.
 */
export function makeInliner(values: readonly IRValue[], itemRules: readonly IRItemRule[] = []): <T>(x: T) => T {
  const defs = new Map<string, IRExpr>(values.map((v) => [v.name, v.expr]));
  for (const r of itemRules) for (const v of r.values) defs.set(`${r.name}\u0000${v.name}`, v.expr);
  const memo = new Map<string, unknown>();
  const inline = (x: unknown, depth: number): unknown => {
    if (Array.isArray(x)) return x.map((y) => inline(y, depth));
    if (!x || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    const ref = o["op"] === "value" ? o["name"] : o["op"] === "local" ? `${String(o["rule"])}\u0000${String(o["name"])}` : undefined;
    if (typeof ref === "string" && defs.has(ref) && depth < 64) {
      let body = memo.get(ref);
      if (body === undefined) memo.set(ref, (body = inline(defs.get(ref), depth + 1)));
      return { ...(body as object), label: o["name"] };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = inline(v, depth);
    return out;
  };
  return <T>(x: T) => inline(x, 0) as T;
}

function windowMonths(w: IRWindow): { months?: number; days?: number } {
  return w.unit === "day" ? { days: w.amount } : { months: w.unit === "year" ? w.amount * 12 : w.amount };
}

/** The operands of nested ands (or ors) as one list. */
export function flatArgs(e: CExpr): CExpr[] {
  if (e.op !== "and" && e.op !== "or") return [e];
  return e.args.flatMap((a) => (a.op === e.op ? flatArgs(a) : [a]));
}

function canon(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canon);
  if (!x || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  if ((o["op"] === "and" || o["op"] === "or") && Array.isArray(o["args"])) {
    const args = flatArgs(o as CExpr).map((a) => JSON.stringify(canon(a)));
    return { op: o["op"], args: [...new Set(args)].sort() };
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    if (IGNORED.has(k)) continue;
    const v = o[k];
    if (k === "window" && v && typeof v === "object") out[k] = windowMonths(v as IRWindow);
    else if ((o["op"] === "in" && k === "items") || (o["op"] === "amount" && k === "kinds")) {
      out[k] = (v as unknown[]).map((i) => JSON.stringify(canon(i))).sort();
    } else out[k] = canon(v);
  }
  return out;
}

/** The comparison key: equal keys, equal meaning. */
export function ckey(x: unknown): string {
  return JSON.stringify(canon(x)) ?? "undefined";
}

/** Whether two windows cover the same days (1年 is 12个月). */
export function sameWindow(a: IRWindow | undefined, b: IRWindow | undefined): boolean {
  return ckey(a ? windowMonths(a) : null) === ckey(b ? windowMonths(b) : null);
}

/** Every parameter reference in `x` replaced by its value, as a literal: for the witness search, which needs numbers. */
export function withParamValues(params: readonly IRParam[]): <T>(x: T) => T {
  const byName = new Map(params.map((p) => [p.name, p]));
  const go = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(go);
    if (!x || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    const p = o["op"] === "param" ? byName.get(String(o["name"])) : undefined;
    if (p) return { op: "lit", type: p.type, value: p.value, span: o["span"], label: p.name };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = go(v);
    return out;
  };
  return <T>(x: T) => go(x) as T;
}
