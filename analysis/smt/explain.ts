// `credit-policy explain`: for one record, why it has its grade (each deciding clause with its
// values), why not each better grade (the clauses that fail, with the values and the bounds they
// miss, or the grade that takes precedence), the smallest changes a subject can make to reach the
// target grade (or the next better one) — which records to have repaired (信用修复) or revoked
// (撤销), fewest first — and the earliest day its grade changes with no new events, as windows let
// records drop out, lists expire and recorded status changes take effect.
//
// Every answer is a record graded by the real evaluator: a change set is reported only when the
// changed record, graded, reaches the target; the day only as the first of the days on which
// anything the policy reads can change (computed from the record's dates and the policy's windows,
// durations and snapshot day — between two such days every window, status and list is the same, so
// the grade is too) whose grade differs. The search over change sets is exhaustive by size, up to
// a limit of graded records (stated in the output when reached). Browser-safe.
import type { IRExpr, IRPolicy, IRWindow } from "../../compiler/ir.js";
import { policyExprs, walkIR } from "../../compiler/ir-walk.js";
import { addDays, dayNumber, fromDayNumber, isIsoDate, windowStart } from "../../record/dates.js";
import { formatYuan } from "../../record/money.js";
import { PARTS, type PartId } from "../../record/registry.js";
import { statusOn } from "../../record/status.js";
import { snapshotDay, type Val } from "../../runtime/evaluator.js";
import { shiftDate } from "../../runtime/support.js";
import { printIrExpr } from "../../compiler/print-ir.js";
import { gradeOrder } from "./order.js";
import { Probe, type Probed } from "./probe.js";
import { solveRepairs, type StatusChoice } from "./repair-solver.js";
import type { Z3 } from "./z3.js";

export type Action = "repair" | "revoke";
const ACTION_STATUS: Record<Action, string> = { repair: "repaired", revoke: "revoked" };

export interface ExplainOptions {
  asOf: string;
  /** The grade to reach (default: the next better one). */
  target?: string | null;
  /** What a subject can do (default: repair, revoke, and the passage of time). */
  actions?: Action[];
  time?: boolean;
  /** How far ahead to look for the next change (default 10 years). */
  horizonYears?: number;
  /** At most this many records graded in the search for changes (default 20,000). */
  budget?: number;
  /** The grades from best to worst, when the policy's measures should not decide it. */
  order?: (string | null)[];
}

export interface ClauseExplained {
  grade: string;
  article: string;
  text: string;
  holds: boolean;
  values: Record<string, string | number | boolean | null>;
  /** For a clause that fails: each comparison it misses, with the value and the bound. */
  misses?: { condition: string; value: string | number | boolean | null }[];
  override?: true;
}

export interface Change {
  action: Action;
  /** The record part and the element's JSON Pointer, and its own id when it has one. */
  part: PartId;
  pointer: string;
  ref?: string;
  date: string | null;
}

export interface Explanation {
  id: string | null;
  as_of: string;
  grade: string | null;
  label: string | null;
  /** The clauses that decided the grade (with an override first, when one applies). */
  because: ClauseExplained[];
  /** Each better grade: held but outranked, or its clauses that fail. */
  why_not: { grade: string | null; label: string | null; holds: boolean; outranked_by?: string | null; failing: ClauseExplained[] }[];
  /** The grade aimed at, and the smallest change sets (as of the day they take effect) that reach it or better. */
  target: null | {
    grade: string | null;
    /** Fewest changes first; each set graded with the evaluator (found by the solver when `by` says so). */
    changes: { set: Change[]; effective: string; grade: string | null; by?: "solver" }[];
    /** Why no set is given: none reaches it by the actions allowed, or the search budget ran out. */
    none?: "no-change-reaches-it" | "budget";
    /** The first day it is reached with no new events, if it is within the horizon. */
    by_time?: { day: string; grade: string | null } | null;
  };
  /** The earliest day the grade changes with no new events (null: not within the horizon). */
  next_change: { day: string; grade: string | null } | null;
  error?: { path: string; code: string; message: string };
}

type Rec = Record<string, unknown>;

function jsonVal(v: Val | undefined, type: string): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "bigint") return type === "money" ? formatYuan(v) : v.toString();
  return v;
}

