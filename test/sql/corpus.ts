// The differential corpus of test/codegen/differential.test.ts, run through a database: every
// seed policy's own test records, the example records (valid and bad) and the generated records,
// loaded once with `db load`'s loader, then graded by each policy's SQL query as of every corpus
// day and every day its own tests name. Each result line must equal the evaluator's, byte for
// byte (and so field by field); a line the query leaves to the evaluator (`fallback`) must be
// one the evaluator makes an error line of — the query graded every other record itself.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { policyRef } from "../../compiler/backends/result-shape.js";
import { openDatabase, type Database } from "../../cli/db/connect.js";
import { gradeInDatabase } from "../../cli/db/grade.js";
import { loadFiles } from "../../cli/db/load.js";
import { makeBatchGrader } from "../../cli/batch/grade-batch.js";
import { splitLines } from "../../cli/record-stream.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { instantiate } from "../../runtime/instantiate.js";
import { CORPUS_DAYS, ROOT, seedPolicies, type Seed } from "../codegen/generated.js";
import { randomRecords } from "../codegen/random-records.js";

export const SEEDS: Seed[] = seedPolicies();

/** Every record of the corpus, as JSON Lines (the bad examples as written). */
function corpusLines(): string[] {
  const lines = (name: string) => readFileSync(join(ROOT, "examples", name), "utf8").split("\n").filter(Boolean);
  return [
    ...SEEDS.flatMap((s) => s.ir.tests.map((t) => JSON.stringify(t.record))),
    ...lines("records.jsonl"),
    ...lines("bad-records.jsonl"),
    ...randomRecords(1500).map((r) => JSON.stringify(r)),
  ];
}

export interface Loaded {
  db: Database;
  /** The record of each loaded subject, by sequence number. */
  records: Map<number, unknown>;
  /** Rejected lines as the loader reported them, by line. */
  rejected: Map<number, { id: string | null; error: { code: string; path: string; message: string } }>;
  lines: string[];
  file: string;
}

/** A database holding the corpus. */
export async function loadCorpus(url: string): Promise<Loaded> {
  const db = await openDatabase(url);
  const lines = corpusLines();
  const file = join(mkdtempSync(join(tmpdir(), "cp-sql-corpus-")), "corpus.jsonl");
  writeFileSync(file, lines.join("\n") + "\n");
  const rejects = new PassThrough();
  let text = "";
  rejects.on("data", (d: Buffer) => (text += d.toString()));
  await loadFiles(db, [file], { rejects });
  const rejected = new Map(
    text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { line: number; id: string | null; error: { code: string; path: string; message: string } })
      .map((r) => [r.line, { id: r.id, error: r.error }] as const),
  );
  // A subject's sequence number is its line.
  const records = new Map<number, unknown>();
  lines.forEach((l, i) => {
    if (!rejected.has(i + 1)) records.set(i + 1, JSON.parse(l));
  });
  return { db, records, rejected, lines, file };
}

export interface Figures {
  policy: string;
  gradings: number;
  differences: string[];
  fallbacks: number;
  /** Fallback rows the evaluator graded without an error: the query could have graded them. */
  needlessFallbacks: number;
}

/** Which top-level fields of two result lines differ. */
function fieldDiff(expected: string, actual: string): string {
  try {
    const a = JSON.parse(expected) as Record<string, unknown>;
    const b = JSON.parse(actual) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).join(", ") || "key order";
  } catch {
    return "not JSON";
  }
}

/** Grades the corpus under one seed policy on every day, comparing each line with the evaluator's and the generated module's. */
export async function gradeSeed(loaded: Loaded, seed: Seed): Promise<Figures> {
  const interpreter = makeGrader(seed.ir, seed.sha256);
  const module = instantiate(seed.ir, policyRef(seed.ir, seed.sha256)) as { grade(r: unknown, d: string): unknown };
  const days = [...new Set([...CORPUS_DAYS, ...seed.ir.tests.map((t) => t.asOf)])];
  const figures: Figures = { policy: seed.file, gradings: 0, differences: [], fallbacks: 0, needlessFallbacks: 0 };
  for (const day of days) {
    await gradeInDatabase(loaded.db, seed.ir, interpreter, day, async (rows) => {
      for (const r of rows) {
        if (r.fallback) figures.fallbacks++;
        const record = loaded.records.get(r.seq);
        const expected = JSON.stringify(interpreter.grade(record, day));
        const generated = JSON.stringify(module.grade(record, day));
        figures.gradings++;
        if (r.fallback && !expected.includes('"error":')) figures.needlessFallbacks++;
        for (const [engine, line] of [["database", r.line], ["generated module", generated]] as const) {
          if (line !== expected && figures.differences.length < 5) {
            figures.differences.push(`${engine}, ${day}, subject ${r.seq}: fields ${fieldDiff(expected, line)}\n  evaluator ${expected.slice(0, 600)}\n  ${engine} ${line.slice(0, 600)}`);
          }
        }
      }
    });
  }
  return figures;
}

/** The loader's error lines against `eval`'s for the same lines: same id, code, path and message. */
export function rejectedDifferences(loaded: Loaded): { rejected: number; differences: string[] } {
  const seed = SEEDS.find((s) => s.ir.id === "pinglu-fgj") as Seed;
  const batch = makeBatchGrader({ ir: seed.ir, ref: policyRef(seed.ir, seed.sha256), asOf: "2021-12-31", format: "jsonl", engine: "interpreter" });
  const text = readFileSync(loaded.file);
  const items = splitLines(text, 1);
  const differences: string[] = [];
  for (const item of items) {
    const mine = loaded.rejected.get(item.line);
    const evalLine = JSON.parse(Buffer.from(batch([item]).bytes).toString("utf8").trim()) as { id: string | null; error?: unknown };
    if (!evalLine.error && !mine) continue;
    const theirs = JSON.stringify({ id: evalLine.id, error: evalLine.error ?? null });
    const ours = JSON.stringify(mine ? { id: mine.id, error: mine.error } : { id: evalLine.id, error: null });
    if (theirs !== ours) differences.push(`line ${item.line}: eval ${theirs}, load ${ours}`);
  }
  return { rejected: loaded.rejected.size, differences };
}
