// The IR: a small, plain, JSON-serialisable form of a checked policy. Names are canonical ids
// (English record vocabulary, normalised articles, money in fen), so two policies that say the
// same thing in different words or keyword languages lower to the same IR (spans aside).
// Backends (the evaluator, generated code) and diffs read only this.
import type { CmpOp, Marker } from "../dsl/boundary.js";
import type { Json, MeasureKindId } from "../dsl/ast.js";
import type { Span } from "../dsl/span.js";
import type { EnumId, SourceId } from "../runtime/vocabulary.js";

export const IR_VERSION = 1;

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
  | { op: "count" | "exists"; source: SourceId; where?: IRExpr; window?: IRWindow; span: Span }
  | { op: "sum"; source: SourceId; of: IRExpr; type: IRType; where?: IRExpr; window?: IRWindow; span: Span };

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
  kind: MeasureKindId;
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
  expect: { grade?: string | null; matched?: string[]; measures?: string[] };
  span: Span;
}

export interface IRPolicy {
  irVersion: number;
  id: string;
  meta: Record<string, string | boolean | null>;
  notes: IRNote[];
  /** penalty kind → rank (higher is more severe), from the severity declaration. */
  severity: Record<string, number>;
  severityArticle?: string;
  disregard: { statuses: string[]; article: string; text?: string } | null;
  /** In dependency order: each value reads only values before it. */
  values: IRValue[];
  grades: IRGrade[];
  /** Strongest first. */
  precedence: string[];
  default: string | null;
  measures: IRMeasureGroup[];
  notices: IRNotice[];
  recordKeeping: { article: string; text: string }[];
  tests: IRTest[];
  span: Span;
}
