// The AST both front-ends (text and YAML) produce. Plain data; every node has a span, which
// structural equality ignores (stripSpans). Nothing here records which keyword language was used.
//
// Comments are content: a node that can stand on its own line (the policy header, a metadata
// entry, a declaration, a condition, a measure item, a note) carries the comments written before
// it in `comments`, one string per comment line, without its `#` or `//` marker and without one
// space after the marker. Both front-ends fill them in and both printers write them back, so
// text ⇄ YAML conversion keeps every comment at its node (see dsl/comments.ts).
import type { Marker } from "./boundary.js";
import type { Span } from "./span.js";

export type MetaKeyId =
  | "title"
  | "authority"
  | "document"
  | "issued"
  | "effective"
  | "expires"
  | "trial"
  | "interpreter"
  | "source"
  | "version";

export const META_KEYS: readonly MetaKeyId[] = [
  "title",
  "authority",
  "document",
  "issued",
  "effective",
  "expires",
  "trial",
  "interpreter",
  "source",
  "version",
];

/** The comments written before a node, one per line; absent when there are none. */
export interface Commented {
  comments?: string[];
}

/**
 * A string, a date (kind "date"), a boolean, or `unstated` (null): the source document is silent.
 * `comments`: those before the metadata line.
 */
export type MetaValue = (
  | { kind: "string"; value: string; span: Span }
  | { kind: "date"; value: string; span: Span }
  | { kind: "bool"; value: boolean; span: Span }
  | { kind: "unstated"; span: Span }
) &
  Commented;

/** `comments`: those before the `policy` header line. */
export interface Policy extends Commented {
  kind: "Policy";
  id: string;
  meta: Partial<Record<MetaKeyId, MetaValue>>;
  notes: Note[];
  severity?: SeverityDecl;
  disregard?: DisregardDecl;
  values: ValueDecl[];
  grades: GradeDecl[];
  precedence?: PrecedenceDecl;
  default?: DefaultDecl;
  measures: MeasureGroup[];
  notices: NoticeDecl[];
  recordKeeping: RecordKeepingDecl[];
  tests: TestCase[];
  /** Comments after the last node. */
  trailingComments?: string[];
  span: Span;
}

/** An interpretation note: where the text leaves a choice open, the policy states the choice. */
export interface Note extends Commented {
  kind: "Note";
  article?: string;
  text: string;
  span: Span;
}

/** 第九条: violations are classed by their most severe measure, in this order. */
export interface SeverityDecl extends Commented {
  kind: "Severity";
  article?: string;
  /** Lowest rank first; each rank holds the kinds of equal severity. */
  ranks: { kinds: string[]; span: Span }[];
  span: Span;
}

/** 第十六条: records revoked after objection or repaired do not count. */
export interface DisregardDecl extends Commented {
  kind: "Disregard";
  statuses: string[];
  article: string;
  text?: string;
  span: Span;
}

export interface ValueDecl extends Commented {
  kind: "Value";
  name: string;
  value: Aggregate | Expr;
  notes: Note[];
  span: Span;
}

export interface Window {
  amount: Quantity;
  span: Span;
}

export type Aggregate =
  | { kind: "Count"; source: string; where?: Expr; window?: Window; span: Span }
  | { kind: "Exists"; source: string; where?: Expr; window?: Window; span: Span }
  | { kind: "Sum"; of: Expr; source: string; where?: Expr; window?: Window; span: Span };

export interface Quantity {
  kind: "Quantity";
  /** The number as written, a decimal string. */
  value: string;
  /** Unit id from units.ts, absent for a bare number. */
  unit?: string;
  span: Span;
}

export interface Bound {
  /** The boundary word's id (boundary.ts) or an explicit operator. */
  word?: string;
  op?: "<" | "<=" | ">" | ">=" | "=" | "!=";
  marker?: Marker;
  right: Expr;
  span: Span;
}

export type Expr =
  | Quantity
  | { kind: "Date"; value: string; span: Span }
  | { kind: "String"; value: string; span: Span }
  | { kind: "Bool"; value: boolean; span: Span }
  | { kind: "None"; span: Span }
  | { kind: "Name"; name: string; span: Span }
  | { kind: "Member"; object: Expr; name: string; span: Span }
  | { kind: "Call"; callee: string; args: Expr[]; span: Span }
  | { kind: "And"; operands: Expr[]; span: Span }
  | { kind: "Or"; operands: Expr[]; span: Span }
  | { kind: "Not"; operand: Expr; span: Span }
  | { kind: "Compare"; left: Expr; bounds: Bound[]; span: Span }
  | { kind: "In"; left: Expr; items: Expr[]; span: Span }
  | { kind: "Arith"; op: "+" | "-"; left: Expr; right: Expr; span: Span }
  | { kind: "Paren"; expr: Expr; span: Span };

export interface GradeDecl extends Commented {
  kind: "Grade";
  id: string;
  label: string;
  article?: string;
  condition: Condition;
  span: Span;
}

export type Condition =
  | { kind: "AnyOf"; items: Condition[]; comments?: string[]; span: Span }
  | { kind: "AllOf"; items: Condition[]; comments?: string[]; span: Span }
  | { kind: "NotCond"; item: Condition; comments?: string[]; span: Span }
  | Clause;

/** A leaf condition: the article it cites, the article's verbatim text, and the test. */
export interface Clause extends Commented {
  kind: "Clause";
  article: string;
  text?: string;
  when: Expr;
  notes: Note[];
  span: Span;
}

export interface PrecedenceDecl extends Commented {
  kind: "Precedence";
  /** Strongest first: the first grade that holds wins. */
  order: { id: string; span: Span }[];
  span: Span;
}

export interface DefaultDecl extends Commented {
  kind: "Default";
  /** null: no grade when no rule holds. */
  grade: string | null;
  span: Span;
}

export type MeasureKindId = "incentive" | "management" | "punishment";

export interface MeasureGroup extends Commented {
  kind: "Measures";
  grade: string;
  measureKind: MeasureKindId;
  article: string;
  text?: string;
  items: MeasureItem[];
  span: Span;
}

export interface MeasureItem extends Commented {
  kind: "MeasureItem";
  article: string;
  text: string;
  tags: { key: string; value: string; span: Span }[];
  items: MeasureItem[];
  span: Span;
}

export interface NoticeDecl extends Commented {
  kind: "Notice";
  grade: string;
  article: string;
  text: string;
  options: string[];
  span: Span;
}

export interface RecordKeepingDecl extends Commented {
  kind: "RecordKeeping";
  article: string;
  text: string;
  span: Span;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface TestCase extends Commented {
  kind: "Test";
  name: string;
  asOf: string;
  record: Json;
  /** Where each JSON path of the record starts, for errors at the field. */
  recordSpans?: Record<string, Span>;
  expect: Expectation;
  span: Span;
}

export interface Expectation {
  /** undefined: not checked; null: no grade. */
  grade?: string | null;
  matched?: string[];
  measures?: string[];
}
