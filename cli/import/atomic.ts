// A file written whole or not at all: the text goes to a temporary file beside it, which is
// flushed to disk (fsync) and renamed over the target only when everything was written; a failure
// leaves the original untouched and removes the temporary file.
import { createWriteStream, existsSync, statSync, type WriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export interface AtomicFile {
  stream: WriteStream;
  /** Flush, fsync and rename over the target. */
  commit(): Promise<void>;
  /** Remove the temporary file (the target is left as it was). */
  abort(): Promise<void>;
}

let opened = 0;

export function openAtomic(path: string): AtomicFile {
  // A device or a pipe (/dev/stdout, /dev/null, a FIFO) cannot be replaced by a file: it is written
  // to as it is, and never renamed over (anything under /dev/ counts as one, whatever stat says).
  if (resolve(path).startsWith("/dev/") || (existsSync(path) && !statSync(path).isFile())) {
    const stream = createWriteStream(path, { flags: "a" });
    const end = () => new Promise<void>((resolve, reject) => (stream.once("error", reject), stream.end(() => resolve())));
    return { stream, commit: end, abort: end };
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++opened}.tmp`);
  const stream = createWriteStream(temp);
  return {
    stream,
    async commit() {
      await new Promise<void>((resolve, reject) => {
        stream.once("error", reject);
        stream.end(() => resolve());
      });
      const fh = await open(temp, "r+");
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}
