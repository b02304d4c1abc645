// The import's EntryStore for files of any size. Texts are written as UTF-8 into blocks of a few
// megabytes: the first blocks, up to a budget, stay in memory (outside the JavaScript heap, so the
// garbage collector never walks them); past the budget each block, once full, is appended to a
// temporary file and read back by offset. The file is unlinked as soon as it is open, so it goes
// away with the process, however the process ends.
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EntryStore } from "../../ingest/index.js";
import { UsageError } from "../load.js";

/** Bytes of UTF-8 text kept in memory before blocks go to a temporary file (a million 双公示 decisions take about 140 MB). */
export const DEFAULT_MEMORY_BYTES = 384 * 2 ** 20;
const BLOCK = 4 * 2 ** 20;

class Int32Column {
  private data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
}

export interface SpillOptions {
  /** Bytes of text kept in memory before spilling (default DEFAULT_MEMORY_BYTES; 0 spills everything). */
  memoryBytes?: number;
  /** Where the temporary file goes (default: the system's, TMPDIR). */
  dir?: string;
  /** The size of a block (default 4 MiB; tests make it small to spill a few rows). */
  blockBytes?: number;
}

export class SpillStore implements EntryStore {
  private readonly memoryBytes: number;
  private readonly dir: string;
  private readonly blockBytes: number;
  private fd: number | undefined;
  /** Blocks by number: a Buffer while in memory (the last one is being filled), undefined once in the file. */
  private readonly blocks: (Buffer | undefined)[] = [];
  /** Where each block written to the file starts in it (by block number; -1 while in memory). */
  private readonly filePosition: number[] = [];
  private fileBytes = 0;
  private inMemory = 0;
  /** The block being filled and how much of it is used. */
  private current: Buffer | undefined;
  private used = 0;
  /** Per handle: block number, offset in the block, byte length. */
  private readonly blockOf = new Int32Column();
  private readonly offsetOf = new Int32Column();
  private readonly lengthOf = new Int32Column();
  private readBuffer = Buffer.allocUnsafe(64 * 1024);

  constructor(options: SpillOptions = {}) {
    this.memoryBytes = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    this.dir = options.dir ?? tmpdir();
    this.blockBytes = options.blockBytes ?? BLOCK;
  }

  /** Whether anything went to the temporary file. */
  get spilled(): boolean {
    return this.fd !== undefined;
  }

  put(text: string): number {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    const most = text.length * 3;
    if (!this.current || most > this.current.length - this.used) {
      const length = Buffer.byteLength(text, "utf8");
      if (!this.current || length > this.current.length - this.used) this.newBlock(Math.max(this.blockBytes, length));
    }
    const block = this.current as Buffer;
    const n = block.write(text, this.used, "utf8");
    const handle = this.blockOf.length;
    this.blockOf.push(this.blocks.length - 1);
    this.offsetOf.push(this.used);
    this.lengthOf.push(n);
    this.used += n;
    return handle;
  }

  get(handle: number): string {
    if (handle < 0 || handle >= this.blockOf.length) throw new RangeError(`no entry ${handle}`);
    const b = this.blockOf.get(handle);
    const offset = this.offsetOf.get(handle);
    const length = this.lengthOf.get(handle);
    const block = this.blocks[b];
    if (block) return block.toString("utf8", offset, offset + length);
    if (this.readBuffer.length < length) this.readBuffer = Buffer.allocUnsafe(Math.max(length, this.readBuffer.length * 2));
    const at = (this.filePosition[b] as number) + offset;
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd as number, this.readBuffer, got, length - got, at + got);
      if (n === 0) throw new Error(`the import's temporary file ended early at byte ${at + got}`);
      got += n;
    }
    return this.readBuffer.toString("utf8", 0, length);
  }

  /** Closes (and so removes) the temporary file; the blocks are let go. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.blocks.length = 0;
    this.current = undefined;
  }

  /** Starts a block; the full one stays in memory within the budget, else goes to the file. */
  private newBlock(size: number): void {
    const full = this.current;
    if (full) {
      const b = this.blocks.length - 1;
      if (this.inMemory + this.used <= this.memoryBytes) {
        // Kept, trimmed to what it holds.
        this.blocks[b] = full.length - this.used > this.blockBytes / 4 ? Buffer.from(full.subarray(0, this.used)) : full;
        this.inMemory += this.used;
      } else {
        this.fd ??= this.open();
        this.filePosition[b] = this.fileBytes;
        this.writeAll(full.subarray(0, this.used));
        this.blocks[b] = undefined;
      }
    }
    this.current = Buffer.allocUnsafe(size);
    this.used = 0;
    this.blocks.push(this.current);
    this.filePosition.push(-1);
  }

  private open(): number {
    let folder: string;
    try {
      folder = mkdtempSync(join(this.dir, "credit-policy-import-"));
    } catch (e) {
      throw new UsageError(`cannot make a temporary folder in ${this.dir} for the import: ${(e as Error).message} (set TMPDIR to a folder with room)`);
    }
    const path = join(folder, "entries");
    const fd = openSync(path, "w+", 0o600);
    unlinkSync(path);
    rmdirSync(folder);
    return fd;
  }

  private writeAll(bytes: Buffer): void {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd as number, bytes, done, bytes.length - done, this.fileBytes + done);
    } catch (e) {
      throw new UsageError(`cannot write the import's temporary file in ${this.dir}: ${(e as Error).message} (set TMPDIR to a folder with room)`);
    }
    this.fileBytes += bytes.length;
  }
}
