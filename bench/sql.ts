// `npm run bench:sql` (also the last step of `npm run bench`): grading where the data lives. For
// each size (CP_BENCH_SQL_N, default 1,000,000 and 10,000,000 records of bench/dataset.ts), the
// built CLI in a child process, each step timed with its CPU time (all threads) and peak memory:
//   eval --input (the JavaScript path; whole file up to CP_BENCH_SQL_JS_MAX records),
//   eval --engine duckdb --input (DuckDB reads the file and grades it, no load step),
//   db load + eval --db on a DuckDB file (up to CP_BENCH_SQL_FILE_MAX records), and on PostgreSQL (CP_BENCH_POSTGRES, else a throwaway
//   server started with .ci/postgres.sh when Debian's postgresql is installed; up to
//   CP_BENCH_SQL_PG_MAX records).
// Every database output is compared with the JavaScript path: byte for byte where it ran on the
// whole file, and on a sample of CP_BENCH_SQL_SAMPLE (100,000) subjects spread over the file.
// First (unless CP_BENCH_SQL_DIFF=0) the differential corpus of test/sql/ through DuckDB, PGlite and
// the PostgreSQL server, its figures. Rewrites the sections of BENCHMARKS.md it measured.
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { gradeSeed, loadCorpus, SEEDS } from "../test/sql/corpus.js";
import { AS_OF, records } from "./dataset.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SIZES = (process.env["CP_BENCH_SQL_N"] ?? "1000000,10000000")
  .split(",")
  .filter((x) => /^\d+$/.test(x))
  .map(Number);
const DIFF = process.env["CP_BENCH_SQL_DIFF"] !== "0";
const JS_MAX = Number(process.env["CP_BENCH_SQL_JS_MAX"] ?? 1_000_000);
const PG_MAX = Number(process.env["CP_BENCH_SQL_PG_MAX"] ?? 10_000_000);
const FILE_MAX = Number(process.env["CP_BENCH_SQL_FILE_MAX"] ?? 10_000_000);
const SAMPLE = Number(process.env["CP_BENCH_SQL_SAMPLE"] ?? 100_000);
const POLICY = "pinglu-fgj";

const log = (s: string) => process.stderr.write(`bench:sql: ${s}\n`);
/** JSON Lines (argv[1]) to Parquet (argv[2]) by DuckDB's own reading of the types. */
const PARQUET_SCRIPT = `
import { DuckDBInstance } from "@duckdb/node-api";
const [input, output] = process.argv.slice(1);
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
await c.run("COPY (SELECT * FROM read_json(" + q(input) + ", format = 'newline_delimited')) TO " + q(output) + " (FORMAT parquet)");
`;
const parquetInfo: string[] = [];
const n = (x: number) => x.toLocaleString("en-US");
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

interface Step {
  records: number;
  path: string;
  step: string;
  seconds: number;
  cpu_seconds: number;
  peak_mb: number;
  exit: number | null;
}

async function cli(args: string[], dir: string): Promise<Omit<Step, "records" | "path" | "step">> {
  const usage = join(dir, "usage.json");
  rmSync(usage, { force: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", join(ROOT, "bench", "usage-at-exit.mjs"), join(ROOT, "dist", "cli", "bin.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CP_USAGE_FILE: usage },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exit = await new Promise<number | null>((res) => child.on("close", res));
  const seconds = (performance.now() - t0) / 1000;
  if (exit !== 0) log(`${args.join(" ")}: exit ${exit}\n${stderr.slice(-2000)}`);
  const u = existsSync(usage)
    ? (JSON.parse(readFileSync(usage, "utf8")) as {
        maxRSS: number;
        user: number;
        system: number;
      })
    : { maxRSS: 0, user: 0, system: 0 };
  return {
    seconds: Number(seconds.toFixed(2)),
    cpu_seconds: Number(((u.user + u.system) / 1e6).toFixed(2)),
    peak_mb: Math.round(u.maxRSS / 1024),
    exit,
  };
}

async function writeLines(path: string, lines: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let chunk = "";
  for await (const l of lines) {
    chunk += l + "\n";
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((res) => out.once("drain", () => res()));
      chunk = "";
    }
  }
  await new Promise<void>((res) => out.end(chunk, () => res()));
}