/** Every IR window of the policy. */
function windowsOf(ir: IRPolicy): IRWindow[] {
  const out: IRWindow[] = [];
  const seen = new Set<string>();
  const visit = (e: IRExpr | undefined) =>
    walkIR(e, (x) => {
      if (x.op === "agg" && x.window && !seen.has(`${x.window.amount} ${x.window.unit}`)) {
        seen.add(`${x.window.amount} ${x.window.unit}`);
        out.push(x.window);
      }
    });
  for (const p of policyExprs(ir)) visit(p.expr);
  for (const o of [...ir.obligations, ...ir.itemRules.flatMap((r) => r.obligations)]) {
    if (o.window && !seen.has(`${o.window.amount} ${o.window.unit}`)) {
      seen.add(`${o.window.amount} ${o.window.unit}`);
      out.push(o.window);
    }
  }
  return out;
}

/** Every duration the policy moves dates by ("3 month", "7 workday"). */
function durationsOf(ir: IRPolicy): string[] {
  const out = new Set<string>();
  for (const p of policyExprs(ir)) walkIR(p.expr, (x) => (x.op === "lit" && (x.type.t === "duration" || x.type.t === "workdays") && typeof x.value === "string" ? void out.add(x.value) : undefined));
  for (const p of ir.params) if ((p.type.t === "duration" || p.type.t === "workdays") && typeof p.value === "string") out.add(p.value);
  return [...out];
}

/** Whether anything but the disregard rule reads a record's status. */
function readsStatus(ir: IRPolicy): boolean {
  let found = false;
  for (const p of policyExprs(ir)) walkIR(p.expr, (x) => (x.op === "field" && x.field === "status" ? void (found = true) : undefined));
  return found;
}

