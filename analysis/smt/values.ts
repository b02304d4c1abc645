// Symbolic runtime values: what runtime/evaluator.ts computes for a record, as solver terms. Each
// value carries its null-ness as a term, because the evaluator's comparisons treat null specially
// (`=` is `===`, an ordering with null is false). Numbers are integers at a fixed scale: counts and
// ranks as they are, money in fen, dates as day numbers, scores and other numbers in units of
// 10^-d (d decimals, the encoding's declared precision).
import { dayNumber, fromDayNumber, isIsoDate } from "../../record/dates.js";
import { shiftDate } from "../../runtime/support.js";
import type { Bx, Ix, Terms } from "./terms.js";

export type NumKind = "count" | "money" | "score" | "number" | "rank" | "date";

export type SVal =
  | { k: "num"; t: NumKind; v: Ix; nul: Bx; scale: bigint }
  | { k: "bool"; v: Bx; nul: Bx }
  /** An enumeration value or a string, as a code (see StringCodes); comparable by = and != only. */
  | { k: "code"; dom: string; v: Ix; nul: Bx }
  /** A duration ("6 month", "7 workday"): only ever a constant. */
  | { k: "dur"; s: string | null }
  /** The literal 无 / none of no particular type. */
  | { k: "null" }
  /** A date computed by moving dates by months, years or working days, or the later/earlier of such: compared with constant dates only. */
  | { k: "dexpr"; d: DateExpr };

export type DateExpr =
  | { op: "lin"; v: Ix; nul: Bx }
  | { op: "shift"; x: DateExpr; n: number; unit: "year" | "month" | "day" | "workday" }
  | { op: "later" | "earlier"; xs: DateExpr[] };

export type CmpOp = "<" | "<=" | ">" | ">=" | "=" | "!=";

/** Thrown for a construct the encoding does not cover; the analysis reports it instead of approximating. */
export class Unsupported extends Error {
  constructor(
    readonly what: string,
    readonly span?: { file: string; line: number; col: number },
  ) {
    super(what);
  }
}

export const NULL_VAL: SVal = { k: "null" };

export function dateConst(iso: string): SVal {
  return { k: "num", t: "date", v: BigInt(dayNumber(iso)), nul: false, scale: 1n };
}

/** The day range the record's dates are drawn from (day numbers), for inverting monotone date shifts. */
export interface DayRange {
  lo: number;
  hi: number;
}

export class ValueOps {
  constructor(
    readonly t: Terms,
    readonly days: DayRange,
  ) {}

  /** `v === true` */
  isTrue(v: SVal): Bx {
    if (v.k === "bool") return this.t.and(this.t.not(v.nul), v.v);
    return false;
  }

  nullOf(v: SVal): Bx {
    switch (v.k) {
      case "null":
        return true;
      case "dur":
        return v.s === null;
      case "dexpr":
        return this.dateNull(v.d);
      default:
        return v.nul;
    }
  }

  private dateNull(d: DateExpr): Bx {
    switch (d.op) {
      case "lin":
        return d.nul;
      case "shift":
        return this.dateNull(d.x);
      case "later":
      case "earlier":
        return this.t.and(...d.xs.map((x) => this.dateNull(x)));
    }
  }

  /** Both values at the larger of their scales. */
  private aligned(a: SVal & { k: "num" }, b: SVal & { k: "num" }): [Ix, Ix] {
    if (a.scale === b.scale) return [a.v, b.v];
    return a.scale > b.scale ? [a.v, this.t.mul(b.v, a.scale / b.scale)] : [this.t.mul(a.v, b.scale / a.scale), b.v];
  }

  /** JS `a === b` on runtime values of the same type (null === null). */
  strictEq(a: SVal, b: SVal): Bx {
    const t = this.t;
    if (a.k === "null" || b.k === "null") return a.k === "null" && b.k === "null" ? true : this.nullOf(a.k === "null" ? b : a);
    if (a.k === "dexpr" || b.k === "dexpr") return this.dateCmp("=", a, b, true);
    if (a.k === "dur" || b.k === "dur") {
      if (a.k === "dur" && b.k === "dur") return a.s === b.s;
      throw new Unsupported("a duration compared with a value of another type");
    }
    const bothNull = t.and(a.nul, b.nul);
    let same: Bx;
    if (a.k === "bool" && b.k === "bool") same = t.iff(a.v, b.v);
    else if (a.k === "num" && b.k === "num") {
      const [x, y] = this.aligned(a, b);
      same = t.cmp("=", x, y);
    } else if (a.k === "code" && b.k === "code") {
      if (a.dom !== b.dom) throw new Unsupported(`comparing values of ${a.dom} and ${b.dom}`);
      same = t.cmp("=", a.v, b.v);
    } else return bothNull;
    return t.or(bothNull, t.and(t.not(a.nul), t.not(b.nul), same));
  }

  /** The evaluator's comparison (runtime/evaluator.ts `cmp`). */
  cmp(op: CmpOp, a: SVal, b: SVal): Bx {
    if (op === "=") return this.strictEq(a, b);
    if (op === "!=") return this.t.not(this.strictEq(a, b));
    if (a.k === "null" || b.k === "null" || a.k === "bool" || b.k === "bool") return false;
    if (a.k === "dexpr" || b.k === "dexpr") return this.dateCmp(op, a, b, false);
    if (a.k === "num" && b.k === "num") {
      const [x, y] = this.aligned(a, b);
      return this.t.and(this.t.not(a.nul), this.t.not(b.nul), this.t.cmp(op, x, y));
    }
    throw new Unsupported(`an ordering (${op}) of ${a.k === "code" ? a.dom : a.k} values`);
  }

