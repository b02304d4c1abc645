// IR expressions → SQL, with the evaluator's semantics (runtime/evaluator.ts): a condition holds
// only when it is exactly true (an absent value never holds), `=` and `≠` treat absent values as
// values (IS [NOT] DISTINCT FROM) and ordering comparisons with one never hold, arithmetic on an
// absent value is absent, money is exact DECIMAL, dates move by calendar months clamped to the
// month's end, and working days come from the State Council's calendar. One switch over IRExpr,
// ending in assertNever; aggregates, values and per-item reads are asked of the host (query.ts),
// which knows where their columns are.
import type { CmpOp } from "../../../dsl/boundary.js";
import { assertNever } from "../../../diagnostics/never.js";
import { PARTS, type SubjectFieldId } from "../../../record/registry.js";
import type { BuiltinFn } from "../../builtins.js";
import type { IRAggregate, IRExpr, IRPolicy, IRType } from "../../ir.js";
import { s, type Join, type S } from "./ctes.js";
import type { Dialect } from "./dialect.js";
import { ElementSet } from "./elements.js";
import { isoDate, num, str, SqlUnsupported, yuan } from "./literals.js";

/** Where an expression is evaluated: on the subject, or on an element of a part (aliased e). */
export interface Cx {
  el?: ElementCx;
}

export interface ElementCx {
  set: ElementSet;
  /** The per-item rule being compiled, when the element is its item: its values and outputs are computed in place. */
  rule?: string;
  /** What of that rule exists yet (the evaluator fills a rule's state in order): locals before this index, outputs before that one. */
  phase?: { locals: number; outputs: number };
}

/** What the expression translator asks of the query being built. */
export interface Host {
  ir: IRPolicy;
  d: Dialect;
  value(name: string): S;
  aggregate(e: IRAggregate, cx: Cx): S;
  /** A value or output of a per-item rule for the element in scope. */
  itemRead(kind: "local" | "output", rule: string, name: string, cx: Cx): S;
  model(name: string): S;
  indicator(key: string): S;
  /** A subject field as cp_s0 holds it. */
  subject(field: SubjectFieldId): S;
  /** The working-day calendar's joins for a date expression: D + n working days. */
  workdays(date: S, n: number): S;
  fresh(prefix: string): string;
}

const FALSE = s("FALSE", false);
const NULL = s("NULL", true);

/** A condition's truth: true only when exactly true. */
export function truth(x: S): S {
  return x.nullable ? s(`COALESCE(${x.sql}, FALSE)`, false, [x]) : x;
}

