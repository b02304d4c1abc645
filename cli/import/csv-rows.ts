// A CSV file's rows as text cells, numbered as a spreadsheet numbers them (record N is row N).
// Excel's and WPS's CSV: quoted cells with "" inside, CRLF, line breaks inside quoted cells; the
// delimiter is found from the first lines (comma, tab as in Excel's "Unicode text", or semicolon).
// Parsed by papaparse (about five times the speed of csv-parse on 双公示 rows, which a million-row
// import needs); each row is handed to `onRow` as it is parsed, and the parser waits while the
// promise `onRow` may return (a full output stream) is pending. A quote never closed takes the rest
// of the file into its cell: that row is reported as unreadable, once, at the row it opens.
import Papa from "papaparse";
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

/** Parses CSV text (already decoded), calling `onRow` for each row in order. */
export async function csvRows(text: AsyncIterable<string>, onRow: (ev: CsvEvent) => void | Promise<void>): Promise<void> {
  const it = text[Symbol.asyncIterator]();
  // Enough text to find the delimiter; it is then parsed with the rest.
  let head = "";
  let done = false;
  while (head.length < 16 * 1024 && !done) {
    const r = await it.next();
    if (r.done) done = true;
    else head += r.value;
  }
  if (head === "") return;
  const delimiter = sniffDelimiter(head);
  async function* all(): AsyncGenerator<string> {
    yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  await new Promise<void>((resolve, reject) => {
    let row = 0;
    let failed = false;
    Papa.parse<string[]>(Readable.from(all()) as unknown as File, {
      delimiter,
      skipEmptyLines: false,
      step(results, parser) {
        if (failed) return;
        row++;
        const quote = results.errors.find((e) => e.code === "MissingQuotes");
        const pending = onRow(quote ? { row, unreadable: `${quote.code}: ${quote.message}` } : { row, cells: results.data });
        if (pending) {
          parser.pause();
          pending.then(
            () => parser.resume(),
            (e: unknown) => {
              failed = true;
              parser.abort();
              reject(e);
            },
          );
        }
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (e: Error) => reject(e),
    });
  });
}
