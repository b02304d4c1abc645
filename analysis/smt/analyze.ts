// `credit-policy analyze`: what the solver proves about one policy, for every record within the
// bound, graded as of one day —
//   - each grade (and "no grade") and each category: reachable, with the smallest record that gets
//     it, or never (a warning);
//   - overlaps: two grades that can hold together, and which one precedence gives;
//   - each leaf condition (a grade's or category's clause, an override): can it hold, can it fail,
//     does it ever decide its grade or category (else redundant), and does it ever decide the final
//     grade (else shadowed by a grade of higher precedence or an override);
//   - gaps: a clause bounded from above ("3次（不含）以内", "不超过50万元") whose values beyond the
//     bound, the rest of the clause holding, fall through to no grade at all — the regulation seems
//     to cover the quantity and stops (pinglu-fgj's 3 or more cases).
// Every finding that claims a record exists shows one, graded by the real evaluator first (probe.ts).
// A claim that no record exists is the solver's proof, within the bound. Browser-safe.
import type { DiagnosticCode } from "../../diagnostics/catalogue.js";
import type { Span } from "../../diagnostics/span.js";
import type { IRExpr, IRPolicy } from "../../compiler/ir.js";
import { printIrExpr } from "../../compiler/print-ir.js";
import { compileEvaluator } from "../../runtime/evaluator.js";
import { decideFromLeaves, type LeafRef } from "./leaves.js";
import type { Probed } from "./probe.js";
import { Session, type Bound } from "./session.js";
import type { Bx } from "./terms.js";
import type { UnsupportedUse } from "./encode.js";
import type { Z3 } from "./z3.js";

export type FindingKind =
  | "grade-reachable"
  | "grade-unreachable"
  | "category-reachable"
  | "category-unreachable"
  | "overlap"
  | "contradictory"
  | "always"
  | "redundant"
  | "shadowed"
  | "gap"
  | "unsupported";

export type LeafStatus = "decisive" | "contradictory" | "always" | "redundant" | "shadowed" | "unsupported";

export interface Finding {
  kind: FindingKind;
  severity: "info" | "warning";
  /** The warning's diagnostic code (check --analyze prints it). */
  code?: DiagnosticCode;
  /** The grade concerned (null: no grade), or the grades of an overlap (strongest first). */
  grade?: string | null;
  grades?: string[];
  category?: string;
  /** The leaf: its article and quoted text, and what kind of rule it belongs to. */
  article?: string;
  text?: string;
  leaf?: number;
  /** A gap's condition beyond the bound, in the IR's reading ("一年内行政处罚案件次数 ≥ 3次"). */
  condition?: string;
  /** A gap's other conditions, which hold too ("一年内罚款累计 ≤ 500000.00元"). */
  with?: string[];
  /** What the witness is graded (an overlap: the grade precedence gives). */
  graded?: string | null;
  span?: Span;
  witness?: Record<string, unknown>;
  /** For a grade never given: whether its condition can hold at all (then a stronger grade always wins). */
  conditionHolds?: boolean;
}

export interface LeafReport {
  index: number;
  kind: LeafRef["kind"];
  owner: string;
  article: string;
  text: string;
  status: LeafStatus;
  span?: Span;
}

export interface AnalysisReport {
  format: "credit-policy-analysis";
  formatVersion: 1;
  policy: { id: string; version: string | null };
  bound: Bound;
  findings: Finding[];
  leaves: LeafReport[];
  unsupported: UnsupportedUse[];
  /** Solver checks made. */
  queries: number;
}

export interface AnalyzeOptions {
  asOf: string;
  k?: number;
  /** Where to say how long each solver check took (debugging). */
  log?: (line: string) => void;
}

const FLIP: Record<string, "<" | "<=" | ">" | ">="> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

