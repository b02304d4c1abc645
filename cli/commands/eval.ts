// `credit-policy eval POLICY --input FILE [--as-of DAY] [--output FILE] …`: one output line for
// every record in, in input order, streamed with memory independent of the input's size; a bad
// record becomes an error line and the batch goes on. Input: JSON Lines, a JSON array or CSV;
// output: JSON Lines or CSV. Large inputs are graded on worker threads (order kept); a progress
// line on a terminal; a summary on standard error at the end.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Readable, Writable } from "node:stream";
import { gradeIds } from "../../compiler/backends/result-shape.js";
import { withParams } from "../../compiler/params.js";
import { makeGrader, type Grader } from "../../runtime/evaluate.js";
import { isIsoDate, todayInChina } from "../../record/dates.js";
import { csvBatches } from "../batch/csv-input.js";
import { csvColumns, csvHeader } from "../batch/csv-output.js";
import { makeBatchGrader, type BatchOutput, type BatchSetup, type Engine } from "../batch/grade-batch.js";
import type { Item, OutputFormat } from "../batch/items.js";
import { WorkerPool, workersAvailable } from "../batch/pool.js";
import { Progress, progressWanted } from "../batch/progress.js";
import { summaryLine, Tally } from "../batch/summary.js";
import { defineCommand, POLICY_ARG } from "../command.js";
import { close, line, openOutput, write, type Io } from "../io.js";
import { loadGraderForDay, UsageError } from "../load.js";
import { InputError, jsonBatches, openInput } from "../record-stream.js";

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
  inputFormat?: "json" | "jsonl" | "csv";
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
}

