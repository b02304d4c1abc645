// The diff report: what `credit-policy diff --format json` prints and every renderer reads. The
// JSON Schema beside this file (diff-report.schema.json) documents it for tools.
import type { Json } from "../../dsl/ast.js";
import type { AsOfReason } from "./as-of.js";
import type { TextChange } from "./text.js";

export const DIFF_FORMAT = "credit-policy-diff";
export const DIFF_FORMAT_VERSION = 1;

export type ChangeKind =
  | "metadata"
  | "parameter"
  | "grade-added"
  | "grade-removed"
  | "grade-heading"
  | "condition-added"
  | "condition-removed"
  | "condition-changed"
  | "condition-reworded"
  | "conditions-combined"
  | "threshold"
  | "boundary"
  | "window"
  | "amount-kinds"
  | "precedence"
  | "default"
  | "severity"
  | "disregard"
  | "measure-added"
  | "measure-removed"
  | "measure-reworded"
  | "measure-tags"
  | "measure-group"
  | "notice-added"
  | "notice-removed"
  | "notice-changed"
  | "record-keeping-added"
  | "record-keeping-removed"
  | "record-keeping-reworded"
  | "other";

export interface Change {
  kind: ChangeKind;
  /** The article the change is in, as cited (第八条（二）2); null when it has none (metadata, precedence). */
  article: string | null;
  /** The grade concerned: its id in the new policy (in the old one for removals). */
  grade?: string;
  /** For metadata and `other`: the key that changed. */
  key?: string;
  /** What is compared, e.g. the derived value a threshold bounds. */
  subject?: string;
  /** Before and after in the regulation's terms; null: absent on that side. */
  old?: string | null;
  new?: string | null;
  /** Kind-specific machine-readable values (see the schema). */
  detail?: { [key: string]: Json };
  /** The article's quoted text when it was reworded too, with its word-level diff. */
  text?: TextChange;
  /** One line, Chinese with the kind in English: what a report shows. */
  summary: string;
}

export interface PolicySide {
  id: string;
  version: string | null;
  sha256: string;
  /** The file, folder or git REV:PATH it was read from. */
  source: string;
  effective: string | null;
  expires: string | null;
  title: string | null;
  /** Its grades, in precedence order. */
  grades: { id: string; label: string }[];
}

/** A record's grade and the articles that decided it (the matched clauses of that grade). */
export interface Outcome {
  grade: string | null;
  articles: string[];
}

export interface Witness {
  /** The grade whose holding differs (new id; an old id for a grade the new policy lacks). */
  grade: string;
  asOf: string;
  record: Json;
  old: Outcome;
  new: Outcome;
}

/** A derived value that decided a moved record, as each policy computes it; absent: the policy has no value of that name. */
export interface DecidingValue {
  name: string;
  old?: Json;
  new?: Json;
}

/** A record whose grade changed, with the evidence an auditor needs to see why. */
export interface MovedRecord {
  line: number;
  id: string | null;
  /** The subject's name (the record's `name`), when it has one. */
  name: string | null;
  old: Outcome;
  new: Outcome;
  /** The values the deciding clauses read under either policy (and those a linked change bounds), before and after. */
  values: DecidingValue[];
  /** Indexes into the report's `changes`: the changes in the articles that decided it, and those that move any grade (precedence, default, severity, disregard). */
  changes: number[];
}

export interface Impact {
  /** The cases file. */
  source: string;
  /** sha256 of the cases file's bytes, hex; absent when the records did not come from a file. */
  sha256?: string;
  asOf: string;
  records: number;
  /** Records graded with no grade under either policy. */
  ungraded: number;
  /** The latest calendar day written anywhere in the records (their data runs up to it); null when none has a date. */
  latestDate: string | null;
  /** Records that could not be graded (schema errors, malformed lines): not in the matrix. */
  errors: { line: number; id: string | null; code: string; message: string }[];
  /** Every (old grade, new grade) pair seen, with how many records. */
  transitions: { from: string | null; to: string | null; count: number }[];
  /** Records whose grade changed, in file order. */
  moved: MovedRecord[];
}

export interface Provenance {
  tool: { name: string; version: string };
  /** When the report was made: an ISO 8601 instant in UTC (SOURCE_DATE_EPOCH when set, for reproducible reports). */
  generatedAt: string;
}

export interface DiffReport {
  format: typeof DIFF_FORMAT;
  formatVersion: typeof DIFF_FORMAT_VERSION;
  old: PolicySide;
  new: PolicySide;
  /** What each old grade is in the new policy (a declared grade map, else by id; null: no grade). */
  gradeMap: { [oldGrade: string]: string | null };
  /** The evaluation day of the witnesses (and of the impact). */
  asOf: string;
  /** Why that day: given (--as-of), the new or old revision's effective day, the policy's test cases' day, or today. */
  asOfReason: AsOfReason;
  /** Who made the report and when (the command line and the API fill it in). */
  provenance?: Provenance;
  changes: Change[];
  witnesses: Witness[];
  impact?: Impact;
}
