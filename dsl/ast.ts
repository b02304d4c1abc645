// The AST both front-ends (text and YAML) produce. Plain data; every node has a span, which
// structural equality ignores (stripSpans). Nothing here records which keyword language was used.
//
// Comments are content: a node that can stand on its own line (the policy header, a metadata
// entry, a declaration, a condition, a measure item, a note) carries the comments written before
// it in `comments`, one string per comment line, without its `#` or `//` marker and without one
// space after the marker. Both front-ends fill them in and both printers write them back, so
// text ⇄ YAML conversion keeps every comment at its node (see dsl/comments.ts).
import type { AggFn } from "./aggregates.js";
import type { Marker } from "./boundary.js";
import type { Span } from "../diagnostics/span.js";

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
  | "version"
  | "parent"
  | "department"
  | "domain";

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
  "parent",
  "department",
  "domain",
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
  /** 待填写 / TODO: not yet filled by the drafter. */
  | { kind: "todo"; span: Span }
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
  /** Grade maps from earlier revisions (等级对应 / grade map). Absent when the policy has none. */
  gradeMaps?: GradeMapDecl[];
  // Score models, city plans and drafting. Absent when the policy has none.
  bands?: BandsDecl[];
  overrides?: OverrideDecl[];
  categories?: CategoryDecl[];
  models?: ModelDecl[];
  obligations?: ObligationDecl[];
  snapshot?: SnapshotDecl;
  annexes?: AnnexDecl[];
  collects?: CollectsDecl;
  requires?: RequiresDecl;
  // Per-decision rules, parameters, declared fields, named filters. Absent when the policy has none.
  params?: ParamDecl[];
  fields?: FieldDecl[];
  filters?: FilterDecl[];
  itemRules?: ItemRuleDecl[];
  // Fidelity to the source text. Absent when the policy has none.
  /** Articles accounted for without being encoded (不予编码 / not encoded), each with its reason. */
  notEncoded?: NotEncodedDecl[];
  /** The evaluation period in the text's words (评价周期), for a policy without a snapshot day. */
  period?: PeriodDecl;
  /** Exceptions of the parent plan this policy uses (适用例外 / claims exception). */
  claims?: ClaimDecl[];
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
  value: Expr;
  notes: Note[];
  span: Span;
}

/**
 * 参数 罚款公示门槛 = 3万元 第十三条 "…": a value the regulation leaves to another body (the
 * province) or the office to set; usable wherever a literal of its type is, overridable per run.
 */
export interface ParamDecl extends Commented {
  kind: "Param";
  name: string;
  /** A literal: a quantity with its unit, a date, a string or yes/no. */
  value: Expr;
  article?: string;
  /** What sets it, quoted. */
  text?: string;
  span: Span;
}

/** 字段 处理决定.整改情况 文字 "…": a field of a record part the policy reads beyond the record schema. */
export interface FieldDecl extends Commented {
  kind: "Field";
  /** The record part, as written (处理决定 or sanctions). */
  part: string;
  /** The field's name: its key in the record element. */
  name: string;
  /** The type's name as written (日期/date, 金额/money, 次数/count, 分数/score, 数值/number, 是否/bool, 文字/text). */
  type: string;
  description?: string;
  span: Span;
}

/** 条件 罚款类 = 种类 属于 (罚款, 没收): a named filter, read wherever a filter goes. */
export interface FilterDecl extends Commented {
  kind: "Filter";
  name: string;
  when: Expr;
  span: Span;
}

/**
 * 逐项 公示 针对 处理决定 第十三条 { … }: rules decided for each item of a record part. Its outputs
 * become fields of the part's items, readable in any filter over the part.
 */
export interface ItemRuleDecl extends Commented {
  kind: "ItemRule";
  name: string;
  part: string;
  article?: string;
  text?: string;
  notes: Note[];
  values: ValueDecl[];
  outputs: OutputDecl[];
  categories: CategoryDecl[];
  measures: MeasureGroup[];
  obligations: ObligationDecl[];
  span: Span;
}