/** `NAME=VALUE` arguments by name; a name given twice is a usage error. */
function paramArgs(args: readonly string[]): Map<string, string> {
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

/** Records graded in this thread before worker threads are worth their start-up time. */
const INLINE_RECORDS = 4000;
/** Batches in flight per worker: enough to keep each busy, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 3;

function outputFormat(opts: EvalOptions): OutputFormat {
  return opts.format ?? (opts.output && /\.csv$/i.test(opts.output) ? "csv" : "jsonl");
}

function inputFormat(opts: EvalOptions): "json" | "csv" {
  const f = opts.inputFormat ?? (/\.csv$/i.test(opts.input) ? "csv" : "json");
  return f === "jsonl" ? "json" : f;
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
    if (opts.db !== undefined) return await db.evalInDatabase(grader, { db: opts.db, asOf, format, ...(opts.output ? { output: opts.output } : {}), ...(opts.into ? { into: opts.into } : {}), ...(opts.quiet ? { quiet: true } : {}) }, io);
    if (opts.input === "-") throw new UsageError("--engine duckdb reads a file: give --input FILE, not standard input");
    const r = source === "csv" ? { reason: "CSV" } : await db.evalFileWithDuckDb(grader, { input: opts.input, asOf, format, ...(opts.output ? { output: opts.output } : {}), ...(opts.quiet ? { quiet: true } : {}) }, io);
    if (typeof r === "number") return r;
    if (!opts.quiet) line(io.stderr, `credit-policy: ${opts.input}: graded by the generated module, not DuckDB (${r.reason})`);
  }
  const jsEngine: Engine = engine === "duckdb" ? "compiled" : engine;

  const started = performance.now();
  const counter = { bytes: 0 };
  const input = openInput(opts.input);
  const out = openOutput(opts.output, io);
  const tally = new Tally();
  const progress = progressWanted(io.stderr, process.env) ? new Progress(io.stderr, inputSize(opts.input)) : null;
  const setup: BatchSetup = { ir, ref, asOf, format, engine: jsEngine };
  let grade: ((items: Item[]) => BatchOutput) | null = null;
  let pool: WorkerPool | null = null;
  const explicitWorkers = opts.workers !== undefined;
  const workers = Math.min(opts.workers ?? availableParallelism(), 16);
  const canPool = workers > 0 && workersAvailable();
  const pending: Promise<BatchOutput>[] = [];

  // A reader that goes away (`| head`) ends the run; a write error must not leave it waiting for "drain".
  const outFailed = new Promise<never>((_, reject) => out.once("error", reject));
  outFailed.catch(() => undefined);
  const flushOne = async () => {
    const done = await (pending.shift() as Promise<BatchOutput>);
    tally.add(done.stats);
    await Promise.race([done.bytes ? writeBytes(out, done.bytes) : write(out, done.text ?? ""), outFailed]);
    progress?.update(tally.records, counter.bytes);
  };
  const submit = async (items: Item[]) => {
    if (!pool && canPool && (explicitWorkers || tally.records + pending.length >= INLINE_RECORDS)) {
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
      const extras = { categories: ir.categories.length > 0, scores: ir.models.length > 0, obligations: ir.obligations.length > 0, snapshot: ir.snapshot !== null };
      await write(out, csvHeader(csvColumns(extras)));
    }
    if (source === "csv") {
      for await (const items of csvBatches(counted(input, counter), (header) => (setup.header = header))) await submit(items);
    } else {
      for await (const items of jsonBatches(counted(input, counter), true)) await submit(items as Item[]);
    }
    while (pending.length) await flushOne();
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${opts.input}: ${e.message}`);
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EPIPE") return 0;
    if (typeof err.code === "string" && err.syscall) throw new UsageError(`${opts.input}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    throw e;
  } finally {
    progress?.done();
    await (pool as WorkerPool | null)?.close();
    await close(out, io);
  }
  if (!opts.quiet) line(io.stderr, `credit-policy: ${summaryLine(tally, (performance.now() - started) / 1000, gradeIds(ir))}`);
  return tally.errors > 0 ? 3 : 0;
}

export const command = defineCommand({
  name: "eval",
  summary: "Grade credit records as of a day, by the revision of the policy in force that day.",
  usage:
    "POLICY (--input FILE|- | --db URL) [--as-of YYYY-MM-DD] [--revision R] [--output FILE | --into TABLE] [--format jsonl|csv] " +
    "[--input-format json|jsonl|csv] [--workers N] [--engine compiled|interpreter|duckdb] [--quiet]",
  description:
    "Records are JSON Lines, a JSON array, or CSV with nested parts as JSON cells. One line out per record (JSON Lines, or CSV), " +
    "in input order, streamed with memory independent of the input's size; a record that cannot be graded becomes an error line " +
    "and the batch goes on (exit 3). A summary on standard error at the end.",
  positionals: [POLICY_ARG],
  options: {
    input: { type: "string", short: "i", value: "FILE|-", help: "the records to grade; - reads standard input" },
    "as-of": { type: "string", value: "YYYY-MM-DD", help: "the day to grade as of (default: today in China Standard Time)" },
    revision: { type: "string", value: "R", help: "grade by revision R (its version or file name) instead of the one in force on the day" },
    output: { type: "string", short: "o", value: "FILE", help: "write the results to FILE instead of standard output" },
    format: { type: "string", choices: ["jsonl", "csv"], help: "output format (default: csv for a .csv --output, else jsonl)" },
    "input-format": {
      type: "string",
      choices: ["json", "jsonl", "csv"],
      help: "input format; json and jsonl read JSON Lines or a JSON array (default: csv for a .csv --input, else json)",
    },
    workers: { type: "string", value: "N", help: "worker threads, at most 16 (default: one per core once the input passes a few thousand records; 0: none)" },
    engine: {
      type: "string",
      choices: ["compiled", "interpreter", "duckdb"],
      help: "compiled (default): the policy's generated module; interpreter: the in-process evaluator; duckdb: DuckDB reads the JSON Lines file and grades it with the policy's SQL",
    },
    db: { type: "string", value: "URL", help: "grade the credit records of a database (credit-policy db load) inside it: duckdb:FILE, postgres://…, pglite:DIR" },
    into: { type: "string", value: "TABLE", help: "with --db: write the results into TABLE of the database (replaced) instead of a file" },
    quiet: { type: "boolean", short: "q", help: "no summary on standard error" },
    param: {
      type: "string",
      value: "NAME=VALUE",
      multiple: true,
      help: "grade with the policy's parameter NAME set to VALUE (e.g. 罚款公示门槛=5万元); repeatable; the results' policy reference names it",
    },
  },
  async run({ values, positionals }, io) {
    if (!values.input && !values.db) throw new UsageError("eval needs --input FILE (or - for standard input), or --db URL");
    if (values.input && values.db) throw new UsageError("eval reads --input or --db, not both (load files into a database with credit-policy db load)");
    if (values.into && !values.db) throw new UsageError("--into TABLE writes into the database of --db");
    if (values.into && values.output) throw new UsageError("--into and --output both say where the results go: give one");
    if (values.workers !== undefined && !/^\d+$/.test(values.workers)) throw new UsageError("--workers must be a whole number, 0 or more");
    return await evalCommand(
      {
        policy: positionals[0] as string,
        input: values.input ?? "",
        ...(values.db ? { db: values.db } : {}),
        ...(values.into ? { into: values.into } : {}),
        ...(values["as-of"] ? { asOf: values["as-of"] } : {}),
        ...(values.revision !== undefined ? { revision: values.revision } : {}),
        ...(values.output ? { output: values.output } : {}),
        ...(values.format ? { format: values.format } : {}),
        ...(values["input-format"] ? { inputFormat: values["input-format"] } : {}),
        ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
        ...(values.engine ? { engine: values.engine } : {}),
        ...(values.quiet ? { quiet: true } : {}),
        ...(values.param?.length ? { params: paramArgs(values.param) } : {}),
      },
      io,
    );
  },
});
