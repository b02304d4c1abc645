// Output helpers: backpressure-aware writing, so memory stays flat however large the batch, and
// atomic, durable file writes: every command that writes a file writes a temporary file beside it
// (same folder, unique name), fsyncs it, renames it over the target and fsyncs the folder. A
// failure (a full disk, a killed write) leaves the target as it was and removes the temporary file.
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants,
  createWriteStream,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type WriteStream,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { escapeControls } from "../diagnostics/controls.js";

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

/** A file could not be written; the target is unchanged. Exit 2, like an unreadable file. */
export class WriteError extends Error {}

/**
 * Where a write to `path` really goes (a symbolic link is written through, not replaced), and
 * whether it is a regular file or a new one — a device or pipe (`/dev/stdout`) is written in place.
 */
function target(path: string): { file: string; regular: boolean; mode?: number } {
  let file = path;
  try {
    if (lstatSync(path).isSymbolicLink()) file = realpathSync(path);
    const st = statSync(file);
    return { file, regular: st.isFile(), mode: st.mode & 0o7777 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { file, regular: true };
    throw e;
  }
}

/** A temporary name beside `file`, unique to this process and call. */
export function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Makes a rename in `dir` durable (best effort where a folder cannot be opened for fsync). */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function failed(path: string, e: unknown): WriteError {
  const err = e as NodeJS.ErrnoException;
  return new WriteError(`cannot write ${path}: ${err.code ? `${err.code}: ` : ""}${err.message.replace(/^\w+: /, "")}; ${path} is unchanged`);
}

/** Writes `data` to `path` atomically and durably; throws WriteError (the target untouched, no temporary file left) when it cannot. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  let t: ReturnType<typeof target>;
  try {
    t = target(path);
  } catch (e) {
    throw failed(path, e);
  }
  if (!t.regular) {
    try {
      writeFileSync(t.file, data);
    } catch (e) {
      throw failed(path, e);
    }
    return;
  }
  const tmp = tempPath(t.file);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, t.mode ?? 0o666);
    // The file keeps its permissions (the creation mode above is narrowed by the umask).
    if (t.mode !== undefined) fchmodSync(fd, t.mode);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, t.file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already gone
    }
    throw failed(path, e);
  }
  fsyncDir(dirname(t.file));
}

/** A streamed output file: written to a temporary file, put in place by `commit`, removed by `abort`. */
export interface Output {
  stream: Writable;
  commit(): Promise<void>;
  abort(): void;
}

/**
 * Standard output, or `path` written atomically: the results appear under `path` only once all of
 * them are written and synced, so a run that fails half way leaves no half file (and an earlier
 * file by that name as it was).
 */
export function openOutput(path: string | undefined, io: Io): Output {
  if (!path || path === "-") return { stream: io.stdout, commit: async () => undefined, abort: () => undefined };
  let t: ReturnType<typeof target>;
  try {
    t = target(path);
  } catch (e) {
    throw failed(path, e);
  }
  if (!t.regular) {
    const stream = createWriteStream(t.file);
    return { stream, commit: () => end(stream), abort: () => stream.destroy() };
  }
  const tmp = tempPath(t.file);
  const stream = createWriteStream(tmp, { flags: "wx", ...(t.mode !== undefined ? { mode: t.mode } : {}) });
  let done = false;
  const remove = () => {
    try {
      unlinkSync(tmp);
    } catch {
      // not created
    }
  };
  return {
    stream,
    async commit() {
      if (done) return;
      done = true;
      try {
        await end(stream);
        if (t.mode !== undefined) chmodSync(tmp, t.mode);
        const fd = openSync(tmp, constants.O_RDONLY);
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, t.file);
      } catch (e) {
        remove();
        throw failed(path, e);
      }
      fsyncDir(dirname(t.file));
    },
    abort() {
      if (done) return;
      done = true;
      stream.destroy();
      remove();
    },
  };
}

function end(stream: WriteStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    stream.once("error", reject);
    stream.end(() => resolve());
  });
}

export async function write(out: Writable, text: string | Uint8Array): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}

/** One line of text for a person (diagnostics, summaries, lists): control characters from a policy or a record are shown escaped, never run by the terminal. */
export function line(stream: Writable, text: string): void {
  stream.write(escapeControls(text) + "\n");
}
