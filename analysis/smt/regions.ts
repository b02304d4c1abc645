// Sets of records described in the policies' own terms. Every grade a policy gives is a function of
// its atoms — the comparisons and tests its clauses make of derived values ("一年内罚款累计 ≤
// 50万元") — so a set of records the grades pick out is a set of "cells": for each quantity the
// policies compare, which side of each of their thresholds it falls (or, for a test, true/false).
// A set is described as a union of boxes (per quantity, a union of intervals), each found by
// growing one solver model as far as the set allows, so the description is exact: a record lies in
// the set if and only if it lies in one of the boxes. Browser-safe.
import type { IRExpr, IRPolicy } from "../../compiler/ir.js";
import { makeInliner, withParamValues, ckey } from "../diff/canonical.js";
import { showExpr, showLit } from "../diff/show.js";
import { clausesOf } from "../../compiler/ir-walk.js";
import type { PolicyEncoding } from "./encode.js";
import { decideFromLeaves, policyLeaves, type ConcreteDecision, type LeafRef } from "./leaves.js";
import type { Session } from "./session.js";
import type { Bx } from "./terms.js";
import type { SVal } from "./values.js";
import type { ZModel } from "./z3.js";

export interface Cell {
  formula: Bx;
  /** For a number or date: the interval, by threshold index (-1: unbounded below; n: above the last). */
  lo?: number;
  hi?: number;
  loIncl?: boolean;
  hiIncl?: boolean;
  /** The quantity is absent (无). */
  isNull?: boolean;
  /** For a test: its truth. For an enumeration or text: the literal's text, or undefined for any other value. */
  truth?: boolean;
  /** Known to hold for no record (an integer strictly between two consecutive integers). */
  empty?: boolean;
}

export interface Quantity {
  key: string;
  /** The policies' name for it (a derived value's name, or the expression). */
  label: string;
  kind: "num" | "code" | "test";
  /** Threshold texts, in order ("1次", "30万元"). */
  thresholds: string[];
  cells: Cell[];
  /** Compared differently by the two policies (a threshold, unit or operator of one only). */
  changed: boolean;
}

/** One quantity's allowed values in a box. */
export interface Constraint {
  quantity: string;
  /** The policies compare it differently. */
  changed: boolean;
  text: string;
  intervals?: Interval[];
  /** 无 (no value) is allowed. */
  none?: boolean;
  /** A test: whether it holds. */
  holds?: boolean;
  /** Text or enumeration values allowed. */
  values?: string[];
}

/** For each quantity, the cells allowed; a quantity left out is unconstrained. */
export type Box = Map<number, Set<number>>;

interface RawAtom {
  /** The atom as the clause has it (its identity ties it to its clause). */
  node: IRExpr;
  /** Read as `quantity op threshold`. */
  op?: "<" | "<=" | ">" | ">=" | "=" | "!=";
  key: string;
  label: string;
  /** The quantity's value, encoded by the policy that reads it. */
  value: SVal;
  /** A literal it is compared with (encoded), and its text. */
  threshold?: { value: SVal; text: string; key: string };
  test?: boolean;
  enc: PolicyEncoding;
  /** The comparison, canonical, to tell the two policies' atoms apart. */
  atomKey: string;
}

/** The maximal non-boolean sub-expressions of a clause: what its truth is made of. */
function atomsOf(e: IRExpr, out: IRExpr[] = []): IRExpr[] {
  if (e.op === "and" || e.op === "or") e.args.forEach((a) => atomsOf(a, out));
  else if (e.op === "not") atomsOf(e.arg, out);
  else out.push(e);
  return out;
}

