// The work of `credit-policy eval` (its options: ../commands/eval.ts, which loads this module on use).
import { statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { Readable, type Writable } from "node:stream";
import { gradeIds } from "../../compiler/backends/result-shape.js";
import { withParams } from "../../compiler/params.js";
import { makeGrader, type Grader } from "../../runtime/evaluate.js";
import { isIsoDate, todayInChina } from "../../record/dates.js";
import { csvChunks } from "../batch/csv-input.js";
import { csvColumns, csvHeader } from "../batch/csv-output.js";
import { makeBatchGrader, type BatchOutput, type BatchSetup, type Engine } from "../batch/grade-batch.js";
import type { GradeItem, Item, OutputFormat } from "../batch/items.js";
import { resultExtras } from "../batch/result-json.js";
import { WorkerPool, workersAvailable } from "../batch/pool.js";
import { workersFor } from "../batch/worker-policy.js";
import { Progress, progressWanted } from "../batch/progress.js";
import { summaryLine, Tally } from "../batch/summary.js";
import { line, openOutput, write, type Io } from "../io.js";
import { loadGraderForDay, UsageError } from "../load.js";
import { DEFAULT_MAX_RECORD_BYTES, InputError, jsonBatches, openInput } from "../record-stream.js";

export interface EvalOptions {
  policy: string;
  input: string;
  asOf?: string;
  /** Pin a revision (its version or file name) instead of the one in force on asOf. */
  revision?: string;
  output?: string;
  /** Output format; default: by the output file's extension (.csv), else JSON Lines. */
  format?: OutputFormat;
  /** Input format; default: by the input file's extension (.csv), else JSON (Lines or array). */
  inputFormat?: "json" | "jsonl" | "csv" | "parquet";
  /** Worker threads; default: one per core for inputs past a few thousand records; 0: none. */
  workers?: number;
  /** "compiled" (default): the generated module; "interpreter": the in-process evaluator; "duckdb": DuckDB reads the file and grades it. */
  engine?: Engine | "duckdb";
  /** Grade the subjects of this database (loaded with `db load`) instead of an input file. */
  db?: string;
  /** With db: write the results into this table of the database. */
  into?: string;
  /** No summary on standard error. */
  quiet?: boolean;
  /** Parameters given for the run, by name, as written. */
  params?: ReadonlyMap<string, string>;
  /** Records longer than this many bytes become CP-R010 error lines (default 16 MiB). */
  maxRecordBytes?: number;
}

/** `NAME=VALUE` arguments by name; a name given twice is a usage error. */
export function paramArgs(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of args) {
    const eq = a.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param takes NAME=VALUE, got ${JSON.stringify(a)}`);
    const name = a.slice(0, eq).trim();
    if (out.has(name)) throw new UsageError(`--param ${name} is given twice`);
    out.set(name, a.slice(eq + 1));
  }
  return out;
}

/** Batches in flight per worker: enough to keep each busy, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 3;

function outputFormat(opts: EvalOptions): OutputFormat {
  return opts.format ?? (opts.output && /\.csv$/i.test(opts.output) ? "csv" : "jsonl");
}

function inputFormat(opts: EvalOptions): "json" | "jsonl" | "csv" | "parquet" {
  return opts.inputFormat ?? (/\.csv$/i.test(opts.input) ? "csv" : /\.parquet$/i.test(opts.input) ? "parquet" : "json");
}

async function writeBytes(out: Writable, bytes: Uint8Array): Promise<void> {
  if (!out.write(bytes)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}

/** Chunks of the input, counting the bytes read (for the progress line). */
async function* counted(input: Readable, counter: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const buf = chunk as Buffer;
    counter.bytes += buf.length;
    yield buf;
  }
}

function inputSize(path: string): number | null {
  if (path === "-") return null;
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** The grader of the policy with the parameters given for the run; a refused value is a usage error. */
function withGivenParams(g: Grader, given: ReadonlyMap<string, string>): Grader {
  const r = withParams(g.ir, given);
  if ("problems" in r) throw new UsageError(r.problems.map((p) => `--param ${p.name}: ${p.reason}`).join("; "));
  return makeGrader(r.ir, g.ref.sha256);
}

export async function evalCommand(opts: EvalOptions, io: Io): Promise<number> {
  const asOf = opts.asOf ?? todayInChina();
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const format = outputFormat(opts);
  const source = inputFormat(opts);
  const engine = opts.engine ?? "compiled";
  if (opts.workers !== undefined && !(Number.isSafeInteger(opts.workers) && opts.workers >= 0)) {
    throw new UsageError(`--workers must be a whole number, 0 or more`);
  }
  const loaded = loadGraderForDay(opts.policy, asOf, opts.revision);
  const grader = opts.params ? withGivenParams(loaded, opts.params) : loaded;
  const { ir, ref } = grader;
  if (opts.db !== undefined || engine === "duckdb") {
    // Grading inside a database: cli/db/eval-db.ts.
    const db = await import("../db/eval-db.js");
    if (opts.db !== undefined) {
      return await db.evalInDatabase(
        grader,
        { db: opts.db, asOf, format, ...(opts.output ? { output: opts.output } : {}), ...(opts.into ? { into: opts.into } : {}), ...(opts.quiet ? { quiet: true } : {}) },
        io,
      );
    }
    if (opts.input === "-") throw new UsageError("--engine duckdb reads a file: give --input FILE, not standard input");
    const r =
      source === "csv"
        ? { reason: "CSV" }
        : await db.evalFileWithDuckDb(grader, { input: opts.input, inputFormat: source === "parquet" ? "parquet" : "jsonl", maxRecordBytes: opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, asOf, format, ...(opts.output ? { output: opts.output } : {}), ...(opts.quiet ? { quiet: true } : {}) }, io);
    if (typeof r === "number") return r;
    if (!opts.quiet) line(io.stderr, `credit-policy: ${opts.input}: graded by the generated module, not DuckDB (${r.reason})`);
  }
  const jsEngine: Engine = engine === "duckdb" ? "compiled" : engine;

  const started = performance.now();
  const counter = { bytes: 0 };
  if (source === "parquet" && opts.input === "-") throw new UsageError("Parquet is read from a file: give --input FILE, not standard input");
  // Parquet rows reach the graders as JSON Lines that DuckDB makes of them (cli/db/eval-db.ts).
  const input = source === "parquet" ? Readable.from((await import("../db/eval-db.js")).parquetAsJsonLines(opts.input)) : openInput(opts.input);
  const output = openOutput(opts.output, io);
  const out = output.stream;
  const tally = new Tally();
  // A Parquet file's size says nothing of its JSON's: no share of it is shown, no worker count guessed from it.
  const totalBytes = source === "parquet" ? null : inputSize(opts.input);
  const progress = progressWanted(io.stderr, process.env) ? new Progress(io.stderr, totalBytes) : null;
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const setup: BatchSetup = { ir, ref, asOf, format, engine: jsEngine, maxRecordBytes };
  let grade: ((items: GradeItem[]) => BatchOutput) | null = null;
  let pool: WorkerPool | null = null;
  const explicitWorkers = opts.workers !== undefined;
  const canPool = (opts.workers ?? 1) > 0 && workersAvailable();
  // Decided after the first batch (by the input's size) or, for a stream, once enough records went by.
  let decided = explicitWorkers;
  const pending: Promise<BatchOutput>[] = [];

  // A reader that goes away (`| head`) ends the run; a write error must not leave it waiting for "drain".
  const outFailed = new Promise<never>((_, reject) => out.once("error", reject));
  outFailed.catch(() => undefined);
  const flushOne = async () => {
    const done = await (pending.shift() as Promise<BatchOutput>);
    tally.add(done.stats);
    await Promise.race([writeBytes(out, done.bytes), outFailed]);
    progress?.update(tally.records, counter.bytes);
  };
  const submit = async (items: GradeItem[]) => {
    let workers = explicitWorkers ? Math.min(opts.workers as number, 16) : 0;
    if (!pool && canPool && !decided && tally.records > 0) {
      workers = workersFor({ totalBytes, bytesRead: counter.bytes, recordsRead: tally.records, cores: availableParallelism(), load: loadavg()[0] ?? 0 });
      // With a known size the answer does not change; a stream is asked again as it grows.
      if (workers > 0 || totalBytes !== null) decided = true;
    }
    if (!pool && canPool && workers > 0) {
      // Batches graded here so far are written first: the order stays the input's.
      while (pending.length) await flushOne();
      pool = await WorkerPool.start(workers, setup);
    }
    if (pool) {
      pending.push(pool.run(items));
      while (pending.length > pool.size * IN_FLIGHT_PER_WORKER) await flushOne();
    } else {
      grade ??= makeBatchGrader(setup);
      pending.push(Promise.resolve(grade(items)));
      await flushOne();
    }
  };

  try {
    if (format === "csv") {
      await write(out, csvHeader(csvColumns(resultExtras(ir))));
    }
    if (source === "csv") {
      for await (const items of csvChunks(counted(input, counter), (header) => (setup.header = header), { maxRecordBytes })) await submit(items);
    } else {
      for await (const items of jsonBatches(counted(input, counter), true, { maxRecordBytes, lines: source === "jsonl" })) await submit(items as Item[]);
    }
    while (pending.length) await flushOne();
  } catch (e) {
    output.abort();
    if (e instanceof InputError) throw new UsageError(`${opts.input}: ${e.message}`);
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EPIPE") return 0;
    if (typeof err.code === "string" && err.syscall) throw new UsageError(`${err.path === opts.input || err.syscall === "read" ? opts.input : (opts.output ?? opts.input)}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    throw e;
  } finally {
    progress?.done();
    await (pool as WorkerPool | null)?.close();
  }
  // The results appear under --output only now, all of them, synced.
  await output.commit();
  if (!opts.quiet) line(io.stderr, `credit-policy: ${summaryLine(tally, (performance.now() - started) / 1000, gradeIds(ir))}`);
  return tally.errors > 0 ? 3 : 0;
}

