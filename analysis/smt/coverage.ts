// `credit-policy test --coverage`: what a policy's own test cases exercise — the articles its
// clauses cite, the grades (and "no grade") the cases end in, and each leaf condition (each
// comparison or test inside a grade's, category's or override's clause: "一年内罚款累计 ≤ 50万元"):
// seen true, seen false, and decisive both ways (MC/DC, unique cause: flipping that one condition,
// the others as the case has them, changes the grade — or, for a category's clause, the
// membership). For what is missing the solver finds a record that covers it (the smallest), graded
// by the evaluator for its expectations, and prints it as a test case to paste; a side no record
// can cover is proved so (within the bound) instead. Cases are proposed greedily: each proposal is
// graded before the next is sought, so one case that covers several gaps is proposed once.
// Browser-safe.
import type { Lang } from "../../dsl/print/expr.js";
import { formatTestCase } from "../../dsl/print/format.js";
import type { Json, TestCase } from "../../dsl/ast.js";
import type { Span } from "../../diagnostics/span.js";
import type { IRExpr, IRPolicy } from "../../compiler/ir.js";
import { printIrExpr } from "../../compiler/print-ir.js";
import { compileEvaluator, type CompiledPolicy } from "../../runtime/evaluator.js";
import { decideFromLeaves, type LeafRef } from "./leaves.js";
import { addDays } from "../../record/dates.js";
import { showLit } from "../diff/show.js";
import { Probe, type Probed } from "./probe.js";
import { Session, type Bound } from "./session.js";
import type { Bx } from "./terms.js";
import type { Z3 } from "./z3.js";

export type Side = "decisiveTrue" | "decisiveFalse" | "true" | "false" | "boundaryAt" | "boundaryBeside";

export interface ConditionCoverage {
  index: number;
  /** The leaf (clause) it is part of. */
  leaf: number;
  kind: LeafRef["kind"];
  owner: string;
  article: string;
  /** The condition in the IR's reading ("一年内罚款累计 ≤ 500000.00元"). */
  condition: string;
  span?: Span;
  /** Seen true / false in some case. */
  true: boolean;
  false: boolean;
  /** Decided the grade (or membership) by holding / by failing, in some case. */
  decisiveTrue: boolean;
  decisiveFalse: boolean;
  /**
   * A comparison with a threshold: the two values either side of where it switches (50万元 and
   * 500000.01元 for "≤ 50万元"), each seen in a case where the condition decides.
   */
  boundary?: { at: string; beside: string; boundaryAt: boolean; boundaryBeside: boolean };
  /** Sides no record within the bound can cover (the solver's proof). */
  impossible: Side[];
}

export interface Proposal {
  /** The condition and what the case covers of it. */
  condition: number;
  covers: Side;
  name: string;
  asOf: string;
  record: Record<string, unknown>;
  expect: { grade: string | null; matched: string[]; categories?: string[] };
  /** The case in the policy's language, to paste. */
  text: string;
}

export interface CoverageReport {
  policy: { id: string; version: string | null };
  cases: number;
  /** Cases that could not be graded (a record error): they exercise nothing. */
  ungraded: number;
  articles: { article: string; exercised: boolean }[];
  grades: { grade: string | null; exercised: boolean }[];
  conditions: ConditionCoverage[];
  /** Conditions seen both true and false, of all. */
  conditionCoverage: { covered: number; total: number };
  /** Conditions decisive both ways, of all, and of those that can be (no side proved impossible). */
  mcdc: { covered: number; total: number; possible: number };
  /** Clauses (the regulation's items) seen both true and false. */
  clauseCoverage: { covered: number; total: number };
  /** Comparisons with a threshold decided at both values around it, of those that can be. */
  boundaries: { covered: number; total: number; possible: number };
  /** What the policy's own cases leave uncovered, each with the proposal that covers it, or proved impossible. */
  uncovered: { condition: number; article: string; owner: string; text: string; side: Side; by: string | null; impossible: boolean }[];
  proposals: Proposal[];
  /** The same measures with the proposed cases added. */
  withProposals?: { conditionCoverage: CoverageReport["conditionCoverage"]; mcdc: CoverageReport["mcdc"]; boundaries: CoverageReport["boundaries"]; clauseCoverage: CoverageReport["clauseCoverage"] };
  bound?: Bound;
}

