// Input records, streamed in batches: JSON Lines, or a JSON array split element by element, in
// memory bounded by the record size limit whatever the input holds. Each item carries its raw
// text and the line it starts on, so a malformed item becomes one error line and the batch goes
// on; a record over the limit is skipped byte by byte, never held, and becomes a CP-R010 line.
// (CSV: batch/csv-input.ts.)
import { createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";
import type { MessageRef } from "../diagnostics/catalogue.js";

/** The default largest record, in bytes of its JSON text (`eval --max-record-bytes`). */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

export interface ReadOptions {
  /** Records longer than this (bytes of JSON text) are refused with CP-R010. */
  maxRecordBytes?: number;
  /** JSON Lines whatever the first character (`--input-format jsonl`). */
  lines?: boolean;
}

export interface RawItem {
  /** 1-based line where the item starts. */
  line: number;
  text: string;
  /** The line's bytes are not UTF-8 (e.g. a GBK file): the text is not the record. */
  notUtf8?: true;
}

/** An input item that holds no gradable record: why, as a catalogue message with its code; the id when it can still be told. */
export interface RefusedItem {
  line: number;
  unreadable: MessageRef;
  code?: "CP-R000" | "CP-R010";
  id?: string | null;
}

/** Input that cannot be read at all: a bad CSV header, a CSV file that is not UTF-8. */
export class InputError extends Error {}

export function openInput(path: string): Readable {
  // Large reads: fewer, bigger batches for the graders.
  return path === "-" ? process.stdin : createReadStream(path, { highWaterMark: 256 * 1024 });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** How much of a record over the limit is kept to tell its id on the error line. */
const ID_HEAD = 64 * 1024;

/** The id of a record we could not parse, if its text shows one: the error line can still name it. */
export function guessId(text: string): string | null {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

/** A record over the size limit, at `line`: `bytes` long (or, `atLeast`, longer than that). */
export function oversized(line: number, bytes: number, max: number, head: Uint8Array, atLeast = false): RefusedItem {
  const id = guessId(Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, ID_HEAD)).toString("utf8"));
  return { line, code: "CP-R010", id, unreadable: { key: atLeast ? "CP-R010/at-least" : "CP-R010", args: [String(line), String(bytes), String(max)] } };
}

/**
 * Batches of raw items; the form is chosen by the first non-blank character: `[` is a JSON array,
 * anything else JSON Lines. A UTF-8 byte order mark at the start is dropped.
 */
export async function* rawBatches(input: AsyncIterable<unknown>, opts: ReadOptions = {}): AsyncGenerator<(RawItem | RefusedItem)[]> {
  for await (const batch of jsonBatches(input, false, opts)) yield batch as (RawItem | RefusedItem)[];
}

/** JSON Lines as chunks of whole lines, undecoded (worker threads split and decode them). */
export interface LineChunk {
  line: number;
  chunk: Uint8Array;
}

type Pull = () => Promise<Buffer | null>;

function toBuffer(chunk: unknown): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}

/**
 * Batches of raw items; with `chunks`, JSON Lines come as one LineChunk per read instead (a JSON
 * array is still split here, element by element).
 *
 * A file that begins with `[` is a JSON array unless the array ends on the first line and more
 * text follows on later lines: then it is JSON Lines whose first line happens to be an array (an
 * error line), and every later line is a record of its own.
 */
export async function* jsonBatches(
  input: AsyncIterable<unknown>,
  chunks: boolean,
  opts: ReadOptions = {},
): AsyncGenerator<(RawItem | LineChunk | RefusedItem)[]> {
  const max = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const iterator = input[Symbol.asyncIterator]();
  const pull: Pull = async () => {
    const next = await iterator.next();
    return next.done ? null : toBuffer(next.value);
  };
  let head: Buffer = Buffer.alloc(0);
  let bomChecked = false;
  // Read until the first non-blank byte decides the form.
  for (;;) {
    const next = await pull();
    if (next) head = head.length ? Buffer.concat([head, next]) : next;
    if (!bomChecked && (head.length >= 3 || !next)) {
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
      bomChecked = true;
    }
    if (bomChecked) {
      const first = head.findIndex((c) => !isSpace(c));
      if (first >= 0) {
        if (head[first] === 0x5b && !opts.lines) {
          const array = new ArrayReader(max);
          let batch = array.feed(head);
          for (;;) {
            if (batch.length) yield batch;
            if (array.linesFrom) break;
            const chunk = await pull();
            if (!chunk) {
              const end = array.end();
              if (end.length) yield end;
              return;
            }
            batch = array.feed(chunk);
          }
          // The first line was a whole array and more lines follow: JSON Lines after all.
          const { line, rest } = array.linesFrom;
          yield [{ line: array.firstLineNo, text: array.firstLine() }];
          yield* lineBatches(rest, pull, line, max, chunks);
          return;
        }
        yield* lineBatches(head, pull, 1, max, chunks);
        return;
      }
    }
    // Only blank input so far; at its end there are no records.
    if (!next) return;
  }
}

