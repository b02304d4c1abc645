// The CSV reader as it was before the byte scanner (cli/batch/csv-scan.ts, csv-rows.ts): csv-parse
// on the main thread, behind a guard that cuts out rows over the size limit. Kept as the reference
// the new reader is compared with (csv-reader.test.ts); not used by the command line.
import { parse } from "csv-parse";
import { pipeline, Readable } from "node:stream";
import type { MessageRef } from "../../diagnostics/catalogue.js";
import { DEFAULT_MAX_RECORD_BYTES, InputError, type RefusedItem } from "../../cli/record-stream.js";
import type { Item } from "../../cli/batch/items.js";

/** Marks the place of a row over the size limit, for the parser to pass through as a row of one cell. */
const MARK = "\ue000cp-r010\ue000";

/**
 * Rows over the size limit, cut out of the byte stream before it is decoded and parsed: a row is
 * held until its end (a newline outside quotes) or until it passes `max` bytes; then its bytes are
 * only counted, and a one-cell marker row (followed by as many blank lines as the row had newlines,
 * so the parser's line numbers stay right) takes its place. Quotes are tracked as the parser reads
 * them: a quote opens a field only at its start, `""` inside one is a quote.
 */
class RowGuard {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inQuotes = false;
  private fieldStart = true;
  private justClosed = false;
  private line = 1;
  private rowLine = 1;
  private over: { bytes: number; newlines: number } | null = null;
  readonly refused: RefusedItem[] = [];

  constructor(private readonly max: number) {}

  feed(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === 0x22) {
        if (this.inQuotes) {
          this.inQuotes = false;
          this.justClosed = true;
        } else if (this.justClosed || this.fieldStart) {
          this.inQuotes = true;
          this.justClosed = false;
        }
        this.fieldStart = false;
        continue;
      }
      this.justClosed = false;
      if (c === 0x0a) {
        this.line++;
        if (this.inQuotes) {
          if (this.over) this.over.newlines++;
          continue;
        }
        // The end of a row.
        const size = this.pendingBytes + i - from;
        if (!this.over && size > this.max) this.over = { bytes: this.pendingBytes, newlines: this.line - 1 - this.rowLine };
        if (this.over) {
          this.over.bytes += i - from;
          out.push(Buffer.from(`${MARK}${this.refused.length}\n${"\n".repeat(this.over.newlines)}`));
          this.refused.push({ line: this.rowLine, code: "CP-R010", id: null, unreadable: { key: "CP-R010", args: [String(this.rowLine), String(this.over.bytes), String(this.max)] } });
          this.over = null;
        } else {
          out.push(...this.pending, chunk.subarray(from, i + 1));
        }
        this.pending = [];
        this.pendingBytes = 0;
        from = i + 1;
        this.rowLine = this.line;
        this.fieldStart = true;
        continue;
      }
      if (!this.inQuotes) this.fieldStart = c === 0x2c;
    }
    if (this.over) this.over.bytes += chunk.length - from;
    else if (from < chunk.length) {
      this.pending.push(chunk.subarray(from));
      this.pendingBytes += chunk.length - from;
      if (this.pendingBytes > this.max) {
        this.over = { bytes: this.pendingBytes, newlines: this.line - this.rowLine };
        this.pending = [];
        this.pendingBytes = 0;
      }
    }
    return out;
  }

  end(): Buffer[] {
    if (this.over) {
      this.refused.push({ line: this.rowLine, code: "CP-R010", id: null, unreadable: { key: "CP-R010", args: [String(this.rowLine), String(this.over.bytes), String(this.max)] } });
      return [Buffer.from(`${MARK}${this.refused.length - 1}\n`)];
    }
    return this.pending;
  }
}

async function* guarded(input: AsyncIterable<unknown>, guard: RowGuard): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    for (const b of guard.feed(buf)) yield b;
  }
  for (const b of guard.end()) yield b;
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
export async function* csvBatchesParsed(input: AsyncIterable<unknown>, onHeader: (header: string[]) => void, opts: { maxRecordBytes?: number } = {}): AsyncGenerator<Item[]> {
  const skipped: { line: number; message: MessageRef }[] = [];
  const guard = new RowGuard(opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  // The line each row starts on, in parse order: csv-parse counts the line a row ends on, and
  // blank lines it skips in between.
  let endLine = 0;
  let emptyLines = 0;
  const startLine = (ctx: { lines: number; empty_lines: number }): number => {
    const start = endLine + 1 + (ctx.empty_lines - emptyLines);
    endLine = ctx.lines;
    emptyLines = ctx.empty_lines;
    return start;
  };
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The row with its start line (the parser passes on what this returns).
    on_record: (record: string[], ctx) => ({ record, line: startLine(ctx) }) as unknown as string[],
    on_skip: (err) => {
      const line = err ? startLine(err as unknown as { lines: number; empty_lines: number }) : endLine + 1;
      // A quote never closed: its row starts at `line` and takes the rest of the file.
      skipped.push({ line, message: err ? { key: "CP-R000/csv-row", args: [String(line), `${err.code}: ${err.message}`] } : { key: "CP-R000/csv-unreadable", args: [String(line)] } });
      return undefined;
    },
  });
  // pipeline, not pipe: a read error (or bad encoding) ends the parser with that error.
  pipeline(Readable.from(utf8Text(guarded(input, guard))), parser, () => undefined);
  let header: string[] | null = null;
  let batch: Item[] = [];
  const flushSkipped = (before: number) => {
    while (skipped.length && (skipped[0] as { line: number }).line <= before) {
      const s = skipped.shift() as { line: number; message: MessageRef };
      batch.push({ line: s.line, unreadable: s.message });
    }
  };
  for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
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
    flushSkipped(line);
    const mark = record.length === 1 && record[0]?.startsWith(MARK) ? guard.refused[Number(record[0].slice(MARK.length))] : undefined;
    batch.push(mark ?? { line, cells: record });
    if (batch.length >= 500) {
      yield batch;
      batch = [];
    }
  }
  flushSkipped(Number.MAX_SAFE_INTEGER);
  if (batch.length) yield batch;
}