/**
 * 输出 应公示 第十三条 任一 { … }: a result per item. A single clause gives its expression's value
 * (a flag, a date, an amount); a block of clauses gives yes/no.
 */
export interface OutputDecl extends Commented {
  kind: "Output";
  name: string;
  article?: string;
  condition: Condition;
  span: Span;
}

export interface Window {
  amount: Quantity;
  span: Span;
}

/** `计数 违法行为 满足 … 近 1年`, `合计 X 来自 P …`: an aggregate of dsl/aggregates.ts over a record part. */
export interface Aggregate {
  kind: "Aggregate";
  fn: AggFn;
  /** The expression summed or maximised, for aggregates written with `of`. */
  of?: Expr;
  source: string;
  where?: Expr;
  window?: Window;
  span: Span;
}

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
  | { kind: "Paren"; expr: Expr; span: Span }
  /** 待填写 / TODO: a place a drafter must fill; never compiles. */
  | { kind: "Placeholder"; span: Span }
  | Aggregate;

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
  /** 激励措施 / 管理措施 / 惩戒措施 where the text names the kind; absent where it does not. */
  measureKind?: MeasureKindId;
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

/**
 * 等级对应 "2021-121" { A = 优, C = 差, D = 无 }: what each grade of an earlier revision (named by
 * its version) is in this one; `to` null: no grade. Grades with the same id in both need no entry.
 */
export interface GradeMapDecl extends Commented {
  kind: "GradeMap";
  from: string;
  pairs: { from: string; to: string | null; span: Span }[];
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
  /** Numbers of the record written otherwise than their canonical print (1.0, 007), by JSON Pointer: printed back as written. */
  recordNumbers?: Record<string, string>;
  expect: Expectation;
  span: Span;
}

/** What a test case expects; each list is compared as a multiset (order aside, repeats count). */
export interface Expectation {
  /** undefined: not checked; null: no grade. */
  grade?: string | null;
  matched?: string[];
  measures?: string[];
  categories?: string[];
  /** Obligations by name, due day (null: none) and status. */
  obligations?: { name: string; due: string | null; status: string; span: Span }[];
  /** A score model's total. */
  scores?: { name: string; value: string; span: Span }[];
  /** A per-item output of the item at a JSON Pointer. */
  items?: { pointer: string; output: string; value: Expr; span: Span }[];
}

/**
 * Score bands: each band is a grade that holds when `subject` satisfies its bounds
 * (高于85分 → 优; 85分（含）以下高于70分 → 良 …). The checker proves the bands cover `range`
 * exactly once.
 */
export interface BandsDecl extends Commented {
  kind: "Bands";
  name: string;
  article?: string;
  subject: Expr;
  range: { min: Expr; max: Expr };
  items: BandItem[];
  span: Span;
}

export interface BandItem extends Commented {
  kind: "Band";
  grade: string;
  label: string;
  article: string;
  text?: string;
  bounds: Bound[];
  span: Span;
}

/** A condition that sets the grade regardless of score or precedence (直接被评为差级). */
export interface OverrideDecl extends Commented {
  kind: "Override";
  grade: string;
  article: string;
  text?: string;
  when: Expr;
  span: Span;
}

/**
 * A membership beside the grade (守信联合激励对象, 重点关注对象 …) with its own measures: one cited
 * clause, or its own citation and a block of cited conditions, like a grade.
 */
export interface CategoryDecl extends Commented {
  kind: "Category";
  id: string;
  label: string;
  article?: string;
  condition: Condition;
  span: Span;
}

/** A weighted indicator model (满分100分): its total is a derived value of type score. */
export interface ModelDecl extends Commented {
  kind: "Model";
  name: string;
  article?: string;
  text?: string;
  total: Expr;
  /** The sub-score an indicator counts as when the record lacks it. */
  missing: Expr;
  items: ModelItem[];
  span: Span;
}