const SQL_CMP: Record<CmpOp, string> = { "<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "=", "!=": "<>" };

/** A literal in its SQL form: money as DECIMAL yuan, counts as integers, dates as DATE, ranks by the severity order. */
export function literal(h: Host, type: IRType, value: string | boolean | null): S {
  if (value === null) return NULL;
  switch (type.t) {
    case "money":
      return s(`CAST(${yuan(String(value))} AS ${h.d.types.money})`, false);
    case "count":
      return s(num(String(value)), false);
    case "score":
    case "number":
      return s(`CAST(${num(String(value))} AS ${h.d.types.number})`, false);
    case "date":
      return s(isoDate(String(value)), false);
    case "bool":
      return s(value === true ? "TRUE" : "FALSE", false);
    case "rank":
      return s(String(h.ir.severity[String(value)] ?? 0), false);
    case "string":
    case "enum":
    case "duration":
    case "workdays":
      return s(str(String(value)), false);
    case "null":
      return NULL;
    default:
      return assertNever(type, "IR type");
  }
}

/** A duration known when the query is written ("6 month", "7 workday"): a literal, a parameter or a value that is one. */
function constantDuration(h: Host, e: IRExpr, seen = new Set<string>()): { n: number; unit: string } {
  let text: unknown;
  if (e.op === "lit") text = e.value;
  else if (e.op === "param") text = h.ir.params.find((p) => p.name === e.name)?.value;
  else if (e.op === "value" && !seen.has(e.name)) {
    const v = h.ir.values.find((x) => x.name === e.name);
    if (v) return constantDuration(h, v.expr, new Set([...seen, e.name]));
  }
  const m = typeof text === "string" ? /^(\d+) (year|month|day|workday)$/.exec(text) : null;
  if (!m) throw new SqlUnsupported("a date moved by a period that is not a literal or a parameter", e.span);
  return { n: Number(m[1]), unit: m[2] as string };
}

const BUILTIN: Record<BuiltinFn, (d: Dialect, a: string, b: string) => string> = {
  later: (d, a, b) => d.greatest(a, b),
  earlier: (d, a, b) => d.least(a, b),
};

export function expr(h: Host, e: IRExpr, cx: Cx): S {
  try {
    return translate(h, e, cx);
  } catch (err) {
    // An untranslatable construct is reported at the innermost expression that has a place.
    if (err instanceof SqlUnsupported && !err.span) throw new SqlUnsupported(err.construct, e.span);
    throw err;
  }
}

function translate(h: Host, e: IRExpr, cx: Cx): S {
  const d = h.d;
  switch (e.op) {
    case "lit":
      return literal(h, e.type, e.value);
    case "value":
      return h.value(e.name);
    case "field": {
      if (!cx.el) return e.type.t === "bool" ? FALSE : NULL;
      const set = cx.el.set;
      const def = set.part.fields.find((f) => f.id === e.field);
      const declared = h.ir.fields.find((f) => f.part === set.id && f.name === e.field);
      if (!def && !declared) throw new SqlUnsupported(`the field ${JSON.stringify(e.field)} of ${set.id}`, e.span);
      const col = set.field(def ? { def } : { declared: declared! });
      return s(`e.${col}`, e.type.t !== "bool");
    }
    case "subject":
      return h.subject(e.field as SubjectFieldId);
    case "amount": {
      if (!cx.el) return s("0", false);
      const set = cx.el.set;
      const f = (PARTS[set.id].functions ?? []).find((x) => x.id === "amount");
      if (!f) throw new SqlUnsupported(`amount(…) of ${set.id}`, e.span);
      return s(`e.${set.fn(f, e.kinds)}`, false);
    }
    case "and":
    case "or": {
      const args = e.args.map((a) => truth(expr(h, a, cx)));
      return s(`(${args.map((a) => a.sql).join(e.op === "and" ? " AND " : " OR ")})`, false, args);
    }
    case "not": {
      const a = truth(expr(h, e.arg, cx));
      return s(`(NOT ${a.sql})`, false, [a]);
    }
    case "cmp": {
      const l = expr(h, e.left, cx);
      const r = expr(h, e.right, cx);
      if (e.cmp === "=" || e.cmp === "!=") {
        if (!l.nullable && !r.nullable) return s(`(${l.sql} ${SQL_CMP[e.cmp]} ${r.sql})`, false, [l, r]);
        return s(`(${l.sql} IS ${e.cmp === "=" ? "NOT " : ""}DISTINCT FROM ${r.sql})`, false, [l, r]);
      }
      const c = s(`(${l.sql} ${SQL_CMP[e.cmp]} ${r.sql})`, l.nullable || r.nullable, [l, r]);
      return truth(c);
    }
    case "in": {
      const l = expr(h, e.left, cx);
      const items = e.items.map((i) => expr(h, i, cx));
      if (!l.nullable && items.every((i) => !i.nullable)) return s(`(${l.sql} IN (${items.map((i) => i.sql).join(", ")}))`, false, [l, ...items]);
      return s(`(${items.map((i) => `${l.sql} IS NOT DISTINCT FROM ${i.sql}`).join(" OR ") || "FALSE"})`, false, [l, ...items]);
    }
    case "add":
    case "sub": {
      const l = expr(h, e.left, cx);
      const r = expr(h, e.right, cx);
      if (!["money", "count", "score", "number"].includes(e.type.t)) throw new SqlUnsupported(`arithmetic on ${e.type.t}`, e.span);
      return s(`(${l.sql} ${e.op === "add" ? "+" : "-"} ${r.sql})`, l.nullable || r.nullable, [l, r]);
    }
    case "indicator":
      return h.indicator(e.key);
    case "shift": {
      const date = expr(h, e.date, cx);
      const { n, unit } = constantDuration(h, e.by);
      const by = e.sign * n;
      if (unit === "workday") return h.workdays(date, by);
      const moved = unit === "day" ? d.addDays(date.sql, by) : d.addMonths(date.sql, unit === "year" ? by * 12 : by);
      // The calendar ends at 9999-12-31 (record/dates.ts): a day past it is the evaluator's error.
      const out = `(${moved} NOT BETWEEN DATE '0001-01-01' AND DATE '9999-12-31')`;
      return s(moved, true, [date], { fb: [`COALESCE(${out}, FALSE)`] });
    }
    case "param": {
      const p = h.ir.params.find((x) => x.name === e.name);
      return p ? literal(h, p.type, p.value) : NULL;
    }
    case "local":
    case "output":
      return h.itemRead(e.op, e.rule, e.name, cx);
    case "call": {
      const args = e.args.map((a) => expr(h, a, cx));
      if (args.length === 0) return NULL;
      const sql = args.slice(1).reduce((acc, a) => BUILTIN[e.fn](d, acc, a.sql), (args[0] as S).sql);
      return s(sql, true, args);
    }
    case "model":
      return h.model(e.model);
    case "agg":
      return h.aggregate(e, cx);
    default:
      return assertNever(e);
  }
}

/** Joins of an expression that must come before a new join reading it. */
export function joinsOf(x: S): readonly Join[] {
  return x.joins;
}
