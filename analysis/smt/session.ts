// One analysis run: the bound, the symbolic record, each policy's encoding over it, the solver, and
// witnesses. A witness is the smallest record the solver finds (fewest elements), made into a
// credit record, tidied (dates moved to the data day where that changes nothing) and then confirmed
// by the real evaluator; a witness that does not confirm is an internal error (the encoding and the
// evaluator disagree), never a finding. Browser-safe (the solver is handed in).
import { addYears, dayNumber, fromDayNumber } from "../../record/dates.js";
import { formatYuan } from "../../record/money.js";
import { chinaWorkdays } from "../../record/workdays.js";
import { PARTS, type PartId } from "../../record/registry.js";
import type { IRExpr, IRPolicy } from "../../compiler/ir.js";
import { policyExprs, walkIR } from "../../compiler/ir-walk.js";
import { snapshotDay } from "../../runtime/evaluator.js";
import { PolicyEncoding } from "./encode.js";
import { Probe } from "./probe.js";
import { StringCodes, SymRecord } from "./record-model.js";
import { Terms, type Bx, type Ix } from "./terms.js";
import type { Z3, ZModel } from "./z3.js";

export interface SessionOptions {
  /** The day records are graded as of. */
  asOf: string;
  /**
   * At most this many elements of each record part. Default, per part: one more than the largest
   * count a rule compares a count of that part with, at least 2 (a decision, its violations and
   * their penalties share one bound).
   */
  k?: number;
}

/** What the analysis covers, stated in every report: "for records with at most K …". */
export interface Bound {
  /** The largest bound of any part. */
  k: number;
  /** The bound of each part the analysis populated. */
  perPart: Partial<Record<PartId, number>>;
  asOf: string;
  /** The record parts the analysis populated (in registry order). */
  parts: PartId[];
  /** Scores and indicator values: at most this many decimals. */
  decimals: number;
  /** Dates from … to … (inclusive). */
  from: string;
  to: string;
}

/** Raised when a witness does not confirm: the encoding and the evaluator disagree. A bug, never a finding. */
export class InternalAnalysisError extends Error {}

/** Every literal of the policies, for the bound and the string codes. */
function literals(irs: readonly IRPolicy[], visit: (type: string, value: unknown) => void): void {
  for (const ir of irs) {
    for (const x of policyExprs(ir)) walkIR(x.expr, (e) => (e.op === "lit" ? visit(e.type.t, e.value) : undefined));
    for (const p of ir.params) visit(p.type.t, p.value);
  }
}

/** The default bound: one more than the largest count any rule compares with, at least 2. */
export function defaultK(irs: readonly IRPolicy[]): number {
  let max = 1;
  literals(irs, (type, value) => {
    if (type === "count" && typeof value === "string" && /^\d+$/.test(value)) max = Math.max(max, Number(value));
  });
  return max + 1;
}

/** The family of a part: the top-level part and those nested in it (a decision, its violations, their penalties). */
function familyOf(part: PartId): PartId[] {
  let top: PartId = part;
  while (PARTS[top].parent) top = PARTS[top].parent as PartId;
  const out: PartId[] = [top];
  for (let i = 0; i < out.length; i++) for (const p of Object.values(PARTS)) if (p.parent === out[i]) out.push(p.id);
  return out;
}

/**
 * The default bound of each part: one more than the largest count a rule compares a count of that
 * part with (through derived values and parameters), at least 2; one bound per family of parts.
 */
