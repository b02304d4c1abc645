// The IR a diff compares: derived values inlined (a value is its definition, whatever it is named),
// and/or flattened, sets (in-lists, amount kinds) sorted, windows in months, and what only explains
// (spans, boundary words as written, value names) left out of the comparison key.
import type { IRExpr, IRValue, IRWindow } from "../../compiler/ir.js";

/** An expression with derived values inlined; `label` is the name of the value it came from. */
export type CExpr = IRExpr & { label?: string };

/** The name of the derived value an inlined expression came from. */
export function labelOf(e: IRExpr): string | undefined {
  return (e as CExpr).label;
}

/** Keys that explain or locate, never change what a policy does. */
const IGNORED = new Set(["span", "recordSpans", "label", "word", "marker", "reads", "notes", "comments"]);

/** Replaces every value reference (`{op: "value"}`) anywhere in `x` by its inlined definition. */
export function makeInliner(values: readonly IRValue[]): <T>(x: T) => T {
  const defs = new Map(values.map((v) => [v.name, v.expr]));
  const memo = new Map<string, unknown>();
  const inline = (x: unknown, depth: number): unknown => {
    if (Array.isArray(x)) return x.map((y) => inline(y, depth));
    if (!x || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    if (o["op"] === "value" && typeof o["name"] === "string" && defs.has(o["name"]) && depth < 64) {
      const name = o["name"];
      let body = memo.get(name);
      if (body === undefined) memo.set(name, (body = inline(defs.get(name), depth + 1)));
      return { ...(body as object), label: name };
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
