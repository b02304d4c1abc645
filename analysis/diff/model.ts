// The diff report: what `credit-policy diff --format json` prints and every renderer reads. The
// JSON Schema beside this file (diff-report.schema.json) documents it for tools.
import type { Json } from "../../dsl/ast.js";
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

export interface Impact {
  /** The cases file. */
  source: string;
  asOf: string;
  records: number;
  /** Records that could not be graded (schema errors, malformed lines): not in the matrix. */
  errors: { line: number; id: string | null; code: string; message: string }[];
  /** Every (old grade, new grade) pair seen, with how many records. */
  transitions: { from: string | null; to: string | null; count: number }[];
  /** Records whose grade changed, in file order. */
  moved: { line: number; id: string | null; old: Outcome; new: Outcome }[];
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
  changes: Change[];
  witnesses: Witness[];
  impact?: Impact;
}