/** The comparisons of an expression reachable through `and` only, each with how to rebuild the expression around a replacement. */
function conjuncts(e: IRExpr): { atom: Extract<IRExpr, { op: "cmp" }>; replace: (x: IRExpr) => IRExpr }[] {
  if (e.op === "and") {
    return e.args.flatMap((a, i) => conjuncts(a).map(({ atom, replace }) => ({ atom, replace: (x: IRExpr) => ({ ...e, args: e.args.map((b, j) => (j === i ? replace(x) : b)) }) })));
  }
  if (e.op === "cmp") return [{ atom: e, replace: (x) => x }];
  return [];
}

/** An upper bound (x < t, x ≤ t, t > x, t ≥ x) turned into "beyond it" (x ≥ t, x > t …); undefined for anything else. */
function beyond(c: Extract<IRExpr, { op: "cmp" }>): Extract<IRExpr, { op: "cmp" }> | undefined {
  const upper = (c.right.op === "lit" && c.left.op !== "lit" && (c.cmp === "<" || c.cmp === "<=")) || (c.left.op === "lit" && c.right.op !== "lit" && (c.cmp === ">" || c.cmp === ">="));
  if (!upper) return undefined;
  const { word: _w, marker: _m, ...rest } = c;
  return { ...rest, cmp: FLIP[c.cmp] as "<" | "<=" | ">" | ">=" };
}

/** A comparison without the boundary word it was written with (the reading only). */
function plain(c: Extract<IRExpr, { op: "cmp" }>): IRExpr {
  const { word: _w, marker: _m, ...rest } = c;
  return rest;
}

function version(ir: IRPolicy): string | null {
  const v = ir.meta["version"];
  return typeof v === "string" ? v : null;
}