/**
 * indicator: weight × value / 100, the value a 0–100 sub-score; deduct / bonus: `each` per unit
 * of value, at most `max`.
 */
export interface ModelItem extends Commented {
  kind: "Indicator" | "Deduct" | "Bonus";
  name: string;
  weight?: Expr;
  each?: Expr;
  max?: Expr;
  value: Expr;
  span: Span;
}

/**
 * A duty with a due day, one per matching item of a record part (失信警示整改, 7个工作日内公示);
 * inside a per-item rule the part is the rule's. No due (or 期限 无): open, with no due day.
 */
export interface ObligationDecl extends Commented {
  kind: "Obligation";
  name: string;
  article: string;
  text: string;
  source?: string;
  where?: Expr;
  window?: Window;
  due?: Expr;
  span: Span;
}

/** The evaluation's data day: yearly, on data as of month/day (以10月31日…时点数据为基准). */
export interface SnapshotDecl extends Commented {
  kind: "Snapshot";
  article?: string;
  text?: string;
  month: Expr;
  day: Expr;
  span: Span;
}

/** A data table from an annex, e.g. which department supervises which domain. */
export interface AnnexDecl extends Commented {
  kind: "Annex";
  title: string;
  article?: string;
  rows: { unit: string; domain: string; span: Span }[];
  span: Span;
}

/** 信用信息归集范围: what the department collects. */
export interface CollectsDecl extends Commented {
  kind: "Collects";
  article?: string;
  items: { text: string; span: Span }[];
  span: Span;
}

/** What a city plan demands of every department policy (checked by `check --against`). */
export interface RequiresDecl extends Commented {
  kind: "Requires";
  article: string;
  text?: string;
  items: Requirement[];
  /** Requirements the plan itself waives, and where (例外 … 免除 …). Absent when it waives none. */
  exceptions?: ExceptionDecl[];
  span: Span;
}

export type RequirementKind = Requirement["kind"];

/** 例外 二（六） "先前已开展…按原标准继续执行" 免除 等级, 评价模型: a plan's own exception. */
export interface ExceptionDecl extends Commented {
  kind: "Exception";
  article: string;
  text?: string;
  exempts: { kind: RequirementKind; span: Span }[];
  span: Span;
}

/** 适用例外 二（六） "…": a department policy uses the exception its plan states at that article. */
export interface ClaimDecl extends Commented {
  kind: "Claim";
  /** The plan's article, not this policy's source. */
  article: string;
  /** Why the exception applies, in the department's words. */
  text?: string;
  span: Span;
}

/** Why an article is not encoded: how the office acts, who does what, what the record cannot show, context, or text the source lacks. */
export type NotEncodedReason = "procedural" | "organisational" | "undecidable" | "explanatory" | "absent";

export const NOT_ENCODED_REASONS: readonly NotEncodedReason[] = ["procedural", "organisational", "undecidable", "explanatory", "absent"];

/**
 * 不予编码 第十五条 组织性 "…": articles (or, with `quote`, the sentences of one article) the
 * policy accounts for without encoding them, with the reason's category and, optionally, words.
 */
export interface NotEncodedDecl extends Commented {
  kind: "NotEncoded";
  /** Citations as written (附件 for the annex); one when `quote` is given. */
  articles: { article: string; span: Span }[];
  /** The sentences left out, verbatim; absent: the whole article (what no quote covers). */
  quote?: string;
  reason: NotEncodedReason;
  note?: string;
  span: Span;
}

/** 评价周期 第三条 "信用等级评定实行动态管理，实时更新信用等级。": the period a plan requires, as the text states it. */
export interface PeriodDecl extends Commented {
  kind: "Period";
  article?: string;
  text: string;
  span: Span;
}

export type Requirement =
  | { kind: "collects"; span: Span }
  | { kind: "grades"; grades: { id: string; label: string }[]; span: Span }
  | { kind: "model"; total: Expr; span: Span }
  | { kind: "period"; span: Span }
  | { kind: "measures"; span: Span };