export interface CoverageOptions {
  /** The policy's keyword language, for the proposed cases. */
  lang: Lang;
  /** Propose cases for what is missing (loads the solver). Default true. */
  propose?: boolean;
  k?: number;
  /** At most this many proposals (default 50). */
  limit?: number;
}

function version(ir: IRPolicy): string | null {
  const v = ir.meta["version"];
  return typeof v === "string" ? v : null;
}

/** The day most of the policy's cases are graded as of: proposals use it too. */
function usualDay(ir: IRPolicy): string | undefined {
  const count = new Map<string, number>();
  for (const t of ir.tests) count.set(t.asOf, (count.get(t.asOf) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** The conditions of a clause: its maximal sub-expressions that are not and / or / not. */
function conditionsOf(e: IRExpr, out: IRExpr[] = []): IRExpr[] {
  if (e.op === "and" || e.op === "or") e.args.forEach((a) => conditionsOf(a, out));
  else if (e.op === "not") conditionsOf(e.arg, out);
  else out.push(e);
  return out;
}

/** A clause's truth from its conditions' truths (the evaluator's and/or/not: `=== true`). */
function clauseTruth(e: IRExpr, truth: (c: IRExpr) => boolean): boolean {
  if (e.op === "and") return e.args.every((a) => clauseTruth(a, truth));
  if (e.op === "or") return e.args.some((a) => clauseTruth(a, truth));
  if (e.op === "not") return !clauseTruth(e.arg, truth);
  return truth(e);
}

const SIDE_WORDS: Record<Side, { zh: string; en: string }> = {
  decisiveTrue: { zh: "成立且起决定作用", en: "holds and decides" },
  decisiveFalse: { zh: "不成立且起决定作用", en: "fails and decides" },
  true: { zh: "成立", en: "holds" },
  false: { zh: "不成立", en: "fails" },
  boundaryAt: { zh: "在界值上起决定作用", en: "decides at its threshold" },
  boundaryBeside: { zh: "紧邻界值起决定作用", en: "decides just beyond its threshold" },
};

/** One unit of a literal's type: 1次, 1分钱, 1日, or the last decimal of a score. */
function unitStep(lit: Extract<IRExpr, { op: "lit" }>): { add: (v: string, n: number) => string } | undefined {
  switch (lit.type.t) {
    case "count":
    case "money":
      return { add: (v, n) => (BigInt(v) + BigInt(n)).toString() };
    case "date":
      return { add: (v, n) => addDays(v, n) };
    case "score":
    case "number":
      return {
        add: (v, n) => {
          const [, frac = ""] = v.split(".");
          const digits = Math.max(2, frac.length);
          const scale = 10n ** BigInt(digits);
          const neg = v.startsWith("-");
          const [i = "0", f = ""] = (neg ? v.slice(1) : v).split(".");
          let x = BigInt(i) * scale + BigInt((f + "0".repeat(digits)).slice(0, digits) || "0");
          if (neg) x = -x;
          x += BigInt(n);
          const a = x < 0n ? -x : x;
          return `${x < 0n ? "-" : ""}${a / scale}.${(a % scale).toString().padStart(digits, "0")}`;
        },
      };
    default:
      return undefined;
  }
}

interface Boundary {
  at: IRExpr;
  beside: IRExpr;
  atText: string;
  besideText: string;
}

/** For `q op t` (or `t op q`): q = t, and q one unit on the other side of the switch. */
function boundaryOf(e: IRExpr, params: IRPolicy["params"]): Boundary | undefined {
  if (e.op !== "cmp" || e.cmp === "=" || e.cmp === "!=") return undefined;
  const lit = (x: IRExpr): Extract<IRExpr, { op: "lit" }> | undefined => {
    if (x.op === "lit") return x;
    if (x.op === "param") {
      const p = params.find((y) => y.name === x.name);
      return p ? { op: "lit", type: p.type, value: p.value, span: x.span } : undefined;
    }
    return undefined;
  };
  const right = lit(e.right);
  const left = lit(e.left);
  if ((right === undefined) === (left === undefined)) return undefined;
  const t = (right ?? left) as Extract<IRExpr, { op: "lit" }>;
  const q = right ? e.left : e.right;
  const step = unitStep(t);
  if (!step || typeof t.value !== "string") return undefined;
  // Written as q op t: the switch is between t and t+1 for ≤ and >, between t−1 and t for < and ≥.
  const op = right ? e.cmp : ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const)[e.cmp];
  const besideValue = step.add(t.value, op === "<=" || op === ">" ? 1 : -1);
  const eq = (v: string): IRExpr => ({ op: "cmp", cmp: "=", left: q, right: { ...t, value: v }, span: e.span });
  return { at: eq(t.value), beside: eq(besideValue), atText: showLit(t.type, t.value), besideText: showLit(t.type, besideValue) };
}

interface Cond {
  index: number;
  leaf: LeafRef;
  expr: IRExpr;
  boundary?: Boundary;
}

export class Coverage {
  readonly probe: Probe;
  readonly leaves: LeafRef[];
  readonly conds: Cond[];
  private readonly condEval: CompiledPolicy;
  private readonly state: ConditionCoverage[];
  private readonly outcomes = new Set<string | null>();
  private readonly articlesSeen = new Set<string>();
  private readonly clauseSeen: { t: boolean; f: boolean }[];
  private ungraded = 0;

  constructor(readonly ir: IRPolicy) {
    this.probe = new Probe(ir);
    this.leaves = this.probe.leaves;
    this.conds = this.leaves.flatMap((leaf) =>
      conditionsOf(leaf.clause.expr).map((expr) => {
        const boundary = boundaryOf(expr, ir.params);
        return { leaf, expr, index: 0, ...(boundary ? { boundary } : {}) };
      }),
    );
    this.conds.forEach((c, i) => (c.index = i));
    const probes = this.conds.flatMap((c) => [
      { id: `#${c.index}`, expr: c.expr, c },
      ...(c.boundary
        ? [
            { id: `#${c.index}@`, expr: c.boundary.at, c },
            { id: `#${c.index}+`, expr: c.boundary.beside, c },
          ]
        : []),
    ]);
    // Each condition's truth read by the evaluator itself: one "grade" per condition.
    this.condEval = compileEvaluator({
      ...ir,
      grades: probes.map((x) => ({ id: x.id, label: "", condition: { ...x.c.leaf.clause, expr: x.expr }, span: x.c.leaf.clause.span })),
      precedence: [],
      default: null,
      overrides: [],
      categories: [],
      obligations: [],
    });
    this.clauseSeen = this.leaves.map(() => ({ t: false, f: false }));
    this.state = this.conds.map((c) => {
      const { word: _w, marker: _m, ...plain } = c.expr as IRExpr & { word?: string; marker?: string };
      return {
        index: c.index,
        leaf: c.leaf.index,
        kind: c.leaf.kind,
        owner: c.leaf.owner,
        article: c.leaf.clause.article,
        condition: printIrExpr(plain as IRExpr),
        ...(c.expr.span ? { span: c.expr.span } : {}),
        true: false,
        false: false,
        decisiveTrue: false,
        decisiveFalse: false,
        ...(c.boundary ? { boundary: { at: c.boundary.atText, beside: c.boundary.besideText, boundaryAt: false, boundaryBeside: false } } : {}),
        impossible: [],
      };
    });
  }

  /** Whether flipping condition `c` (the others as they are) changes what its leaf decides. */
  private decides(c: Cond, p: Probed, truth: Map<IRExpr, boolean>): boolean {
    const flipped = clauseTruth(c.leaf.clause.expr, (e) => (e === c.expr ? !truth.get(e) : truth.get(e) === true));
    if (flipped === p.leaves[c.leaf.index]) return false;
    const leaves = [...p.leaves];
    leaves[c.leaf.index] = flipped;
    const a = decideFromLeaves(this.ir, this.leaves, p.leaves);
    const b = decideFromLeaves(this.ir, this.leaves, leaves);
    return c.leaf.kind === "category" ? a.categories.has(c.leaf.owner) !== b.categories.has(c.leaf.owner) : a.grade !== b.grade;
  }

  /** A case's contribution: the conditions it sets each way, those it shows decisive, its grade. */
  add(record: unknown, asOf: string): Probed | undefined {
    const p = this.probe.run(record, asOf);
    if ("error" in p) {
      this.ungraded++;
      return undefined;
    }
    this.outcomes.add(p.grade);
    const held = new Set(this.condEval.evaluate(record as Record<string, unknown>, asOf).holding);
    const truth = new Map(this.conds.map((c) => [c.expr, held.has(`#${c.index}`)]));
    this.leaves.forEach((l, i) => {
      const seen = this.clauseSeen[i] as { t: boolean; f: boolean };
      if (p.leaves[i]) {
        seen.t = true;
        this.articlesSeen.add(l.clause.article);
      } else seen.f = true;
    });
    for (const c of this.conds) {
      const s = this.state[c.index] as ConditionCoverage;
      const v = truth.get(c.expr) === true;
      if (v) s.true = true;
      else s.false = true;
      if (this.decides(c, p, truth)) {
        if (v) s.decisiveTrue = true;
        else s.decisiveFalse = true;
        if (s.boundary && held.has(`#${c.index}@`)) s.boundary.boundaryAt = true;
        if (s.boundary && held.has(`#${c.index}+`)) s.boundary.boundaryBeside = true;
      }
    }
    return p;
  }

  /** A record covers `side` of condition `c`. */
  covers(record: unknown, asOf: string, c: Cond, side: Side): boolean {
    const p = this.probe.run(record, asOf);
    if ("error" in p) return false;
    const held = new Set(this.condEval.evaluate(record as Record<string, unknown>, asOf).holding);
    const truth = new Map(this.conds.map((x) => [x.expr, held.has(`#${x.index}`)]));
    const v = truth.get(c.expr) === true;
    if (side === "true") return v;
    if (side === "false") return !v;
    if (side === "boundaryAt" || side === "boundaryBeside") return held.has(`#${c.index}${side === "boundaryAt" ? "@" : "+"}`) && this.decides(c, p, truth);
    return v === (side === "decisiveTrue") && this.decides(c, p, truth);
  }

  covered(cond: Cond, side: Side): boolean {
    const s = this.state[cond.index] as ConditionCoverage;
    if (side === "boundaryAt" || side === "boundaryBeside") return s.boundary?.[side] === true;
    return s[side];
  }

  missing(): { cond: Cond; side: Side }[] {
    const out: { cond: Cond; side: Side }[] = [];
    for (const c of this.conds) {
      const s = this.state[c.index] as ConditionCoverage;
      for (const side of ["decisiveTrue", "decisiveFalse", "true", "false"] as const) if (!s[side] && !s.impossible.includes(side)) out.push({ cond: c, side });
      for (const side of ["boundaryAt", "boundaryBeside"] as const) if (s.boundary && !s.boundary[side] && !s.impossible.includes(side)) out.push({ cond: c, side });
    }
    return out;
  }

  markImpossible(cond: number, side: Side): void {
    (this.state[cond] as ConditionCoverage).impossible.push(side);
  }

  report(cases: number, proposals: Proposal[], bound?: Bound): Omit<CoverageReport, "uncovered"> {
    const articles = [...new Set(this.leaves.map((l) => l.clause.article))].map((article) => ({ article, exercised: this.articlesSeen.has(article) }));
    const grades = [...this.ir.grades.map((g) => g.id), ...(this.ir.grades.some((g) => g.id === this.ir.default) ? [] : [this.ir.default])].map((g) => ({ grade: g, exercised: this.outcomes.has(g) }));
    const both = this.state.filter((s) => s.true && s.false).length;
    const mcdc = this.state.filter((s) => s.decisiveTrue && s.decisiveFalse).length;
    const possible = this.state.filter((s) => !s.impossible.includes("decisiveTrue") && !s.impossible.includes("decisiveFalse")).length;
    const bounded = this.state.filter((s) => s.boundary);
    return {
      policy: { id: this.ir.id, version: version(this.ir) },
      cases,
      ungraded: this.ungraded,
      articles,
      grades,
      conditions: this.state.map((s) => ({ ...s, impossible: [...s.impossible] })),
      conditionCoverage: { covered: both, total: this.state.length },
      mcdc: { covered: mcdc, total: this.state.length, possible },
      clauseCoverage: { covered: this.clauseSeen.filter((x) => x.t && x.f).length, total: this.leaves.length },
      boundaries: {
        covered: bounded.filter((s) => s.boundary?.boundaryAt && s.boundary.boundaryBeside).length,
        total: bounded.length,
        possible: bounded.filter((s) => !s.impossible.includes("boundaryAt") && !s.impossible.includes("boundaryBeside")).length,
      },
      proposals,
      ...(bound ? { bound } : {}),
    };
  }
}

/** The coverage of a policy's own cases, with proposed cases for what is missing. */
export async function coverage(ir: IRPolicy, opts: CoverageOptions, z3?: () => Promise<Z3>): Promise<CoverageReport> {
  const cov = new Coverage(ir);
  for (const t of ir.tests) cov.add(t.record, t.asOf);
  const before = cov.report(ir.tests.length, []);
  const missing = cov.missing();
  const fate = new Map<string, string | "impossible">();
  const key = (m: { cond: Cond; side: Side }) => `${m.cond.index} ${m.side}`;
  const finish = (proposals: Proposal[], bound?: Bound): CoverageReport => {
    const after = cov.report(ir.tests.length, proposals, bound);
    const impossible = new Map(after.conditions.map((c) => [c.index, c.impossible]));
    return {
      ...before,
      // What no record can cover is known only once the solver has looked.
      conditions: before.conditions.map((c) => ({ ...c, impossible: impossible.get(c.index) ?? [] })),
      mcdc: { ...before.mcdc, possible: after.mcdc.possible },
      boundaries: { ...before.boundaries, possible: after.boundaries.possible },
      uncovered: missing.map((m) => {
        const f = fate.get(key(m));
        const st = before.conditions[m.cond.index] as ConditionCoverage;
        return { condition: m.cond.index, article: st.article, owner: st.owner, text: st.condition, side: m.side, by: f && f !== "impossible" ? f : null, impossible: f === "impossible" };
      }),
      proposals,
      ...(proposals.length ? { withProposals: { conditionCoverage: after.conditionCoverage, mcdc: after.mcdc, boundaries: after.boundaries, clauseCoverage: after.clauseCoverage } } : {}),
      ...(bound ? { bound } : {}),
    };
  };
  if (opts.propose === false || missing.length === 0 || !z3) return finish([]);
  const asOf = usualDay(ir) ?? "2021-12-31";
  const s = new Session(await z3(), [ir], { asOf, ...(opts.k !== undefined ? { k: opts.k } : {}) });
  const enc = s.encodings[0] as NonNullable<(typeof s.encodings)[0]>;
  const t = s.t;
  const d = enc.decide();
  // Each condition's term, and its clause rebuilt with that condition forced one way.
  const condTerm = new Map(cov.conds.map((c) => [c.expr, enc.truth(enc.expr(c.expr))]));
  const clauseWith = (e: IRExpr, target: IRExpr, value: boolean): Bx => {
    if (e === target) return value;
    if (e.op === "and") return t.and(...e.args.map((a) => clauseWith(a, target, value)));
    if (e.op === "or") return t.or(...e.args.map((a) => clauseWith(a, target, value)));
    if (e.op === "not") return t.not(clauseWith(e.arg, target, value));
    return condTerm.get(e) ?? false;
  };
  const formulas = new Map<string, Bx>();
  for (const c of cov.conds) {
    const x = condTerm.get(c.expr) as Bx;
    for (const side of [true, false]) {
      const flippedLeaf = clauseWith(c.leaf.clause.expr, c.expr, !side);
      const flipped = enc.decide((y) => (y.index === c.leaf.index ? flippedLeaf : enc.leaf(y)));
      const changes =
        c.leaf.kind === "category"
          ? t.xor(d.categories.get(c.leaf.owner) ?? false, flipped.categories.get(c.leaf.owner) ?? false)
          : t.or(...[...d.outcome.keys()].map((g) => t.and(d.outcome.get(g) as Bx, t.not(flipped.outcome.get(g) ?? false))));
      formulas.set(`${c.index} ${side ? "decisiveTrue" : "decisiveFalse"}`, t.and(side ? x : t.not(x), changes));
    }
    formulas.set(`${c.index} true`, x);
    formulas.set(`${c.index} false`, t.not(x));
    if (c.boundary) {
      for (const [side, eq] of [
        ["boundaryAt", c.boundary.at],
        ["boundaryBeside", c.boundary.beside],
      ] as const) {
        // At that value the condition has one truth; it must decide there.
        const at = enc.truth(enc.expr(eq));
        formulas.set(`${c.index} ${side}`, t.and(at, t.or(formulas.get(`${c.index} decisiveTrue`) as Bx, formulas.get(`${c.index} decisiveFalse`) as Bx)));
      }
    }
  }
  s.seal();
  const proposals: Proposal[] = [];
  const names = new Set(ir.tests.map((x) => x.name));
  const limit = opts.limit ?? 50;
  for (;;) {
    const next = cov.missing()[0];
    if (!next || proposals.length >= limit) break;
    const { cond, side } = next;
    const w = await s.witness(formulas.get(`${cond.index} ${side}`) as Bx, (r) => cov.covers(r, asOf, cond, side), `coverage of ${cond.leaf.clause.article} (${side})`);
    if (!w) {
      cov.markImpossible(cond.index, side);
      fate.set(key(next), "impossible");
      continue;
    }
    const p = cov.add(w, asOf) as Probed;
    const { word: _w, marker: _m, ...plain } = cond.expr as IRExpr & { word?: string; marker?: string };
    let name = `${opts.lang === "zh" ? "覆盖" : "coverage"}：${cond.leaf.clause.article}（${cond.leaf.owner}）${printIrExpr(plain as IRExpr)} ${SIDE_WORDS[side][opts.lang]}`;
    for (let i = 2; names.has(name); i++) name = `${name} ${i}`;
    names.add(name);
    const expect = {
      grade: p.grade,
      matched: p.output.matched.map((m) => m.article),
      ...(ir.categories.length ? { categories: (p.output.categories ?? []).map((c) => c.id) } : {}),
    };
    const test: TestCase = { kind: "Test", name, asOf, record: w as Json, expect, span: cond.leaf.clause.span };
    proposals.push({ condition: cond.index, covers: side, name, asOf, record: w, expect, text: formatTestCase(test, opts.lang) });
    for (const m of missing) if (!fate.has(key(m)) && cov.covered(m.cond, m.side)) fate.set(key(m), name);
  }
  return finish(proposals, s.bound);
}
