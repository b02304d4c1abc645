// Where the import keeps what it has read until the records can be written. Records are sorted by
// subject and a subject's rows may be anywhere in the input, so every decision, list entry and
// status change is kept until the end; a million rows would be over a gigabyte as objects. Each is
// kept instead as one line of text in an EntryStore, known by a number: in memory here (small
// imports, the browser), or in a temporary file (cli/import/spill.ts), so that what stays in memory
// is a few numbers per entry, whatever the size of the input. No Node APIs.
import { own } from "./text.js";

/** Texts kept by number until the records are written. */
export interface EntryStore {
  /** Keeps `text`; returns the number it is read back by. */
  put(text: string): number;
  /** The text kept under `handle`. */
  get(handle: number): string;
}

/** An EntryStore holding its texts in memory. */
export class MemoryStore implements EntryStore {
  private readonly texts: string[] = [];
  put(text: string): number {
    return this.texts.push(text) - 1;
  }
  get(handle: number): string {
    const text = this.texts[handle];
    if (text === undefined) throw new RangeError(`no entry ${handle}`);
    return text;
  }
}

/** A growable column of 32-bit integers (one slot per entry: 4 bytes, where an object costs a hundred). */
export class IntColumn {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

/**
 * A 32-bit hash of a string (FNV-1a over UTF-16 code units, then murmur3's finaliser); `seed`
 * gives independent hashes. Used to find candidates only: a match is always confirmed on the text.
 */
export function hashText(text: string, seed: number, h = 0x811c9dc5 ^ seed): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Texts many entries share (violation types, column headers: a few hundred distinct in a million
 * rows), each kept once and written as its number. Past MAX_WORDS distinct texts (a column that is
 * free text after all) a new text is written as itself, so memory stays bounded.
 */
export class Words {
  static readonly MAX_WORDS = 50_000;
  private readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();

  encode(text: string): number | string {
    const n = this.numbers.get(text);
    if (n !== undefined) return n;
    if (this.texts.length >= Words.MAX_WORDS) return text;
    const kept = own(text);
    this.numbers.set(kept, this.texts.length);
    return this.texts.push(kept) - 1;
  }

  decode(x: number | string): string {
    return typeof x === "string" ? x : (this.texts[x] as string);
  }
}
