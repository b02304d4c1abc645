// CSV input cut into parts of whole rows on the main thread, byte by byte and without decoding:
// quotes tracked as csv-rows.ts reads them (a quote opens a field only at its start, `""` inside
// one is a quote, a quoted field may hold line breaks), row ends found by the file's row delimiter
// (its first line break outside quotes: CRLF, LF or CR). The rows themselves are split where they
// are graded (csv-rows.ts). A row over the size limit is not held: its bytes are counted up to
// its end and it becomes one CP-R010 item in its place. Byte order marks at the start are dropped;
// a part that is not UTF-8 stops the reading (InputError), as a CSV file must be UTF-8.
import { isUtf8 } from "node:buffer";
import { InputError, type RefusedItem } from "../record-stream.js";
import { EOL_CR, EOL_CRLF, EOL_LF, type Eol } from "./csv-rows.js";

const Q = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Whole rows of the input, undecoded; `line` is the line of the first. */
export interface CsvPart {
  line: number;
  bytes: Buffer;
  eol: Eol;
}

export class CsvScanner {
  private eol: Eol = 0;
  private inQuotes = false;
  /** In quotes, the last byte was a quote: the next one tells a pair from the closing quote. */
  private quoteSeen = false;
  private fieldStart = true;
  /** The last byte read was a CR. */
  private lastCR = false;
  /** Eol not known yet and a CR just read outside quotes: CRLF or CR, by the next byte. */
  private crPending = false;
  private line = 1;
  /** Absolute offsets: of the input read so far, the current row's start, the first byte not yet handed on. */
  private base = 0;
  private rowStart = 0;
  private rowLine = 1;
  private cut = 0;
  private cutLine = 1;
  /** Bytes from `pendingStart` on held from earlier chunks (the current row so far). */
  private pending: Buffer[] = [];
  private pendingStart = 0;
  /** The current row passed the limit: its bytes are no longer held. */
  private over = false;
  private headerSeen = false;
  private bomBytes: Buffer | null = Buffer.alloc(0);

  constructor(private readonly max: number) {}

  feed(input: Buffer): (CsvPart | RefusedItem)[] {
    if (!this.bomBytes) return this.scan(input, false);
    // Up to two byte order marks at the start are dropped (the decoder dropped one, csv-parse another).
    const head = this.bomBytes.length ? Buffer.concat([this.bomBytes, input]) : input;
    if (head.length < 6 && isBomPrefix(head)) {
      this.bomBytes = head;
      return [];
    }
    return this.scan(this.afterBoms(head), false);
  }

  end(): (CsvPart | RefusedItem)[] {
    return this.scan(this.bomBytes ? this.afterBoms(this.bomBytes) : Buffer.alloc(0), true);
  }

  private afterBoms(head: Buffer): Buffer {
    this.bomBytes = null;
    let skip = 0;
    while (skip < 6 && head[skip] === 0xef && head[skip + 1] === 0xbb && head[skip + 2] === 0xbf) skip += 3;
    this.base = skip;
    this.rowStart = this.cut = this.pendingStart = skip;
    return head.subarray(skip);
  }

