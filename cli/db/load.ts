// Loading credit records into the relational layout: JSON Lines, a JSON array or CSV (the import's
// JSON Lines too), read and validated as `eval` reads them. Each valid record becomes rows of the
// layout's tables (record/relational.ts) under the next subject sequence number; a record that
// cannot be read or breaks the schema is reported as the error line `eval` writes for it
// ({"id","error":{"path","message","code"}}, with its file and line) and the load goes on.
import type { Writable } from "node:stream";
import { layoutDdl } from "../../compiler/backends/sql/ddl.js";
import { ident } from "../../compiler/backends/sql/dialect.js";
import { LayoutLimitError, shredRecord, TABLES, type Rows } from "../../record/relational.js";
import { gradeChecked, recordErrorText } from "../../runtime/support.js";
import { guessId } from "../batch/grade-batch.js";
import { csvBatches, recordFromRow } from "../batch/csv-input.js";
import type { Item } from "../batch/items.js";
import { write } from "../io.js";
import { jsonBatches, openInput, splitLines } from "../record-stream.js";
import { loadJsonLinesNative, scanJsonLines } from "./duckdb-json.js";
import type { Database } from "./connect.js";

/** Creates the layout's tables where they do not exist. */
export async function createLayout(db: Database): Promise<void> {
  for (const ddl of layoutDdl(db.dialect)) await db.exec(ddl);
}

/** Empties every table of the layout, children first. */
export async function clearLayout(db: Database): Promise<void> {
  for (const t of [...TABLES].reverse()) await db.exec(`DELETE FROM ${ident(t.name)}`);
}

/** The next subject sequence number: one past the largest loaded. */
export async function nextSeq(db: Database): Promise<number> {
  const [row] = await db.all(`SELECT COALESCE(MAX(seq), 0) AS m FROM subjects`);
  return Number(row?.["m"] ?? 0) + 1;
}

export interface LoadTally {
  loaded: number;
  rejected: number;
}

const NO_POLICY = { id: "", version: "", sha256: "" };
const VALID = Symbol("valid");

/** Why an item holds no valid record (an error line without as_of and policy), or the record. */
export function checkItem(item: Item, header: readonly string[]): { record: Record<string, unknown> } | { error: object } {
  const unreadable = (id: string | null, path: string, key: string, args: string[]) => ({
    error: { id, error: recordErrorText({ path, code: "CP-R000", key: key as never, args }) },
  });
  let record: unknown;
  if ("unreadable" in item) return unreadable(item.id ?? null, "", item.unreadable.key, (item.unreadable.args ?? []) as string[]);
  if ("chunk" in item) throw new Error("line chunks are split before loading");
  if ("cells" in item) {
    const row = recordFromRow(header, item.cells, item.line);
    if (row.error) {
      const idAt = header.indexOf("id");
      return unreadable(idAt >= 0 && item.cells[idAt] ? (item.cells[idAt] as string) : null, row.error.path, row.error.message.key, (row.error.message.args ?? []) as string[]);
    }
    record = row.record;
  } else if (item.notUtf8) return unreadable(null, "", "CP-R000/not-utf8", [String(item.line)]);
  else {
    try {
      record = JSON.parse(item.text);
    } catch (e) {
      return unreadable(guessId(item.text), "", "CP-R000", [String(item.line), (e as Error).message]);
    }
  }
  const checked = gradeChecked(record, "1970-01-01", NO_POLICY, () => VALID);
  if (checked === VALID) return { record: record as Record<string, unknown> };
  const { id, error } = checked as { id: string | null; error: object };
  return { error: { id, error } };
}

/**
 * Loads the records of `files` into the layout (created if missing), in batches; rejected records
 * go to `rejects` as error lines. Returns how many were loaded and rejected.
 */
export async function loadFiles(
  db: Database,
  files: readonly string[],
  opts: { inputFormat?: "json" | "csv"; rejects: Writable; /** false: never let DuckDB read JSON Lines itself. */ native?: boolean },
): Promise<LoadTally> {
  await createLayout(db);
  // A subject's sequence number is its line in its file, after those of the files before.
  let base = (await nextSeq(db)) - 1;
  const tally: LoadTally = { loaded: 0, rejected: 0 };
  let rows: Rows = new Map();
  let pending = 0;
  const flush = async () => {
    for (const t of TABLES) {
      const list = rows.get(t.name);
      if (list?.length) await db.append(t, list);
    }
    rows = new Map();
    pending = 0;
  };
  for (const file of files) {
    let last = 0;
    const csv = opts.inputFormat === "csv" || (opts.inputFormat === undefined && /\.csv$/i.test(file));
    let header: string[] = [];
    let batches: AsyncIterable<Item[]>;
    // DuckDB reads JSON Lines itself; the lines it leaves come back here, to be read as eval reads them.
    const scan = !csv && db.dialect === "duckdb" && file !== "-" && opts.native !== false ? scanJsonLines(file) : null;
    if (scan && "newline" in scan) {
      await flush();
      const native = await loadJsonLinesNative(db, file, scan.newline, base);
      tally.loaded += native.loaded;
      last = native.lines;
      batches = otherLines(db);
    } else batches = csv ? csvBatches(openInput(file), (h) => (header = h)) : (jsonBatches(openInput(file), false) as AsyncGenerator<Item[]>);
    for await (const items of batches) {
      let text = "";
      for (const item of items) {
        const r = checkItem(item, header);
        last = Math.max(last, item.line);
        if ("record" in r) {
          try {
            shredRecord(r.record, base + item.line, rows);
          } catch (e) {
            if (!(e instanceof LayoutLimitError)) throw e;
            tally.rejected++;
            const id = typeof r.record["id"] === "string" ? r.record["id"] : null;
            const shown = JSON.stringify(e.value);
            text += JSON.stringify({ id, file, line: item.line, error: recordErrorText({ path: e.path, code: "CP-R013", args: [shown.length > 60 ? `${shown.slice(0, 57)}…` : shown] }) }) + "\n";
            continue;
          }
          tally.loaded++;
          if (++pending >= 20_000) await flush();
        } else {
          tally.rejected++;
          const { id, error } = r.error as { id: string | null; error: object };
          text += JSON.stringify({ id, file, line: item.line, error }) + "\n";
        }
      }
      if (text) await write(opts.rejects, text);
    }
    base += last;
  }
  await flush();
  // PostgreSQL plans the grading query from table statistics: fresh ones after a bulk load, not
  // whenever autovacuum gets to it (a plan made on empty-table estimates can be 10× slower).
  if (db.dialect === "postgres") await db.exec(`ANALYZE ${TABLES.map((t) => ident(t.name)).join(", ")}`);
  return tally;
}

/** The lines DuckDB left (cp_other), as the JavaScript reader's items. */
async function* otherLines(db: Database): AsyncGenerator<Item[]> {
  for await (const rows of db.batches("SELECT line, text FROM cp_other ORDER BY line", [], 2000)) {
    yield rows.flatMap((r) => splitLines(Buffer.from(String(r["text"])), Number(r["line"])));
  }
  await db.exec("DROP TABLE cp_other");
}
