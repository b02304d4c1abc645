// Grading: validate a record, run the compiled evaluator as of a day, and shape the result and its
// explanation exactly as shared/spec/cli-contract.md shows. Browser-safe.
import { compileEvaluator, type CompiledPolicy, type ItemOutcome, type Val } from "./evaluator.js";
import type { IRCategory, IRMeasureGroup, IRMeasureItem, IRPolicy } from "../compiler/ir.js";
import { policyRef } from "../compiler/backends/result-shape.js";
import { elementRef } from "./elements.js";
import { formatYuan } from "../record/money.js";
import { frozen, gradeChecked } from "./support.js";

const NONE: never[] = frozen([]);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface PolicyRef {
  id: string;
  version: string;
  sha256: string;
  /** The parameters given for this run (eval --param), as written; absent: the policy's own values. */
  params?: Record<string, string>;
}

/** One item's results under a per-item rule: which rule, which item, what it decided and why. */
export interface ItemResult {
  rule: string;
  part: string;
  /** The item's own id, else its JSON Pointer. */
  ref: string;
  pointer: string;
  outputs: Record<string, JsonValue>;
  matched: { output: string; article: string; text: string }[];
  categories?: { id: string; label: string; article: string; text: string }[];
  measures?: GradeResult["measures"];
  obligations?: NonNullable<GradeResult["obligations"]>;
}

export interface GradeResult {
  id: string | null;
  as_of: string;
  policy: PolicyRef;
  grade: string | null;
  label: string | null;
  matched: { grade: string; article: string; text: string; values: Record<string, JsonValue>; negated?: true; override?: true }[];
  measures: { article: string; text: string; grade: string; kind?: string; tags?: Record<string, string> }[];
  notifications: { article: string; options: string[]; text: string; record_keeping?: string[] }[];
  // Present only for policies that use them (score models, categories, obligations, snapshots).
  categories?: { id: string; label: string; article: string; text: string }[];
  scores?: { model: string; total: number; items: { kind: string; name: string; value: number | null; contribution: number }[] }[];
  obligations?: { obligation: string; article: string; text: string; source: string; ref: string; date: string | null; due: string | null; status: "open" | "overdue" }[];
  data_as_of?: string;
  /** Per-item results, for policies with per-item rules: one entry per item per rule. */
  items?: ItemResult[];
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

function categoryJson(c: IRCategory): { id: string; label: string; article: string; text: string } {
  return { id: c.id, label: c.label, article: c.article, text: c.text };
}

/** The measures of a grade or category: every item of its measure groups, nested items after their parent. */
function measuresOf(groups: readonly IRMeasureGroup[], id: string): GradeResult["measures"] {
  const out: GradeResult["measures"] = [];
  for (const group of groups.filter((m) => m.grade === id)) flattenMeasures(group.items, id, group.kind, out);
  return out;
}

function itemJson(o: ItemOutcome): ItemResult {
  const r = o.rule;
  const outputs: Record<string, JsonValue> = {};
  for (const out of r.outputs) Object.defineProperty(outputs, out.name, { value: jsonValue(o.outputs.get(out.name) ?? null, out.type.t), enumerable: true, writable: true, configurable: true });
  return {
    rule: r.name,
    part: r.part,
    ref: elementRef(o.element),
    pointer: o.element.pointer,
    outputs,
    matched: o.matched.map((m) => ({ output: m.output, article: m.clause.article, text: m.clause.text })),
    ...(r.categories.length ? { categories: o.categories.map(categoryJson) } : {}),
    ...(r.measures.length ? { measures: o.categories.flatMap((c) => measuresOf(r.measures, c.id)) } : {}),
    ...(r.obligations.length ? { obligations: o.obligations } : {}),
  };
}

function flattenMeasures(items: IRMeasureItem[], grade: string, kind: string | undefined, out: GradeResult["measures"]): void {
  for (const item of items) {
    out.push({
      article: item.article,
      text: item.text,
      grade,
      ...(kind ? { kind } : {}),
      ...(Object.keys(item.tags).length ? { tags: { ...item.tags } } : {}),
    });
    flattenMeasures(item.items, grade, kind, out);
  }
}

export function makeGrader(ir: IRPolicy, sha256: string, compiled: CompiledPolicy = compileEvaluator(ir)): Grader {
  const ref: PolicyRef = policyRef(ir, sha256);
  const declared = ir.fields.map((f) => ({ part: f.part, name: f.name, type: f.type.t }));
  const types = new Map(ir.values.map((v) => [v.name, v.type.t]));
  const labels = new Map(ir.grades.map((g) => [g.id, g.label]));
  // Measures and notifications depend only on the grade: shape them once per grade.
  const measuresByGrade = new Map<string, GradeResult["measures"]>();
  const noticesByGrade = new Map<string, GradeResult["notifications"]>();
  const keeping = ir.recordKeeping.map((r) => r.text);
  for (const g of [...ir.grades, ...ir.categories]) {
    measuresByGrade.set(g.id, frozen(measuresOf(ir.measures, g.id)));
    noticesByGrade.set(
      g.id,
      frozen(
        ir.notices
          .filter((n) => n.grade === g.id)
          .map((n) => ({ article: n.article, options: [...n.options], text: n.text, ...(keeping.length ? { record_keeping: [...keeping] } : {}) })),
      ),
    );
  }

  return {
    ir,
    ref,
    grade(record, asOf) {
      // Validation and the error lines are the support module's, shared with generated code.
      return gradeChecked(record, asOf, ref, (checked: Record<string, unknown>, day: string) => shape(compiled.evaluate(checked, day), checked, day), declared);
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
        // Without categories, the grade's own shared, frozen lists: the output writers serialise those once.
        measures:
          ev.categories.length === 0
            ? (grade === null ? NONE : (measuresByGrade.get(grade) ?? NONE))
            : [...(grade === null ? [] : (measuresByGrade.get(grade) ?? [])), ...ev.categories.flatMap((c) => measuresByGrade.get(c.id) ?? [])],
        notifications:
          ev.categories.length === 0
            ? (grade === null ? NONE : (noticesByGrade.get(grade) ?? NONE))
            : [...(grade === null ? [] : (noticesByGrade.get(grade) ?? [])), ...ev.categories.flatMap((c) => noticesByGrade.get(c.id) ?? [])],
        ...(ir.categories.length ? { categories: ev.categories.map(categoryJson) } : {}),
        ...(ir.models.length ? { scores: ev.models } : {}),
        ...(ir.obligations.length ? { obligations: ev.obligations } : {}),
        ...(ir.snapshot ? { data_as_of: ev.dataDay } : {}),
        ...(ir.itemRules.length ? { items: ev.items.map(itemJson) } : {}),
      };
      function valuesOf(reads: string[]): Record<string, JsonValue> {
        // fromEntries defines own properties: a value named __proto__ stays a value.
        return Object.fromEntries(reads.map((name) => [name, jsonValue(ev.values.get(name) ?? null, types.get(name) ?? "")]));
      }
  }
}
