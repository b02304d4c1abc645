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
  return path === "-" ? process.stdin : createReadStream(path);
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Batches of raw JSON items, one batch per chunk read. The form is chosen by the first non-blank
 * character: `[` is a JSON array, anything else JSON Lines. Blank lines between JSON Lines hold no
 * record. A UTF-8 byte order mark is dropped.
 */
export async function* rawBatches(input: AsyncIterable<unknown>): AsyncGenerator<RawItem[]> {
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
        yield* head[first] === 0x5b ? arrayBatches(head, rest) : lineBatches(head, rest);
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

/** JSON Lines: split on the newline byte (never part of a multi-byte character), decoded line by line. */
async function* lineBatches(first: Buffer, rest: AsyncIterable<unknown>): AsyncGenerator<RawItem[]> {
  let line = 1;
  let pending: Buffer[] = [];
  const push = (items: RawItem[], bytes: Buffer) => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const body = bytes.subarray(0, end);
    const text = body.toString("utf8");
    if (text.trim()) {
      // A replacement character is either in the input (valid) or stands for bytes that are not UTF-8.
      items.push(text.includes("\ufffd") && !isUtf8(body) ? { line, text, notUtf8: true } : { line, text });
    }
    line++;
  };
  const feed = (chunk: Buffer): RawItem[] => {
    const items: RawItem[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      push(items, pending.length ? Buffer.concat([...pending, piece]) : piece);
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    return items;
  };
  let items = feed(first);
  if (items.length) yield items;
  for await (const chunk of rest) {
    items = feed(toBuffer(chunk));
    if (items.length) yield items;
  }
  if (pending.length) {
    const last: RawItem[] = [];
    push(last, Buffer.concat(pending));
    if (last.length) yield last;
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