/** The first day D with f(D) ≥ d (f monotone), searched in [lo, hi]; undefined if none. */
function firstDay(lo: number, hi: number, ok: (day: number) => boolean): number | undefined {
  if (!ok(hi)) return undefined;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class Explainer {
  readonly probe: Probe;
  readonly order: (string | null)[];
  private readonly windows: IRWindow[];
  private readonly durations: string[];
  private readonly statusRead: boolean;
  private readonly labels: Map<string, string>;
  private readonly types: Map<string, string>;

  constructor(
    readonly ir: IRPolicy,
    readonly opts: ExplainOptions,
  ) {
    this.probe = new Probe(ir);
    this.order = gradeOrder(ir, opts.order);
    this.windows = windowsOf(ir);
    this.durations = durationsOf(ir);
    this.statusRead = readsStatus(ir);
    this.labels = new Map(ir.grades.map((g) => [g.id, g.label]));
    this.types = new Map(ir.values.map((v) => [v.name, v.type.t]));
  }

  /** Lower is better. */
  rank(g: string | null): number {
    const i = this.order.indexOf(g);
    return i < 0 ? this.order.length : i;
  }

  private dataDay(day: string): string {
    return snapshotDay(day, this.ir.snapshot);
  }

  private grade(record: Rec, day: string): string | null | undefined {
    const p = this.probe.run(record, day);
    return "error" in p ? undefined : p.grade;
  }

  explain(record: unknown): Explanation {
    const asOf = this.opts.asOf;
    const id = record && typeof record === "object" && typeof (record as Rec)["id"] === "string" ? ((record as Rec)["id"] as string) : null;
    const p = this.probe.run(record, asOf);
    if ("error" in p) return { id, as_of: asOf, grade: null, label: null, because: [], why_not: [], target: null, next_change: null, error: p.error };
    const rec = record as Rec;
    const values = this.probe.compiled.evaluate(rec, asOf).values;
    const clause = (l: (typeof this.probe.leaves)[number], holds: boolean): ClauseExplained => {
      const c = l.clause;
      const vals = Object.fromEntries(c.reads.map((n) => [n, jsonVal(values.get(n), this.types.get(n) ?? "")]));
      const out: ClauseExplained = { grade: l.owner, article: c.article, text: c.text, holds, values: vals, ...(l.kind === "override" ? { override: true as const } : {}) };
      if (!holds) out.misses = this.misses(c.expr, values);
      return out;
    };
    const leaves = this.probe.leaves;
    const final = p.grade;
    const overrideLeaf = leaves.find((l) => l.kind === "override" && p.leaves[l.index]);
    const because = overrideLeaf
      ? [clause(overrideLeaf, true)]
      : leaves.filter((l) => l.kind === "grade" && l.owner === final && p.leaves[l.index]).map((l) => clause(l, true));
    const why_not: Explanation["why_not"] = [];
    for (const g of this.order) {
      if (this.rank(g) >= this.rank(final)) break;
      if (g === null) {
        // No grade: every grade's condition must fail.
        why_not.push({ grade: null, label: null, holds: p.holding.size === 0 && !overrideLeaf, failing: [], outranked_by: final });
        continue;
      }
      const holds = p.holding.has(g);
      why_not.push({
        grade: g,
        label: this.labels.get(g) ?? null,
        holds,
        ...(holds ? { outranked_by: final } : {}),
        failing: holds ? [] : leaves.filter((l) => l.kind === "grade" && l.owner === g && !p.leaves[l.index]).map((l) => clause(l, false)),
      });
    }
    const target = this.target(rec, p, final);
    const next = this.opts.time === false ? null : this.nextChange(rec, final);
    return { id, as_of: asOf, grade: final, label: final === null ? null : (this.labels.get(final) ?? null), because, why_not, target, next_change: next };
  }

  /** The comparisons of a failing clause that fail, with the value compared. */
  private misses(e: IRExpr, values: Map<string, Val>): { condition: string; value: string | number | boolean | null }[] {
    const out: { condition: string; value: string | number | boolean | null }[] = [];
    const visit = (x: IRExpr) => {
      if (x.op === "and" || x.op === "or") x.args.forEach(visit);
      else if (x.op === "not") visit(x.arg);
      else if (x.op === "cmp" && x.left.op === "value" && x.right.op === "lit") {
        const v = values.get(x.left.name);
        const { word: _w, marker: _m, ...plain } = x;
        const ok = this.holdsCmp(x.cmp, v, x.right);
        if (!ok) out.push({ condition: printIrExpr(plain), value: jsonVal(v, x.left.type.t) });
      } else if (x.op === "value") {
        if (values.get(x.name) !== true) out.push({ condition: x.name, value: jsonVal(values.get(x.name), x.type.t) });
      }
    };
    visit(e);
    return out;
  }

  private holdsCmp(op: string, v: Val | undefined, lit: Extract<IRExpr, { op: "lit" }>): boolean {
    if (v === null || v === undefined || typeof v === "boolean") return op === "!=";
    const r = lit.type.t === "money" ? BigInt(String(lit.value)) : lit.type.t === "date" ? String(lit.value) : Number(lit.value);
    const a = v as number | bigint | string;
    switch (op) {
      case "<":
        return a < r;
      case "<=":
        return a <= r;
      case ">":
        return a > r;
      case ">=":
        return a >= r;
      case "=":
        return a === r;
      default:
        return a !== r;
    }
  }

  // --- changes a subject can make ----------------------------------------------------------------

  /** The elements whose status a subject can have changed, with the actions that would change what the policy counts. */
  candidates(rec: Rec, day: string): { part: PartId; index: number; actions: Action[]; date: string | null; ref?: string }[] {
    const data = this.dataDay(day);
    const disregarded = new Set(this.ir.disregard?.statuses ?? []);
    const allowed = this.opts.actions ?? ["repair", "revoke"];
    const out: { part: PartId; index: number; actions: Action[]; date: string | null; ref?: string }[] = [];
    for (const part of Object.values(PARTS)) {
      if (part.parent || !part.statusField) continue;
      const arr = rec[part.key];
      if (!Array.isArray(arr)) continue;
      arr.forEach((el: unknown, index) => {
        if (!el || typeof el !== "object") return;
        const obj = el as Rec;
        const date = typeof obj[part.dateField] === "string" ? (obj[part.dateField] as string) : null;
        if (date === null || date > data) return;
        const now = statusOn(obj, day);
        // A recorded change after the day would be overwritten: leave such an element alone.
        const history = Array.isArray(obj["status_history"]) ? (obj["status_history"] as Rec[]) : [];
        if (history.some((h) => typeof h["from"] === "string" && (h["from"] as string) > day)) return;
        let actions = allowed.filter((a) => ACTION_STATUS[a] !== now && (disregarded.has(ACTION_STATUS[a]) || this.statusRead));
        // Repair and revocation count alike when only the disregard rule reads the status: offer repair (信用修复).
        if (!this.statusRead && actions.includes("repair") && actions.includes("revoke")) actions = ["repair"];
        if (actions.length === 0 || disregarded.has(now)) return;
        out.push({ part: part.id, index, actions, date, ...(typeof obj["id"] === "string" ? { ref: obj["id"] as string } : {}) });
      });
    }
    return out;
  }

  /** The record with the element's status changed from `day` on (status_history records when). */
  static apply(rec: Rec, changes: readonly { part: PartId; index: number; action: Action }[], day: string): Rec {
    const copy = structuredClone(rec);
    for (const c of changes) {
      const arr = copy[PARTS[c.part].key] as Rec[];
      const el = arr[c.index] as Rec;
      const status = ACTION_STATUS[c.action];
      const history = Array.isArray(el["status_history"]) ? [...(el["status_history"] as Rec[])] : [];
      if (history.length === 0) {
        const date = el[PARTS[c.part].dateField] as string;
        history.push({ status: typeof el["status"] === "string" ? el["status"] : "in_force", from: date < day ? date : day });
      }
      // A change on the same day replaces that day's entry.
      while (history.length && history[history.length - 1]?.["from"] === day) history.pop();
      history.push({ status, from: day });
      el["status_history"] = history;
      el["status"] = status;
    }
    return copy;
  }

  /** The first day, on or after `day`, whose data day is on or after `day` (a change on `day` counts from then). */
  effectiveDay(day: string): string {
    if (!this.ir.snapshot) return day;
    for (let y = Number(day.slice(0, 4)); y < Number(day.slice(0, 4)) + 2; y++) {
      const d = `${String(y).padStart(4, "0")}-${String(this.ir.snapshot.month).padStart(2, "0")}-${String(this.ir.snapshot.day).padStart(2, "0")}`;
      if (isIsoDate(d) && d >= day) return d;
    }
    return day;
  }

  private target(rec: Rec, p: Probed, final: string | null): Explanation["target"] {
    let goal: string | null | undefined = this.opts.target;
    if (goal === undefined) {
      const better = this.order.filter((g) => this.rank(g) < this.rank(final));
      if (better.length === 0) return null;
      goal = better[better.length - 1] as string | null;
    }
    if (this.rank(final) <= this.rank(goal)) return { grade: goal, changes: [], by_time: null };
    void p;
    const day = this.opts.asOf;
    const effective = this.effectiveDay(day);
    const reached = (g: string | null | undefined) => g !== undefined && this.rank(g) <= this.rank(goal as string | null);
    const cands = this.candidates(rec, day);
    const budget = this.opts.budget ?? 20_000;
    let graded = 0;
    const found: { set: Change[]; effective: string; grade: string | null }[] = [];
    let none: "no-change-reaches-it" | "budget" | undefined;
    // Subsets by size: the first size with any success gives the smallest change sets.
    const choose = (start: number, size: number, acc: { part: PartId; index: number; action: Action }[]): boolean => {
      if (found.length >= 5) return true;
      if (acc.length === size) {
        if (graded++ >= budget) return false;
        const changed = Explainer.apply(rec, acc, day);
        const g = this.grade(changed, effective);
        if (reached(g)) {
          found.push({
            set: acc.map((c) => {
              const cand = cands.find((x) => x.part === c.part && x.index === c.index);
              return { action: c.action, part: c.part, pointer: `/${PARTS[c.part].key}/${c.index}`, date: cand?.date ?? null, ...(cand?.ref ? { ref: cand.ref } : {}) };
            }),
            effective,
            grade: g as string | null,
          });
        }
        return true;
      }
      for (let i = start; i < cands.length; i++) {
        const c = cands[i] as (typeof cands)[number];
        for (const action of c.actions) if (!choose(i + 1, size, [...acc, { part: c.part, index: c.index, action }])) return false;
      }
      return true;
    };
    for (let size = 1; size <= cands.length && found.length === 0; size++) {
      if (!choose(0, size, [])) {
        none = "budget";
        break;
      }
    }
    if (found.length === 0 && none === undefined) none = "no-change-reaches-it";
    const byTime = this.opts.time === false ? null : this.firstDay(rec, final, (g) => reached(g));
    return { grade: goal, changes: found, ...(none ? { none } : {}), by_time: byTime };
  }

  // --- the passage of time -----------------------------------------------------------------------

  /** Every day after the as-of day on which something the policy reads may change, in order, within the horizon. */
  changeDays(rec: Rec): string[] {
    const asOf = this.opts.asOf;
    const start = dayNumber(asOf);
    const end = dayNumber(asOf) + Math.round(365.25 * (this.opts.horizonYears ?? 10));
    const dates = new Set<string>();
    const visit = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(visit);
      else if (x && typeof x === "object") Object.values(x).forEach(visit);
      else if (typeof x === "string" && isIsoDate(x)) dates.add(x);
    };
    visit(rec);
    const dataDays = new Set<number>();
    const evalDays = new Set<number>();
    for (const d of dates) {
      const n = dayNumber(d);
      // The day it starts to exist (dated later), and the day after it (an until, a deadline passed).
      for (const k of [n, n + 1]) {
        dataDays.add(k);
        evalDays.add(k);
      }
      // The day a window lets it drop out: the first data day whose window starts on or after it.
      for (const w of this.windows) {
        const exit = firstDay(n, n + 800 * Math.max(1, w.unit === "year" ? w.amount : w.unit === "month" ? Math.ceil(w.amount / 12) : 1), (day) => windowStart(fromDayNumber(day), w.amount, w.unit) >= d);
        if (exit !== undefined) dataDays.add(exit);
      }
      // Dates moved by the policy's durations, compared with the day asked for.
      for (const dur of this.durations) {
        const [amount, unit] = dur.split(" ");
        try {
          const moved = shiftDate(d, Number(amount), unit as "year" | "month" | "day" | "workday");
          if (moved) for (const k of [dayNumber(moved), dayNumber(moved) + 1]) evalDays.add(k);
        } catch {
          // Outside the working-day calendar: the evaluator refuses such a day anyway.
        }
      }
    }
    const out = new Set<number>(evalDays);
    for (const k of dataDays) out.add(dayNumber(this.effectiveDay(fromDayNumber(k))));
    if (this.ir.snapshot) for (let y = Number(asOf.slice(0, 4)); y <= Number(asOf.slice(0, 4)) + (this.opts.horizonYears ?? 10) + 1; y++) out.add(dayNumber(this.effectiveDay(`${String(y).padStart(4, "0")}-01-01`)));
    return [...out].filter((k) => k > start && k <= end).sort((a, b) => a - b).map(fromDayNumber);
  }

  /** The first change day on which `ok` holds of the grade. */
  private firstDay(rec: Rec, _now: string | null, ok: (g: string | null | undefined) => boolean): { day: string; grade: string | null } | null {
    for (const day of this.changeDays(rec)) {
      const g = this.grade(rec, day);
      if (g !== undefined && ok(g)) return { day, grade: g };
    }
    return null;
  }

  private nextChange(rec: Rec, now: string | null): { day: string; grade: string | null } | null {
    return this.firstDay(rec, now, (g) => g !== now);
  }

  /**
   * The explanation, and when the exhaustive search for change sets ran out of its budget (a record
   * with many records of its own), the fewest changes found by the solver instead, graded.
   */
  async explainWithSolver(record: unknown, z3: () => Promise<Z3>): Promise<Explanation> {
    const e = this.explain(record);
    if (e.target?.none !== "budget") return e;
    const rec = record as Rec;
    const day = this.opts.asOf;
    const effective = this.effectiveDay(day);
    const goal = this.order.filter((g) => this.rank(g) <= this.rank(e.target?.grade ?? null));
    const cands = this.candidates(rec, day);
    const choices: StatusChoice[] = cands.map((c) => ({ part: c.part, index: c.index, actions: c.actions.map((a) => ({ action: a, status: ACTION_STATUS[a] })) }));
    const set = await solveRepairs(await z3(), this.ir, rec, effective, choices, goal);
    if (!set) return { ...e, target: { ...e.target, none: "no-change-reaches-it" } };
    const g = this.grade(Explainer.apply(rec, set, day), effective);
    if (g === undefined || this.rank(g) > this.rank(e.target.grade)) throw new Error(`the solver's change set does not reach ${String(e.target.grade)} when graded`);
    const changes = [
      {
        set: set.map((c) => {
          const cand = cands.find((x) => x.part === c.part && x.index === c.index);
          return { action: c.action, part: c.part, pointer: `/${PARTS[c.part].key}/${c.index}`, date: cand?.date ?? null, ...(cand?.ref ? { ref: cand.ref } : {}) };
        }),
        effective,
        grade: g,
        by: "solver" as const,
      },
    ];
    const { none: _none, ...target } = e.target;
    return { ...e, target: { ...target, changes } };
  }

  /** A day's grade, for checking (a day before the next change must give the same). */
  gradeOn(rec: Rec, day: string): string | null | undefined {
    return this.grade(rec, day);
  }

  static addDays = addDays;
}