export function defaultPartK(irs: readonly IRPolicy[]): Partial<Record<PartId, number>> {
  const need: Partial<Record<PartId, number>> = {};
  for (const ir of irs) {
    const defs = new Map(ir.values.map((v) => [v.name, v.expr]));
    const params = new Map(ir.params.map((p) => [p.name, p.value]));
    const countOf = (e: IRExpr, depth = 0): PartId | undefined =>
      e.op === "agg" && e.fn === "count" ? e.source : e.op === "value" && depth < 32 && defs.has(e.name) ? countOf(defs.get(e.name) as IRExpr, depth + 1) : undefined;
    const number = (e: IRExpr): number | undefined => {
      const v = e.op === "lit" ? e.value : e.op === "param" ? params.get(e.name) : undefined;
      return typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
    };
    const all = [...policyExprs(ir).map((x) => x.expr), ...ir.values.map((v) => v.expr)];
    for (const root of all) {
      walkIR(root, (e) => {
        if (e.op !== "cmp") return;
        for (const [q, lit] of [
          [e.left, e.right],
          [e.right, e.left],
        ] as const) {
          const part = countOf(q);
          const n = number(lit);
          if (part && n !== undefined) need[part] = Math.max(need[part] ?? 2, n + 1);
        }
      });
    }
  }
  const out: Partial<Record<PartId, number>> = {};
  for (const part of Object.keys(PARTS) as PartId[]) {
    const family = familyOf(part);
    out[part] = Math.max(2, ...family.map((p) => need[p] ?? 2));
  }
  return out;
}

function decimalsOf(irs: readonly IRPolicy[]): number {
  let d = 2;
  literals(irs, (type, value) => {
    if ((type === "score" || type === "number") && typeof value === "string") d = Math.max(d, (value.split(".")[1] ?? "").length);
  });
  for (const ir of irs) for (const b of ir.bands) for (const x of [b.min, b.max, ...b.bands.flatMap((y) => [y.lo, y.hi])]) if (x) d = Math.max(d, (x.split(".")[1] ?? "").length);
  return Math.min(d, 6);
}

function usesWorkdays(irs: readonly IRPolicy[]): boolean {
  let found = false;
  const check = (type: string, value: unknown) => {
    if (type === "workdays" || (typeof value === "string" && / workday$/.test(value))) found = true;
  };
  literals(irs, check);
  for (const ir of irs) {
    const all = [...ir.obligations, ...ir.itemRules.flatMap((r) => r.obligations)];
    for (const o of all) walkIR(o.due, (e) => (e.op === "lit" ? check(e.type.t, e.value) : undefined));
  }
  return found;
}

export class Session {
  readonly t: Terms;
  readonly rec: SymRecord;
  readonly encodings: PolicyEncoding[];
  readonly probes: Probe[];
  readonly bound: Bound;
  private readonly base: Bx[];

  constructor(
    readonly z3: Z3,
    readonly irs: readonly IRPolicy[],
    opts: SessionOptions,
  ) {
    this.t = new Terms(z3.ctx);
    const perPart = opts.k !== undefined ? undefined : defaultPartK(irs);
    const k = opts.k ?? Math.max(2, ...Object.values(perPart ?? {}));
    const dataDays = irs.map((ir) => dayNumber(snapshotDay(opts.asOf, ir.snapshot)));
    const maxDataDay = Math.max(...dataDays);
    let lo = dayNumber(addYears(fromDayNumber(Math.min(...dataDays)), -30));
    let hi = dayNumber(addYears(fromDayNumber(maxDataDay), 30));
    if (usesWorkdays(irs)) {
      // Working days are known only for the calendar's years; outside them the evaluator refuses a
      // record, so the analysis looks at records dated within them.
      const c = chinaWorkdays.coverage();
      lo = Math.max(lo, dayNumber(`${String(c.firstYear).padStart(4, "0")}-01-01`));
      hi = Math.min(hi, dayNumber(`${String(c.lastYear).padStart(4, "0")}-12-31`));
    }
    const decimals = decimalsOf(irs);
    const strings = new StringCodes();
    literals(irs, (type, value) => (type === "string" && typeof value === "string" ? strings.add(value) : undefined));
    this.rec = new SymRecord(this.t, {
      k,
      ...(perPart ? { perPart } : {}),
      days: { lo, hi },
      maxDataDay: Math.min(maxDataDay, hi),
      scale: 10n ** BigInt(decimals),
      strings,
      declared: irs.flatMap((ir) => ir.fields.map((f) => ({ part: f.part, name: f.name, type: f.type.t }))),
    });
    this.encodings = irs.map((ir) => new PolicyEncoding(this.t, this.rec, ir, opts.asOf));
    this.probes = irs.map((ir) => new Probe(ir));
    this.bound = { k, perPart: {}, asOf: opts.asOf, parts: [], decimals, from: fromDayNumber(lo), to: fromDayNumber(hi) };
    this.partK = (p) => perPart?.[p] ?? k;
    this.base = [];
    const money = new Set<bigint>();
    literals(irs, (type, value) => (type === "money" && typeof value === "string" ? money.add(BigInt(value)) : undefined));
    this.money = [...money];
    this.days = [...new Set([opts.asOf, ...dataDays.map(fromDayNumber)])];
  }

