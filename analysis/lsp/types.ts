// The language service's data: what one analysis of a policy source knows (symbols, cases,
// coverage, plan checks), as plain structured-clone-safe data. Ranges here are 1-based lines and
// columns with an exclusive end column (Monaco's convention, and the spans' +1); the LSP edge
// (positions.ts) turns them into 0-based LSP ranges.
import type { DiagnosticCode, Help, MessageArg, MessageKey, MessageRef } from "../../diagnostics/diagnostics.js";

export interface Range {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** A compiler diagnostic as data (diagnostics/diagnostics.ts), placed; rendered where it is shown. */
export interface DiagnosticView {
  code: DiagnosticCode;
  severity: "error" | "warning";
  args: MessageArg[];
  help?: Help;
  /** YAML input without a position: the JSON path. */
  path?: string;
  range: Range;
  /** Other places it concerns in the same file (the first definition of a duplicate …), with a catalogue label. */
  related?: { range: Range; key: MessageKey; args?: MessageArg[] }[];
  /** It comes from checking the policy against its parent plan (check --against), not from compiling it. */
  plan?: true;
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
  /** The checker's type tag (money …); absent when the policy does not compile. */
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
  /** The checker's type tag; absent when the policy does not compile. */
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
}

export interface GradeSymbol {
  id: string;
  label: string;
  range: Range;
  /** Where the id is written in its declaration. */
  idRange: Range;
}

/** What the language features read of a parsed policy. */
export interface Symbols {
  values: ValueSymbol[];
  params: ParamSymbol[];
  filters: FilterSymbol[];
  outputs: OutputSymbol[];
  itemValues: ItemValueSymbol[];
  grades: GradeSymbol[];
  articles: ArticleText[];
  bounds: BoundInfo[];
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
  /** What differs from the expectation, as catalogue messages (rendered in the interface language). */
  failures: MessageRef[];
  /** The case's record is rejected: where, and why (the record error's own data). */
  error?: { path: string; code: string; message: MessageRef };
}

/**
 * Which grades and articles the cases exercise. `conditions` is the hook for leaf-condition
 * coverage (test --coverage, analysis issue): absent until that analysis provides it.
 */
export interface Coverage {
  grades: { id: string; label: string; cases: string[] }[];
  /** Every clause article of every grade (and override), with the cases whose result it decided. */
  articles: { article: string; grade: string; cases: string[] }[];
  conditions?: { article: string; grade: string; span: Range; exercised: boolean }[];
}

/** The parent plan a policy names, and whether it was found to check against. */
export interface PlanCheck {
  id: string;
  found: boolean;
  /** Where the plan was read from (a path, or the open document). */
  source?: string;
}

/** What the editor's panels show of one analysis: pushed to the page after each (creditPolicy/analysis). */
export interface AnalysisSummary {
  uri: string;
  /** Version of the document the text came from; the page drops stale answers. */
  version: number;
  file: string;
  form: "dsl" | "yaml";
  /** Keyword language of the source. */
  lang: "zh" | "en";
  /** The policy compiled (no errors): the cases below are current. */
  ok: boolean;
  /** The text parsed to an AST. */
  parsed: boolean;
  policyId?: string;
  errors: number;
  warnings: number;
  grades: { id: string; label: string }[];
  /** Null when the policy does not compile. */
  cases: CaseView[] | null;
  coverage: Coverage | null;
  plan?: PlanCheck;
  /** The latest as-of day among the cases, for a record panel's default. */
  lastCaseDay?: string;
  timings: { compileMs: number; casesMs: number; totalMs: number };
}