/** Every atom of the grade, override and category clauses of the policies, with its quantity. */
function collectAtoms(encs: readonly PolicyEncoding[]): RawAtom[] {
  const out: RawAtom[] = [];
  for (const enc of encs) {
    const ir: IRPolicy = enc.ir;
    const inline = makeInliner(ir.values, ir.itemRules);
    const params = withParamValues(ir.params);
    const canon = (x: IRExpr) => params(inline(x));
    const day = enc.dataDay;
    const exprs = [...ir.grades.flatMap((g) => clausesOf(g.condition)), ...ir.categories.flatMap((c) => clausesOf(c.condition))].map((c) => c.expr);
    exprs.push(...ir.overrides.map((o) => o.expr));
    for (const root of exprs) {
      for (const a of atomsOf(root)) {
        const ca = canon(a);
        if (a.op === "cmp" && ca.op === "cmp" && (ca.left.op === "lit") !== (ca.right.op === "lit")) {
          const litSide = ca.left.op === "lit" ? "left" : "right";
          const q = litSide === "left" ? a.right : a.left;
          const cq = litSide === "left" ? ca.right : ca.left;
          const lit = (litSide === "left" ? ca.left : ca.right) as Extract<IRExpr, { op: "lit" }>;
          const flip = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!=" } as const;
          out.push({
            node: a,
            op: litSide === "left" ? flip[ca.cmp] : ca.cmp,
            key: `${day}|${ckey(cq)}`,
            label: showExpr(cq),
            value: enc.expr(q),
            threshold: { value: enc.expr(lit), text: showLit(lit.type, lit.value), key: ckey(lit) },
            enc,
            atomKey: `${day}|${ckey(ca)}`,
          });
        } else {
          out.push({ node: a, key: `${day}|${ckey(ca)}`, label: showExpr(ca), value: enc.expr(a), test: true, enc, atomKey: `${day}|${ckey(ca)}` });
        }
      }
    }
  }
  return out;
}

export class Regions {
  readonly quantities: Quantity[] = [];
  private readonly values: SVal[] = [];
  /** How each atom's truth follows from the cell of its quantity. */
  private readonly atomTruth = new Map<IRExpr, { qi: number; truth: (cell: number) => boolean }>();
  /** Cell vectors of records the solver has shown to exist (every model it gave). */
  private readonly known: number[][] = [];
  private readonly encs: readonly PolicyEncoding[];
  private readonly leaves: LeafRef[][];

  /** The quantities of the policies' atoms; call before the session is sealed. */
  constructor(
    private readonly s: Session,
    encs: readonly PolicyEncoding[],
  ) {
    this.encs = encs;
    this.leaves = encs.map((e) => policyLeaves(e.ir));
    const atoms = collectAtoms(encs);
    const thresholdOrder = new Map<string, string[]>();
    const perPolicy = encs.map((e) => new Set(atoms.filter((a) => a.enc === e).map((a) => a.atomKey)));
    const byKey = new Map<string, RawAtom[]>();
    for (const a of atoms) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
    const ops = (encs[0] as PolicyEncoding).ops;
    for (const [key, group] of byKey) {
      const first = group[0] as RawAtom;
      const changed = group.some((a) => perPolicy.some((p) => !p.has(a.atomKey)));
      const label = group[group.length - 1]?.label ?? first.label;
      if (first.test || first.value.k === "bool") {
        const truth = ops.isTrue(first.value);
        this.add({ key, label, kind: "test", thresholds: [], changed, cells: [{ formula: truth, truth: true }, { formula: this.s.t.not(truth), truth: false }] }, first.value);
        const qi = this.quantities.length - 1;
        for (const a of group) {
          const lit = a.threshold?.value;
          // A test, or a yes/no compared with 是/否.
          const want = lit && lit.k === "bool" && typeof lit.v === "boolean" ? lit.v : true;
          const op = a.op ?? "=";
          this.atomTruth.set(a.node, { qi, truth: (c) => ((c === 0) === want) === (op !== "!=") });
        }
        continue;
      }
      const seen = new Map<string, { value: SVal; text: string }>();
      // A comparison with 无 is a test of absence: the null cell stands for it.
      for (const a of group) if (a.threshold && a.threshold.value.k !== "null" && !seen.has(a.threshold.key)) seen.set(a.threshold.key, a.threshold);
      const thresholds = [...seen.values()];
      const q = first.value;
      const nullable = ops.nullOf(q) !== false;
      const cells: Cell[] = [];
      if (nullable) cells.push({ formula: ops.nullOf(q), isNull: true });
      if (q.k === "code" || (q.k === "num" && thresholds.some((x) => x.value.k !== "num"))) {
        thresholds.forEach((x, i) => cells.push({ formula: ops.strictEq(q, x.value), lo: i, truth: true }));
        const none = this.s.t.and(this.s.t.not(ops.nullOf(q)), ...thresholds.map((x) => this.s.t.not(ops.strictEq(q, x.value))));
        cells.push({ formula: none, truth: false });
        this.add({ key, label, kind: "code", thresholds: thresholds.map((x) => x.text), changed, cells }, q);
        const qi = this.quantities.length - 1;
        const keys = [...seen.keys()];
        for (const a of group) {
          const j = a.threshold && a.threshold.value.k !== "null" ? keys.indexOf(a.threshold.key) : -1;
          const eq = (c: number) => (j < 0 ? cells[c]?.isNull === true : cells[c]?.truth === true && !cells[c]?.isNull && cells[c]?.lo === j);
          this.atomTruth.set(a.node, { qi, truth: (c) => (a.op === "!=" ? !eq(c) : eq(c)) });
        }
        continue;
      }
      const order = [...seen.entries()].sort((a, b) => compareNum(a[1].value, b[1].value));
      thresholds.sort((a, b) => compareNum(a.value, b.value));
      thresholdOrder.set(key, order.map(([k]) => k));
      const notNull = this.s.t.not(ops.nullOf(q));
      const n = thresholds.length;
      for (let i = 0; i <= n; i++) {
        const lo = thresholds[i - 1];
        const hi = thresholds[i];
        const parts: Bx[] = [notNull];
        if (lo) parts.push(ops.cmp(">", q, lo.value));
        if (hi) parts.push(ops.cmp("<", q, hi.value));
        cells.push({ formula: this.s.t.and(...parts), lo: i - 1, hi: i, loIncl: false, hiIncl: false, empty: lo !== undefined && hi !== undefined && adjacent(lo.value, hi.value, q) });
        if (hi) cells.push({ formula: this.s.t.and(notNull, ops.cmp("=", q, hi.value)), lo: i, hi: i, loIncl: true, hiIncl: true });
      }
      this.add({ key, label, kind: "num", thresholds: thresholds.map((x) => x.text), changed, cells }, q);
      const qi = this.quantities.length - 1;
      const keys = thresholdOrder.get(key) ?? [];
      for (const a of group) {
        const j = a.threshold && a.threshold.value.k !== "null" ? keys.indexOf(a.threshold.key) : -1;
        const op = a.op ?? "=";
        this.atomTruth.set(a.node, {
          qi,
          truth: (c) => {
            const cell = cells[c] as Cell;
            if (j < 0) return op === "=" ? cell.isNull === true : op === "!=" ? cell.isNull !== true : false;
            if (cell.isNull) return op === "!=";
            // Where the cell lies against threshold j: -1 below, 0 on it, 1 above.
            const lo = cell.lo ?? -1;
            const rel = cell.loIncl ? Math.sign(lo - j) : lo >= j ? 1 : -1;
            switch (op) {
              case "<":
                return rel < 0;
              case "<=":
                return rel <= 0;
              case ">":
                return rel > 0;
              case ">=":
                return rel >= 0;
              case "=":
                return rel === 0;
              case "!=":
                return rel !== 0;
            }
          },
        });
      }
    }
    // Every model the solver gives is a record that exists: remember where it lies.
    this.s.onModel = (m) => this.known.push(this.cellsOf(m));
  }

