// CSV rows split into cells where they are graded (a worker thread, or the main thread with
// `--workers 0`): the text of whole rows (csv-scan.ts cut it at row ends) read one character at a
// time, as csv-parse reads it with the options the CSV reader always used (relax_quotes,
// relax_column_count, skip_empty_lines): a quote opens a field only at its start; `""` inside one is
// a quote; a quote that closes a field but is not followed by a comma or the row delimiter is kept
// with the field's text (`"a"b` is the cell `"a"b`); a line of no characters holds no row. The
// row delimiter is the file's first line break outside quotes (CRLF, LF or CR); another line
// break is text. Lines are counted as an editor counts them: CRLF, LF and CR each end one.

/** The row delimiter: not known yet, LF, CRLF or CR. */
export type Eol = 0 | 1 | 2 | 3;
export const EOL_LF = 1;
export const EOL_CRLF = 2;
export const EOL_CR = 3;

const Q = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export type CsvRow =
  | { line: number; cells: string[] }
  /** A quote opened on this row is never closed: the row takes the rest of the input, up to line `lastLine`. */
  | { line: number; unclosed: number };

/** The message csv-parse gave for a quote never closed (the catalogue's CP-R000/csv-row argument). */
export function unclosedMessage(lastLine: number): string {
  return `CSV_QUOTE_NOT_CLOSED: Quote Not Closed: the parsing is finished with an opening quote at line ${lastLine}`;
}

/**
 * The rows of `s` — whole rows from a row start, `line` the line of its first character — in
 * order, to `onRow`. The last row may lack its delimiter (the end of the input). Returns the row
 * delimiter, found in `s` when `eol` is 0.
 */
export function splitRows(s: string, line: number, eol: Eol, onRow: (row: CsvRow) => void): Eol {
  const n = s.length;
  let i = 0;
  // The length of the row delimiter at `at` (outside quotes), or 0; finds the delimiter when not known.
  const eolAt = (at: number): number => {
    const c = s.charCodeAt(at);
    if (c === LF) {
      if (eol === 0) eol = EOL_LF;
      return eol === EOL_LF ? 1 : 0;
    }
    if (c !== CR) return 0;
    if (eol === 0) eol = s.charCodeAt(at + 1) === LF ? EOL_CRLF : EOL_CR;
    if (eol === EOL_CR) return 1;
    return eol === EOL_CRLF && s.charCodeAt(at + 1) === LF ? 2 : 0;
  };
  // Line breaks counted up to `counted` (exclusive).
  let counted = 0;
  const countTo = (to: number): void => {
    for (let k = counted; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c === LF) {
        // (A part starts after a row delimiter: after a CR only in a file of CR delimiters.)
        if (k === 0 ? eol !== EOL_CR : s.charCodeAt(k - 1) !== CR) line++;
      } else if (c === CR) line++;
    }
    if (to > counted) counted = to;
  };
  // The end of an unquoted stretch of a field from `at`: the next comma or row delimiter, or the end.
  const unquotedEnd = (at: number): number => {
    let k = at;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c === COMMA) return k;
      if ((c === LF || c === CR) && eolAt(k) > 0) return k;
    }
    return k;
  };
  while (i < n) {
    const d = eolAt(i);
    if (d > 0) {
      // A line of no characters holds no row.
      i += d;
      continue;
    }
    countTo(i);
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (s.charCodeAt(i) === Q) {
        // A quoted field: up to the quote that is not one of a pair.
        const from = i + 1;
        let j = from;
        let pairs = false;
        for (;;) {
          while (j < n && s.charCodeAt(j) !== Q) j++;
          if (j >= n) {
            countTo(n);
            const c = s.charCodeAt(n - 1);
            onRow({ line: rowLine, unclosed: c === LF || c === CR ? line - 1 : line });
            return eol;
          }
          if (j + 1 < n && s.charCodeAt(j + 1) === Q) {
            pairs = true;
            j += 2;
            continue;
          }
          break;
        }
        value = s.slice(from, j);
        if (pairs) value = value.replaceAll('""', '"');
        i = j + 1;
        const c = s.charCodeAt(i);
        if (i < n && c !== COMMA && !((c === LF || c === CR) && eolAt(i) > 0)) {
          // Text after the closing quote: kept, with the quotes (a NUL after it: without).
          const end = unquotedEnd(i);
          value = c === 0 ? value + s.slice(i, end) : '"' + value + '"' + s.slice(i, end);
          i = end;
        }
      } else {
        const end = unquotedEnd(i);
        value = s.slice(i, end);
        i = end;
      }
      cells.push(value);
      if (i >= n) {
        onRow({ line: rowLine, cells });
        return eol;
      }
      if (s.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      i += eolAt(i);
      onRow({ line: rowLine, cells });
      break;
    }
  }
  return eol;
}
