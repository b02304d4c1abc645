// Input records, streamed in batches: JSON Lines, or a JSON array split element by element, without
// holding the whole input. Each item carries its raw text and the line it starts on, so a
// malformed item becomes one error line and the batch goes on. (CSV: csv-input.ts.)
import { createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";

export interface RawItem {
  /** 1-based line where the item starts. */
  line: number;
  text: string;
  /** The line's bytes are not UTF-8 (e.g. a GBK file): the text is not the record. */
  notUtf8?: true;
}

/** Input that cannot be read at all: not UTF-8 where it cannot be split into lines (JSON arrays, CSV), a bad CSV header. */
export class InputError extends Error {}

export function openInput(path: string): Readable {
  // Large reads: fewer, bigger batches for the graders.
  return path === "-" ? process.stdin : createReadStream(path, { highWaterMark: 256 * 1024 });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Batches of raw JSON items, one batch per chunk read. The form is chosen by the first non-blank
 * character: `[` is a JSON array, anything else JSON Lines. Blank lines between JSON Lines hold no
 * record. A UTF-8 byte order mark is dropped.
 */
export async function* rawBatches(input: AsyncIterable<unknown>): AsyncGenerator<RawItem[]> {
  for await (const batch of jsonBatches(input, false)) yield batch as RawItem[];
}

/** JSON Lines as chunks of whole lines, undecoded (worker threads split and decode them). */
export interface LineChunk {
  line: number;
  chunk: Uint8Array;
}

/**
 * Batches of raw items; with `chunks`, JSON Lines come as one LineChunk per read instead (a JSON
 * array is still split here, element by element).
 */
export async function* jsonBatches(input: AsyncIterable<unknown>, chunks: boolean): AsyncGenerator<(RawItem | LineChunk)[]> {
  let head: Buffer = Buffer.alloc(0);
  let bomChecked = false;
  const iterator = input[Symbol.asyncIterator]();
  const rest = { [Symbol.asyncIterator]: () => iterator };
  // Read until the first non-blank byte decides the form.
  for (;;) {
    const next = await iterator.next();
    if (!next.done) head = Buffer.concat([head, toBuffer(next.value)]);
    if (!bomChecked && (head.length >= 3 || next.done)) {
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
      bomChecked = true;
    }
    if (bomChecked) {
      const first = head.findIndex((c) => !isSpace(c));
      if (first >= 0) {
        if (head[first] === 0x5b) yield* arrayBatches(head, rest);
        else if (!chunks) yield* lineBatches(head, rest);
        // A copy of its own for each chunk: it is handed over to a worker thread, not shared.
        else for await (const { line, bytes } of wholeLines(head, rest)) yield [{ line, chunk: new Uint8Array(bytes) }];
        return;
      }
    }
    // Only blank input so far; at its end there are no records.
    if (next.done) return;
  }
}

function toBuffer(chunk: unknown): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}

/** The JSON Lines items of whole lines of bytes, the first being line `line`; blank lines hold none. */
export function splitLines(bytes: Uint8Array, line: number): RawItem[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The chunk decoded once and split as text; only a chunk with a replacement character in it
  // (bytes that may not be UTF-8) is split and judged line by line.
  const all = buf.toString("utf8");
  if (!all.includes("\ufffd")) return splitText(all, line);
  const items: RawItem[] = [];
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(0x0a, start);
    if (nl < 0) nl = buf.length;
    let end = nl;
    if (end > start && buf[end - 1] === 0x0d) end--;
    const body = buf.subarray(start, end);
    const text = body.toString("utf8");
    if (text.trim()) {
      // A replacement character is either in the input (valid) or stands for bytes that are not UTF-8.
      items.push(text.includes("\ufffd") && !isUtf8(body) ? { line, text, notUtf8: true } : { line, text });
    }
    line++;
    start = nl + 1;
  }
  return items;
}

