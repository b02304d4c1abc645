// Where a report goes: standard output, or a file written atomically (a temporary file beside it,
// flushed, then renamed over it), so a failure never leaves half a report in its place.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Io } from "../io.js";
import { write } from "../io.js";

export interface ReportOutput {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  /** Give up: the temporary file goes, the target stays as it was. */
  abort(): void;
}

export function analysisOutput(path: string | undefined, io: Io): ReportOutput {
  if (path === undefined || path === "-") return { write: (t) => write(io.stdout, t), close: async () => {}, abort: () => {} };
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  return {
    async write(text) {
      writeSync(fd, text);
    },
    async close() {
      try {
        fsyncSync(fd);
        closeSync(fd);
        renameSync(tmp, path);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    },
    abort() {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(tmp, { force: true });
    },
  };
}

/** A whole report written at once, atomically when to a file. */
export async function writeReport(path: string | undefined, io: Io, text: string): Promise<void> {
  const out = analysisOutput(path, io);
  await out.write(text);
  await out.close();
}