export async function analyzePolicy(z3: Z3, ir: IRPolicy, opts: AnalyzeOptions): Promise<AnalysisReport> {
  const s = new Session(z3, [ir], opts);
  const enc = s.encodings[0] as NonNullable<(typeof s.encodings)[0]>;
  const probe = s.probes[0] as NonNullable<(typeof s.probes)[0]>;
  const t = s.t;
  const leaves = enc.leaves;
  if (opts.log) s.log = opts.log;

  // Phase 1: every formula, while the record model may still grow.
  const d = enc.decide();
  // Each leaf switched off: where it holds, does switching it off change anything?
  const flips = leaves.map((l) => enc.decide((x) => (x === l ? false : enc.leaf(x))));
  const noGrade = t.and(...d.overrides.map((o) => t.not(o)), ...[...d.grades.values()].map((g) => t.not(g)));
  const gapProbes: { leaf: LeafRef; condition: string; with: string[]; formula: Bx; check: (r: Record<string, unknown>) => boolean; span?: Span }[] = [];
  for (const l of leaves) {
    if (l.kind !== "grade") continue;
    const all = conjuncts(l.clause.expr);
    for (const { atom, replace } of all) {
      const out = beyond(atom);
      if (!out) continue;
      const variant = replace(out);
      const value = enc.tryExpr(variant);
      if (!("k" in value)) continue;
      const gapIr: IRPolicy = { ...ir, grades: [{ id: "#gap", label: "", condition: { ...l.clause, expr: variant }, span: l.clause.span }], precedence: [], overrides: [], categories: [], obligations: [] };
      const gapEval = compileEvaluator(gapIr);
      gapProbes.push({
        leaf: l,
        condition: printIrExpr(out),
        with: all.filter((c) => c.atom !== atom).map((c) => printIrExpr(plain(c.atom))),
        formula: t.and(enc.truth(value), noGrade),
        check: (r) => gapEval.evaluate(r, opts.asOf).holding.includes("#gap"),
        ...(atom.span ? { span: atom.span } : {}),
      });
    }
  }
  s.seal();

  const report: AnalysisReport = {
    format: "credit-policy-analysis",
    formatVersion: 1,
    policy: { id: ir.id, version: version(ir) },
    bound: s.bound,
    findings: [],
    leaves: [],
    unsupported: enc.unsupported,
    queries: 0,
  };
  if (enc.unsupported.length) {
    for (const u of enc.unsupported) report.findings.push({ kind: "unsupported", severity: "warning", code: "CP-W1108", condition: u.what, ...(u.span ? { span: u.span } : {}) });
    return report;
  }

  // Every confirmed witness is graded once more for its leaves: later questions are often answered by a record already in hand.
  const seen: Probed[] = [];
  const run = (r: Record<string, unknown>): Probed | undefined => {
    const p = probe.run(r, opts.asOf);
    return "error" in p ? undefined : p;
  };
  const witness = async (f: Bx, confirm: (p: Probed, r: Record<string, unknown>) => boolean, what: string) => {
    const w = await s.witness(
      f,
      (r) => {
        const p = run(r);
        return p !== undefined && confirm(p, r);
      },
      what,
    );
    if (w) seen.push(run(w) as Probed);
    return w;
  };
  const sat = (f: Bx) => s.sat(f);

  // Grades and no grade.
  const outcomes = [...d.outcome.keys()];
  for (const g of outcomes) {
    const w = await witness(d.outcome.get(g) as Bx, (p) => p.grade === g, `grade ${String(g)}`);
    if (w) report.findings.push({ kind: "grade-reachable", severity: "info", grade: g, graded: g, witness: w });
    else if (g !== null || ir.grades.length === 0) {
      const grade = ir.grades.find((x) => x.id === g);
      const holds = grade ? await witness(d.grades.get(grade.id) as Bx, (p) => p.holding.has(grade.id), `condition of ${grade.id}`) : undefined;
      report.findings.push({
        kind: "grade-unreachable",
        severity: "warning",
        code: "CP-W1101",
        grade: g,
        conditionHolds: holds !== undefined,
        ...(holds ? { witness: holds, graded: run(holds)?.grade ?? null } : {}),
        ...(grade ? { span: grade.span } : {}),
      });
    }
  }
  for (const c of ir.categories) {
    const w = await witness(d.categories.get(c.id) as Bx, (p) => p.categories.has(c.id), `category ${c.id}`);
    report.findings.push(
      w
        ? { kind: "category-reachable", severity: "info", category: c.id, witness: w }
        : { kind: "category-unreachable", severity: "warning", code: "CP-W1102", category: c.id, span: c.span },
    );
  }

  // Overlaps: two grades at once (precedence decides), an override with a grade.
  const ordered = enc.sortedGrades;
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i]?.id as string;
      const b = ordered[j]?.id as string;
      const w = await witness(t.and(d.grades.get(a) as Bx, d.grades.get(b) as Bx), (p) => p.holding.has(a) && p.holding.has(b), `overlap ${a}/${b}`);
      if (w) report.findings.push({ kind: "overlap", severity: "info", grades: [a, b], graded: run(w)?.grade ?? null, witness: w });
    }
  }
  for (let i = 0; i < ir.overrides.length; i++) {
    const o = ir.overrides[i];
    if (!o) continue;
    for (const g of ordered) {
      if (g.id === o.id) continue;
      const w = await witness(t.and(d.overrides[i] as Bx, d.grades.get(g.id) as Bx), (p) => p.holding.has(g.id) && p.grade === o.id, `override ${o.id}/${g.id}`);
      if (w) report.findings.push({ kind: "overlap", severity: "info", grades: [o.id, g.id], graded: o.id, witness: w, article: o.article });
    }
  }

  // Leaves.
  const bucket = (l: LeafRef, dd: typeof d) => (l.kind === "category" ? (dd.categories.get(l.owner) as Bx) : l.kind === "grade" ? (dd.grades.get(l.owner) as Bx) : true);
  const differs = (a: Map<string | null, Bx>, b: Map<string | null, Bx>) => t.or(...[...a.keys()].map((k) => t.and(a.get(k) as Bx, t.not(b.get(k) ?? false))));
  for (const l of leaves) {
    const flipped = flips[l.index] as typeof d;
    const known = (f: (p: Probed) => boolean) => seen.some(f);
    const leafFinding = { article: l.clause.article, text: l.clause.text, leaf: l.index, span: l.clause.span, ...(l.kind === "category" ? { category: l.owner } : { grade: l.owner }) };
    const add = (status: LeafStatus) => report.leaves.push({ index: l.index, kind: l.kind, owner: l.owner, article: l.clause.article, text: l.clause.text, status, span: l.clause.span });
    const x = enc.leaf(l);
    if (!known((p) => p.leaves[l.index] === true) && !(await sat(x))) {
      report.findings.push({ kind: "contradictory", severity: "warning", code: "CP-W1103", ...leafFinding });
      add("contradictory");
      continue;
    }
    if (!known((p) => p.leaves[l.index] === false) && !(await sat(t.not(x)))) {
      report.findings.push({ kind: "always", severity: "warning", code: "CP-W1104", ...leafFinding });
      add("always");
      continue;
    }
    const flipOwn = (p: Probed) => {
      const a = decideFromLeaves(ir, leaves, p.leaves);
      const b = decideFromLeaves(ir, leaves, p.leaves, l.index);
      if (l.kind === "category") return a.categories.has(l.owner) !== b.categories.has(l.owner);
      if (l.kind === "grade") return a.holding.has(l.owner) !== b.holding.has(l.owner);
      return a.grade !== b.grade;
    };
    const flipFinal = (p: Probed) => l.kind !== "category" && decideFromLeaves(ir, leaves, p.leaves).grade !== decideFromLeaves(ir, leaves, p.leaves, l.index).grade;
    // A leaf decides only by holding: "whenever it holds, something else decides" is what a
    // drafter can act on (a counterfactual value a record cannot have decides nothing).
    const own = t.and(x, t.xor(bucket(l, d), bucket(l, flipped)));
    const ownDecisive = l.kind === "override" || known((p) => p.leaves[l.index] === true && flipOwn(p)) || (await sat(own));
    if (!ownDecisive) {
      const confirm = (p: Probed) => p.leaves[l.index] === true && !flipOwn(p);
      const w = (await witness(t.and(x, bucket(l, d)), confirm, `redundant ${l.clause.article}`)) ?? (await witness(x, confirm, `redundant ${l.clause.article}`));
      report.findings.push({ kind: "redundant", severity: "warning", code: "CP-W1105", ...leafFinding, ...(w ? { witness: w, graded: run(w)?.grade ?? null } : {}) });
      add("redundant");
      continue;
    }
    if (l.kind !== "category" && !known((p) => p.leaves[l.index] === true && flipFinal(p)) && !(await sat(t.and(x, differs(d.outcome, flipped.outcome))))) {
      const w = await witness(own, (p) => p.leaves[l.index] === true && flipOwn(p) && !flipFinal(p), `shadowed ${l.clause.article}`);
      report.findings.push({ kind: "shadowed", severity: "warning", code: "CP-W1106", ...leafFinding, ...(w ? { witness: w, graded: run(w)?.grade ?? null } : {}) });
      add("shadowed");
      continue;
    }
    add("decisive");
  }

  // Gaps.
  for (const g of gapProbes) {
    const w = await witness(g.formula, (p, r) => p.holding.size === 0 && p.grade === ir.default && g.check(r), `gap ${g.leaf.clause.article}`);
    if (!w) continue;
    report.findings.push({
      kind: "gap",
      severity: "warning",
      code: "CP-W1107",
      grade: g.leaf.owner,
      article: g.leaf.clause.article,
      text: g.leaf.clause.text,
      leaf: g.leaf.index,
      condition: g.condition,
      with: g.with,
      graded: ir.default,
      witness: w,
      ...(g.span ? { span: g.span } : {}),
    });
  }
  report.queries = s.queries;
  return report;
}
