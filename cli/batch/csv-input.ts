// CSV input: one credit record per row, UTF-8 with or without a byte order mark (as Excel's "CSV
// UTF-8" writes it), LF or CRLF, quoted fields spanning lines. The header row names record fields:
// `id`, `name`, `kind` and any other field as text; the record's nested parts (`sanctions`, `lists`,
// `honors`, … — every array or object of the credit record schema) as JSON in their cells. An empty
// cell leaves the field out. A row that cannot be read becomes an error line; the batch goes on.
import { parse } from "csv-parse";
import { pipeline, Readable } from "node:stream";
import type { MessageRef } from "../../diagnostics/catalogue.js";
import { recordSchema } from "../../record/validate.js";
import { InputError } from "../record-stream.js";
import type { Item } from "./items.js";

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

/** A record from a row: JSON columns parsed, empty cells left out. */
export function recordFromRow(header: readonly string[], cells: readonly string[], line: number): CsvRecord {
  if (cells.length !== header.length) {
    return { error: { path: "", message: { key: "CP-R000/csv-cells", args: [String(line), String(cells.length), String(header.length)] } } };
  }
  const record: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i] as string;
    const cell = cells[i] as string;
    if (!name || cell.trim() === "") continue;
    if (!JSON_COLUMNS.has(name)) {
      // defineProperty: a column named "__proto__" is a field like any other.
      Object.defineProperty(record, name, { value: cell, enumerable: true, writable: true, configurable: true });
      continue;
    }
    try {
      record[name] = JSON.parse(cell);
    } catch (e) {
      return { error: { path: pointer(name), message: { key: "CP-R000/csv-cell", args: [String(line), name, (e as Error).message] } } };
    }
  }
  return { record };
}

/** Decodes UTF-8 strictly (a GBK file must not turn into replacement characters) and drops a BOM. */
async function* utf8Text(input: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array);
    try {
      yield decoder.decode(buf, { stream: true });
    } catch {
      throw new InputError(`not UTF-8 text (after byte ${bytes}); save it as UTF-8 (in Excel: "CSV UTF-8")`);
    }
    bytes += buf.length;
  }
  yield decoder.decode();
}

/**
 * Batches of CSV rows after the header (returned through `onHeader`). A row csv-parse cannot read
 * (e.g. a quote never closed) becomes an `unreadable` item at its place.
 */
export async function* csvBatches(input: AsyncIterable<unknown>, onHeader: (header: string[]) => void): AsyncGenerator<Item[]> {
  const skipped: { line: number; message: MessageRef }[] = [];
  const parser = parse({
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        const line = String(Number(err?.lines ?? 0));
        skipped.push({ line: Number(line), message: err ? { key: "CP-R000/csv-row", args: [line, `${err.code}: ${err.message}`] } : { key: "CP-R000/csv-unreadable", args: [line] } });
        return undefined;
      },
    });
  // pipeline, not pipe: a read error (or bad encoding) ends the parser with that error.
  pipeline(Readable.from(utf8Text(input)), parser, () => undefined);
  let header: string[] | null = null;
  let batch: Item[] = [];
  const flushSkipped = (before: number) => {
    while (skipped.length && (skipped[0] as { line: number }).line <= before) {
      const s = skipped.shift() as { line: number; message: MessageRef };
      batch.push({ line: s.line, unreadable: s.message });
    }
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header === null) {
      header = record.map((h) => h.trim());
      const seen = new Set<string>();
      for (const h of header) {
        if (h && seen.has(h)) throw new InputError(`the header row names column ${JSON.stringify(h)} twice`);
        seen.add(h);
      }
      onHeader(header);
      continue;
    }
    flushSkipped(info.lines);
    batch.push({ line: info.lines, cells: record });
    if (batch.length >= 500) {
      yield batch;
      batch = [];
    }
  }
  flushSkipped(Number.MAX_SAFE_INTEGER);
  if (batch.length) yield batch;
}
