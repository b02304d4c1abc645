// CSV output: one row per input record, in input order, under a header row; UTF-8 with a byte
// order mark so that Excel shows the Chinese text. Nested parts of a result (matched rules,
// measures, notifications …) are JSON in their cells, so nothing of the JSON Lines output is lost;
// the articles also come as a plain list for reading in a spreadsheet.
import type { EvalOutput } from "../../runtime/evaluate.js";
import { neutralise } from "./csv-safe.js";
import type { ResultExtras } from "./result-json.js";

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

/**
 * A cell as csv-stringify writes it by default (quoted when it holds a quote, a comma or a line
 * break), after a leading quote for a cell a spreadsheet would run as a formula (csv-safe.ts).
 */
export function csvCell(cell: string): string {
  if (cell === "") return "";
  const text = neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: string[]): string => cells.map(csvCell).join(",") + "\r\n";

/** The header row, after a UTF-8 byte order mark. */
export function csvHeader(columns: Column[]): string {
  return "\ufeff" + row(columns.map(([name]) => name));
}

/** One result's row by the column table: error results and anything not laid out as a graded result. */
function slowRow(columns: Column[], r: EvalOutput): string {
  return row(columns.map(([, cell]) => cell(r as unknown as Record<string, unknown>)));
}

type Graded = Record<string, unknown> & { id: string | null; as_of: string; policy: { id: string; version: string; sha256: string }; grade: string | null; label: string | null };

/**
 * A function from a result to its CSV row (with CRLF), the same cells as csvColumns gives. As for
 * JSON Lines (result-json.ts), the cells that depend only on the day and the grade — as_of to
 * label, the measure articles, measures and notifications — are made once per grade and checked
 * by identity on every record; the id, the matched rules and the extras are written per record.
 */
export function makeCsvRow(extras: ResultExtras): (result: EvalOutput) => string {
  const columns = csvColumns(extras);
  const extraCells = columns.slice(12, -3).map(([, cell]) => cell);
  // head: the cells as_of … label; measureArticles; rest: the measures and notifications cells.
  type Head = { asOf: string; policy: object; label: string | null; measures: unknown; notifications: unknown; head: string; measureArticles: string; rest: string };
  const heads = new Map<string | null, Head>();
  return (result) => {
    if ("error" in result) return slowRow(columns, result);
    const r = result as unknown as Graded;
    let h = heads.get(r.grade);
    if (!h || h.asOf !== r.as_of || h.policy !== r.policy || h.label !== r.label || h.measures !== r["measures"] || h.notifications !== r["notifications"]) {
      const cells = columns.map(([, cell]) => csvCell(cell(r)));
      h = { asOf: r.as_of, policy: r.policy, label: r.label, measures: r["measures"], notifications: r["notifications"], head: cells.slice(1, 7).join(","), measureArticles: cells[8] as string, rest: cells.slice(10, 12).join(",") };
      // The shared arrays alone may be kept; a per-record copy is not worth a cache entry.
      if (Object.isFrozen(r["measures"]) && Object.isFrozen(r["notifications"])) heads.set(r.grade, h);
    }
    const matched = r["matched"] as { article?: unknown }[];
    let articles = "";
    for (let i = 0; i < matched.length; i++) articles += (i ? "、" : "") + String(matched[i]!.article);
    let out = `${csvCell(r.id ?? "")},${h.head},${csvCell(articles)},${h.measureArticles},${csvCell(JSON.stringify(matched))},${h.rest}`;
    for (const cell of extraCells) out += "," + csvCell(cell(r));
    return out + ",,,\r\n";
  };
}
