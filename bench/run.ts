// `npm run bench`: measures, round by round with the rows of each table interleaved (harness.ts),
//   micro    the compiled pinglu-fgj module against the hand-written function, the in-process
//            evaluator, json-rules-engine and @gorules/zen-engine (after checking that every engine
//            gives the same grade on every record);
//   e2e      `credit-policy eval` over 1,000,000 records as JSON Lines, a JSON array and CSV, against
//            the floor (JSON.parse + JSON.stringify of the same lines);
//   workers  the same command with 0, 1 and 2 worker threads at several sizes (the break-even);
//   startup  each command a user waits for, against bare `node -e 0`.
// Each table's figures are kept in bench/results/TABLE.json (and every micro run's ratios in
// bench/results/history.jsonl, for the run-to-run spread); BENCHMARKS.md is rendered from them.
//
//   node --expose-gc --import tsx bench/run.ts [--only micro,e2e,workers,startup] [--rounds N]
//   env: CP_BENCH_E2E (records end to end, default 1,000,000), CP_BENCH_N (records per in-process
//   round, default 200,000), CP_BENCH_SLOW_N (for the engine libraries, default 2,000).
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { AS_OF, records } from "./dataset.js";
import { CLI, ROOT } from "./children.js";
import { breakEvenRows, e2eRows, writeInputs } from "./e2e.js";
import { ENGINES } from "./engines/index.js";
import { cpuOf, interleave, type Row, type RowStats } from "./harness.js";
import type { Grade } from "./pinglu-hand.js";
import { renderBenchmarks, type Results } from "./render.js";
import { startupRows } from "./startup.js";

const { values } = parseArgs({ options: { only: { type: "string" }, rounds: { type: "string" } } });
const TABLES = ["micro", "e2e", "workers", "startup"] as const;
const only = new Set(values.only ? values.only.split(",") : TABLES);
const ROUNDS = Number(values.rounds ?? 9);
const N = Number(process.env["CP_BENCH_N"] ?? 200_000);
const SLOW_N = Number(process.env["CP_BENCH_SLOW_N"] ?? 2_000);
const E2E_N = Number(process.env["CP_BENCH_E2E"] ?? 1_000_000);
const CHECK_N = 20_000;
const RESULTS = join(ROOT, "bench", "results");

const log = (s: string) => process.stderr.write(s + "\n");
const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
mkdirSync(RESULTS, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "cp-bench-"));
const save = (table: string, data: unknown) => writeFileSync(join(RESULTS, `${table}.json`), JSON.stringify(data, null, 1) + "\n");

// The module a department would get.
process.env["CP_BENCH_MODULE"] = join(tmp, "module", "pinglu-fgj.js");
execFileSync(process.execPath, [CLI, "compile", "pinglu-fgj", "--target", "js", "--output", join(tmp, "module"), "--support", pathToFileURL(join(ROOT, "dist", "runtime", "support.js")).href], { cwd: ROOT });

