// The IR: a small, plain, JSON-serialisable form of a checked policy. Names are canonical ids
// (English record vocabulary, normalised articles, money in fen), so two policies that say the
// same thing in different words or keyword languages lower to the same IR (spans aside).
// Backends (the evaluator, generated code) and diffs read only this.
import type { CmpOp, Marker } from "../dsl/boundary.js";
import type { Json, MeasureKindId } from "../dsl/ast.js";
import type { Span } from "../diagnostics/span.js";
import type { AggFn } from "../dsl/aggregates.js";
import type { EnumId, PartId } from "../record/registry.js";
import type { BuiltinFn } from "./builtins.js";

export const IR_VERSION = 3;

export type IRType =
  | { t: "count" }
  | { t: "money" }
  | { t: "score" }
  | { t: "number" }
  | { t: "duration" }
  | { t: "workdays" }
  | { t: "date" }
  | { t: "bool" }
  | { t: "string" }
  | { t: "null" }
  | { t: "enum"; enum: EnumId }
  /** A violation's class: a penalty kind compared by the policy's severity order (第九条). */
  | { t: "rank" };

export type IRLiteral =
  /** count, score, number: a decimal string; money: fen as an integer string. */
  | { op: "lit"; type: IRType; value: string | boolean | null; span: Span };

export interface IRWindow {
  amount: number;
  unit: "year" | "month" | "day";
  span: Span;
}

export type IRExpr =
  | IRLiteral
  | { op: "value"; name: string; type: IRType; span: Span }
  | { op: "field"; field: string; type: IRType; span: Span }
  | { op: "subject"; field: string; type: IRType; span: Span }
  | { op: "amount"; kinds: string[]; span: Span }
  | { op: "and" | "or"; args: IRExpr[]; span: Span }
  | { op: "not"; arg: IRExpr; span: Span }
  | {
      op: "cmp";
      cmp: CmpOp;
      left: IRExpr;
      right: IRExpr;
      /** The boundary word and marker as the regulation wrote them, for explanations and diffs. */
      word?: string;
      marker?: Marker;
      span: Span;
    }
  | { op: "in"; left: IRExpr; items: IRExpr[]; span: Span }
  | { op: "add" | "sub"; left: IRExpr; right: IRExpr; type: IRType; span: Span }
  /** record.indicators[key]: a number, or null when the record lacks it. */
  | { op: "indicator"; key: string; span: Span }
  /**
   * A date moved by a duration or a number of working days (State Council holiday arrangements):
   * `by` is a duration literal ("6 month", "7 workday"), a parameter or a value of that type.
   */
  | { op: "shift"; date: IRExpr; by: IRExpr; sign: 1 | -1; span: Span }
  /** A parameter's value (its default, or the value given for the run). */
  | { op: "param"; name: string; type: IRType; span: Span }
  /** A value of the per-item rule `rule`, for the current item. */
  | { op: "local"; rule: string; name: string; type: IRType; span: Span }
  /** An output of a per-item rule (`rule`) for the current element of its part. */
  | { op: "output"; rule: string; name: string; type: IRType; span: Span }
  /** A built-in function (compiler/builtins.ts): the later or earlier of dates. */
  | { op: "call"; fn: BuiltinFn; args: IRExpr[]; type: IRType; span: Span }
  | { op: "model"; model: string; span: Span }
  /** An aggregate (dsl/aggregates.ts) over the elements of a record part; `type` is its result's. */
  | IRAggregate;

export interface IRAggregate {
  op: "agg";
  fn: AggFn;
  source: PartId;
  /** Over the descendants of the current element of this part only (a decision's own penalties), not the whole record. */
  within?: PartId;
  /** What sum and max read of each element. */
  of?: IRExpr;
  where?: IRExpr;
  window?: IRWindow;
  type: IRType;
  span: Span;
}

export interface IRValue {
  name: string;
  type: IRType;
  expr: IRExpr;
  notes: IRNote[];
  span: Span;
}

export interface IRNote {
  article?: string;
  text: string;
  span: Span;
}

export type IRCondition =
  | { kind: "any" | "all"; items: IRCondition[]; span: Span }
  | { kind: "not"; item: IRCondition; span: Span }
  | IRClause;

export interface IRClause {
  kind: "clause";
  article: string;
  text: string;
  expr: IRExpr;
  /** The derived values the clause reads, in order of first use: reported as "values" when it holds. */
  reads: string[];
  notes: IRNote[];
  span: Span;
}

export interface IRGrade {
  id: string;
  label: string;
  article?: string;
  condition: IRCondition;
  span: Span;
}

export interface IRMeasureItem {
  article: string;
  text: string;
  tags: Record<string, string>;
  items: IRMeasureItem[];
  span: Span;
}

export interface IRMeasureGroup {
  grade: string;
  /** Absent where the text does not name the measures' kind. */
  kind?: MeasureKindId;
  article: string;
  text?: string;
  items: IRMeasureItem[];
  span: Span;
}

export interface IRNotice {
  grade: string;
  article: string;
  text: string;
  options: string[];
  span: Span;
}

