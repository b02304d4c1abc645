// `credit-policy eval POLICY --db URL [--output FILE | --into TABLE]`: grading inside the database,
// the result lines written as `eval` writes them (JSON Lines or CSV, subject order) or into a
// results table; and `eval --engine duckdb --input FILE`: the records loaded into an embedded
// DuckDB (JSON Lines read by DuckDB itself) and graded there.
import type { Writable } from "node:stream";
import { gradeIds } from "../../compiler/backends/result-shape.js";
import { ident } from "../../compiler/backends/sql/dialect.js";
import { compileSqlQuery } from "../../compiler/backends/sql/query.js";
import type { EvalOutput, Grader } from "../../runtime/evaluate.js";
import { csvColumns, csvHeader, makeCsvRow } from "../batch/csv-output.js";
import { resultExtras } from "../batch/result-json.js";
import type { OutputFormat } from "../batch/items.js";
import { summaryLine, Tally } from "../batch/summary.js";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { line, openOutput, write, type Io } from "../io.js";
import { openDatabase, type Database } from "./connect.js";
import { gradeInDatabase, regrade } from "./grade.js";
import { createLayout } from "./load.js";
import { DUCKDB_MAX_LINE_BYTES, loadJsonLinesNative, scanJsonLines, sq } from "./duckdb-json.js";
import { loadParquetNative, parquetColumns, parquetRowsSql, rowJson } from "./duckdb-parquet.js";
import { makeBatchGrader, type BatchStats } from "../batch/grade-batch.js";
import { splitLines } from "../record-stream.js";

export interface DbEvalOptions {
  db?: string;
  asOf: string;
  output?: string;
  format: OutputFormat;
  into?: string;
  quiet?: boolean;
}

/** Grades every subject of the database; returns the exit code (3 when a line is an error). */
export async function evalInDatabase(grader: Grader, opts: DbEvalOptions & { db: string }, io: Io): Promise<number> {
  const db = await openDatabase(opts.db);
  try {
    return await gradeOpen(db, grader, opts, io);
  } finally {
    await db.close();
  }
}

