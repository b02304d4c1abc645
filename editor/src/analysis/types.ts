// What the analysis worker sends the page: plain, structured-clone-safe data. Ranges are Monaco's:
// 1-based lines and columns, end column exclusive.
import type { DiffReport } from "../../../analysis/diff/index.js";
import type { DiagnosticCode, Help, MessageArg, MessageKey, RecordErrorCode } from "../../../diagnostics/diagnostics.js";

export type { DiffReport };

export interface Range {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** A compiler diagnostic as data (diagnostics/diagnostics.ts), placed; the page renders it in its language. */
export interface DiagnosticView {
  code: DiagnosticCode;
  severity: "error" | "warning";
  args: string[];
  help?: Help;
  /** YAML input without a position: the JSON path. */
  path?: string;
  range: Range;
  /** Other places it concerns in the same file (the first definition of a duplicate …), with a catalogue label. */
  related?: { range: Range; key: MessageKey; args?: string[] }[];
}

export interface ValueSymbol {
  name: string;
  /** The whole declaration. */
  range: Range;
  /** The name where it is declared: go-to-definition lands here. */
  nameRange: Range;
  /** The value as the formatter prints it. */
  source: string;
  notes: string[];
}

/** 参数: a value set elsewhere (the province), overridable per run. */
export interface ParamSymbol {
  name: string;
  range: Range;
  nameRange: Range;
  /** The value as the formatter prints it (3万元). */
  value: string;
  article?: string;
  /** What sets it, quoted. */
  text?: string;
  /** The checker's type name (金额 money …); absent when the policy does not compile. */
  type?: string;
}

/** 条件: a named filter. */
export interface FilterSymbol {
  name: string;
  range: Range;
  nameRange: Range;
  /** Its condition as the formatter prints it. */
  source: string;
}

/** 逐项: an output of a per-item rule, a field of its part's items. */
export interface OutputSymbol {
  name: string;
  rule: string;
  /** The part as the rule writes it (处理决定 or sanctions). */
  part: string;
  /** The part's registry id, when the part is known. */
  partId?: string;
  /** Its own citation, or its single clause's. */
  article?: string;
  /** The checker's type name; absent when the policy does not compile. */
  type?: string;
  range: Range;
  nameRange: Range;
}

/** A value defined inside a per-item rule: computed for each item, read only within the rule. */
export interface ItemValueSymbol extends ValueSymbol {
  rule: string;
  part: string;
  /** The whole rule: a name under the cursor inside it is this rule's value. */
  ruleRange: Range;
}

export interface ArticleText {
  article: string;
  text: string;
  /** Where the policy quotes it: a grade condition, a measure, a notice, a note … */
  kind: "clause" | "measure" | "notice" | "record-keeping" | "disregard" | "note" | "grade" | "param" | "item-rule" | "category" | "obligation";
  range: Range;
}

export interface BoundInfo {
  range: Range;
  /** Boundary word id (dsl/boundary.ts), absent for an explicit operator. */
  word?: string;
  marker?: "incl" | "excl";
  op: string;
  /** `x < 3次`: the comparison the compiler makes of it. */
  reading: string;
  /** Why the word reads so (民法典第一千二百五十九条 …). */
  basis?: string;
}

export interface CaseView {
  name: string;
  asOf: string;
  line: number;
  passed: boolean;
  expected: { grade?: string | null; matched?: string[]; measures?: string[] };
  /** The grade the policy gives now; undefined when the record itself is rejected. */
  grade?: string | null;
  label?: string | null;
  matched: { grade: string; article: string; negated?: boolean }[];
  measures: { article: string; text: string }[];
  failures: string[];
  error?: { path: string; message: string; code: string };
}

export interface Summary {
  file: string;
  form: "dsl" | "yaml";
  lang: "zh" | "en";
  /** Version of the editor model the text came from; the page drops stale answers. */
  version: number;
  /** The policy compiled (no errors): the cases below are current. */
  ok: boolean;
  /** The text parsed to an AST (symbols below are current). */
  parsed: boolean;
  policyId?: string;
  diagnostics: DiagnosticView[];
  values: ValueSymbol[];
  params: ParamSymbol[];
  filters: FilterSymbol[];
  outputs: OutputSymbol[];
  itemValues: ItemValueSymbol[];
  grades: { id: string; label: string; range: Range }[];
  articles: ArticleText[];
  bounds: BoundInfo[];
  /** Null when the policy does not compile. */
  cases: CaseView[] | null;
  timings: { compileMs: number; casesMs: number; totalMs: number };
}

/** A record error as data (record/validate.ts), placed in the record's text; rendered in the interface language. */
export interface RecordProblem {
  path: string;
  code: RecordErrorCode;
  /** The catalogue message when not the code's own (diagnostics/catalogue.ts). */
  key?: MessageKey;
  args: MessageArg[];
  range: Range;
}

export interface RecordCheck {
  problems: RecordProblem[];
  /** Present when the record is valid and the policy compiles. */
  result?: {
    grade: string | null;
    label: string | null;
    matched: { grade: string; article: string; text: string; negated?: boolean }[];
    measures: { article: string; text: string }[];
  };
  /** The policy does not compile: no result can be computed. */
  policyBroken?: boolean;
}

export interface DiffResult {
  leftErrors: DiagnosticView[];
  rightErrors: DiagnosticView[];
  /** compiler/diff's report, with the impact over the example records; absent when a side does not compile. */
  report?: DiffReport;
}
