// What the reader hands the graders: one item per input record, in input order, each with the line
// it starts on. An item that could not be read as a record still yields exactly one output line.
import type { RefusedItem } from "../record-stream.js";
import type { Eol } from "./csv-rows.js";

export type Item =
  /** A JSON record's text (JSON Lines line or JSON array element). */
  | { line: number; text: string; notUtf8?: true }
  /** JSON Lines, whole lines undecoded, the first being line `line` (split where graded). */
  | { line: number; chunk: Uint8Array }
  /** A CSV row's cells, named by the header row. */
  | { line: number; cells: string[] }
  /** Input that holds no readable record (a broken CSV row, a record over the size limit): why, as a catalogue message with its code; `id` when it can still be told. */
  | RefusedItem;

/** What `eval` hands the graders: items, or CSV as whole rows undecoded, the first starting on line `line` (split where graded; csv-rows.ts). */
export type GradeItem = Item | { line: number; csv: Uint8Array; eol: Eol };

export type OutputFormat = "jsonl" | "csv";
