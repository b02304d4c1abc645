// The record panel's and compare view's data, as the worker sends them: plain, structured-clone
// safe. Ranges are 1-based lines and columns with an exclusive end column (Monaco's).
import type { DiffReport } from "../../../analysis/diff/index.js";
import type { DiagnosticView, Range } from "../../../analysis/lsp/types.js";
import type { MessageArg, MessageKey, RecordErrorCode } from "../../../diagnostics/diagnostics.js";

export type { DiffReport, DiagnosticView, Range };

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
  /** The text held several records (JSON Lines): the first is checked; the others are offered as examples. */
  more?: { id: string; text: string }[];
}

export interface DiffResult {
  leftErrors: DiagnosticView[];
  rightErrors: DiagnosticView[];
  /** analysis/diff's report, with the impact over the example records; absent when a side does not compile. */
  report?: DiffReport;
}
