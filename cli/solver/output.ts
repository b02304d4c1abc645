// Where explain's lines go: standard output, or a file written atomically through cli/io.ts
// (`openOutput`: a temporary file beside it, fsynced, renamed over it), so a failure never leaves
// half a report in its place and an earlier file by that name stays as it was.
import type { Io } from "../io.js";
import { openOutput, write } from "../io.js";

export interface ReportOutput {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  /** Give up: the temporary file goes, the target stays as it was. */
  abort(): void;
}

export function analysisOutput(path: string | undefined, io: Io): ReportOutput {
  const out = openOutput(path, io);
  return { write: (t) => write(out.stream, t), close: () => out.commit(), abort: () => out.abort() };
}