async function* lineBatches(first: Buffer, pull: Pull, line: number, max: number, chunks: boolean): AsyncGenerator<(RawItem | LineChunk | RefusedItem)[]> {
  for await (const part of wholeLines(first, pull, line, max)) {
    if ("unreadable" in part) yield [part];
    // A copy of its own for each chunk: it is handed over to a worker thread, not shared.
    else if (chunks) yield [{ line: part.line, chunk: new Uint8Array(part.bytes) }];
    else {
      const items = splitLines(part.bytes, part.line, max);
      if (items.length) yield items;
    }
  }
}

/** JSON whitespace only: a blank line holds no record. NBSP, U+3000 or a BOM are not blank. */
function blank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Code points of a line that holds only Unicode space (U+00A0, U+3000, U+FEFF …), for its error line. */
function onlySpace(text: string): string | null {
  if (!/^[\s\ufeff]+$/u.test(text)) return null;
  return [...new Set([...text].filter((c) => !/[ \t\r]/.test(c)))].map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
}

/**
 * The JSON Lines items of whole lines of bytes, the first being line `line`: one item per line
 * that is not blank (a line of JSON whitespace: space, tab, CR). A byte order mark at the start of
 * a line (files joined with `cat`) is dropped; a line of other Unicode space is an error line, as is
 * a line longer than `max` bytes.
 */
export function splitLines(bytes: Uint8Array, line: number, max = DEFAULT_MAX_RECORD_BYTES): (RawItem | RefusedItem)[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The chunk decoded once and split as text; only a chunk with a replacement character in it
  // (bytes that may not be UTF-8) is split and judged line by line as bytes.
  const all = buf.toString("utf8");
  if (!all.includes("\ufffd")) return splitText(all, line, max);
  const items: (RawItem | RefusedItem)[] = [];
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(0x0a, start);
    if (nl < 0) nl = buf.length;
    let end = nl;
    if (end > start && buf[end - 1] === 0x0d) end--;
    const item = lineItem(buf, start, end, line, max);
    if (item) items.push(item);
    line++;
    start = nl + 1;
  }
  return items;
}

/** The item of one line, bytes start…end of buf (its newline and CR left out); null for a blank line. */
function lineItem(buf: Buffer, start: number, end: number, line: number, max: number): RawItem | RefusedItem | null {
  let from = start;
  if (buf[from] === 0xef && buf[from + 1] === 0xbb && buf[from + 2] === 0xbf && !blank(buf, from + 3, end)) from += 3;
  if (blank(buf, from, end)) return null;
  if (end - from > max) return oversized(line, end - from, max, buf.subarray(from, end));
  const body = buf.subarray(from, end);
  const text = body.toString("utf8");
  const space = onlySpace(text);
  // A replacement character is either in the input (valid) or stands for bytes that are not UTF-8.
  if (space) return { line, unreadable: { key: "CP-R000/no-record", args: [String(line), space] } };
  return text.includes("\ufffd") && !isUtf8(body) ? { line, text, notUtf8: true } : { line, text };
}

function splitText(all: string, line: number, max: number): (RawItem | RefusedItem)[] {
  const items: (RawItem | RefusedItem)[] = [];
  let start = 0;
  while (start < all.length) {
    let nl = all.indexOf("\n", start);
    if (nl < 0) nl = all.length;
    const end = nl > start && all.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
    const text = all.slice(start, end);
    // "{" is how nearly every record starts, and a line of at most max/3 UTF-16 units is at most
    // max bytes: such a line is a record as it is. Any other line is judged as bytes (blank lines,
    // byte order marks, lines of Unicode space, lines over the limit) as splitLines does.
    if (text.charCodeAt(0) === 0x7b && text.length * 3 <= max) items.push({ line, text });
    else {
      const bytes = Buffer.from(text, "utf8");
      const item = lineItem(bytes, 0, bytes.length, line, max);
      if (item) items.push(item);
    }
    line++;
    start = nl + 1;
  }
  return items;
}

function newlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * JSON Lines input in chunks of whole lines (a newline byte is never part of a multi-byte
 * character, so no line is cut), each with the number of its first line. A line that grows past
 * `max` bytes before its newline is not held: its bytes are counted and dropped up to the newline,
 * and it comes out as one CP-R010 item in its place.
 */
