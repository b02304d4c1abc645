// `npm run bench`: the compiled pinglu-fgj evaluator against a hand-written function,
// json-rules-engine and @gorules/zen-engine on a seeded dataset — first a check that every engine
// gives the same grade on every record, then throughput and peak memory of each (each in a process
// of its own), then `credit-policy eval` end to end over 1,000,000 records. Writes BENCHMARKS.md.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AS_OF, records } from "./dataset.js";
import { evalEndToEnd, type E2EResult } from "./eval-e2e.js";
import { ENGINES } from "./engines/index.js";
import type { Grade } from "./pinglu-hand.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CHECK_N = Number(process.env["CP_BENCH_CHECK"] ?? 20_000);
const FAST_N = 100_000;
const SLOW_N = 20_000;
const E2E_N = Number(process.env["CP_BENCH_E2E"] ?? 1_000_000);
const SLOW = new Set(["json-rules-engine", "zen", "zen-64"]);

const log = (s: string) => process.stderr.write(s + "\n");
const n = (x: number) => x.toLocaleString("en-US");
const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");

// 1. The module a department would get.
const outDir = mkdtempSync(join(tmpdir(), "cp-bench-module-"));
const support = pathToFileURL(join(ROOT, "dist", "runtime", "support.js")).href;
execFileSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), "compile", "pinglu-fgj", "--target", "js", "--output", outDir, "--support", support], { cwd: ROOT });
process.env["CP_BENCH_MODULE"] = join(outDir, "pinglu-fgj.js");
const loadStart = load();
log(`bench: module ${process.env["CP_BENCH_MODULE"]}; load average ${loadStart}`);

// 2. Same grade from every engine on every record.
const check = [...records(CHECK_N)];
const grades: Record<string, Grade[]> = {};
for (const e of ENGINES) {
  if (e.name === "zen-64") continue;
  const grade = await e.load(AS_OF);
  const out: Grade[] = [];
  for (const r of check) {
    const g = grade(r);
    out.push(g instanceof Promise ? await g : g);
  }
  grades[e.name] = out;
  log(`bench: checked ${e.name}`);
}
const reference = grades["hand"] as Grade[];
const mismatches = Object.entries(grades).flatMap(([name, gs]) =>
  gs.flatMap((g, i) => (g === reference[i] ? [] : [`${name} record ${i} (${String(check[i]?.["id"])}): ${String(g)}, hand-written ${String(reference[i])}`])),
);
const distribution = Object.fromEntries(["A", "B", "C", "null"].map((g) => [g, reference.filter((x) => String(x) === g).length]));
if (mismatches.length) {
  log(`bench: engines disagree on ${mismatches.length} gradings:\n  ${mismatches.slice(0, 10).join("\n  ")}`);
  process.exit(1);
}
log(`bench: all ${ENGINES.length - 1} engines agree on ${n(CHECK_N)} records ${JSON.stringify(distribution)}`);

