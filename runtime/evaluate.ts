// Grading: validate a record, run the compiled evaluator as of a day, and shape the result and its
// explanation exactly as shared/spec/cli-contract.md shows. Browser-safe.
import { compileEvaluator, type CompiledPolicy, type Val } from "./evaluator.js";
import type { IRMeasureItem, IRPolicy } from "../compiler/ir.js";
import { formatYuan } from "../record/money.js";
import { gradeChecked } from "./support.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface PolicyRef {
  id: string;
  version: string;
  sha256: string;
}

export interface GradeResult {
  id: string | null;
  as_of: string;
  policy: PolicyRef;
  grade: string | null;
  label: string | null;
  matched: { grade: string; article: string; text: string; values: Record<string, JsonValue>; negated?: true; override?: true }[];
  measures: { article: string; text: string; grade: string; kind: string; tags?: Record<string, string> }[];
  notifications: { article: string; options: string[]; text: string; record_keeping?: string[] }[];
  // Present only for policies that use them (score models, categories, obligations, snapshots).
  categories?: { id: string; label: string; article: string; text: string }[];
  scores?: { model: string; total: number; items: { kind: string; name: string; value: number | null; contribution: number }[] }[];
  obligations?: { obligation: string; article: string; text: string; source: string; ref: string; date: string | null; due: string | null; status: "open" | "overdue" }[];
  data_as_of?: string;
}

export interface ErrorResult {
  id: string | null;
  as_of?: string;
  policy?: PolicyRef;
  error: { path: string; message: string; code: string };
}

export type EvalOutput = GradeResult | ErrorResult;

export function isError(r: EvalOutput): r is ErrorResult {
  return "error" in r;
}

/** A compiled policy ready to grade many records: check once, evaluate many. */
export interface Grader {
  ir: IRPolicy;
  ref: PolicyRef;
  grade(record: unknown, asOf: string): EvalOutput;
}

function jsonValue(v: Val, type: string): JsonValue {
  if (typeof v === "bigint") return type === "money" ? formatYuan(v) : v.toString();
  return v;
}

function flattenMeasures(items: IRMeasureItem[], grade: string, kind: string, out: GradeResult["measures"]): void {
  for (const item of items) {
    out.push({
      article: item.article,
      text: item.text,
      grade,
      kind,
      ...(Object.keys(item.tags).length ? { tags: item.tags } : {}),
    });
    flattenMeasures(item.items, grade, kind, out);
  }
}

export function makeGrader(ir: IRPolicy, sha256: string, compiled: CompiledPolicy = compileEvaluator(ir)): Grader {
  const version = typeof ir.meta["version"] === "string" ? (ir.meta["version"] as string) : "unversioned";
  const ref: PolicyRef = { id: ir.id, version, sha256 };
  const types = new Map(ir.values.map((v) => [v.name, v.type.t]));
  const labels = new Map(ir.grades.map((g) => [g.id, g.label]));
  // Measures and notifications depend only on the grade: shape them once per grade.
  const measuresByGrade = new Map<string, GradeResult["measures"]>();
  const noticesByGrade = new Map<string, GradeResult["notifications"]>();
  const keeping = ir.recordKeeping.map((r) => r.text);
  for (const g of [...ir.grades, ...ir.categories]) {
    const ms: GradeResult["measures"] = [];
    for (const group of ir.measures.filter((m) => m.grade === g.id)) flattenMeasures(group.items, g.id, group.kind, ms);
    measuresByGrade.set(g.id, ms);
    noticesByGrade.set(
      g.id,
      ir.notices
        .filter((n) => n.grade === g.id)
        .map((n) => ({ article: n.article, options: n.options, text: n.text, ...(keeping.length ? { record_keeping: keeping } : {}) })),
    );
  }

  return {
    ir,
    ref,
    grade(record, asOf) {
      // Validation and the error lines are the support module's, shared with generated code.
      return gradeChecked(record, asOf, ref, (checked: Record<string, unknown>, day: string) => shape(compiled.evaluate(checked, day), checked, day));
    },
  };

  function shape(ev: ReturnType<CompiledPolicy["evaluate"]>, record: Record<string, unknown>, asOf: string): GradeResult {
      const id = typeof record["id"] === "string" ? record["id"] : null;
      const grade = ev.grade;
      return {
        id,
        as_of: asOf,
        policy: ref,
        grade,
        label: grade === null ? null : (labels.get(grade) ?? null),
        matched: [
          ...(ev.override ? [{ grade: ev.override.id, article: ev.override.article, text: ev.override.text, values: valuesOf(ev.override.reads), override: true as const }] : []),
          ...ev.matched.map((m) => ({
            grade: m.grade,
            article: m.clause.article,
            text: m.clause.text,
            values: valuesOf(m.clause.reads),
            ...(m.negated ? { negated: true as const } : {}),
          })),
        ],
        measures: [...(grade === null ? [] : (measuresByGrade.get(grade) ?? [])), ...ev.categories.flatMap((c) => measuresByGrade.get(c.id) ?? [])],
        notifications: [...(grade === null ? [] : (noticesByGrade.get(grade) ?? [])), ...ev.categories.flatMap((c) => noticesByGrade.get(c.id) ?? [])],
        ...(ir.categories.length ? { categories: ev.categories.map((c) => ({ id: c.id, label: c.label ?? c.id, article: c.article, text: c.text })) } : {}),
        ...(ir.models.length ? { scores: ev.models } : {}),
        ...(ir.obligations.length ? { obligations: ev.obligations } : {}),
        ...(ir.snapshot ? { data_as_of: ev.dataDay } : {}),
      };
      function valuesOf(reads: string[]): Record<string, JsonValue> {
        // fromEntries defines own properties: a value named __proto__ stays a value.
        return Object.fromEntries(reads.map((name) => [name, jsonValue(ev.values.get(name) ?? null, types.get(name) ?? "")]));
      }
  }
}
