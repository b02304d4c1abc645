// Input records, streamed: JSON Lines, or a JSON array split element by element without holding
// the whole input. Each item carries its raw text and where it started, so a malformed item
// becomes one error line and the batch goes on.
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";

export interface RawItem {
  /** 1-based line where the item starts. */
  line: number;
  text: string;
}

export function openInput(path: string): Readable {
  return path === "-" ? process.stdin : createReadStream(path);
}

/**
 * Yields items as raw JSON texts. The form is chosen by the first non-blank character: `[` is a
 * JSON array, anything else JSON Lines. Blank lines between JSON Lines hold no record.
 */
export async function* rawItems(input: Readable): AsyncGenerator<RawItem> {
  const decoder = new TextDecoder("utf-8");
  let mode: "unknown" | "lines" | "array" = "unknown";
  let buf = "";
  let line = 1;
  // Array-splitting state: the open brackets inside the current element. A closer that does
  // not match its opener (a malformed element) closes back to its own kind, so the elements
  // after a broken one are still found.
  let stack: string[] = [];
  let opened = false;
  let inString = false;
  let escaped = false;
  let item = "";
  let itemLine = 1;
  let arrayClosed = false;
  let first = true;

  const feedArray = function* (chunk: string): Generator<RawItem> {
    for (const ch of chunk) {
      if (ch === "\n") line++;
      if (arrayClosed) {
        if (!/\s/.test(ch)) item += ch;
        continue;
      }
      if (inString) {
        item += ch;
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"' || ch === "\n") inString = false;
        continue;
      }
      if (!opened) {
        if (ch === "[") opened = true;
        continue;
      }
      if (stack.length === 0 && (ch === "," || ch === "]")) {
        if (item.trim()) yield { line: itemLine, text: item.trim() };
        item = "";
        if (ch === "]") arrayClosed = true;
        continue;
      }
      if (!item.trim() && /\s/.test(ch)) continue;
      if (!item) itemLine = line;
      item += ch;
      if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") stack.push(ch);
      else if (ch === "}" || ch === "]") {
        const opener = ch === "}" ? "{" : "[";
        const at = stack.lastIndexOf(opener);
        stack = at >= 0 ? stack.slice(0, at) : [];
      }
    }
  };

  for await (const chunk of input) {
    let text = decoder.decode(chunk as Uint8Array, { stream: true });
    if (first && text) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (mode === "unknown") {
      buf += text;
      const m = /\S/.exec(buf);
      if (!m) continue;
      mode = m[0] === "[" ? "array" : "lines";
      text = buf;
      buf = "";
    }
    if (mode === "array") {
      yield* feedArray(text);
      continue;
    }
    buf += text;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const l = buf.slice(0, nl).replace(/\r$/, "");
      buf = buf.slice(nl + 1);
      if (l.trim()) yield { line, text: l };
      line++;
    }
  }
  const rest = decoder.decode();
  if (mode === "array") {
    yield* feedArray(rest);
    if (!arrayClosed && (item.trim() || stack.length > 0 || !opened)) yield { line: itemLine, text: item.trim() || "[" };
    else if (arrayClosed && item.trim()) yield { line, text: item.trim() };
  } else {
    buf += rest;
    if (buf.replace(/\r$/, "").trim()) yield { line, text: buf.replace(/\r$/, "") };
  }
}