  /** The days a witness's dates are moved to when they can be: the day graded, the data days. */
  private readonly days: string[];

  private readonly partK: (p: PartId) => number;

  /** The policies' money thresholds (fen), for tidying witnesses. */
  private readonly money: bigint[];

  /** Call once everything is encoded: the record's constraints are final then. */
  seal(): void {
    this.base.splice(0, this.base.length, ...this.rec.constraints);
    const used = new Set(this.rec.parts());
    this.bound.parts = (Object.keys(PARTS) as PartId[]).filter((p) => used.has(p));
    this.bound.perPart = Object.fromEntries(this.bound.parts.map((p) => [p, this.partK(p)]));
    this.bound.k = Math.max(2, ...Object.values(this.bound.perPart));
  }

  private solver() {
    const s = new this.z3.ctx.Solver();
    // Decide booleans false first: models then leave most slots empty, and the smallest record is a
    // tightening step or two away.
    s.set("phase_selection", 0);
    s.set("arith.solver", 2);
    for (const c of this.base) s.add(this.t.bool(c));
    return s;
  }

  private cached?: ReturnType<Session["solver"]>;
  /** Solver checks made so far. */
  queries = 0;
  /** Where to say how long each check took (debugging). */
  log?: (line: string) => void;
  /** Told of every model the solver gives (regions.ts remembers where those records lie). */
  onModel?: (m: ZModel) => void;

  private guards = 0;

  /**
   * Checks `f` on the one incremental solver under a fresh guard (g ⇒ f, checked assuming g): what
   * the solver learnt about the record stays for the next question.
   */
  private async check(f: Bx, what: string): Promise<ZModel | undefined> {
    if (f === false) return undefined;
    this.cached ??= this.solver();
    const s = this.cached;
    const g = this.z3.ctx.Bool.const(`guard${this.guards++}`);
    s.add(this.z3.ctx.Implies(g, this.t.bool(f)));
    this.queries++;
    const t0 = performance.now();
    const r = await s.check(g);
    this.log?.(`${what} ${r} ${(performance.now() - t0).toFixed(0)}ms`);
    if (r === "unknown") throw new InternalAnalysisError("the solver gave up (unknown)");
    const m = r === "sat" ? s.model() : undefined;
    if (m) this.onModel?.(m);
    // The guard is spent: assert its negation so the solver may drop what it guarded.
    s.add(this.z3.ctx.Not(g));
    return m;
  }

  /** Whether some record within the bound satisfies `f`. */
  async sat(f: Bx): Promise<boolean> {
    return (await this.check(f, "sat")) !== undefined;
  }

  /** Some record satisfying `f`, as a model; undefined when there is none. */
  async model(f: Bx): Promise<ZModel | undefined> {
    return this.check(f, "model");
  }

  /** The smallest record satisfying `f` (fewest elements), as a model; undefined when there is none. */
  async smallest(f: Bx): Promise<ZModel | undefined> {
    const t = this.t;
    const presence = this.rec.presence();
    const size = t.add(...presence.map((p) => t.ite(p, 1n, 0n)));
    let best = await this.check(f, "min");
    // Tighten the size until no smaller record exists (a handful of incremental checks; the
    // solver's optimiser is slower on these small problems).
    while (best) {
      const n = presence.filter((p) => (typeof p === "boolean" ? p : this.z3.ctx.isTrue(best?.eval(p, true)))).length;
      if (n === 0) return best;
      const smaller = await this.check(t.and(f, t.cmp("<", size, BigInt(n))), "min");
      if (!smaller) return best;
      best = smaller;
    }
    return undefined;
  }