  private scan(chunk: Buffer, last: boolean): (CsvPart | RefusedItem)[] {
    const out: (CsvPart | RefusedItem)[] = [];
    const base = this.base;
    const n = chunk.length;
    let { inQuotes, quoteSeen, fieldStart, line, crPending } = this;
    const lastCR = this.lastCR;
    // Line breaks: every LF but one right after a CR, every CR.
    for (let i = 0; i < n; i++) {
      let c = chunk[i] as number;
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === Q) continue;
          // The quote before closed the field; this byte is read outside quotes.
          inQuotes = false;
          fieldStart = false;
        } else {
          while (c !== Q) {
            if (c <= CR) {
              if (c === LF) {
                if (i > 0 ? chunk[i - 1] !== CR : !lastCR) line++;
              } else if (c === CR) line++;
            }
            if (++i === n) break;
            c = chunk[i] as number;
          }
          if (i === n) break;
          // A pair is a quote; a quote alone closes the field (the next byte is read outside quotes).
          if (i + 1 === n) quoteSeen = true;
          else if (chunk[i + 1] === Q) i++;
          else {
            inQuotes = false;
            fieldStart = false;
          }
          continue;
        }
      }
      // Most bytes outside quotes are text (everything above the comma).
      if (c > COMMA) {
        if (crPending) crPending = this.endCr(i, c, base, chunk, out, line);
        fieldStart = false;
        continue;
      }
      if (c === LF) {
        if (i > 0 ? chunk[i - 1] !== CR : !lastCR) line++;
      } else if (c === CR) line++;
      if (crPending) {
        crPending = false;
        if (c === LF) {
          this.eol = EOL_CRLF;
          this.line = line;
          this.endRow(i, base, chunk, out);
          fieldStart = true;
          continue;
        }
        this.endCr(i, c, base, chunk, out, line);
        fieldStart = true;
      }
      if (c === Q) {
        if (fieldStart) inQuotes = true;
        fieldStart = false;
      } else if (c === COMMA) fieldStart = true;
      else if (c === LF && (this.eol === EOL_LF || this.eol === 0 || (this.eol === EOL_CRLF && (i > 0 ? chunk[i - 1] === CR : lastCR)))) {
        if (this.eol === 0) this.eol = EOL_LF;
        this.line = line;
        this.endRow(i, base, chunk, out);
        fieldStart = true;
      } else if (c === CR && this.eol === EOL_CR) {
        this.line = line;
        this.endRow(i, base, chunk, out);
        fieldStart = true;
      } else if (c === CR && this.eol === 0) {
        crPending = true;
        fieldStart = false;
      } else fieldStart = false;
    }
    Object.assign(this, { inQuotes, quoteSeen, fieldStart, line, crPending });
    if (n > 0) this.lastCR = chunk[n - 1] === CR;
    const end = base + n;
    this.base = end;
    if (last) {
      if (this.crPending) {
        this.crPending = false;
        this.eol = EOL_CR;
        this.endRow(end - 1, base, chunk, out);
      }
      if (this.rowStart < end) {
        if (this.over || end - this.rowStart > this.max) this.refuse(end - this.rowStart, end, out);
        else {
          this.headerOk(end - this.rowStart);
          this.flush(end, base, chunk, out);
        }
      }
      return out;
    }
    // Whole rows go on; the row under way is held (or, past the limit, only counted).
    this.flush(this.rowStart, base, chunk, out);
    if (!this.over) {
      if (end - this.rowStart > this.max) {
        this.headerOk(end - this.rowStart);
        this.over = true;
        this.pending = [];
      } else {
        const from = Math.max(this.rowStart, base) - base;
        if (this.rowStart < base) this.pending.push(chunk.subarray(from));
        else {
          this.pending = from < n ? [chunk.subarray(from)] : [];
          this.pendingStart = this.rowStart;
        }
      }
    }
    return out;
  }

  /** Eol was not known, a CR came before byte i (not an LF): the file's rows end with CR, and that CR ended the row. */
  private endCr(i: number, c: number, base: number, chunk: Buffer, out: (CsvPart | RefusedItem)[], line: number): false {
    this.eol = EOL_CR;
    this.line = line - (c === CR ? 1 : 0);
    this.endRow(i - 1, base, chunk, out);
    return false;
  }

  /** The row under way ends with the delimiter byte at absolute offset base + i. */
  private endRow(i: number, base: number, chunk: Buffer, out: (CsvPart | RefusedItem)[]): void {
    const at = base + i;
    // The size: the row's bytes up to its last delimiter byte (a CRLF's CR counted, as before).
    const size = at - this.rowStart;
    if (this.over || size > this.max) {
      this.flush(this.rowStart, base, chunk, out);
      this.refuse(size, at + 1, out);
    } else if (size > 0 && !(this.eol === EOL_CRLF && size === 1)) this.headerOk(size);
    this.rowStart = at + 1;
    this.rowLine = this.line;
  }

  /** The header row (the first row that is not empty) must be within the limit: it names every column. */
  private headerOk(size: number): void {
    if (this.headerSeen) return;
    this.headerSeen = true;
    if (size > this.max) throw new InputError(`the header row is longer than ${this.max} bytes (--max-record-bytes)`);
  }

  private refuse(bytes: number, next: number, out: (CsvPart | RefusedItem)[]): void {
    if (!this.headerSeen) this.headerOk(bytes);
    const line = this.rowLine;
    out.push({ line, code: "CP-R010", id: null, unreadable: { key: "CP-R010", args: [String(line), String(bytes), String(this.max)] } });
    this.over = false;
    this.pending = [];
    this.cut = this.pendingStart = next;
    this.cutLine = this.line;
  }

  /** Hands on the bytes from `cut` up to absolute offset `to` (whole rows) as one part. */
  private flush(to: number, base: number, chunk: Buffer, out: (CsvPart | RefusedItem)[]): void {
    if (to <= this.cut) return;
    let bytes: Buffer;
    if (this.cut >= base) bytes = chunk.subarray(this.cut - base, to - base);
    else {
      const held = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
      const fromHeld = held.subarray(this.cut - this.pendingStart);
      bytes = to > base ? Buffer.concat([fromHeld, chunk.subarray(0, to - base)]) : fromHeld.subarray(0, to - this.cut);
    }
    if (!isUtf8(bytes)) throw new InputError(`not UTF-8 text (after byte ${this.cut + firstBadLine(bytes)}); save it as UTF-8 (in Excel: "CSV UTF-8")`);
    out.push({ line: this.cutLine, bytes, eol: this.eol });
    this.cut = to;
    this.cutLine = this.rowLine;
    this.pending = [];
    this.pendingStart = to;
  }
}

const BOMS = [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf];
/** The bytes so far could still be the start of two byte order marks. */
function isBomPrefix(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== BOMS[i]) return false;
  return true;
}

/** Where the line holding the first byte that is not UTF-8 starts (a newline is never inside a character). */
function firstBadLine(bytes: Buffer): number {
  let start = 0;
  while (start < bytes.length) {
    let nl = bytes.indexOf(LF, start);
    if (nl < 0) nl = bytes.length - 1;
    if (!isUtf8(bytes.subarray(start, nl + 1))) return start;
    start = nl + 1;
  }
  return 0;
}
