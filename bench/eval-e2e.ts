// `credit-policy eval` end to end on a generated JSON Lines file: read → parse → validate → grade →
// write JSON Lines, in a child process, timed, with its peak memory (all threads) and its output
// lines counted. `node --import tsx bench/eval-e2e.ts N [extra eval args…]` prints one JSON line.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AS_OF, records } from "./dataset.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface E2EResult {
  records: number;
  args: string[];
  input_mb: number;
  seconds: number;
  per_second: number;
  peak_rss_mb: number;
  output_lines: number;
  exit: number | null;
  summary: string;
}

async function writeInput(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = "";
  for (const r of records(n, 77)) {
    chunk += JSON.stringify(r) + "\n";
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((res) => out.once("drain", res));
      chunk = "";
    }
  }
  await new Promise<void>((res) => out.end(chunk, () => res()));
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) lines++;
  return lines;
}

export async function evalEndToEnd(n: number, extra: string[] = []): Promise<E2EResult> {
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-e2e-"));
  try {
    const input = join(dir, "records.jsonl");
    const output = join(dir, "results.jsonl");
    const rssFile = join(dir, "rss");
    await writeInput(input, n);
    const args = ["eval", "pinglu-fgj", "--input", input, "--as-of", AS_OF, "--output", output, ...extra];
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", join(ROOT, "bench", "rss-at-exit.mjs"), join(ROOT, "dist", "cli", "bin.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, CP_RSS_FILE: rssFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exit = await new Promise<number | null>((res) => child.on("close", res));
    const seconds = (performance.now() - t0) / 1000;
    return {
      records: n,
      args: extra,
      input_mb: Math.round(statSync(input).size / 2 ** 20),
      seconds: Number(seconds.toFixed(2)),
      per_second: Math.round(n / seconds),
      peak_rss_mb: Math.round(Number(readFileSync(rssFile, "utf8")) / 1024),
      output_lines: await countLines(output),
      exit,
      summary: stderr.trim(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await evalEndToEnd(Number(process.argv[2] ?? 1_000_000), process.argv.slice(3))));
}
