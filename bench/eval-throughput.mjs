// Benchmark: `credit-policy eval` end to end (read JSON Lines → parse → validate → grade → write),
// in this process, on N records made by cycling examples/records.jsonl. Prints records/s and peak
// memory, so that runs at two sizes show whether memory depends on input size.
// Usage: node bench/eval-throughput.mjs [N] [policy]   (after `npm run build`)
import { createWriteStream, readFileSync, rmSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { register } from "node:module";

register("../dist/runtime/cli/fast-chevrotain.js", import.meta.url);
const { main } = await import("../dist/runtime/cli/main.js");

const n = Number(process.argv[2] ?? 200000);
const policy = process.argv[3] ?? "pinglu-fgj";
const examples = readFileSync(new URL("../examples/records.jsonl", import.meta.url), "utf8").split("\n").filter(Boolean);
const input = join(tmpdir(), `credit-policy-bench-${process.pid}.jsonl`);
const out = createWriteStream(input);
for (let i = 0; i < n; i++) {
  const rec = JSON.parse(examples[i % examples.length]);
  rec.id = `${rec.id}-${i}`;
  if (!out.write(JSON.stringify(rec) + "\n")) await new Promise((r) => out.once("drain", r));
}
await new Promise((r) => out.end(r));

let lines = 0;
const sink = new Writable({
  write(chunk, _enc, cb) {
    for (const b of chunk) if (b === 10) lines++;
    cb();
  },
});
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const code = await main(["eval", policy, "--input", input, "--as-of", "2021-12-31"], { stdout: sink, stderr: process.stderr });
const seconds = (performance.now() - t0) / 1000;
rmSync(input);
const peak = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    policy,
    records: n,
    output_lines: lines,
    exit: code,
    seconds: Number(seconds.toFixed(2)),
    records_per_second: Math.round(n / seconds),
    peak_rss_mb: Math.round(peak),
    rss_before_eval_mb: Math.round(rssBefore / 1024 / 1024),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}`,
  }),
);
