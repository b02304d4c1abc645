// A CSV file's rows as text cells, numbered as a spreadsheet numbers them (record N is row N).
// Excel's and WPS's CSV: quoted cells with "" inside, CRLF, line breaks inside quoted cells; the
// delimiter is found from the first lines (comma, tab as in Excel's "Unicode text", or semicolon).
// Parsed by papaparse's parser (about five times the speed of csv-parse on 双公示 rows, which a
// million-row import needs). A quote never closed takes the rest of the file into its cell: that
// row is reported as unreadable, once, at the row it opens.
import Papa from "papaparse";

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

/** The line break of the text: CRLF as Excel writes, else LF, else CR. */
function sniffNewline(sample: string): "\r\n" | "\n" | "\r" {
  const lf = sample.indexOf("\n");
  if (lf > 0 && sample[lf - 1] === "\r") return "\r\n";
  if (lf >= 0) return "\n";
  return sample.includes("\r") ? "\r" : "\r\n";
}

/**
 * Parses CSV text (already decoded), calling `onRow` for each row in order and awaiting what it
 * returns. The text is fed to papaparse's parser chunk by chunk, the last (maybe partial) row of a
 * chunk kept for the next, so memory holds one chunk and one row, however large the file.
 */
export async function csvRows(text: AsyncIterable<string>, onRow: (ev: CsvEvent) => void | Promise<void>): Promise<void> {
  let parser: Papa.Parser | undefined;
  let rest = "";
  let row = 0;
  const feed = async (chunk: string, last: boolean) => {
    let input = rest + chunk;
    // The line break ending the last row ends the file; it does not open an empty row.
    if (last) input = input.replace(/(\r\n|\n|\r)$/, "");
    if (!parser) {
      if (!last && input.length < 16 * 1024) {
        rest = input;
        return;
      }
      parser = new Papa.Parser({ delimiter: sniffDelimiter(input), newline: sniffNewline(input) });
    }
    const result = parser.parse(input, 0, !last) as { data: string[][]; errors: { code: string; message: string; row: number }[]; meta: { cursor: number } };
    rest = last ? "" : input.slice(result.meta.cursor);
    const unclosed = result.errors.find((e) => e.code === "MissingQuotes");
    for (let i = 0; i < result.data.length; i++) {
      row++;
      const pending = unclosed && unclosed.row === i ? onRow({ row, unreadable: `${unclosed.code}: ${unclosed.message}` }) : onRow({ row, cells: result.data[i] as string[] });
      if (pending) await pending;
    }
  };
  for await (const chunk of text) await feed(chunk, false);
  await feed("", true);
}
