// What a graded result holds for one policy, computed from the IR the way runtime/evaluate.ts
// shapes it: grades in precedence order, the measures and notifications of each grade, the policy
// reference. The generated code and the result schema both read it from here.
import type { AggFn } from "../../dsl/aggregates.js";
import type { IRExpr, IRGrade, IRMeasureItem, IRPolicy } from "../ir.js";
import { assertNever } from "../../diagnostics/never.js";

/** Whether an aggregate's result can be null: only a largest value, over no element. */
const AGGREGATE_MAY_BE_NULL: Record<AggFn, boolean> = { count: false, exists: false, every: false, sum: false, max: true };

export interface PolicyRef {
  id: string;
  version: string;
  sha256: string;
  /** The parameters given for the run, as written (eval --param); absent when none was. */
  params?: Record<string, string>;
}

export interface MeasureOut {
  article: string;
  text: string;
  grade: string;
  kind?: string;
  tags?: Record<string, string>;
}

export interface NoticeOut {
  article: string;
  options: string[];
  text: string;
  record_keeping?: string[];
}

export function policyRef(ir: IRPolicy, sha256: string): PolicyRef {
  const version = typeof ir.meta["version"] === "string" ? (ir.meta["version"] as string) : "unversioned";
  const given = ir.params.filter((p) => p.given !== undefined);
  // A run with other parameter values grades by another rule: its lines say so, so they reproduce.
  return { id: ir.id, version, sha256, ...(given.length ? { params: Object.fromEntries(given.map((p) => [p.name, p.given as string])) } : {}) };
}

/** Grades strongest first: by the precedence list, the others after it in declaration order. */
export function gradesByPrecedence(ir: IRPolicy): IRGrade[] {
  const rank = new Map(ir.precedence.map((id, i) => [id, i]));
  return [...ir.grades].sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
}

/** Every grade a result can carry: the graded ones, then the default and the overrides' if not among them. */
export function gradeIds(ir: IRPolicy): string[] {
  const ids = gradesByPrecedence(ir).map((g) => g.id);
  if (ir.default !== null) ids.push(ir.default);
  ids.push(...ir.overrides.map((o) => o.id));
  return [...new Set(ids)];
}

function flatten(items: IRMeasureItem[], grade: string, kind: string | undefined, out: MeasureOut[]): void {
  for (const item of items) {
    out.push({ article: item.article, text: item.text, grade, ...(kind ? { kind } : {}), ...(Object.keys(item.tags).length ? { tags: item.tags } : {}) });
    flatten(item.items, grade, kind, out);
  }
}

/** The measures a result for this grade lists: every item of its measure groups, nested items after their parent. */
export function measuresOf(ir: IRPolicy, grade: string): MeasureOut[] {
  const out: MeasureOut[] = [];
  for (const group of ir.measures.filter((m) => m.grade === grade)) flatten(group.items, grade, group.kind, out);
  return out;
}

export function noticesOf(ir: IRPolicy, grade: string): NoticeOut[] {
  const keeping = ir.recordKeeping.map((r) => r.text);
  return ir.notices
    .filter((n) => n.grade === grade)
    .map((n) => ({ article: n.article, options: n.options, text: n.text, ...(keeping.length ? { record_keeping: keeping } : {}) }));
}

/** Whether an expression can evaluate to null (an absent field, arithmetic on an absent value). */
export function mayBeNull(e: IRExpr, valueNullable: (name: string) => boolean): boolean {
  switch (e.op) {
    case "lit":
      return e.value === null;
    case "value":
      return valueNullable(e.name);
    case "subject":
      return e.field !== "subject_kind";
    case "field":
      return e.type.t !== "bool";
    case "add":
    case "sub":
      return true;
    case "amount":
    case "and":
    case "or":
    case "not":
    case "cmp":
    case "in":
      return false;
    case "agg":
      return AGGREGATE_MAY_BE_NULL[e.fn];
    case "indicator":
    case "shift":
    case "model":
    case "local":
    case "output":
    case "call":
      return true;
    case "param":
      return false;
    default:
      return assertNever(e);
  }
}

/** Which derived values can be null, by name. */
export function nullableValues(ir: IRPolicy): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const v of ir.values) {
    const arith = v.expr.op === "add" || v.expr.op === "sub";
    out.set(v.name, arith ? true : mayBeNull(v.expr, (n) => out.get(n) ?? true));
  }
  return out;
}