  // Dates moved by months, years or working days: a comparison with a constant day is pushed
  // through the (monotone) shift by finding the first or last day that satisfies it, with the
  // evaluator's own date functions, so calendar quirks (31 January + 1 month) come out the same.
  private dateCmp(op: CmpOp, a: SVal, b: SVal, eqOnly: boolean): Bx {
    const flip: Record<CmpOp, CmpOp> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!=" };
    if (b.k === "dexpr" && a.k !== "dexpr") return this.dateCmp(flip[op], b, a, eqOnly);
    if (a.k !== "dexpr") throw new Unsupported("a date comparison");
    if (b.k === "null") return op === "=" ? this.nullOf(a) : op === "!=" ? this.t.not(this.nullOf(a)) : false;
    if (b.k !== "num" || b.t !== "date" || typeof b.v !== "bigint" || b.nul !== false) {
      throw new Unsupported("a date moved by months, years or working days compared with a date that is not a constant");
    }
    const c = Number(b.v);
    if (op === "!=") return this.t.not(this.dcmp(a.d, "=", c));
    return this.dcmp(a.d, op, c);
  }

  private dcmp(d: DateExpr, op: Exclude<CmpOp, "!=">, c: number): Bx {
    const t = this.t;
    if (op === "=") return t.and(this.dcmp(d, ">=", c), this.dcmp(d, "<=", c));
    if (op === ">") return this.dcmp(d, ">=", c + 1);
    if (op === "<") return this.dcmp(d, "<=", c - 1);
    switch (d.op) {
      case "lin":
        return t.and(t.not(d.nul), t.cmp(op, d.v, BigInt(c)));
      case "shift": {
        const f = (x: number) => dayNumber(shiftDate(fromDayNumber(x), d.n, d.unit) as string);
        return this.dcmp(d.x, op, op === ">=" ? this.firstAtLeast(f, c) : this.lastAtMost(f, c));
      }
      case "later":
      case "earlier": {
        // later ≥ c: some date ≥ c; later ≤ c: some date, and none > c (a null one is skipped).
        const some = t.not(this.dateNull(d));
        const reaching = (d.op === "later") === (op === ">=");
        if (reaching) return t.or(...d.xs.map((x) => this.dcmp(x, op, c)));
        const other = op === ">=" ? "<" : ">";
        return t.and(some, ...d.xs.map((x) => t.not(this.dcmp(x, other, c))));
      }
    }
  }

  /** The first day x of the range with f(x) ≥ c (f monotone); hi + 1 when there is none. */
  private firstAtLeast(f: (x: number) => number, c: number): number {
    let lo = this.days.lo;
    let hi = this.days.hi + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (f(mid) >= c) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The last day x of the range with f(x) ≤ c; lo − 1 when there is none. */
  private lastAtMost(f: (x: number) => number, c: number): number {
    let lo = this.days.lo - 1;
    let hi = this.days.hi;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (f(mid) <= c) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A date value as a date expression (for shifts and later/earlier). */
  asDateExpr(v: SVal): DateExpr {
    if (v.k === "dexpr") return v.d;
    if (v.k === "num" && v.t === "date") return { op: "lin", v: v.v, nul: v.nul };
    if (v.k === "null") return { op: "lin", v: 0n, nul: true };
    throw new Unsupported("a date operation on a value that is not a date");
  }

  /** A date moved by a constant duration, as support.shiftBy does. */
  shift(date: SVal, by: SVal, sign: 1 | -1): SVal {
    if (by.k !== "dur") throw new Unsupported("a date moved by something other than a fixed duration");
    if (by.s === null) return NULL_VAL;
    const [n, unit] = by.s.split(" ");
    if (!n || !/^\d+$/.test(n) || (unit !== "year" && unit !== "month" && unit !== "day" && unit !== "workday")) return NULL_VAL;
    const amount = sign * Number(n);
    const d = this.asDateExpr(date);
    if (d.op === "lin" && typeof d.v === "bigint" && d.nul === false) {
      // A constant date: moved now, by the runtime's own function.
      return dateConst(shiftDate(fromDayNumber(Number(d.v)), amount, unit) as string);
    }
    if (unit === "day" && d.op === "lin") return { k: "num", t: "date", v: this.t.add(d.v, BigInt(amount)), nul: d.nul, scale: 1n };
    return { k: "dexpr", d: { op: "shift", x: d, n: amount, unit } };
  }

  /** later / earlier of dates, absent ones skipped (support.laterOf / earlierOf). */
  pick(which: "later" | "earlier", args: SVal[]): SVal {
    const ds = args.map((a) => this.asDateExpr(a));
    if (ds.every((d) => d.op === "lin")) {
      const t = this.t;
      let nul: Bx = true;
      let v: Ix = 0n;
      for (const d of ds as (DateExpr & { op: "lin" })[]) {
        const better = which === "later" ? t.cmp(">", d.v, v) : t.cmp("<", d.v, v);
        const take = t.and(t.not(d.nul), t.or(nul, better));
        v = t.ite(take, d.v, v);
        nul = t.and(nul, d.nul);
      }
      return { k: "num", t: "date", v, nul, scale: 1n };
    }
    return { k: "dexpr", d: { op: which, xs: ds } };
  }
}

/** An ISO date or null, checked. */
export function isoOrNull(s: unknown): string | null {
  return typeof s === "string" && isIsoDate(s) ? s : null;
}
