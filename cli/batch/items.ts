// What the reader hands the graders: one item per input record, in input order, each with the line
// it starts on. An item that could not be read as a record still yields exactly one output line.
import type { MessageRef } from "../../diagnostics/catalogue.js";

export type Item =
  /** A JSON record's text (JSON Lines line or JSON array element). */
  | { line: number; text: string; notUtf8?: true }
  /** JSON Lines, whole lines undecoded, the first being line `line` (split where graded). */
  | { line: number; chunk: Uint8Array }
  /** A CSV row's cells, named by the header row. */
  | { line: number; cells: string[] }
  /** Input that holds no readable record (a broken CSV row): why, as a CP-R000 catalogue message; `id` when it can still be told. */
  | { line: number; unreadable: MessageRef; id?: string | null };

export type OutputFormat = "jsonl" | "csv";
