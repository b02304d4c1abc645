// Two inlined condition expressions compared structurally, reporting what changed in the
// regulation's terms: a bound's number, a bound flipping between inclusive and exclusive, a
// window's length, which amounts a sum adds up, or else the part that changed, old and new.
// Operands of 且/或 are matched by meaning, not position, so reordering them is no change.
import type { Json } from "../../dsl/ast.js";
import { PARTS, type PartDef } from "../../record/registry.js";
import type { IRWindow } from "../../compiler/ir.js";
import { ckey, flatArgs, labelOf, sameWindow, type CExpr } from "./canonical.js";
import { mathBound, showBound, showExpr, showWindow } from "./show.js";

export type Detail =
  | { kind: "threshold" | "boundary"; subject: string; old: string; new: string; detail: { [k: string]: Json } }
  | { kind: "window"; subject: string; old: string; new: string; detail: { [k: string]: Json } }
  | { kind: "amount-kinds"; subject: string; old: string; new: string; detail: { [k: string]: Json } }
  | { kind: "condition-changed"; subject?: string; old: string | null; new: string | null };

type Cmp = Extract<CExpr, { op: "cmp" }>;

function direction(op: string): string {
  return op === "<" || op === "<=" ? "upper" : op === ">" || op === ">=" ? "lower" : op;
}

function windowJson(w: IRWindow | undefined): Json {
  return w ? { amount: w.amount, unit: w.unit } : null;
}

/** What a part of an expression is about, for pairing changed operands. */
function anchor(e: CExpr): string {
  switch (e.op) {
    case "cmp":
      return `cmp|${ckey(e.left)}|${direction(e.cmp)}`;
    case "agg":
      return `${e.fn}|${e.source}`;
    case "in":
      return `in|${ckey(e.left)}`;
    case "not":
      return `not|${anchor(e.arg)}`;
    default:
      return e.op;
  }
}

function labelAnchor(e: CExpr): string | undefined {
  if (e.op === "cmp" && labelOf(e.left)) return `cmp|${labelOf(e.left)}|${direction(e.cmp)}`;
  return e.label;
}

/** Pairs the operands of two 且/或 lists: equal ones first, then by what they are about. */
function align(as: CExpr[], bs: CExpr[]): { pairs: [CExpr, CExpr][]; removed: CExpr[]; added: CExpr[] } {
  const restA = [...as];
  const restB = [...bs];
  const pairs: [CExpr, CExpr][] = [];
  const take = (key: (e: CExpr) => string | undefined, collect: boolean) => {
    for (let i = 0; i < restA.length; i++) {
      const k = key(restA[i] as CExpr);
      if (k === undefined) continue;
      const j = restB.findIndex((b) => key(b) === k);
      if (j < 0) continue;
      const [a] = restA.splice(i, 1);
      const [b] = restB.splice(j, 1);
      if (collect) pairs.push([a as CExpr, b as CExpr]);
      i--;
    }
  };
  take(ckey, false);
  take(anchor, true);
  take(labelAnchor, true);
  if (restA.length === 1 && restB.length === 1) pairs.push([restA.pop() as CExpr, restB.pop() as CExpr]);
  return { pairs, removed: restA, added: restB };
}

/** The changes between two expressions of one condition; [] when they mean the same. */
export function diffExpr(a: CExpr, b: CExpr, subject?: string, source?: PartDef): Detail[] {
  if (ckey(a) === ckey(b)) return [];
  const about = b.label ?? a.label ?? subject;
  const junction = (e: CExpr) => e.op === "and" || e.op === "or";
  // A single operand against a 且/或: the single one is a list of one.
  if (junction(a) !== junction(b)) {
    if (junction(b)) a = { op: (b as { op: "and" | "or" }).op, args: [a], span: a.span } as CExpr;
    else b = { op: (a as { op: "and" | "or" }).op, args: [b], span: b.span } as CExpr;
  }
  const changed = (): Detail[] => {
    // A value whose definition changed under the same name reads as its definition, not "x → x".
    const expand = showExpr(a, source) === showExpr(b, source);
    return [{ kind: "condition-changed", ...(about ? { subject: about } : {}), old: showExpr(a, source, expand), new: showExpr(b, source, expand) }];
  };
  if (a.op !== b.op) return changed();
  switch (a.op) {
    case "and":
    case "or": {
      const { pairs, removed, added } = align(flatArgs(a), flatArgs(b as CExpr));
      return [
        ...pairs.flatMap(([x, y]) => diffExpr(x, y, about, source)),
        ...removed.map((x): Detail => ({ kind: "condition-changed", ...(about ? { subject: about } : {}), old: showExpr(x, source), new: null })),
        ...added.map((y): Detail => ({ kind: "condition-changed", ...(about ? { subject: about } : {}), old: null, new: showExpr(y, source) })),
      ];
    }
    case "not":
      return diffExpr(a.arg, (b as typeof a).arg, about, source);
    case "cmp":
      return diffCmp(a, b as Cmp, about, source);
    case "agg": {
      const y = b as typeof a;
      if (a.source !== y.source || a.fn !== y.fn) return changed();
      const src = PARTS[a.source];
      const name = about ?? showExpr(y, source);
      const out: Detail[] = [];
      if (!sameWindow(a.window, y.window)) {
        out.push({
          kind: "window",
          subject: name,
          old: showWindow(a.window),
          new: showWindow(y.window),
          detail: { old: windowJson(a.window), new: windowJson(y.window) },
        });
      }
      if (a.where && y.where) out.push(...diffExpr(a.where, y.where, name, src));
      else if (a.where || y.where) {
        out.push({ kind: "condition-changed", subject: name, old: a.where ? showExpr(a.where, src) : null, new: y.where ? showExpr(y.where, src) : null });
      }
      if (a.of && y.of) out.push(...diffExpr(a.of, y.of, name, src));
      return out;
    }
    case "amount": {
      const y = b as typeof a;
      return [
        {
          kind: "amount-kinds",
          subject: about ?? showExpr(y, source),
          old: showExpr(a, source),
          new: showExpr(y, source),
          detail: { old: [...a.kinds].sort(), new: [...y.kinds].sort() },
        },
      ];
    }
    default:
      return changed();
  }
}

function diffCmp(a: Cmp, b: Cmp, about: string | undefined, source?: PartDef): Detail[] {
  const out: Detail[] = [];
  const subject = showExpr(b.left, source);
  if (ckey(a.left) !== ckey(b.left)) out.push(...diffExpr(a.left, b.left, labelOf(b.left) ?? about, source));
  if (ckey(a.right) === ckey(b.right) && a.cmp === b.cmp) return out;
  if (a.right.op !== "lit" || b.right.op !== "lit" || direction(a.cmp) !== direction(b.cmp)) {
    out.push({ kind: "condition-changed", subject, old: showExpr(a, source), new: showExpr(b, source) });
    return out;
  }
  const sameValue = ckey(a.right) === ckey(b.right);
  out.push({
    kind: sameValue ? "boundary" : "threshold",
    subject,
    old: showBound(a, source),
    new: showBound(b, source),
    detail: {
      old: { op: a.cmp, value: a.right.value, type: a.right.type.t, math: mathBound(a, source) },
      new: { op: b.cmp, value: b.right.value, type: b.right.type.t, math: mathBound(b, source) },
      ...(a.cmp !== b.cmp ? { inclusive: { old: a.cmp.endsWith("="), new: b.cmp.endsWith("=") } } : {}),
    },
  });
  return out;
}