try {
  if (only.has("micro")) save("micro", await micro());
  if (only.has("startup")) save("startup", await table("startup", startupRows(tmp), "node"));
  if (only.has("workers")) {
    const sizes = [10_000, 30_000, 100_000, 300_000];
    const inputs = await Promise.all(sizes.map((n) => writeInputs(tmp, n)));
    save("workers", await table("workers", breakEvenRows(inputs, tmp), (row) => row.name.replace(/-w\d$/, "-w0"), Math.min(ROUNDS, 5)));
  }
  if (only.has("e2e")) {
    const inp = await writeInputs(tmp, E2E_N);
    log(`bench: inputs of ${E2E_N.toLocaleString("en-US")} records (${inp.mb} MB as JSON Lines)`);
    save("e2e", { records: E2E_N, mb: inp.mb, ...(await table("e2e", e2eRows(inp, tmp), "floor")) });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const read = (t: string) => (existsSync(join(RESULTS, `${t}.json`)) ? JSON.parse(readFileSync(join(RESULTS, `${t}.json`), "utf8")) : undefined);
const history = existsSync(join(RESULTS, "history.jsonl"))
  ? readFileSync(join(RESULTS, "history.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Results["history"][number])
  : [];
const results: Results = { micro: read("micro"), e2e: read("e2e"), workers: read("workers"), startup: read("startup"), history };
// The sections bench/sql.ts writes (between <!-- bench:NAME --> markers) are kept as they are.
const previous = existsSync(join(ROOT, "BENCHMARKS.md")) ? readFileSync(join(ROOT, "BENCHMARKS.md"), "utf8") : "";
const kept = [...previous.matchAll(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->\n?/g)].map((m) => m[0].trimEnd());
writeFileSync(join(ROOT, "BENCHMARKS.md"), [renderBenchmarks(results).trimEnd(), ...kept].join("\n\n") + "\n");
log("bench: wrote BENCHMARKS.md");

async function table(name: string, rows: Row[], reference: string | ((row: Row) => string), rounds = ROUNDS) {
  const loadStart = load();
  log(`bench: ${name}, ${rows.length} rows × ${rounds} rounds; load ${loadStart}`);
  // Child processes have no JIT to warm: the tables of whole runs need no warm-up round.
  const warmup = name === "micro" ? 1 : 0;
  const stats = await interleave(rows, { rounds, warmup, reference, log });
  return { when: new Date().toISOString(), rounds, loadStart, loadEnd: load(), stats };
}

async function micro() {
  // Same grade from every engine on every record, before anything is timed.
  const check = [...records(CHECK_N)].map((r) => JSON.parse(JSON.stringify(r)) as unknown);
  const grades = new Map<string, Grade[]>();
  for (const e of ENGINES.filter((x) => !x.noCheck)) {
    const pass = await e.load(AS_OF, check);
    grades.set(e.name, await pass());
    log(`bench: checked ${e.name}`);
  }
  const reference = grades.get("hand") as Grade[];
  const mismatches = [...grades].flatMap(([name, gs]) => gs.flatMap((g, i) => (g === reference[i] ? [] : [`${name} record ${i}: ${String(g)}, hand-written ${String(reference[i])}`])));
  if (mismatches.length) throw new Error(`engines disagree on ${mismatches.length} gradings:\n  ${mismatches.slice(0, 10).join("\n  ")}`);
  const distribution = Object.fromEntries(["A", "B", "C", "null"].map((g) => [g, reference.filter((x) => String(x) === g).length]));
  log(`bench: all engines agree on ${CHECK_N} records ${JSON.stringify(distribution)}`);
  check.length = 0;
  grades.clear();

  // Records as `eval` hands them to a grader: fresh from JSON.parse (objects built by the generator
  // directly have other shapes, and engines read them at other speeds).
  const data = [...records(N)].map((r) => JSON.parse(JSON.stringify(r)) as unknown);
  const slowData = data.slice(0, SLOW_N);
  const rows: Row[] = [];
  for (const e of ENGINES) {
    const rs = e.slow ? slowData : data;
    const pass = await e.load(AS_OF, rs);
    await pass(); // warm: the first pass compiles the engine's code
    rows.push({
      name: e.name,
      label: e.label,
      run: async () => {
        gc();
        const s = await cpuOf(pass);
        // Per record: the engine libraries grade fewer records per round.
        return { cpu: s.cpu / rs.length, wall: s.wall / rs.length, extra: { records: rs.length } };
      },
    });
  }
  const result = { ...(await table("micro", rows, "hand")), records: N, slowRecords: SLOW_N, checked: CHECK_N, distribution };
  const ratio = (name: string) => (result.stats.find((s) => s.name === name) as RowStats).speedMedian;
  appendFileSync(join(RESULTS, "history.jsonl"), JSON.stringify({ when: result.when, load: result.loadStart, ratios: Object.fromEntries(ENGINES.map((e) => [e.name, Number(ratio(e.name).toFixed(4))])) }) + "\n");
  return result;
}