async function* linesOf(path: string): AsyncGenerator<string> {
  yield* createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  });
}

/** Lines 0, k, 2k, … of a file. */
async function* everyKth(path: string, k: number): AsyncGenerator<string> {
  let i = 0;
  for await (const l of linesOf(path)) if (i++ % k === 0) yield l;
}

/** How many lines differ between two files (a missing line counts), compared in order. */
async function differences(a: AsyncIterable<string>, b: AsyncIterable<string>): Promise<{ compared: number; different: number }> {
  const ia = a[Symbol.asyncIterator]();
  const ib = b[Symbol.asyncIterator]();
  let compared = 0;
  let different = 0;
  for (;;) {
    const [x, y] = await Promise.all([ia.next(), ib.next()]);
    if (x.done && y.done) return { compared, different };
    compared++;
    if (x.done || y.done || x.value !== y.value) different++;
  }
}

/** The URL of a PostgreSQL server, and how to stop it when this script started it. */
function postgres(): { url: string; stop?: () => void } | { none: string } {
  const given = process.env["CP_BENCH_POSTGRES"] ?? process.env["CREDIT_POLICY_TEST_POSTGRES"];
  if (given) return { url: given };
  const r = spawnSync("bash", [join(ROOT, ".ci", "postgres.sh")], {
    encoding: "utf8",
  });
  if (r.status !== 0) return { none: r.stderr.trim() || "no PostgreSQL server" };
  const url = r.stdout.trim();
  const dir = url.replace(/.*host=/, "");
  return {
    url,
    stop: () => void spawnSync("bash", [join(ROOT, ".ci", "postgres.sh"), "stop", dir]),
  };
}