  /** What each policy decides for records in the cells `v` (the same for all of them). */
  decisions(v: readonly number[]): ConcreteDecision[] {
    return this.encs.map((enc, i) => {
      const leaves = this.leaves[i] as LeafRef[];
      const truth = leaves.map((l) => this.clauseTruth(l.clause.expr, v));
      return decideFromLeaves(enc.ir, leaves, truth);
    });
  }

  private clauseTruth(e: IRExpr, v: readonly number[]): boolean {
    if (e.op === "and") return e.args.every((a) => this.clauseTruth(a, v));
    if (e.op === "or") return e.args.some((a) => this.clauseTruth(a, v));
    if (e.op === "not") return !this.clauseTruth(e.arg, v);
    const a = this.atomTruth.get(e);
    if (!a) throw new Error("an atom without its quantity");
    return a.truth(v[a.qi] as number);
  }

  private inBox(box: Box, v: readonly number[]): boolean {
    for (const [qi, cells] of box) if (!cells.has(v[qi] as number)) return false;
    return true;
  }

  private add(q: Quantity, v: SVal): void {
    this.quantities.push(q);
    this.values.push(v);
  }

  boxFormula(box: Box): Bx {
    const t = this.s.t;
    return t.and(...[...box].map(([qi, cells]) => t.or(...[...cells].map((c) => (this.quantities[qi] as Quantity).cells[c]?.formula ?? false))));
  }

  /** Whether a record the solver has shown lies in the cells where `inRegion` holds. */
  seen(inRegion: (d: ConcreteDecision[]) => boolean): boolean {
    return this.known.some((v) => inRegion(this.decisions(v)));
  }