// 3. Throughput and memory, one process per engine.
interface Measured {
  engine: string;
  records: number;
  seconds: number;
  per_second: number;
  rss_before_mb: number;
  peak_rss_mb: number;
}
const measured: Measured[] = [];
for (const e of ENGINES) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "measure.ts"), e.name, String(SLOW.has(e.name) ? SLOW_N : FAST_N)], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`measuring ${e.name} failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split("\n").pop() as string) as Measured;
  measured.push(m);
  log(`bench: ${e.name} ${n(m.per_second)} records/s, peak ${m.peak_rss_mb} MB`);
}

// 4. The CLI end to end.
const e2e: E2EResult[] = [];
for (const [count, args] of [
  [E2E_N, []],
  [E2E_N, ["--workers", "0"]],
  [Math.min(E2E_N, 200_000), ["--engine", "interpreter", "--workers", "0"]],
] as [number, string[]][]) {
  const r = await evalEndToEnd(count, args);
  e2e.push(r);
  log(`bench: eval ${n(count)} ${args.join(" ")}: ${r.seconds} s, peak ${r.peak_rss_mb} MB, ${n(r.output_lines)} lines`);
}

// 4b. `credit-policy import` over a million 双公示 rows (bench/import-million.mjs: rounds in processes of their own).
interface ImportBench {
  rows: number;
  rounds: number;
  wall_s: { median: number; min: number };
  cpu_s: { median: number; min: number };
  peak_rss_mib: { median: number; min: number };
  load_average_end: string;
}
const importRun = spawnSync(process.execPath, [join(ROOT, "bench", "import-million.mjs"), "1000000", "3"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
if (importRun.status !== 0) throw new Error("bench/import-million.mjs failed");
const imp = JSON.parse(importRun.stdout.trim().split("\n").pop() as string) as ImportBench;
log(`bench: import ${n(imp.rows)} rows: ${imp.cpu_s.median.toFixed(1)} s CPU, peak ${imp.peak_rss_mib.median.toFixed(0)} MiB`);
const loadEnd = load();

// 5. BENCHMARKS.md
const by = (name: string) => measured.find((m) => m.engine === name) as Measured;
const hand = by("hand").per_second;
const jre = by("json-rules-engine").per_second;
const compiled = by("compiled");
const main = e2e[0] as E2EResult;
const ratio = compiled.per_second / hand;
const mem = (x: number) => `${Math.round(x / 2 ** 30)} GiB`;
const rows = ENGINES.map((e) => {
  const m = by(e.name);
  return `| ${e.label} | ${n(m.per_second)} | ${(m.per_second / hand).toFixed(3)}× | ${(m.per_second / jre).toFixed(1)}× | ${m.rss_before_mb} MB | ${m.peak_rss_mb} MB | ${n(m.records)} in ${m.seconds.toFixed(1)} s |`;
});
const e2eRows = e2e.map(
  (r) =>
    `| \`eval pinglu-fgj${r.args.length ? " " + r.args.join(" ") : ""}\` | ${n(r.records)} (${r.input_mb} MB) | ${r.seconds.toFixed(1)} s | ${n(r.per_second)} | ${r.peak_rss_mb} MB | ${n(r.output_lines)} | ${r.exit} |`,
);
const met = (ok: boolean) => (ok ? "met" : "**missed**");
const md = `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts) — do not edit by hand; run it again to refresh.

## Machine

- ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${mem(totalmem())} memory (${mem(freemem())} free at the end), Linux ${release()}
- Node.js ${process.version}
- Load average (1, 5, 15 min) at the start: ${loadStart}; at the end: ${loadEnd}. The machine is shared with other
  work; a load above the number of cores means the figures below are lower than on an idle machine.
  The ratios between engines, measured one after another, are the figures to compare.

## What is measured

Policy \`pinglu-fgj\` (朔州市平鲁区发展和改革局 平发改发〔2021〕121号), graded as of ${AS_OF}, on a seeded dataset
(bench/dataset.ts: ${n(FAST_N)} records for the fast engines, ${n(SLOW_N)} for the engine libraries; about 65 % of
subjects have nothing on record, the rest honours, ratings, sanctions, breaches, findings, lists).

- **hand-written**: bench/pinglu-hand.ts, the rules as a developer would write them directly; returns the grade only.
- **compiled**: the module \`credit-policy compile pinglu-fgj --target js\` writes, imported as a department would.
  \`evaluate()\` returns the full result (grade, label, every rule that held with its values, measures,
  notifications) for a record already known to be valid; \`grade()\` validates the record first
  (JSON Schema, ajv) and never throws.
- **in-process evaluator**: compiler/backends/evaluator.ts + runtime/evaluate.ts (validate + evaluate).
- **json-rules-engine**: bench/engines/json-rules-engine.ts — rules as JSON, one-year counts as dynamic facts.
- **zen-engine**: bench/engines/zen.ts + bench/pinglu.jdm.json — a JDM graph: expression node for the facts,
  first-hit decision table for the grade; one evaluation awaited at a time, and 64 in flight.

Before measuring, every engine grades the same ${n(CHECK_N)} records and must give the same grade on each:
**all agree** (A ${n(distribution["A"] ?? 0)}, B ${n(distribution["B"] ?? 0)}, C ${n(distribution["C"] ?? 0)}, no grade ${n(distribution["null"] ?? 0)}).

Each engine then runs in a process of its own: a warm-up, then passes over its records for at least 3 s.
Peak memory is that process's peak resident set (dataset included); "before" is its resident set with the
dataset loaded, before grading.

## Throughput

| engine | records/s | × hand-written | × json-rules-engine | memory before | peak memory | measured |
|---|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}

## \`credit-policy eval\` end to end

JSON Lines file in → parse → validate → grade → JSON Lines file out, the CLI in a child process; peak memory of
that process, all threads. Default: worker threads, one per core, once the input passes 4,000 records.

| command | records (input) | time | records/s | peak memory | output lines | exit |
|---|---:|---:|---:|---:|---:|---:|
${e2eRows.join("\n")}

## \`credit-policy import\` over a million rows

\`node bench/import-million.mjs\`: ${n(imp.rows)} rows of the 2018 双公示 template as UTF-8 CSV (examples/shuanggongshi/generate.mjs
--bulk, seeded; 540 MB, 245,300 subjects) → records (JSON Lines) and rejects files; ${imp.rounds} rounds, each a process of its
own; CPU time is user + system, peak memory the process's peak resident set.

| rows | wall time | CPU time | peak memory | load average at the end |
|---:|---:|---:|---:|---|
| ${n(imp.rows)} | ${imp.wall_s.median.toFixed(1)} s (min ${imp.wall_s.min.toFixed(1)}) | ${imp.cpu_s.median.toFixed(1)} s (min ${imp.cpu_s.min.toFixed(1)}) | ${imp.peak_rss_mib.median.toFixed(0)} MiB (min ${imp.peak_rss_mib.min.toFixed(0)}) | ${imp.load_average_end} |

## Reading the figures

- The hand-written function returns the grade only; the compiled \`evaluate()\` also builds the
  explanation (every rule that held with its values, measures, notifications). The measures and
  notifications of a grade are shared, frozen constants, so an explained result costs little more
  than a grade.
- \`grade()\` checks each record against the whole credit record schema before grading: that check
  (ajv) costs several times the grading. A system that validates records when it receives them
  can call \`evaluate()\`.
- End to end, parsing each JSON line and writing each JSON result cost more than grading it. Worker
  threads each hold their own copy of the validator and the generated module (about 50 MB each),
  which is why peak memory is higher with them; they help only when the cores are free (the load
  average above says how busy the machine was).
- json-rules-engine evaluates every condition through promises and an almanac; zen-engine crosses
  into native code for every evaluation and evaluates the expression language there; 64 evaluations
  in flight let its thread pool work in parallel.

## Targets

- Compiled evaluator ≥ 0.5× the hand-written function: ${met(ratio >= 0.5)} (${ratio.toFixed(2)}×; ${(compiled.per_second / jre).toFixed(0)}× json-rules-engine).
- 1,000,000 records end to end in under 60 s: ${met(main.records >= 1_000_000 && main.seconds < 60)} (${main.seconds.toFixed(1)} s).
- Peak memory under 500 MB: ${met(main.peak_rss_mb < 500)} (${main.peak_rss_mb} MB).
- Import of 1,000,000 rows in under 60 s of CPU time and 1 GB of memory: ${met(imp.cpu_s.median < 60 && imp.peak_rss_mib.median * 2 ** 20 < 1e9)} (${imp.cpu_s.median.toFixed(1)} s, ${imp.peak_rss_mib.median.toFixed(0)} MiB).
`;
writeFileSync(join(ROOT, "BENCHMARKS.md"), md);
rmSync(outDir, { recursive: true, force: true });
log(`bench: wrote BENCHMARKS.md`);
