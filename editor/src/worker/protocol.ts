// What the editor's worker answers besides the language server's LSP and creditPolicy/* methods
// (analysis/lsp/protocol.ts): the record panel's check and the compare view's diff, which need the
// record's JSON text positions and the example records, and only the browser editor uses.
import type { ExplainResult } from "../../../analysis/lsp/protocol.js";
import type { RecordCheck, DiffResult } from "../analysis/types.js";

/** Check a record typed or pasted in the record panel, grade it under the document, and explain its grade. */
export const CHECK_RECORD_REQUEST = "creditPolicy/checkRecord";
export interface CheckRecordParams {
  uri: string;
  recordText: string;
  asOf: string;
}
export type CheckRecordResult = RecordCheck & { explanation?: ExplainResult };

/** Compare two sources (a buffer, the disk, a git revision) with the impact on the example records. */
export const DIFF_REQUEST = "creditPolicy/diff";
export interface DiffParams {
  left: { file: string; text: string; source?: string };
  right: { file: string; text: string; source?: string };
  records: string;
  asOf: string;
}
export type { DiffResult };
