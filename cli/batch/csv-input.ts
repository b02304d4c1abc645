// CSV input: one credit record per row, UTF-8 with or without a byte order mark (as Excel's "CSV
// UTF-8" writes it), LF or CRLF, quoted fields spanning lines. The header row names record fields:
// `id`, `name`, `kind` and any other field as text; the record's nested parts (`sanctions`, `lists`,
// `honors`, … — every array or object of the credit record schema) as JSON in their cells. An empty
// cell leaves the field out. A row that cannot be read becomes an error line; the batch goes on.
import type { MessageRef } from "../../diagnostics/catalogue.js";
import { recordSchema } from "../../record/validate.js";
import { DEFAULT_MAX_RECORD_BYTES, InputError, type RefusedItem } from "../record-stream.js";
import { splitRows, unclosedMessage, type CsvRow } from "./csv-rows.js";
import { CsvScanner, type CsvPart } from "./csv-scan.js";
import type { GradeItem, Item } from "./items.js";

/** Record fields held as JSON in their cells: the credit record's arrays and objects. */
export const JSON_COLUMNS: ReadonlySet<string> = new Set(
  Object.entries(recordSchema.properties as Record<string, { type?: unknown; allOf?: unknown }>)
    .filter(([, s]) => s.type === "array" || s.type === "object" || Array.isArray(s.allOf))
    .map(([k]) => k),
);

function pointer(segment: string): string {
  return "/" + segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export interface CsvRecord {
  record?: Record<string, unknown>;
  /** Why the row holds no record: a CP-R000 catalogue message. */
  error?: { path: string; message: MessageRef };
}

const SKIP = 0;
const TEXT = 1;
const JSON_CELL = 2;
const PROTO = 3;
/** What each column of a header holds, worked out once per header. */
const kindsOf = new WeakMap<readonly string[], Uint8Array>();
function columnKinds(header: readonly string[]): Uint8Array {
  let kinds = kindsOf.get(header);
  if (!kinds) {
    kinds = Uint8Array.from(header, (name) => (!name ? SKIP : JSON_COLUMNS.has(name) ? JSON_CELL : name === "__proto__" ? PROTO : TEXT));
    kindsOf.set(header, kinds);
  }
  return kinds;
}

/** White space as String.prototype.trim removes it. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A cell of only white space (or none) leaves its field out. */
function blank(cell: string): boolean {
  return cell.length === 0 || (isSpace(cell.charCodeAt(0)) && cell.trim() === "");
}

/** A record from a row: JSON columns parsed, empty cells left out. */
export function recordFromRow(header: readonly string[], cells: readonly string[], line: number): CsvRecord {
  if (cells.length !== header.length) {
    return { error: { path: "", message: { key: "CP-R000/csv-cells", args: [String(line), String(cells.length), String(header.length)] } } };
  }
  const kinds = columnKinds(header);
  const record: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const kind = kinds[i];
    const cell = cells[i] as string;
    if (kind === SKIP || blank(cell)) continue;
    const name = header[i] as string;
    if (kind === TEXT) record[name] = cell;
    // defineProperty: a column named "__proto__" is a field like any other.
    else if (kind === PROTO) Object.defineProperty(record, name, { value: cell, enumerable: true, writable: true, configurable: true });
    else {
      try {
        record[name] = JSON.parse(cell);
      } catch (e) {
        return { error: { path: pointer(name), message: { key: "CP-R000/csv-cell", args: [String(line), name, (e as Error).message] } } };
      }
    }
  }
  return { record };
}

/** The item of a row: its cells, or (a quote never closed) why it holds no record. */
export function rowItem(row: CsvRow): Item {
  if ("cells" in row) return row;
  return { line: row.line, unreadable: { key: "CP-R000/csv-row", args: [String(row.line), unclosedMessage(row.unclosed)] } };
}

function toBuffer(chunk: unknown): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}

function takeHeader(cells: string[]): string[] {
  const header = cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h && seen.has(h)) throw new InputError(`the header row names column ${JSON.stringify(h)} twice`);
    seen.add(h);
  }
  return header;
}

/**
 * Items of CSV rows after the header (returned through `onHeader`): with `chunks`, whole rows
 * undecoded, one item per read (split where they are graded); without, one item per row with its
 * cells. The rows up to the header are split here either way. A row that cannot be read (a quote
 * never closed) becomes an `unreadable` item at its place, a row over the size limit a CP-R010 item.
 */
async function* csvItems(input: AsyncIterable<unknown>, onHeader: (header: string[]) => void, chunks: boolean, opts: { maxRecordBytes?: number }): AsyncGenerator<GradeItem[]> {
  const scanner = new CsvScanner(opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  let header = false;
  let batch: GradeItem[] = [];
  const onRow = (row: CsvRow) => {
    if (!header && "cells" in row) {
      onHeader(takeHeader(row.cells));
      header = true;
    } else batch.push(rowItem(row));
  };
  const take = function* (parts: (CsvPart | RefusedItem)[]): Generator<GradeItem[]> {
    for (const p of parts) {
      if (!("bytes" in p)) batch.push(p);
      // A copy of its own for each part: it is handed over to a worker thread, not shared.
      else if (chunks && header) batch.push({ line: p.line, csv: new Uint8Array(p.bytes), eol: p.eol });
      else splitRows(p.bytes, p.line, p.eol, onRow);
      if (batch.length >= (chunks ? 1 : 500)) {
        yield batch;
        batch = [];
      }
    }
  };
  for await (const chunk of input) yield* take(scanner.feed(toBuffer(chunk)));
  yield* take(scanner.end());
  if (batch.length) yield batch;
}

/** Batches of CSV rows with their cells, after the header (returned through `onHeader`). */
export function csvBatches(input: AsyncIterable<unknown>, onHeader: (header: string[]) => void, opts: { maxRecordBytes?: number } = {}): AsyncGenerator<Item[]> {
  return csvItems(input, onHeader, false, opts) as AsyncGenerator<Item[]>;
}

/** Batches of CSV input as whole rows undecoded (`eval`: split and parsed where graded). */
export function csvChunks(input: AsyncIterable<unknown>, onHeader: (header: string[]) => void, opts: { maxRecordBytes?: number } = {}): AsyncGenerator<GradeItem[]> {
  return csvItems(input, onHeader, true, opts);
}