/** Grades the subjects of an open database as `eval` would write them. */
export async function gradeOpen(db: Database, grader: Grader, opts: Omit<DbEvalOptions, "db">, io: Io, extraErrors = 0): Promise<number> {
  const started = performance.now();
  const tally = new Tally();
  const [tables] = await db.all(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'subjects'`);
  if (Number(tables?.["n"] ?? 0) === 0) throw new UsageError(`${db.label}: no credit records here (no table subjects); load them with credit-policy db load --db URL FILE…`);
  if (opts.into) {
    await gradeInto(db, grader, opts.asOf, opts.into, tally);
  } else {
    const output = openOutput(opts.output, io);
    const out: Writable = output.stream;
    const failed = outputFailure(out);
    const columns = opts.format === "csv" ? csvColumns(extrasOf(grader)) : null;
    const toCsv = columns ? makeCsvRow(extrasOf(grader)) : null;
    try {
      if (columns) await write(out, csvHeader(columns));
      await gradeInDatabase(db, grader.ir, grader, opts.asOf, async (rows, stats) => {
        tally.add(stats);
        const text = toCsv ? rows.map((r) => toCsv(JSON.parse(r.line) as EvalOutput)).join("") : rows.map((r) => r.line + "\n").join("");
        await Promise.race([write(out, text), failed.promise]);
      });
    } catch (e) {
      output.abort();
      // A reader that goes away (`| head`) ends the run.
      if ((e as NodeJS.ErrnoException).code === "EPIPE") return 0;
      throw e;
    }
    // The results appear under --output only now, all of them, synced.
    await output.commit();
  }
  if (!opts.quiet) line(io.stderr, `credit-policy: ${summaryLine(tally, (performance.now() - started) / 1000, gradeIds(grader.ir))} (in ${db.label})`);
  return tally.errors + extraErrors > 0 ? 3 : 0;
}

/** A promise that rejects when the output fails (its reader went away), so no write waits for "drain" forever. */
function outputFailure(out: Writable): { promise: Promise<never>; failed: boolean } {
  const state = { failed: false, promise: new Promise<never>((_, reject) => out.once("error", (e) => ((state.failed = true), reject(e)))) };
  state.promise.catch(() => undefined);
  return state;
}

function extrasOf(g: Grader) {
  return resultExtras(g.ir);
}

/**
 * The results as a table of the database (replaced): seq, id, as_of, grade, error_code, the result
 * line, and which engine graded it (the query, or the evaluator where the query left it).
 */
async function gradeInto(db: Database, grader: Grader, asOf: string, name: string, tally: Tally): Promise<void> {
  const t = ident(name);
  const text = db.dialect === "duckdb" ? "VARCHAR" : "TEXT";
  await db.exec(`DROP TABLE IF EXISTS ${t}`);
  await db.exec(`CREATE TABLE ${t} (seq BIGINT, id ${text}, as_of DATE, grade ${text}, error_code ${text}, result ${text}, graded_by ${text})`);
  const sql = compileSqlQuery(grader.ir, { dialect: db.dialect, ref: grader.ref });
  await db.all(
    `INSERT INTO ${t} SELECT q.seq, q.id, CAST($1 AS DATE), q.grade, NULL, CASE WHEN q.fallback THEN NULL ELSE q.line END, CASE WHEN q.fallback THEN 'evaluator' ELSE 'database' END FROM (${sql}) q`,
    [asOf],
  );
  const left = (await db.all(`SELECT seq FROM ${t} WHERE graded_by = 'evaluator' ORDER BY seq`)).map((r) => Number(r["seq"]));
  for (let i = 0; i < left.length; i += 1000) {
    const redone = await regrade(db, grader, left.slice(i, i + 1000), asOf);
    for (const [seq, r] of redone) {
      const error = "error" in r ? r.error.code : null;
      await db.all(`UPDATE ${t} SET grade = $1, error_code = $2, result = $3 WHERE seq = CAST($4 AS BIGINT)`, [
        ("grade" in r ? r.grade : null) as string,
        error as string,
        JSON.stringify(r),
        String(seq),
      ]);
    }
  }
  for (const r of await db.all(`SELECT grade, error_code, COUNT(*) AS n FROM ${t} GROUP BY grade, error_code`)) {
    const n = Number(r["n"]);
    tally.records += n;
    if (r["error_code"] !== null) tally.errors += n;
    else tally.grades.set((r["grade"] as string | null) ?? "", (tally.grades.get((r["grade"] as string | null) ?? "") ?? 0) + n);
  }
}

/**
 * A Parquet file's rows as JSON Lines, in file order, one line per row (so line numbers are row
 * numbers): each row as the JSON object it stands for (NULL is an absent key).
 */
export async function* parquetAsJsonLines(path: string): AsyncGenerator<Buffer> {
  const db = await openDatabase("duckdb::memory:");
  try {
    await parquetColumns(db, path);
    for await (const rows of db.batches(`SELECT CAST(to_json(p) AS VARCHAR) AS line FROM read_parquet(${sq(path)}) p`, [], 2048)) {
      yield Buffer.from(rows.map((r) => rowJson(String(r["line"])) + "\n").join(""));
    }
  } finally {
    await db.close();
  }
}


export interface FileEvalOptions {
  input: string;
  /** JSON Lines (the default) or Parquet. */
  inputFormat?: "jsonl" | "parquet";
  /** Records longer than this are eval's CP-R010 error lines: a file with such a line is left to the JavaScript path. */
  maxRecordBytes: number;
  asOf: string;
  output?: string;
  format: OutputFormat;
  quiet?: boolean;
}

/** Records graded per round: what bounds the memory of `eval --engine duckdb` (beyond a JSON Lines file's own text). */
export const CHUNK_ROWS = 1_000_000;

/**
 * `eval --engine duckdb --input FILE`: DuckDB reads the JSON Lines (duckdb-json.ts) or Parquet
 * (duckdb-parquet.ts) file itself into an embedded database and grades it there; the lines it
 * leaves (and the subjects the query leaves) are graded by the evaluator from their own text, and
 * every line lands in its input place. The file is graded CHUNK_ROWS lines or rows at a time
 * (CP_DUCKDB_CHUNK_ROWS overrides it), so memory stays that of one round (and, for JSON Lines, the
 * file's text, read once). Returns a reason
 * when the file is not JSON Lines DuckDB can read line for line (the caller grades it as usual).
 */
export async function evalFileWithDuckDb(grader: Grader, opts: FileEvalOptions, io: Io): Promise<number | { reason: string }> {
  const parquet = opts.inputFormat === "parquet";
  const scan = parquet ? null : scanJsonLines(opts.input, Math.min(DUCKDB_MAX_LINE_BYTES, opts.maxRecordBytes));
  if (scan && "reason" in scan) return scan;
  const started = performance.now();
  const db = await openDatabase("duckdb::memory:");
  const tally = new Tally();
  const output = openOutput(opts.output, io);
  const out: Writable = output.stream;
  const failed = outputFailure(out);
  const parts = mkdtempSync(join(tmpdir(), "credit-policy-results-"));
  try {
    if (opts.format === "csv") await write(out, csvHeader(csvColumns(extrasOf(grader))));
    const sql = compileSqlQuery(grader.ir, { dialect: "duckdb", ref: grader.ref });
    const batch = makeBatchGrader({ ir: grader.ir, ref: grader.ref, asOf: opts.asOf, format: "jsonl", engine: "compiled" });
    const round: Round = { db, grader, opts, sql, batch, parquet, out, failed: failed.promise, tally, parts, rounds: 0, copying: null, slots: [null, null] };
    const env = Number(process.env["CP_DUCKDB_CHUNK_ROWS"]);
    const chunk = Number.isSafeInteger(env) && env > 0 ? env : CHUNK_ROWS;
    if (scan) {
      // The file's lines are read once; the rest, round by round.
      let lines = chunk;
      for (let from = 0; from < lines; from += chunk) {
        const loaded = await loadJsonLinesNative(db, opts.input, scan.newline, 0, { keepLines: true, views: true, lines: { from, to: from + chunk } });
        lines = loaded.lines;
        await gradeRound(round);
      }
    } else {
      const columns = await parquetColumns(db, opts.input);
      const rows = Number((await db.all(`SELECT COUNT(*) AS n FROM read_parquet(${sq(opts.input)})`))[0]?.["n"] ?? 0);
      for (let from = 0; from < rows; from += chunk) {
        await loadParquetNative(db, opts.input, { from, to: Math.min(rows, from + chunk) }, columns);
        await gradeRound(round);
      }
    }
    await round.copying;
  } catch (e) {
    output.abort();
    // A reader that goes away (`| head`) ends the run.
    if ((e as NodeJS.ErrnoException).code === "EPIPE") return 0;
    throw e;
  } finally {
    await db.close();
    rmSync(parts, { recursive: true, force: true });
  }
  // The results appear under --output only now, all of them, synced.
  await output.commit();
  if (!opts.quiet) line(io.stderr, `credit-policy: ${summaryLine(tally, (performance.now() - started) / 1000, gradeIds(grader.ir))} (DuckDB)`);
  return tally.errors > 0 ? 3 : 0;
}

interface Round {
  db: Database;
  grader: Grader;
  opts: FileEvalOptions;
  /** The policy's query (compiler/backends/sql/query.ts), $1 the as-of day. */
  sql: string;
  /** The evaluator for the lines DuckDB leaves, made once for all rounds. */
  batch: ReturnType<typeof makeBatchGrader>;
  parquet: boolean;
  out: Writable;
  failed: Promise<never>;
  tally: Tally;
  /** The folder where DuckDB writes a round's JSON Lines before they are copied to the output. */
  parts: string;
  rounds: number;
  /** The copy of the last round's lines to the output, running while the next round is graded. */
  copying: Promise<void> | null;
  slots: (Promise<void> | null)[];
}

/** Grades what was loaded (the layout's views), and writes its lines to the output in input order. */
async function gradeRound(r: Round): Promise<void> {
  const { db, grader, opts, tally } = r;
  await db.exec("DROP TABLE IF EXISTS cp_res; DROP TABLE IF EXISTS cp_js");
  await db.exec(`CREATE TEMP TABLE cp_res AS ${r.sql.replace(/ORDER BY o\.seq\s*$/, "").replaceAll("CAST($1 AS DATE)", `CAST('${opts.asOf}' AS DATE)`)}`);
  // The lines left to the evaluator: those DuckDB did not load, and the subjects the query left.
  const batch = r.batch;
  const js = new Map<number, string>();
  const stats: BatchStats = { records: 0, errors: 0, grades: new Map() };
  const left = r.parquet
    ? `SELECT o.line, o.text FROM cp_other o UNION ALL SELECT n, line FROM (${parquetRowsSql(opts.input, "SELECT seq FROM cp_res WHERE fallback")})`
    : `SELECT o.line, o.text FROM cp_other o UNION ALL SELECT r.seq, l.line FROM cp_res r JOIN cp_raw_lines l ON l.n = r.seq WHERE r.fallback`;
  for await (const rows of db.batches(left, [], 5000)) {
    for (const row of rows) {
      const line = Number(row["line"]);
      // A Parquet row's JSON has its NULLs, which are absent keys.
      for (const item of splitLines(Buffer.from(r.parquet ? rowJson(String(row["text"])) : String(row["text"])), line)) {
        const out = batch([item]);
        js.set(line, Buffer.from(out.bytes).toString("utf8").replace(/\n$/, ""));
        tally.add(out.stats);
      }
    }
  }
  for (const row of await db.all("SELECT grade, COUNT(*) AS n FROM cp_res WHERE NOT fallback GROUP BY grade")) {
    stats.records += Number(row["n"]);
    stats.grades.set((row["grade"] as string | null) ?? "", Number(row["n"]));
  }
  tally.add(stats);
  if (opts.format === "jsonl") {
    // DuckDB writes the round's lines itself, the evaluator's merged in by line number, into a
    // file of its own; its bytes are then copied to the output.
    await db.exec("CREATE TEMP TABLE cp_js (line BIGINT, text VARCHAR)");
    await db.append({ name: "cp_js", kind: "part", keys: [], columns: [{ name: "line", kind: "seq" }, { name: "text", kind: "text" }] }, [...js].map(([k, v]) => [k, v]));
    // Two files in turn: one is copied while DuckDB writes the other.
    const slot = r.rounds++ % 2;
    const part = join(r.parts, `part-${slot}.jsonl`);
    const previous = r.copying;
    // The copy that read this file two rounds ago is done before DuckDB writes it again.
    await r.slots[slot];
    await db.exec(
      `COPY (SELECT text FROM (SELECT seq AS line, line AS text FROM cp_res WHERE NOT fallback UNION ALL SELECT line, text FROM cp_js) u ORDER BY line) ` +
        `TO ${sq(part)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER chr(1))`,
    );
    r.copying = (async () => {
      await previous;
      for await (const bytes of createReadStream(part, { highWaterMark: 1 << 20 })) await Promise.race([write(r.out, bytes as Buffer), r.failed]);
      rmSync(part, { force: true });
    })();
    // A failed copy is awaited (and thrown) by the next round or at the end; never unhandled meanwhile.
    r.copying.catch(() => undefined);
    r.slots[slot] = r.copying;
  } else {
    const toCsv = makeCsvRow(extrasOf(grader));
    const merged = `SELECT seq, line FROM cp_res WHERE NOT fallback UNION ALL SELECT seq, NULL FROM cp_res WHERE fallback UNION ALL SELECT line, NULL FROM cp_other ORDER BY 1`;
    for await (const rows of db.batches(merged, [], 10_000)) {
      const lines = rows.map((row) => (row["line"] === null ? (js.get(Number(row["seq"])) ?? "") : String(row["line"]))).filter((l) => l !== "");
      await Promise.race([write(r.out, lines.map((l) => toCsv(JSON.parse(l) as EvalOutput)).join("")), r.failed]);
    }
  }
}
