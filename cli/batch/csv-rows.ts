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
 * The rows of `b` — whole rows of UTF-8 from a row start, `line` the line of its first character —
 * in order, to `onRow`. The last row may lack its delimiter (the end of the input). Returns the row
 * delimiter, found in `b` when `eol` is 0. Bytes, not text: every byte that shapes a row is ASCII,
 * and a cell decoded on its own costs less than the whole text decoded and the quote pairs of its
 * JSON cells undone in strings.
 */
export function splitRows(b: Uint8Array, line: number, eol: Eol, onRow: (row: CsvRow) => void): Eol {
  const r = new RowReader(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength), line, eol);
  r.read(onRow);
  return r.eol;
}

/** A quoted cell with quote pairs is copied here without the second quote of each, then decoded. */
let scratch = Buffer.alloc(1 << 16);

/** The state of splitRows (fields, not closures: the loops read them on every byte). */
class RowReader {
  private readonly n: number;
  /** Line breaks are counted from `counted` on, found by indexOf (most rows hold one, their end). */
  private counted: number;
  private nextLf = -2;
  private nextCr = -2;

  constructor(
    private readonly b: Buffer,
    private line: number,
    public eol: Eol,
  ) {
    this.n = b.length;
    // A part starts after a row delimiter: an LF at its start follows a CR only in a file of CR delimiters.
    this.counted = eol === EOL_CR && b[0] === LF ? 1 : 0;
  }

  /** The length of the row delimiter at `at` (outside quotes), or 0; finds the delimiter when not known. */
  private eolAt(at: number): number {
    const b = this.b;
    const c = b[at];
    if (c === LF) {
      if (this.eol === 0) this.eol = EOL_LF;
      return this.eol === EOL_LF ? 1 : 0;
    }
    if (c !== CR) return 0;
    if (this.eol === 0) this.eol = b[at + 1] === LF ? EOL_CRLF : EOL_CR;
    if (this.eol === EOL_CR) return 1;
    return this.eol === EOL_CRLF && b[at + 1] === LF ? 2 : 0;
  }

  private lineAt(to: number): number {
    const b = this.b;
    for (;;) {
      if (this.nextLf !== -1 && this.nextLf < this.counted) this.nextLf = b.indexOf(LF, this.counted);
      if (this.nextCr !== -1 && this.nextCr < this.counted) this.nextCr = b.indexOf(CR, this.counted);
      const lf = this.nextLf;
      const cr = this.nextCr;
      const at = lf === -1 ? cr : cr === -1 ? lf : lf < cr ? lf : cr;
      if (at === -1 || at >= to) return this.line;
      this.line++;
      this.counted = at === cr && b[at + 1] === LF ? at + 2 : at + 1;
    }
  }

  /** The end of an unquoted stretch of a field from `at`: the next comma or row delimiter, or the end. */
  private unquotedEnd(at: number): number {
    const b = this.b;
    const n = this.n;
    let k = at;
    for (; k < n; k++) {
      const c = b[k] as number;
      if (c === COMMA) return k;
      if (c <= CR && (c === LF || c === CR) && this.eolAt(k) > 0) return k;
    }
    return k;
  }

  /** Bytes from…to of a quoted cell, each quote pair as one quote, as text. */
  private unpaired(from: number, to: number): string {
    const b = this.b;
    if (scratch.length < to - from) scratch = Buffer.alloc(to - from);
    const out = scratch;
    let len = 0;
    for (let k = from; k < to; k++) {
      const c = b[k] as number;
      out[len++] = c;
      if (c === Q) k++;
    }
    return out.toString("utf8", 0, len);
  }

  read(onRow: (row: CsvRow) => void): void {
    const b = this.b;
    const n = this.n;
    let i = 0;
    while (i < n) {
      const d = this.eolAt(i);
      if (d > 0) {
        // A line of no characters holds no row.
        i += d;
        continue;
      }
      const rowLine = this.lineAt(i);
      const cells: string[] = [];
      for (;;) {
        let value: string;
        if (b[i] === Q) {
          // A quoted field: up to the quote that is not one of a pair.
          const from = i + 1;
          let j = from;
          let pairs = false;
          for (;;) {
            while (j < n && b[j] !== Q) j++;
            if (j >= n) {
              const last = this.lineAt(n);
              const c = b[n - 1];
              onRow({ line: rowLine, unclosed: c === LF || c === CR ? last - 1 : last });
              return;
            }
            if (j + 1 < n && b[j + 1] === Q) {
              pairs = true;
              j += 2;
              continue;
            }
            break;
          }
          value = pairs ? this.unpaired(from, j) : from === j ? "" : b.toString("utf8", from, j);
          i = j + 1;
          const c = b[i] as number;
          if (i < n && c !== COMMA && !((c === LF || c === CR) && this.eolAt(i) > 0)) {
            // Text after the closing quote: kept, with the quotes (a NUL after it: without).
            const end = this.unquotedEnd(i);
            const rest = b.toString("utf8", i, end);
            value = c === 0 ? value + rest : '"' + value + '"' + rest;
            i = end;
          }
        } else {
          const end = this.unquotedEnd(i);
          value = end === i ? "" : b.toString("utf8", i, end);
          i = end;
        }
        cells.push(value);
        if (i >= n) {
          onRow({ line: rowLine, cells });
          return;
        }
        if (b[i] === COMMA) {
          i++;
          continue;
        }
        i += this.eolAt(i);
        onRow({ line: rowLine, cells });
        break;
      }
    }
  }
}