async function* wholeLines(first: Buffer, pull: Pull, line: number, max: number): AsyncGenerator<{ line: number; bytes: Buffer } | RefusedItem> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // cr: the last byte counted was a carriage return, which is not the line's if a line feed follows.
  let over: { line: number; bytes: number; head: Buffer; cr: boolean } | null = null;
  for (let chunk: Buffer | null = first; chunk; chunk = await pull()) {
    let pos = 0;
    if (over) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        over.bytes += chunk.length;
        over.cr = chunk[chunk.length - 1] === 0x0d;
        continue;
      }
      over.bytes += nl - ((nl > 0 ? chunk[nl - 1] === 0x0d : over.cr) ? 1 : 0);
      yield oversized(over.line, over.bytes, max, over.head);
      line = over.line + 1;
      over = null;
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last < pos) {
      if (pos < chunk.length) {
        pending.push(chunk.subarray(pos));
        pendingBytes += chunk.length - pos;
      }
      // A last byte past the limit may be the CR of a CR LF, not the line's: wait for the next.
      const cr = chunk[chunk.length - 1] === 0x0d;
      if (pendingBytes > max + (cr ? 1 : 0)) {
        // The line so far is all pending holds: keep its start for the id, drop the rest.
        const joined = Buffer.concat(pending);
        over = { line, bytes: pendingBytes, head: Buffer.from(joined.subarray(0, ID_HEAD)), cr };
        pending = [];
        pendingBytes = 0;
      }
      continue;
    }
    const tail = chunk.subarray(pos, last + 1);
    const whole = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    pendingBytes = chunk.length - (last + 1);
    yield { line, bytes: whole };
    line += newlines(whole);
  }
  if (over) yield oversized(over.line, over.bytes, max, over.head);
  else if (pending.length) yield { line, bytes: Buffer.concat(pending) };
}

// Reader states: before the opening bracket, waiting for an element, inside one, after the closing bracket.
const OPEN = 0;
const EXPECT = 1;
const ELEMENT = 2;
const CLOSED = 3;
/** Bracket kinds are remembered this deep (for recovery after a mismatched closer); deeper, only counted. */
const KIND_DEPTH = 1 << 20;

/**
 * A JSON array split into its elements, byte by byte: strings tracked (a raw newline inside one
 * does not end it), brackets counted, each element's bytes kept as slices of the input chunks and
 * decoded once it ends — or, past the size limit, only counted. Elements of the first line are
 * held back until the form is certain (see jsonBatches).
 */
class ArrayReader {
  private state = OPEN;
  private line = 1;
  private inString = false;
  private escaped = false;
  private depth = 0;
  private kinds = new Uint8Array(64);
  private parts: Buffer[] = [];
  private size = 0;
  private over: Buffer | null = null;
  private elementLine = 1;
  private afterComma = false;
  private trailing: number | null = null;
  // While the array's first line lasts: its bytes and elements, held back.
  private onFirstLine = false;
  private firstStart = -1;
  firstLineNo = 1;
  private firstBytes: Buffer[] = [];
  private firstSize = 0;
  private held: (RawItem | RefusedItem)[] | null = [];
  /** Set when the input turned out to be JSON Lines: where its second record line begins. */
  linesFrom: { line: number; rest: Buffer } | null = null;

  constructor(private readonly max: number) {}

  firstLine(): string {
    let bytes = Buffer.concat(this.firstBytes);
    let end = bytes.length;
    while (end > 0 && isSpace(bytes[end - 1] as number)) end--;
    bytes = bytes.subarray(0, end);
    return bytes.toString("utf8");
  }