function splitText(all: string, line: number): RawItem[] {
  const items: RawItem[] = [];
  let start = 0;
  while (start < all.length) {
    let nl = all.indexOf("\n", start);
    if (nl < 0) nl = all.length;
    const end = nl > start && all.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
    const text = all.slice(start, end);
    // "{" is how nearly every record starts: no need to look for a blank line then.
    if (text.charCodeAt(0) === 0x7b || text.trim()) items.push({ line, text });
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
 * character, so no line is cut), each with the number of its first line.
 */
async function* wholeLines(first: Buffer, rest: AsyncIterable<unknown>): AsyncGenerator<{ line: number; bytes: Buffer }> {
  let line = 1;
  let pending: Buffer[] = [];
  const cut = (chunk: Buffer): Buffer | null => {
    const last = chunk.lastIndexOf(0x0a);
    if (last < 0) {
      pending.push(chunk);
      return null;
    }
    const head = chunk.subarray(0, last + 1);
    const whole = pending.length ? Buffer.concat([...pending, head]) : head;
    pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    return whole;
  };
  for (const chunk of [first]) {
    const whole = cut(chunk);
    if (whole) {
      yield { line, bytes: whole };
      line += newlines(whole);
    }
  }
  for await (const chunk of rest) {
    const whole = cut(toBuffer(chunk));
    if (whole) {
      yield { line, bytes: whole };
      line += newlines(whole);
    }
  }
  if (pending.length) yield { line, bytes: Buffer.concat(pending) };
}

async function* lineBatches(first: Buffer, rest: AsyncIterable<unknown>): AsyncGenerator<RawItem[]> {
  for await (const { line, bytes } of wholeLines(first, rest)) {
    const items = splitLines(bytes, line);
    if (items.length) yield items;
  }
}

/** A JSON array, split element by element by tracking strings and brackets. */
async function* arrayBatches(first: Buffer, rest: AsyncIterable<unknown>): AsyncGenerator<RawItem[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let bytesBefore = 0;
  // The open brackets inside the current element. A closer that does not match its opener (a
  // malformed element) closes back to its own kind, so the elements after a broken one are still found.
  let stack: string[] = [];
  let opened = false;
  let inString = false;
  let escaped = false;
  let item = "";
  let itemLine = 1;
  let arrayClosed = false;
  let trailing = "";

  const feed = (chunk: string): RawItem[] => {
    const out: RawItem[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      const code = chunk.charCodeAt(i);
      if (code === 0x0a) line++;
      const space = code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
      if (arrayClosed) {
        if (!space) trailing += ch;
        continue;
      }
      if (inString) {
        item += ch;
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"' || code === 0x0a) inString = false;
        continue;
      }
      if (!opened) {
        if (ch === "[") opened = true;
        continue;
      }
      if (stack.length === 0 && (ch === "," || ch === "]")) {
        const t = item.trim();
        if (t) out.push({ line: itemLine, text: t });
        item = "";
        if (ch === "]") arrayClosed = true;
        continue;
      }
      if (item.length === 0 && space) continue;
      if (item.length === 0) itemLine = line;
      item += ch;
      if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") stack.push(ch);
      else if (ch === "}" || ch === "]") {
        const at = stack.lastIndexOf(ch === "}" ? "{" : "[");
        stack = at >= 0 ? stack.slice(0, at) : [];
      }
    }
    return out;
  };
  const decode = (chunk: Buffer, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new InputError(`not UTF-8 text (after byte ${bytesBefore}); save the file as UTF-8`);
    } finally {
      bytesBefore += chunk.length;
    }
  };
  let items = feed(decode(first, true));
  if (items.length) yield items;
  for await (const chunk of rest) {
    items = feed(decode(toBuffer(chunk), true));
    if (items.length) yield items;
  }
  const end = feed(decode(Buffer.alloc(0), false));
  if (!arrayClosed && (item.trim() || stack.length > 0 || !opened)) end.push({ line: itemLine, text: item.trim() || "[" });
  else if (arrayClosed && trailing) end.push({ line, text: trailing });
  if (end.length) yield end;
}

/** Items one by one (tests, small inputs). */
export async function* rawItems(input: AsyncIterable<unknown>): AsyncGenerator<RawItem> {
  for await (const batch of rawBatches(input)) yield* batch;
}