  /** Which cell of each quantity a model's record is in. */
  private cellsOf(m: ZModel): number[] {
    const z = this.s.z3.ctx;
    const truth = (b: Bx) => (typeof b === "boolean" ? b : z.isTrue(m.eval(b, true)));
    return this.quantities.map((q) => q.cells.findIndex((c) => truth(c.formula)));
  }

  /**
   * The set `region` as a union of maximal boxes (each exactly inside it), at most `limit` of them;
   * `complete` tells whether they cover it all.
   */
  async describe(region: Bx, inRegion: (d: ConcreteDecision[]) => boolean, limit = 12): Promise<{ boxes: Box[]; complete: boolean }> {
    const t = this.s.t;
    const member = (v: readonly number[]) => inRegion(this.decisions(v));
    const boxes: Box[] = [];
    let rest = region;
    for (;;) {
      let point = this.known.find((v) => member(v) && !boxes.some((b) => this.inBox(b, v)));
      if (!point) {
        const m = await this.s.model(rest);
        if (!m) return { boxes, complete: true };
        point = this.cellsOf(m);
      }
      if (boxes.length >= limit) return { boxes, complete: false };
      const box: Box = new Map(point.map((c, qi) => [qi, new Set([c])]));
      // Grow one quantity at a time: the cells it may take, the others as they are, without leaving
      // the region. A cell is out when a record exists there outside the region: first from the
      // records already seen, then by asking the solver for another.
      for (let qi = 0; qi < this.quantities.length; qi++) {
        const others: Box = new Map([...box].filter(([k]) => k !== qi));
        const q = this.quantities[qi] as Quantity;
        const bad = new Set<number>();
        for (const v of this.known) if (this.inBox(others, v) && !member(v)) bad.add(v[qi] as number);
        for (;;) {
          const exclude = t.and(...[...bad].map((c) => t.not(q.cells[c]?.formula ?? false)));
          const cm = await this.s.model(t.and(this.boxFormula(others), t.not(region), exclude));
          if (!cm) break;
          const c = this.cellsOf(cm)[qi] as number;
          if (bad.has(c) || c < 0) throw new Error("the cells of a quantity do not cover its values");
          bad.add(c);
        }
        const allowed = q.cells.map((_, i) => i).filter((i) => !bad.has(i));
        if (allowed.length === q.cells.length) box.delete(qi);
        else box.set(qi, new Set(allowed));
      }
      await this.trim(box, region, member);
      // The box is inside the region: the solver's word, not only the cells' arithmetic.
      if (await this.s.sat(t.and(this.boxFormula(box), t.not(region)))) throw new Error("a region's box reaches outside it");
      boxes.push(box);
      rest = t.and(rest, t.not(this.boxFormula(box)));
    }
  }

  /**
   * Reads a box the way the regulation would. Cells at either end of a quantity's set that no record
   * of the box reaches may be left out or kept — the same records either way — and the form with
   * the fewest intervals is shown: "∈ [1次, 3次)" rather than "< 3次" when the fines exceed 30万元
   * (no case count below 1 is possible then), "< 1次" rather than "< 1次 or > 1次" when a part's
   * bound leaves no room above. On a tie the open top cell stays: out of reach there usually means
   * out of the bound (K items), not out of the regulation's reach.
   */
  private async trim(box: Box, region: Bx, member: (v: readonly number[]) => boolean): Promise<void> {
    const t = this.s.t;
    for (const [qi, cells] of box) {
      const q = this.quantities[qi] as Quantity;
      if (q.kind !== "num" || cells.size < 2) continue;
      const others: Box = new Map([...box].filter(([k]) => k !== qi));
      const reached = async (c: number) =>
        this.known.some((v) => v[qi] === c && this.inBox(others, v) && member(v)) || (await this.s.sat(t.and(this.boxFormula(others), q.cells[c]?.formula ?? false, region)));
      const order = [...cells].filter((c) => !q.cells[c]?.empty && !q.cells[c]?.isNull).sort((a, b) => a - b);
      const unreached = new Set<number>();
      for (const end of [order, [...order].reverse()]) {
        for (const c of end) {
          if (unreached.size >= order.length - 1 || (await reached(c))) break;
          unreached.add(c);
        }
      }
      if (!unreached.size) continue;
      const top = q.cells.length - 1;
      const without = new Set([...cells].filter((c) => !unreached.has(c)));
      const keepTop = new Set([...without, ...(cells.has(top) ? [top] : [])]);
      const intervals = (x: Set<number>) => cellSet(q, x).intervals?.length ?? 0;
      const best = [keepTop, without, cells].reduce((a, b) => (intervals(b) < intervals(a) ? b : a));
      box.set(qi, new Set(best));
    }
  }

