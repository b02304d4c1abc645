// CSV output: one row per input record, in input order, under a header row; UTF-8 with a byte
// order mark so that Excel shows the Chinese text. Nested parts of a result (matched rules,
// measures, notifications …) are JSON in their cells, so nothing of the JSON Lines output is lost;
// the articles also come as a plain list for reading in a spreadsheet.
import { stringify } from "csv-stringify/sync";
import type { EvalOutput } from "../../runtime/evaluate.js";
import { neutralise } from "./csv-safe.js";

/** The result fields a policy's results carry beyond the core ones. */
export interface ResultExtras {
  categories: boolean;
  scores: boolean;
  obligations: boolean;
  snapshot: boolean;
}

type Column = [name: string, cell: (r: Record<string, unknown>) => string];

const json = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
const articles = (v: unknown) => (Array.isArray(v) ? v.map((m: { article?: unknown }) => String(m.article)).join("、") : "");

export function csvColumns(extras: ResultExtras): Column[] {
  const err = (r: Record<string, unknown>) => r["error"] as { path: string; message: string; code: string } | undefined;
  const policy = (r: Record<string, unknown>) => r["policy"] as { id: string; version: string; sha256: string } | undefined;
  return [
    ["id", (r) => text(r["id"])],
    ["as_of", (r) => text(r["as_of"])],
    ["policy", (r) => text(policy(r)?.id)],
    ["policy_version", (r) => text(policy(r)?.version)],
    ["policy_sha256", (r) => text(policy(r)?.sha256)],
    ["grade", (r) => text(r["grade"])],
    ["label", (r) => text(r["label"])],
    ["matched_articles", (r) => articles(r["matched"])],
    ["measure_articles", (r) => articles(r["measures"])],
    ["matched", (r) => json(r["matched"])],
    ["measures", (r) => json(r["measures"])],
    ["notifications", (r) => json(r["notifications"])],
    ...(extras.categories ? ([["categories", (r) => json(r["categories"])]] as Column[]) : []),
    ...(extras.scores ? ([["scores", (r) => json(r["scores"])]] as Column[]) : []),
    ...(extras.obligations ? ([["obligations", (r) => json(r["obligations"])]] as Column[]) : []),
    ...(extras.snapshot ? ([["data_as_of", (r) => text(r["data_as_of"])]] as Column[]) : []),
    ["error_code", (r) => text(err(r)?.code)],
    ["error_path", (r) => text(err(r)?.path)],
    ["error_message", (r) => text(err(r)?.message)],
  ];
}

const OPTIONS = { record_delimiter: "\r\n" } as const;

/** The header row, after a UTF-8 byte order mark. */
export function csvHeader(columns: Column[]): string {
  return "\ufeff" + stringify([columns.map(([name]) => name)], OPTIONS);
}

export function csvRows(columns: Column[], results: EvalOutput[]): string {
  return stringify(
    results.map((r) => columns.map(([, cell]) => neutralise(cell(r as unknown as Record<string, unknown>)))),
    OPTIONS,
  );
}
