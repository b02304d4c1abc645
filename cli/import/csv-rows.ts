// A CSV file's rows as text cells, numbered as a spreadsheet numbers them (record N is row N).
// Excel's and WPS's CSV: quoted cells with "" inside, CRLF, line breaks inside quoted cells; the
// delimiter is found from the first lines (comma, tab as in Excel's "Unicode text", or semicolon).
// A quote never closed is reported once, at the row it opens, as unreadable from there.
import { parse } from "csv-parse";
import { Readable } from "node:stream";

export type CsvEvent = { row: number; cells: string[] } | { row: number; unreadable: string };

const DELIMITERS = [",", "\t", ";"] as const;

/** The delimiter used most in the first lines, outside quotes. */
export function sniffDelimiter(sample: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n" && ++lines >= 20) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) as number)) best = d;
  return best;
}

/** Rows of CSV text (already decoded). */
export async function* csvRows(text: AsyncIterable<string>): AsyncGenerator<CsvEvent> {
  const it = text[Symbol.asyncIterator]();
  // Enough text to find the delimiter; it is then parsed with the rest.
  let head = "";
  let done = false;
  while (head.length < 16 * 1024 && !done) {
    const r = await it.next();
    if (r.done) done = true;
    else head += r.value;
  }
  const delimiter = sniffDelimiter(head);
  async function* all(): AsyncGenerator<string> {
    if (head) yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const parser = Readable.from(all()).pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record };
    }
  } catch (e) {
    yield { row: row + 1, unreadable: (e as Error).message };
  }
}