  feed(chunk: Buffer): (RawItem | RefusedItem)[] {
    const out: (RawItem | RefusedItem)[] = [];
    const emit = (item: RawItem | RefusedItem) => {
      if (this.held) {
        this.held.push(item);
        this.firstSize += "text" in item ? item.text.length : 0;
      } else out.push(item);
    };
    let segStart = this.state === ELEMENT ? 0 : -1;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk[i] as number;
      if (c === 0x0a) {
        this.line++;
        if (this.onFirstLine) this.endFirstLine(chunk, i, out);
      }
      if (this.state === ELEMENT) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 0x5c) this.escaped = true;
          else if (c === 0x22) this.inString = false;
          continue;
        }
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) {
          if (this.depth < KIND_DEPTH) {
            if (this.depth >= this.kinds.length) {
              const grown = new Uint8Array(this.kinds.length * 2);
              grown.set(this.kinds);
              this.kinds = grown;
            }
            this.kinds[this.depth] = c;
          }
          this.depth++;
        } else if (c === 0x7d || c === 0x5d) {
          if (this.depth > 0) {
            // A closer that does not match its opener (a malformed element) closes back to its
            // own kind, so the elements after a broken one are still found.
            const opener = c === 0x7d ? 0x7b : 0x5b;
            let at = Math.min(this.depth, KIND_DEPTH) - 1;
            while (at >= 0 && this.kinds[at] !== opener) at--;
            this.depth = this.depth > KIND_DEPTH ? this.depth - 1 : at >= 0 ? at : 0;
          } else if (c === 0x5d) {
            this.endElement(chunk, segStart, i, emit);
            this.state = CLOSED;
          }
        } else if (c === 0x2c && this.depth === 0) {
          this.endElement(chunk, segStart, i, emit);
          this.state = EXPECT;
          this.afterComma = true;
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.state === OPEN) {
        // The caller checked that the first non-blank byte is `[`.
        this.state = EXPECT;
        this.onFirstLine = true;
        this.firstStart = i;
        this.firstLineNo = this.line;
      } else if (this.state === EXPECT) {
        if (c === 0x2c || (c === 0x5d && this.afterComma)) {
          // `[a,,b]` or `[a,]`: a hole where an element should be.
          emit({ line: this.line, unreadable: { key: "CP-R000/empty-element", args: [String(this.line)] } });
          if (c === 0x5d) this.state = CLOSED;
          else this.afterComma = true;
        } else if (c === 0x5d) this.state = CLOSED;
        else {
          this.state = ELEMENT;
          this.elementLine = this.line;
          this.parts = [];
          this.size = 0;
          this.over = null;
          this.depth = 0;
          this.afterComma = false;
          segStart = i;
          i--; // read this byte again as the element's first
        }
      } else if (this.state === CLOSED) {
        if (!this.onFirstLine && this.held) {
          // The array ended on the first line and a later line holds more: JSON Lines.
          const lineStart = chunk.lastIndexOf(0x0a, i) + 1;
          this.linesFrom = { line: this.line, rest: chunk.subarray(lineStart) };
          this.held = null;
          return [];
        }
        this.trailing ??= this.line;
      }
    }
    if (this.state === ELEMENT && segStart >= 0) this.keep(chunk.subarray(segStart));
    if (this.onFirstLine) {
      this.firstBytes.push(chunk.subarray(Math.max(this.firstStart, 0)));
      this.firstStart = 0;
      this.firstSize += chunk.length;
      // A first line this long is no single JSON Lines record: the array it opens is the input.
      if (this.firstSize > this.max) this.release(out);
    }
    return out;
  }

  /** The first newline: unless the array already ended on that line, the input is an array. */
  private endFirstLine(chunk: Buffer, at: number, out: (RawItem | RefusedItem)[]): void {
    this.onFirstLine = false;
    this.firstBytes.push(chunk.subarray(Math.max(this.firstStart, 0), at));
    if (this.state !== CLOSED) this.release(out);
  }

  private release(out: (RawItem | RefusedItem)[]): void {
    this.onFirstLine = false;
    this.firstBytes = [];
    if (this.held) out.push(...this.held);
    this.held = null;
  }

  private keep(bytes: Buffer): void {
    this.size += bytes.length;
    if (this.over) return;
    if (this.size > this.max) {
      this.over = Buffer.from(Buffer.concat([...this.parts, bytes]).subarray(0, ID_HEAD));
      this.parts = [];
    } else this.parts.push(bytes);
  }

  private endElement(chunk: Buffer, segStart: number, end: number, emit: (item: RawItem | RefusedItem) => void): void {
    if (segStart >= 0) this.keep(chunk.subarray(segStart, end));
    if (this.over) {
      emit(oversized(this.elementLine, this.size, this.max, this.over));
      this.over = null;
      return;
    }
    let body = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    let e = body.length;
    while (e > 0 && isSpace(body[e - 1] as number)) e--;
    body = body.subarray(0, e);
    if (body.length > this.max) {
      emit(oversized(this.elementLine, body.length, this.max, body));
      return;
    }
    const text = body.toString("utf8");
    emit(text.includes("\ufffd") && !isUtf8(body) ? { line: this.elementLine, text, notUtf8: true } : { line: this.elementLine, text });
  }

  /** At the end of the input: an element cut off, text after the array, and what the first line held back. */
  end(): (RawItem | RefusedItem)[] {
    const out: (RawItem | RefusedItem)[] = [];
    if (this.held) this.release(out);
    if (this.state === ELEMENT) this.endElement(Buffer.alloc(0), -1, 0, (item) => out.push(item));
    else if (this.state === OPEN) out.push({ line: this.line, text: "[" });
    if (this.trailing !== null) out.push({ line: this.trailing, unreadable: { key: "CP-R000/after-array", args: [String(this.trailing)] } });
    return out;
  }
}

/** Items one by one (tests, small inputs). */
export async function* rawItems(input: AsyncIterable<unknown>, opts: ReadOptions = {}): AsyncGenerator<RawItem | RefusedItem> {
  for await (const batch of rawBatches(input, opts)) yield* batch;
}