const loadStart = load();
log(`load average ${loadStart}`);
const pg = postgres();
if ("none" in pg) log(`PostgreSQL rows left out: ${pg.none}`);
const steps: Step[] = [];
const checks: string[] = [];
const BENCH = join(ROOT, "BENCHMARKS.md");
/** Replaces (or appends) the part of BENCHMARKS.md between <!-- bench:NAME --> and <!-- /bench:NAME -->. */
function section(name: string, text: string): void {
  const old = existsSync(BENCH) ? readFileSync(BENCH, "utf8") : "# Benchmarks\n";
  const block = `<!-- bench:${name} -->\n${text.trim()}\n<!-- /bench:${name} -->\n`;
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*<!-- /bench:${name} -->\\n?`);
  writeFileSync(BENCH, re.test(old) ? old.replace(re, block) : `${old.trimEnd()}\n\n${block}`);
}

try {
  if (DIFF) {
    // The differential corpus: every seed policy's SQL against the evaluator and the generated module.
    const engines: [string, string][] = [
      ["DuckDB", "duckdb::memory:"],
      ["PostgreSQL (PGlite)", "pglite::memory:"],
      ...("url" in pg ? ([["PostgreSQL server", pg.url]] as [string, string][]) : []),
    ];
    const rows: string[] = [];
    const started = load();
    for (const [engine, url] of engines) {
      const loaded = await loadCorpus(url);
      try {
        for (const seed of SEEDS) {
          const t0 = performance.now();
          const f = await gradeSeed(loaded, seed);
          const s = (performance.now() - t0) / 1000;
          rows.push(
            `| ${engine} | \`${f.policy}\` | ${n(f.gradings)} | ${f.differences.length} | ${n(f.fallbacks)} (${f.needlessFallbacks} without an error) | ${s.toFixed(1)} s |`,
          );
          log(`differential ${engine} ${f.policy}: ${f.gradings} gradings, ${f.differences.length} differences`);
        }
      } finally {
        await loaded.db.close();
      }
    }
    section(
      "sql-differential",
      `## The SQL backend against the evaluator

Generated by \`npm run bench:sql\` (bench/sql.ts, the corpus of test/sql/corpus.ts, which \`npm test\` also runs). Every seed
policy's query graded the differential corpus — each policy's own test records, the example records (valid and bad),
1,500 generated records — as of every corpus day and every day its tests name, in each engine; each result line was
compared with the interpreter's and the generated JavaScript module's, byte for byte (so field by field: grade,
matched articles and values, measures, notifications, categories, scores, obligations). A subject "left to the
evaluator" is one the query marks \`fallback\` (here: only records the evaluator makes an error line of).
Load average at the start: ${started}.

| engine | policy | gradings | differences | left to the evaluator | time |
|---|---|---:|---:|---:|---:|
${rows.join("\n")}
`,
    );
  }

  for (const count of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), "cp-bench-sql-"));
    try {
      const input = join(dir, "records.jsonl");
      const k = Math.max(1, Math.floor(count / SAMPLE));
      log(`writing ${n(count)} records`);
      await writeLines(
        input,
        (function* () {
          for (const r of records(count, 77)) yield JSON.stringify(r);
        })(),
      );
      const mb = Math.round(statSync(input).size / 2 ** 20);
      const step = async (path: string, name: string, args: string[]) => {
        const s = {
          records: count,
          path,
          step: name,
          ...(await cli(args, dir)),
        };
        steps.push(s);
        log(`${n(count)} ${path} ${name}: ${s.seconds} s (CPU ${s.cpu_seconds} s), peak ${s.peak_mb} MB, exit ${s.exit}`);
        return s;
      };
      const evalArgs = ["eval", POLICY, "--as-of", AS_OF, "--quiet"];
      const outputs: [string, string][] = [];
      const js = join(dir, "js.jsonl");
      if (count <= JS_MAX) await step("JavaScript (`eval --input`)", "read + grade + write", [...evalArgs, "--input", input, "--output", js]);
      const duck = join(dir, "duckdb-engine.jsonl");
      await step("DuckDB (`eval --engine duckdb --input`)", "read + grade + write", [...evalArgs, "--engine", "duckdb", "--input", input, "--output", duck]);
      outputs.push(["eval --engine duckdb", duck]);
      // The same records as Parquet, as DuckDB writes JSON Lines it reads (a column per key, parts as lists of structs).
      const parquet = join(dir, "records.parquet");
      const t0 = performance.now();
      const conv = spawnSync(process.execPath, ["--input-type=module", "-e", PARQUET_SCRIPT, input, parquet], { cwd: ROOT, encoding: "utf8" });
      if (conv.status !== 0) throw new Error(`writing Parquet failed: ${conv.stderr}`);
      parquetInfo.push(`${n(count)} records: ${Math.round(statSync(parquet).size / 2 ** 20)} MB of Parquet, written by DuckDB from the JSON Lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const duckPq = join(dir, "duckdb-parquet.jsonl");
      await step("DuckDB on Parquet (`eval --engine duckdb --input x.parquet`)", "read + grade + write", [...evalArgs, "--engine", "duckdb", "--input", parquet, "--output", duckPq]);
      outputs.push(["eval --engine duckdb, Parquet input", duckPq]);
      rmSync(parquet, { force: true });
      if (count <= FILE_MAX) {
        const file = `duckdb:${join(dir, "city.duckdb")}`;
        await step("DuckDB file (`db load`, `eval --db`)", "load", ["db", "load", "--db", file, input]);
        const duckDb = join(dir, "duckdb-db.jsonl");
        await step("DuckDB file (`db load`, `eval --db`)", "grade + write", [...evalArgs, "--db", file, "--output", duckDb]);
        outputs.push(["eval --db duckdb:FILE", duckDb]);
        rmSync(join(dir, "city.duckdb"), { force: true });
      }
      if ("url" in pg && count <= PG_MAX) {
        await step("PostgreSQL (`db load`, `eval --db`)", "load", ["db", "load", "--db", pg.url, "--replace", input]);
        const pgOut = join(dir, "postgres.jsonl");
        await step("PostgreSQL (`db load`, `eval --db`)", "grade + write", [...evalArgs, "--db", pg.url, "--output", pgOut]);
        outputs.push(["eval --db postgres://", pgOut]);
      }
      // Against the JavaScript path: the whole file, and a sample of subjects spread over it.
      const sampleIn = join(dir, "sample.jsonl");
      const sampleOut = join(dir, "sample-js.jsonl");
      await writeLines(sampleIn, everyKth(input, k));
      const sampled = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), ...evalArgs, "--input", sampleIn, "--output", sampleOut], {
        cwd: ROOT,
      });
      if (sampled.status !== 0) throw new Error(`eval of the sample failed: ${String(sampled.stderr)}`);
      for (const [name, out] of outputs) {
        const whole = existsSync(js) ? await differences(linesOf(js), linesOf(out)) : null;
        const sample = await differences(linesOf(sampleOut), everyKth(out, k));
        const text =
          `${n(count)} records, \`${name}\`: ` +
          (whole ? `${n(whole.different)} of ${n(whole.compared)} lines differ from \`eval --input\` (whole file); ` : "") +
          `${n(sample.different)} of ${n(sample.compared)} sampled subjects (one in ${n(k)}) differ from \`eval --input\` on the sample`;
        checks.push(text);
        log(text);
      }
      steps.push({
        records: count,
        path: "input",
        step: `${mb} MB of JSON Lines`,
        seconds: 0,
        cpu_seconds: 0,
        peak_mb: 0,
        exit: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  if ("url" in pg) pg.stop?.();
}

const loadEnd = load();
const rows = steps
  .filter((s) => s.path !== "input")
  .map(
    (s) =>
      `| ${n(s.records)} | ${s.path} | ${s.step} | ${s.seconds.toFixed(1)} s | ${n(Math.round(s.records / s.seconds))} | ${s.cpu_seconds.toFixed(1)} s | ${s.peak_mb} MB | ${s.exit} |`,
  );
const sizes = steps.filter((s) => s.path === "input").map((s) => `${n(s.records)} records: ${s.step}`);
const engine = steps.filter((s) => s.step === "read + grade + write" && s.path.startsWith("DuckDB"));
const ten = engine.find((s) => s.records >= 10_000_000 && !s.path.includes("Parquet"));
const tenPq = engine.find((s) => s.records >= 10_000_000 && s.path.includes("Parquet"));
const target = (s: Step | undefined) => (s ? `${s.seconds < 60 ? "met" : "**missed**"} (${s.seconds.toFixed(1)} s wall, ${s.cpu_seconds.toFixed(1)} s CPU, peak ${s.peak_mb} MB)` : "not measured in this run (CP_BENCH_SQL_N)");
if (SIZES.length) {
  section(
    "sql",
    `## Grading in a database

Generated by \`npm run bench:sql\` (bench/sql.ts; also the last step of \`npm run bench\`). Policy \`${POLICY}\` as of
${AS_OF} on bench/dataset.ts's records (seed 77; ${sizes.join("; ")}). Each step is the built CLI in a child
process: wall time, records per second of wall time, CPU time of that process (all its threads: DuckDB's
too; a PostgreSQL server's own CPU time is not counted) and its peak resident memory. Load average
(1, 5, 15 min) at the start: ${loadStart}; at the end: ${loadEnd} — on 2 cores, a load above 2 stretches
wall times; CPU times are the steadier figure.

| records | path | step | time | records/s | CPU time | peak memory | exit |
|---:|---|---|---:|---:|---:|---:|---:|
${rows.join("\n")}

Same results as the JavaScript path:

${checks.map((c) => `- ${c}`).join("\n")}

Parquet inputs: ${parquetInfo.join("; ")}.

Target: \`eval --engine duckdb --input\` on 10,000,000 subjects in under 60 s: from Parquet ${target(tenPq)}; from JSON Lines ${target(ten)}.
`,
  );
}
log("wrote BENCHMARKS.md");