  /** A model of `f` with the least `cost` (a sum of 0/1 terms), by tightening. */
  async smallestBy(f: Bx, cost: Ix): Promise<ZModel | undefined> {
    let best = await this.check(f, "min");
    while (best) {
      const n = typeof cost === "bigint" ? cost : BigInt(best.eval(cost, true).toString());
      if (n === 0n) return best;
      const smaller = await this.check(this.t.and(f, this.t.cmp("<", cost, n)), "min");
      if (!smaller) return best;
      best = smaller;
    }
    return undefined;
  }

  /**
   * A witness for `f`: the smallest record, tidied, that `confirm` (the real evaluator) accepts.
   * Undefined when no record satisfies `f`; an InternalAnalysisError when the solver's record does
   * not confirm.
   */
  async witness(f: Bx, confirm: (record: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown> | undefined> {
    const m = await this.smallest(f);
    if (!m) return undefined;
    const record = this.rec.toRecord(m);
    if (!confirm(record)) {
      throw new InternalAnalysisError(`the solver's witness for ${what} does not confirm with the evaluator: ${JSON.stringify(record)}`);
    }
    return tidy(record, confirm, this.days, this.money);
  }
}

/** Kinds a witness's penalty is tried as first: the ones a reader expects. */
const KIND_PREFERENCE = ["fine", "warning", "order_to_correct", "confiscation", "criticism"];

/**
 * A witness made readable without changing what it shows: optional fields dropped, each date moved
 * to the day graded, each amount replaced by the smallest threshold of the policy (or one fen
 * beside it) that still shows it, a penalty's kind by a plainer one — each edit kept only when the
 * record still confirms.
 */
function tidy(record: Record<string, unknown>, confirm: (r: Record<string, unknown>) => boolean, days: readonly string[], money: readonly bigint[]): Record<string, unknown> {
  let current = record;
  type Path = (string | number)[];
  const at = (r: unknown, path: Path): Record<string | number, unknown> => {
    let o = r;
    for (const p of path.slice(0, -1)) o = (o as Record<string | number, unknown>)[p];
    return o as Record<string | number, unknown>;
  };
  /** Whether the value at `path` is `value` now (it already was, or the edit confirms). */
  const attempt = (path: Path, value: unknown): boolean => {
    const key = path[path.length - 1] as string | number;
    if (at(current, path)[key] === value) return true;
    const copy = structuredClone(current);
    if (value === undefined) delete at(copy, path)[key];
    else at(copy, path)[key] = value;
    if (!confirm(copy)) return false;
    current = copy;
    return true;
  };
  const leavesOf = (r: unknown): Path[] => {
    const out: Path[] = [];
    const visit = (x: unknown, path: Path) => {
      if (Array.isArray(x)) x.forEach((y, i) => visit(y, [...path, i]));
      else if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) visit(v, [...path, k]);
      else if (path.length > 1) out.push(path);
    };
    visit(r, []);
    return out;
  };
  // First drop what is not needed, then simplify what is left.
  for (const path of leavesOf(current).reverse()) attempt(path, undefined);
  const candidates = [...new Set(money.flatMap((m) => [m - 1n, m, m + 1n]).filter((m) => m > 0n))].sort((a, b) => (a < b ? -1 : 1));
  for (const path of leavesOf(current)) {
    const key = path[path.length - 1];
    const v = at(current, path)[key as string];
    if (typeof v !== "string") continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      for (const d of days) if (attempt(path, d)) break;
    }
    else if (/^\d+\.\d{2}$/.test(v)) {
      for (const m of candidates) if (attempt(path, formatYuan(m))) break;
    } else if (key === "kind" && path.includes("penalties")) {
      for (const k of KIND_PREFERENCE) if (attempt(path, k)) break;
    }
  }
  return current;
}
