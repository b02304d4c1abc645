// Output helpers: backpressure-aware writing, so memory stays flat however large the batch.
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

export function openOutput(path: string | undefined, io: Io): Writable {
  return path && path !== "-" ? createWriteStream(path) : io.stdout;
}

export async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}

export async function close(out: Writable, io: Io): Promise<void> {
  if (out === io.stdout || out === io.stderr) return;
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(() => resolve());
  });
}

export function line(stream: Writable, text: string): void {
  stream.write(text + "\n");
}