  /** A box in words, one constraint per quantity: changed quantities first. */
  describeBox(box: Box): Constraint[] {
    return [...box]
      .map(([qi, cells]) => {
        const q = this.quantities[qi] as Quantity;
        return { quantity: q.label, changed: q.changed, ...cellSet(q, cells) };
      })
      .sort((a, b) => Number(b.changed) - Number(a.changed));
  }
}

function scaled(v: SVal): { n: bigint; s: bigint } {
  if (v.k !== "num" || typeof v.v !== "bigint") return { n: 0n, s: 1n };
  return { n: v.v, s: v.scale };
}

function compareNum(a: SVal, b: SVal): number {
  const x = scaled(a);
  const y = scaled(b);
  const l = x.n * y.s;
  const r = y.n * x.s;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** No value of the quantity lies strictly between two thresholds (integers at its scale, one unit apart). */
function adjacent(a: SVal, b: SVal, q: SVal): boolean {
  if (q.k !== "num") return false;
  const x = scaled(a);
  const y = scaled(b);
  // Both at the quantity's scale; the quantity's values are integers there.
  if (x.s > q.scale || y.s > q.scale) return false;
  return y.n * (q.scale / y.s) - x.n * (q.scale / x.s) <= 1n;
}

export interface Interval {
  /** Threshold texts; null: unbounded. */
  lo: string | null;
  loIncl: boolean;
  hi: string | null;
  hiIncl: boolean;
}

/** The allowed cells of a number as intervals (and whether 无 is allowed), or a test's or text's values. */
export function cellSet(q: Quantity, allowed: Set<number>): { text: string; intervals?: Interval[]; none?: boolean; holds?: boolean; values?: string[] } {
  if (q.kind === "test") return { text: allowed.has(0) ? "holds 成立" : "does not hold 不成立", holds: allowed.has(0) };
  if (q.kind === "code") {
    const parts: string[] = [];
    const values: string[] = [];
    q.cells.forEach((c, i) => {
      if (!allowed.has(i)) return;
      if (c.isNull) parts.push("无");
      else if (c.truth) {
        parts.push(`= ${q.thresholds[c.lo ?? 0] ?? "?"}`);
        values.push(q.thresholds[c.lo ?? 0] ?? "?");
      } else parts.push(`≠ ${q.thresholds.join(", ")}`);
    });
    return { text: parts.join(" or "), values };
  }
  const nullCell = q.cells.findIndex((c) => c.isNull);
  const none = nullCell >= 0 && allowed.has(nullCell);
  const intervals: Interval[] = [];
  let run: Cell[] = [];
  const flush = () => {
    const trimmed = run.slice();
    while (trimmed.length && trimmed[0]?.empty) trimmed.shift();
    while (trimmed.length && trimmed[trimmed.length - 1]?.empty) trimmed.pop();
    if (trimmed.length) intervals.push(interval(q, trimmed[0] as Cell, trimmed[trimmed.length - 1] as Cell));
    run = [];
  };
  q.cells.forEach((c, i) => {
    if (c.isNull) return;
    if (allowed.has(i) || (c.empty && run.length)) run.push(c);
    else flush();
  });
  flush();
  const parts = [...(none ? ["无 none"] : []), ...intervals.map(intervalText)];
  return { text: parts.join(" or "), intervals, none };
}

function interval(q: Quantity, first: Cell, last: Cell): Interval {
  const t = q.thresholds;
  const lo = first.lo ?? -1;
  const hi = last.hi ?? t.length;
  return { lo: lo < 0 ? null : (t[lo] ?? null), loIncl: first.loIncl === true, hi: hi >= t.length ? null : (t[hi] ?? null), hiIncl: last.hiIncl === true };
}

function intervalText(i: Interval): string {
  if (i.lo === null && i.hi === null) return "any value 任意";
  if (i.lo !== null && i.lo === i.hi && i.loIncl) return `= ${i.lo}`;
  if (i.lo === null) return `${i.hiIncl ? "≤" : "<"} ${i.hi}`;
  if (i.hi === null) return `${i.loIncl ? "≥" : ">"} ${i.lo}`;
  return `∈ ${i.loIncl ? "[" : "("}${i.lo}, ${i.hi}${i.hiIncl ? "]" : ")"}`;
}
