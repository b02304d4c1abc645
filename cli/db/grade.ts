// Grading inside a database: the policy's SQL query (compiler/backends/sql/) run as of a day over
// the relational layout, its result lines streamed out in subject order. A row the query marks
// `fallback` (it cannot vouch for matching the evaluator there: a working day outside the
// calendar, a declared field of another type, …) is graded by the evaluator from the record the
// subject's rows hold (record/relational.ts rebuildRecord), so every line is the evaluator's.
import { compileSqlQuery } from "../../compiler/backends/sql/query.js";
import { ident } from "../../compiler/backends/sql/dialect.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { rebuildRecord, TABLES } from "../../record/relational.js";
import type { EvalOutput, Grader } from "../../runtime/evaluate.js";
import type { BatchStats } from "../batch/grade-batch.js";
import { makeResultJson, resultExtras } from "../batch/result-json.js";
import type { Database, DbRow } from "./connect.js";

/** One subject's result: its line, and the parsed result when the evaluator made it. */
export interface GradedRow {
  seq: number;
  line: string;
  grade: string | null;
  error: boolean;
  /** The query left this subject to the evaluator. */
  fallback: boolean;
}

/** The subjects' records, rebuilt from their rows, by sequence number. */
export async function recordsOf(db: Database, seqs: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
  const list = seqs.map((x) => String(Math.trunc(x))).join(", ");
  const rows = new Map<number, Map<string, DbRow[]>>();
  for (const t of TABLES) {
    const key = t.kind === "subjects" ? "seq" : "subject";
    const found = await db.all(`SELECT * FROM ${ident(t.name)} WHERE ${ident(key)} IN (${list})`);
    for (const r of found) {
      const seq = Number(r[key]);
      let m = rows.get(seq);
      if (!m) rows.set(seq, (m = new Map()));
      m.set(t.name, [...(m.get(t.name) ?? []), r]);
    }
  }
  return new Map([...rows].map(([seq, m]) => [seq, rebuildRecord(m)]));
}

function stat(stats: BatchStats, r: { grade: string | null; error: boolean }): void {
  stats.records++;
  if (r.error) stats.errors++;
  else stats.grades.set(r.grade ?? "", (stats.grades.get(r.grade ?? "") ?? 0) + 1);
}

/**
 * Runs the policy's query as of `asOf` and hands its lines, in subject order, to `emit` in batches;
 * `grader` grades the rows the query leaves to the evaluator.
 */
export async function gradeInDatabase(
  db: Database,
  ir: IRPolicy,
  grader: Grader,
  asOf: string,
  emit: (rows: GradedRow[], stats: BatchStats) => Promise<void>,
): Promise<void> {
  const sql = compileSqlQuery(ir, { dialect: db.dialect, ref: grader.ref });
  const resultJson = makeResultJson(resultExtras(ir));
  for await (const batch of db.batches(sql, [asOf], 10_000)) {
    const fallback = batch.filter((r) => r["fallback"] === true || r["fallback"] === "true").map((r) => Number(r["seq"]));
    const redone = fallback.length ? await regrade(db, grader, fallback, asOf) : new Map<number, EvalOutput>();
    const stats: BatchStats = { records: 0, errors: 0, grades: new Map() };
    const out: GradedRow[] = batch.map((r) => {
      const seq = Number(r["seq"]);
      const again = redone.get(seq);
      const row: GradedRow = again
        ? { seq, line: resultJson(again), grade: "error" in again ? null : again.grade, error: "error" in again, fallback: true }
        : { seq, line: String(r["line"]), grade: (r["grade"] as string | null) ?? null, error: false, fallback: false };
      stat(stats, row);
      return row;
    });
    await emit(out, stats);
  }
}

/** The evaluator's results for subjects the query left to it. */
export async function regrade(db: Database, grader: Grader, seqs: readonly number[], asOf: string): Promise<Map<number, EvalOutput>> {
  const records = await recordsOf(db, seqs);
  return new Map(seqs.map((seq) => [seq, grader.grade(records.get(seq), asOf)]));
}
