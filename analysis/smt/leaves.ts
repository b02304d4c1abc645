// A policy's leaves — the clauses of its grades and categories, and its overrides (a rule of one
// clause) — in one fixed order shared by the solver's encoding (encode.ts) and the concrete probe
// (probe.ts), and the policy's decision recomputed from the leaves' truth values: the same
// precedence the evaluator applies, so "flip one leaf and see whether the grade changes" (the
// MC/DC question) can be asked of a concrete record as well as of the solver. Browser-safe.
import type { IRClause, IRCondition, IRGrade, IRPolicy } from "../../compiler/ir.js";
import { clausesOf } from "../../compiler/ir-walk.js";
import { assertNever } from "../../diagnostics/never.js";

export interface LeafRef {
  index: number;
  clause: IRClause;
  kind: "grade" | "category" | "override";
  /** The grade or category it belongs to (an override: the grade it sets). */
  owner: string;
}

/** An override as a clause: the form the leaves and the probe share. */
export function overrideClauses(ir: IRPolicy): IRClause[] {
  return ir.overrides.map((o) => ({ kind: "clause", article: o.article, text: o.text, expr: o.expr, reads: o.reads, notes: [], span: o.span }));
}

export function policyLeaves(ir: IRPolicy, overrides: IRClause[] = overrideClauses(ir)): LeafRef[] {
  const out: LeafRef[] = [];
  const add = (clause: IRClause, kind: LeafRef["kind"], owner: string) => out.push({ index: out.length, clause, kind, owner });
  for (const g of ir.grades) for (const c of clausesOf(g.condition)) add(c, "grade", g.id);
  for (const c of ir.categories) for (const k of clausesOf(c.condition)) add(k, "category", c.id);
  overrides.forEach((c, i) => add(c, "override", ir.overrides[i]?.id ?? ""));
  return out;
}

/** Grades strongest first, as the evaluator sorts them by precedence (unlisted grades last, in order). */
export function gradesByPrecedence(ir: IRPolicy): IRGrade[] {
  const rank = new Map(ir.precedence.map((id, i) => [id, i]));
  return [...ir.grades].sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
}

export interface ConcreteDecision {
  grade: string | null;
  /** Grades whose condition holds. */
  holding: Set<string>;
  categories: Set<string>;
}

/** The decision from the leaves' truth values (`truth[leaf.index]`), with leaf `flip` negated if given. */
export function decideFromLeaves(ir: IRPolicy, leaves: readonly LeafRef[], truth: readonly boolean[], flip?: number): ConcreteDecision {
  const byClause = new Map(leaves.map((l) => [l.clause, l]));
  const value = (l: LeafRef) => (l.index === flip ? !truth[l.index] : truth[l.index] === true);
  const cond = (c: IRCondition): boolean => {
    switch (c.kind) {
      case "clause": {
        const l = byClause.get(c);
        if (!l) throw new Error(`a clause that is not a leaf: ${c.article}`);
        return value(l);
      }
      case "not":
        return !cond(c.item);
      case "any":
        return c.items.map(cond).some(Boolean);
      case "all":
        return c.items.map(cond).every(Boolean);
      default:
        return assertNever(c, "IR condition");
    }
  };
  const holding = new Set<string>();
  for (const g of ir.grades) if (cond(g.condition)) holding.add(g.id);
  const override = leaves.find((l) => l.kind === "override" && value(l));
  const first = gradesByPrecedence(ir).find((g) => holding.has(g.id));
  const categories = new Set(ir.categories.filter((c) => cond(c.condition)).map((c) => c.id));
  return { grade: override ? override.owner : first ? first.id : ir.default, holding, categories };
}

/** Whether flipping a leaf changes what it decides: the final grade (grade and override leaves) or its category's membership. */
export function decisive(ir: IRPolicy, leaves: readonly LeafRef[], truth: readonly boolean[], leaf: LeafRef): boolean {
  const now = decideFromLeaves(ir, leaves, truth);
  const flipped = decideFromLeaves(ir, leaves, truth, leaf.index);
  if (leaf.kind === "category") return now.categories.has(leaf.owner) !== flipped.categories.has(leaf.owner);
  return now.grade !== flipped.grade;
}