export interface IRTest {
  name: string;
  asOf: string;
  record: Json;
  expect: {
    grade?: string | null;
    matched?: string[];
    measures?: string[];
    categories?: string[];
    obligations?: { name: string; due: string | null; status: string }[];
    /** A model's total, a decimal string. */
    scores?: { name: string; value: string }[];
    /** A per-item output's expected JSON value. */
    items?: { pointer: string; output: string; value: Json }[];
  };
  span: Span;
}

export interface IRBand {
  grade: string;
  /** The interval the band covers, as decimal strings; null: unbounded on that side. */
  lo: string | null;
  loIncl: boolean;
  hi: string | null;
  hiIncl: boolean;
  span: Span;
}

export interface IRBands {
  name: string;
  article?: string;
  subject: IRExpr;
  min: string;
  max: string;
  bands: IRBand[];
  span: Span;
}

export interface IRModelItem {
  kind: "indicator" | "deduct" | "bonus";
  name: string;
  /** Points, decimal strings. */
  weight?: string;
  each?: string;
  max?: string;
  value: IRExpr;
  span: Span;
}

export interface IRModel {
  name: string;
  article?: string;
  total: string;
  missing: string;
  items: IRModelItem[];
  span: Span;
}

export interface IRRule {
  /** The grade an override sets, or the category's id. */
  id: string;
  label?: string;
  article: string;
  text: string;
  expr: IRExpr;
  reads: string[];
  span: Span;
}

export interface IRObligation {
  name: string;
  article: string;
  text: string;
  source: PartId;
  where?: IRExpr;
  window?: IRWindow;
  /** Evaluated per element of the source: a date; absent: open, with no due day. */
  due?: IRExpr;
  span: Span;
}

/** A membership beside the grade (or, in a per-item rule, of the item) with its own measures. */
export interface IRCategory {
  id: string;
  label: string;
  /** The category's citation, or its single clause's. */
  article: string;
  /** Its single clause's quoted text; "" for a block. */
  text: string;
  condition: IRCondition;
  span: Span;
}

/** 参数: a value set elsewhere; `value` in the literal's IR form (money in fen, durations "6 month"). */
export interface IRParam {
  name: string;
  type: IRType;
  value: string | boolean;
  article?: string;
  text?: string;
  /** The value given for this run (eval --param), as written; absent: the policy's own. */
  given?: string;
  span: Span;
}

/** 字段: a field of a record part the policy declares and reads. */
export interface IRDeclaredField {
  part: PartId;
  name: string;
  type: IRType;
  description?: string;
  span: Span;
}

/** A per-item result: a single clause's value, or yes/no of a block of clauses. */
export interface IROutput {
  name: string;
  type: IRType;
  article?: string;
  condition: IRCondition;
  span: Span;
}

/** 逐项: rules decided for each item of a part (every item dated on or before the data day). */
export interface IRItemRule {
  name: string;
  part: PartId;
  article?: string;
  text?: string;
  notes: IRNote[];
  /** In dependency order; read as `local` by the rule's expressions. */
  values: IRValue[];
  outputs: IROutput[];
  categories: IRCategory[];
  measures: IRMeasureGroup[];
  obligations: IRObligation[];
  span: Span;
}

export interface IRSnapshot {
  month: number;
  day: number;
  article?: string;
  text?: string;
  span: Span;
}

export interface IRAnnex {
  title: string;
  article?: string;
  rows: { unit: string; domain: string; span: Span }[];
  span: Span;
}

export interface IRRequires {
  article: string;
  text?: string;
  collects: boolean;
  period: boolean;
  measures: boolean;
  grades: { id: string; label: string }[] | null;
  modelTotal: string | null;
  span: Span;
}

export interface IRPlanExtras {
  bands: IRBands[];
  overrides: IRRule[];
  categories: IRCategory[];
  models: IRModel[];
  obligations: IRObligation[];
  snapshot: IRSnapshot | null;
  annexes: IRAnnex[];
  collects: { article?: string; items: string[]; span: Span } | null;
  requires: IRRequires | null;
}

/** How the grades of an earlier revision (by its version) correspond to this revision's; null: no grade. */
export interface IRGradeMap {
  from: string;
  map: Record<string, string | null>;
  span: Span;
}

export interface IRPolicy extends IRPlanExtras {
  irVersion: number;
  id: string;
  meta: Record<string, string | boolean | null>;
  notes: IRNote[];
  /** penalty kind → rank (higher is more severe), from the severity declaration. */
  severity: Record<string, number>;
  severityArticle?: string;
  disregard: { statuses: string[]; article: string; text?: string; span: Span } | null;
  /** In dependency order: each value reads only values before it. */
  values: IRValue[];
  grades: IRGrade[];
  /** Strongest first. */
  precedence: string[];
  default: string | null;
  measures: IRMeasureGroup[];
  notices: IRNotice[];
  recordKeeping: { article: string; text: string; span: Span }[];
  /** Grade maps from earlier revisions (versions.ts); absent when the policy declares none. */
  gradeMaps?: IRGradeMap[];
  params: IRParam[];
  fields: IRDeclaredField[];
  itemRules: IRItemRule[];
  tests: IRTest[];
  span: Span;
}
