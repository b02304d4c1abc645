// JSON Lines read by DuckDB itself into the relational layout, without a record passing through
// JavaScript: DuckDB reads the file's lines, parses each with json_transform into the layout's
// nested shape (record/relational.ts, record.schema.json) and checks it against the record schema
// in SQL. The check is conservative, never lenient: a line it cannot vouch for — malformed JSON, a
// record breaking the schema, a key the layout does not know, a key given twice, a string with a
// colon escaped as \u003a — is handed back, with its line number, to the JavaScript reader and
// validator, which grade or reject it exactly as `eval` does. Two counts make the check complete
// without a second parse: every key of a JSON object is followed by one colon and is a string (two
// quotes), so a line whose colons and quotes are exactly those of the keys and string values the
// parse found holds no key it did not see (unknown, repeated, or under a value of the wrong type).
import { closeSync, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { ident } from "../../compiler/backends/sql/dialect.js";
import { TABLES, type ColumnDef, type TableDef } from "../../record/relational.js";
import type { Database } from "./connect.js";

/** Whether DuckDB can read the file line for line as the JavaScript reader does, and with which line ending. */
export function scanJsonLines(path: string, maxLineBytes = DUCKDB_MAX_LINE_BYTES): { newline: "\n" | "\r\n" } | { reason: string } {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(4 << 20);
    let carry = Buffer.alloc(0);
    let first: number | undefined;
    let lf = 0;
    let crlf = 0;
    let prevCr = false;
    let offset = 0;
    let lineStart = 0;
    const tooLong = { reason: `a line longer than ${maxLineBytes} bytes` };
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n === 0) break;
      const base = offset - carry.length;
      offset += n;
      const chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      // Cut before an incomplete UTF-8 sequence at the end; it is checked with the next chunk.
      let cut = chunk.length;
      for (let k = 1; k <= 3 && k <= chunk.length; k++) {
        const b = chunk[chunk.length - k] as number;
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > k) cut = chunk.length - k;
        break;
      }
      const whole = chunk.subarray(0, cut);
      if (!isUtf8(whole)) return { reason: "not UTF-8 throughout" };
      if (first === undefined) {
        const start = whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf ? 3 : 0;
        const i = whole.subarray(start).findIndex((c) => c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d);
        if (i >= 0) first = whole[start + i];
      }
      for (let i = whole.indexOf(0x0d); i >= 0; i = whole.indexOf(0x0d, i + 1)) {
        if (i + 1 < whole.length && whole[i + 1] !== 0x0a) return { reason: "a carriage return inside a line" };
      }
      for (let i = whole.indexOf(0x0a); i >= 0; i = whole.indexOf(0x0a, i + 1)) {
        if ((i > 0 ? whole[i - 1] === 0x0d : prevCr)) crlf++;
        else lf++;
        if (base + i - lineStart > maxLineBytes) return tooLong;
        lineStart = base + i + 1;
      }
      prevCr = whole[whole.length - 1] === 0x0d;
      carry = Buffer.from(chunk.subarray(cut));
    }
    if (carry.length && !isUtf8(carry)) return { reason: "not UTF-8 throughout" };
    if (offset - lineStart > maxLineBytes) return tooLong;
    if (first === 0x5b) return { reason: "a JSON array, not JSON Lines" };
    if (lf && crlf) return { reason: "mixed line endings" };
    return { newline: crlf ? "\r\n" : "\n" };
  } finally {
    closeSync(fd);
  }
}

/**
 * The longest line DuckDB reads here (read_csv's default max_line_size is 2,097,152 bytes): a file
 * with a longer line is read by the JavaScript reader, which also refuses records past
 * --max-record-bytes with CP-R010 as eval does.
 */
export const DUCKDB_MAX_LINE_BYTES = 2_000_000;

/**
 * How json_transform reads a column: an enumerated string or a date as VARCHAR (any other JSON
 * value becomes text that fails its check), everything else as JSON text, whose first character
 * tells its type (a number must not pass for a name).
 */
export function leafType(c: ColumnDef): "VARCHAR" | "JSON" {
  return (c.check?.enum || c.kind === "date") && !c.check?.nullable ? "VARCHAR" : "JSON";
}

export const dataColumns = (t: TableDef) => t.columns.filter((c) => !c.key && c.name !== "extra");
export const childTables = (t: TableDef) => TABLES.filter((x) => x.parent === t.name && x.kind !== "indicators");

/** json_transform's structure of an element of a table: its columns, its children's arrays as JSON text (read at their own level). */
function structureOf(t: TableDef): string {
  const fields = dataColumns(t).map((c) => `${JSON.stringify((c.path as string[])[0])}:${JSON.stringify(leafType(c))}`);
  for (const child of childTables(t)) fields.push(`${JSON.stringify(child.arrayKey)}:"JSON"`);
  return `{${fields.join(",")}}`;
}

export const subjectsTable = () => TABLES.find((t) => t.kind === "subjects") as TableDef;

/** The structure of a record's top level; nested objects and arrays as JSON text. */
function recordStructure(): string {
  const fields: string[] = [];
  const nested = new Set<string>();
  for (const c of dataColumns(subjectsTable())) {
    const path = c.path as string[];
    if (path.length === 1) fields.push(`${JSON.stringify(path[0])}:${JSON.stringify(leafType(c))}`);
    else if (!nested.has(path[0] as string)) {
      nested.add(path[0] as string);
      fields.push(`${JSON.stringify(path[0])}:"JSON"`);
    }
  }
  fields.push(`"indicators":"JSON"`);
  for (const t of childTables(subjectsTable())) fields.push(`${JSON.stringify(t.arrayKey)}:"JSON"`);
  return `{${fields.join(",")}}`;
}

/** The structure of a nested object of the record (public_credit). */
function nestedStructure(key: string): string {
  const fields = dataColumns(subjectsTable())
    .filter((c) => (c.path as string[]).length === 2 && (c.path as string[])[0] === key)
    .map((c) => `${JSON.stringify((c.path as string[])[1])}:${JSON.stringify(leafType(c))}`);
  return `{${fields.join(",")}}`;
}

export const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Colons in a text: a key is followed by one; strings may hold more. */
const colons = (x: string) => `(len(string_split(${x}, ':')) - 1)`;

const DATE_OK = (x: string) =>
  `(strlen(${x}) = 10 AND translate(${x}, '0123456789', '0000000000') = '0000-00-00' AND TRY_CAST(${x} AS DATE) IS NOT NULL AND ${x} >= '0001-01-01')`;
const unquote = (x: string) => `substr(${x}, 2, length(${x}) - 2)`;
/** A JSON string's value (JSON text in, text out). */
const stringValue = (x: string) => `CASE WHEN strpos(${x}, '\\') = 0 THEN ${unquote(x)} ELSE json_extract_string(${x}, '$') END`;
export const isNumber = (x: string) =>
  `(left(${x}, 1) IN ('-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9') AND TRY_CAST(${x} AS DOUBLE) IS NOT NULL AND abs(CAST(${x} AS DOUBLE)) <= 1.7976931348623157e308)`;

/** Whether a present column value meets the schema (the value is known not to be NULL). */
export function valueOk(c: ColumnDef, x: string): string {
  const ch = c.check ?? {};
  const parts: string[] = [];
  switch (c.kind) {
    case "text":
      if (leafType(c) === "JSON") parts.push(ch.nullable ? `(${x} = 'null' OR left(${x}, 1) = '"')` : `left(${x}, 1) = '"'`);
      if (ch.enum) parts.push(`${leafType(c) === "JSON" ? stringValue(x) : x} IN (${ch.enum.map(sq).join(", ")})`);
      if (ch.nonEmpty) parts.push(`strlen(${x}) > ${leafType(c) === "JSON" ? 2 : 0}`);
      break;
    case "date":
      parts.push(leafType(c) === "JSON" ? `(${x} = 'null' OR left(${x}, 1) = '"' AND ${DATE_OK(unquote(x))})` : DATE_OK(x));
      break;
    case "bool":
      parts.push(`${x} IN ('true', 'false')`);
      break;
    case "number": {
      parts.push(isNumber(x));
      const v = `TRY_CAST(${x} AS DOUBLE)`;
      if (ch.min !== undefined) parts.push(`${v} >= ${ch.min}`);
      if (ch.max !== undefined) parts.push(`${v} <= ${ch.max}`);
      if (ch.integer) parts.push(`${v} = floor(${v})`);
      break;
    }
    case "money":
      // A decimal string of at most two decimals (and at most 16 digits: the layout's limit), or a
      // non-negative number whose two-decimal rounding is itself (as money.ts parseYuan reads it).
      parts.push(
        `(regexp_full_match(${x}, '"[0-9]{1,16}([.][0-9]{1,2})?"') OR left(${x}, 1) BETWEEN '0' AND '9' AND TRY_CAST(${x} AS DOUBLE) <= 9007199254740991 ` +
          `AND CAST(TRY_CAST(TRY_CAST(${x} AS DOUBLE) AS DECIMAL(18,2)) AS DOUBLE) = TRY_CAST(${x} AS DOUBLE))`,
      );
      break;
    default:
      parts.push("FALSE");
  }
  return parts.length ? `(${parts.join(" AND ")})` : "TRUE";
}

/** The column's value as the table holds it (TRY_CAST: the engine may compute it before it drops the rows that fail their checks). */
function valueSql(c: ColumnDef, x: string): string {
  switch (c.kind) {
    case "text":
      return leafType(c) === "JSON" ? `CASE WHEN ${x} = 'null' THEN NULL ELSE ${stringValue(x)} END` : x;
    case "date":
      return leafType(c) === "JSON" ? `CASE WHEN ${x} = 'null' THEN NULL ELSE TRY_CAST(${unquote(x)} AS DATE) END` : `TRY_CAST(${x} AS DATE)`;
    case "bool":
      return `(${x} = 'true')`;
    case "number":
      return `TRY_CAST(${x} AS DOUBLE)`;
    case "money":
      return `CASE WHEN left(${x}, 1) = '"' THEN TRY_CAST(${unquote(x)} AS DECIMAL(18,2)) ELSE TRY_CAST(TRY_CAST(${x} AS DOUBLE) AS DECIMAL(18,2)) END`;
    default:
      return "NULL";
  }
}

/** The colons a present key accounts for: its own, and those inside its value when that is a string. */
function keyColons(c: ColumnDef, x: string): string {
  return leafType(c) === "VARCHAR" ? "1" : `(1 + CASE WHEN left(${x}, 1) = '"' THEN ${colons(x)} ELSE 0 END)`;
}

interface Checked {
  ok: string;
  /** The colons of the keys and string values found. */
  colons: string;
}

/** The check and the colon count of an element `v` of table t itself: its fields, and that its children's arrays are arrays. */
function elementChecks(t: TableDef, v: string): Checked {
  const ok: string[] = [`${v} IS NOT NULL`];
  const acc: string[] = [];
  for (const c of dataColumns(t)) {
    const x = `${v}.${ident((c.path as string[])[0] as string)}`;
    if (c.check?.required) ok.push(`${x} IS NOT NULL`);
    ok.push(`(${x} IS NULL OR ${valueOk(c, x)})`);
    acc.push(`CASE WHEN ${x} IS NULL THEN 0 ELSE ${keyColons(c, x)} END`);
  }
  for (const child of childTables(t)) {
    const x = `${v}.${ident(child.arrayKey as string)}`;
    ok.push(child.required ? `left(${x}, 1) = '['` : `(${x} IS NULL OR left(${x}, 1) = '[')`);
    acc.push(`CASE WHEN ${x} IS NULL THEN 0 ELSE 1 END`);
  }
  // Never NULL: bool_and skips NULLs, and a check that cannot be decided has failed.
  return { ok: `COALESCE(${ok.join("\n      AND ")}, FALSE)`, colons: `(${acc.join(" + ") || "0"})` };
}

/** Per history: each element whose last history entry's status differs from its own status (CP-R009), as (n, ok, colons) rows. */
export function lastStatusChecks(tables: TableDef[]): string[] {
  return tables
    .filter((t) => t.kind === "history")
    .map((h) => {
      const parent = TABLES.find((x) => x.name === h.parent) as TableDef;
      const keys = keysOf(parent);
      return (
        `SELECT p.n, COALESCE(p.x."status" IS NULL OR p.x."status" = h.x."status", FALSE) AS ok, 0 AS colons FROM cp_u_${parent.name} p JOIN cp_u_${h.name} h ON ${keys.map((k) => `h.${ident(k)} = p.${ident(k)}`).join(" AND ")} ` +
        `AND h.i = (SELECT max(i) FROM cp_u_${h.name} m WHERE ${keys.map((k) => `m.${ident(k)} = p.${ident(k)}`).join(" AND ")})`
      );
    });
}

export interface NativeLoad {
  /** Lines of the file (its last line number). */
  lines: number;
  /** Records loaded by DuckDB. */
  loaded: number;
  /** The number of non-blank lines left to the JavaScript reader. */
  others: number;
}

/** The tables below the subjects, parents first. */
export function unnestOrder(): TableDef[] {
  const out: TableDef[] = [];
  const visit = (t: TableDef) => {
    for (const c of childTables(t)) {
      out.push(c);
      visit(c);
    }
  };
  visit(subjectsTable());
  return out;
}

export const keysOf = (t: TableDef) => ["n", ...t.keys.slice(1).map((k) => k.name)];

/**
 * Loads the JSON Lines file `path` into the layout's tables (which must exist), each valid record as
 * subject `seqBase + its line number`; the lines DuckDB does not vouch for are left in the temporary
 * table cp_other (line, text) for the caller to read or grade with JavaScript.
 */
export async function loadJsonLinesNative(
  db: Database,
  path: string,
  newline: "\n" | "\r\n",
  seqBase: number,
  opts: { keepLines?: boolean; /** The layout's tables as views over what was parsed, not filled (a fresh database). */ views?: boolean } = {},
): Promise<NativeLoad> {
  const nl = newline === "\n" ? "\\n" : "\\r\\n";
  const tables = unnestOrder();
  const temps = ["cp_raw", "cp_rec", "cp_other", "cp_bad", ...tables.map((t) => `cp_u_${t.name}`)];
  await db.exec(["DROP VIEW IF EXISTS cp_raw_lines", "DROP VIEW IF EXISTS cp_lines", ...temps.map((t) => `DROP TABLE IF EXISTS ${t}`)].join("; "));
  // The first line may start with a byte order mark, which the JavaScript reader drops.
  await db.exec(
    `CREATE TEMP TABLE cp_raw AS SELECT line FROM read_csv(${sq(path)}, columns = {'line': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '', ` +
      `new_line = '${nl}', auto_detect = false, strict_mode = false, null_padding = false)`,
  );
  // From here on every row carries its line number: the engine may write rows in any order.
  await db.exec("SET preserve_insertion_order = false");
  // The row number is the line number (blank lines are rows too).
  await db.exec(`CREATE TEMP VIEW cp_lines AS SELECT rowid + 1 AS n, CASE WHEN rowid = 0 AND starts_with(line, chr(65279)) THEN substr(line, 2) ELSE line END AS line FROM cp_raw`);
  const subjects = subjectsTable();
  const top = dataColumns(subjects);
  const ok: string[] = [`r."id" IS NOT NULL`];
  const acc: string[] = [];
  const nested = [...new Set(top.filter((c) => (c.path as string[]).length === 2).map((c) => (c.path as string[])[0] as string))];
  for (const c of top) {
    const path = c.path as string[];
    const x = path.length === 1 ? `r.${ident(path[0] as string)}` : `cp_${path[0]}.${ident(path[1] as string)}`;
    if (c.check?.required) ok.push(path.length === 1 ? `${x} IS NOT NULL` : `(r.${ident(path[0] as string)} IS NULL OR ${x} IS NOT NULL)`);
    ok.push(`(${x} IS NULL OR ${valueOk(c, x)})`);
    acc.push(`CASE WHEN ${x} IS NULL THEN 0 ELSE ${keyColons(c, x)} END`);
  }
  for (const k of nested) {
    ok.push(`(r.${ident(k)} IS NULL OR left(r.${ident(k)}, 1) = '{')`);
    acc.push(`CASE WHEN r.${ident(k)} IS NULL THEN 0 ELSE 1 END`);
  }
  // indicators: an object of numbers, each key once.
  const ind = `cp_ind`;
  ok.push(
    `(r."indicators" IS NULL OR left(r."indicators", 1) = '{' AND cardinality(${ind}) = len(list_distinct(map_keys(${ind}))) ` +
      `AND COALESCE(list_bool_and(list_transform(map_values(${ind}), lambda y: ${isNumber("y")})), TRUE))`,
  );
  acc.push(`CASE WHEN r."indicators" IS NULL THEN 0 ELSE 1 + COALESCE(list_sum(list_transform(map_keys(${ind}), lambda k: 1 + ${colons("k")})), 0) END`);
  for (const t of childTables(subjects)) {
    const x = `r.${ident(t.arrayKey as string)}`;
    ok.push(`(${x} IS NULL OR left(${x}, 1) = '[')`);
    acc.push(`CASE WHEN ${x} IS NULL THEN 0 ELSE 1 END`);
  }
  await db.exec(
    `CREATE TEMP TABLE cp_rec AS SELECT n, r, ${nested.map((k) => `cp_${k}`).join(", ")}${nested.length ? ", " : ""}cp_ind, COALESCE(${ok.join("\n    AND ")}, FALSE) AS ok, (${acc.join("\n    + ")}) AS colons, line_colons FROM (\n` +
      `  SELECT n, r, ${nested.map((k) => `CASE WHEN left(r.${ident(k)}, 1) = '{' THEN json_transform(r.${ident(k)}, ${sq(nestedStructure(k))}) END AS cp_${k}`).join(", ")}${nested.length ? ", " : ""}` +
      `CASE WHEN left(r."indicators", 1) = '{' THEN json_transform(r."indicators", '"MAP(VARCHAR, JSON)"') END AS cp_ind, line_colons FROM (\n` +
      `    SELECT n, TRY(json_transform(line, ${sq(recordStructure())})) AS r, ${colons("line")} AS line_colons\n` +
      `    FROM cp_lines WHERE line IS NOT NULL AND left(ltrim(line), 1) = '{' AND strpos(line, '\\u003a') = 0 AND strpos(line, '\\u003A') = 0) t\n` +
      `  WHERE r IS NOT NULL) u`,
  );
  // Every element of every part on a row of its own, with its own check and colon count.
  for (const t of tables) {
    const fromRec = t.parent === "subjects";
    const parent = fromRec ? "cp_rec" : `cp_u_${t.parent}`;
    const pk = fromRec ? ["n"] : keysOf(TABLES.find((x) => x.name === t.parent) as TableDef);
    const arr = `p.${fromRec ? "r" : "x"}.${ident(t.arrayKey as string)}`;
    const mine = keysOf(t)[keysOf(t).length - 1] as string;
    const c = elementChecks(t, "x");
    const order = t.kind === "history" ? `, CASE WHEN x."from" IS NULL OR x."from" < lag(x."from") OVER (PARTITION BY ${pk.map(ident).join(", ")} ORDER BY ${ident(mine)}) THEN FALSE ELSE TRUE END AS ordered` : "";
    await db.exec(
      `CREATE TEMP TABLE cp_u_${t.name} AS SELECT *, ${c.ok} AS ok, ${c.colons} AS colons${order} FROM (\n` +
        `  SELECT ${pk.map((k) => ident(k)).join(", ")}, unnest(a) AS x, unnest(generate_series(0, len(a) - 1)) AS ${ident(mine)} FROM (\n` +
        `    SELECT ${pk.map((k) => `p.${ident(k)}`).join(", ")}, json_transform(${arr}, ${sq(`[${structureOf(t)}]`)}) AS a FROM ${parent} p WHERE left(${arr}, 1) = '['))`,
    );
  }
  const lastStatus = lastStatusChecks(tables);
  const parts = [...tables.map((t) => `SELECT n, ${t.kind === "history" ? "ok AND ordered" : "ok"} AS ok, colons FROM cp_u_${t.name}`), ...lastStatus];
  // The records DuckDB does not vouch for: usually none, so this is the small table.
  await db.exec(
    `CREATE TEMP TABLE cp_bad AS SELECT r.n FROM cp_rec r LEFT JOIN (SELECT n, bool_and(ok) AS ok, sum(colons) AS colons FROM (${parts.join("\n  UNION ALL ")}) u GROUP BY n) e ON e.n = r.n ` +
      `WHERE NOT (r.ok AND COALESCE(e.ok, TRUE) AND r.colons + COALESCE(e.colons, 0) = r.line_colons)`,
  );
  const count = async (sql: string) => Number((await db.all(sql))[0]?.["n"] ?? 0);
  const parsed = await count("SELECT COUNT(*) AS n FROM cp_rec");
  const bad = await count("SELECT COUNT(*) AS n FROM cp_bad");
  const lines = await count("SELECT COUNT(*) AS n FROM cp_raw");
  const nonBlank = await count("SELECT COUNT(*) AS n FROM cp_lines WHERE line IS NOT NULL AND trim(line, ' \t') <> ''");
  // Lines left to JavaScript: the non-blank ones not parsed here and the bad ones (blank lines are skipped by both readers).
  await db.exec(
    parsed - bad === nonBlank
      ? "CREATE TEMP TABLE cp_other (line BIGINT, text VARCHAR)"
      : `CREATE TEMP TABLE cp_other AS SELECT t.n AS line, t.line AS text FROM cp_lines t WHERE t.line IS NOT NULL AND trim(t.line, ' \t') <> '' AND (t.n IN (SELECT n FROM cp_bad) OR t.n NOT IN (SELECT n FROM cp_rec))`,
  );
  const others = await count("SELECT COUNT(*) AS n FROM cp_other");
  if (opts.views) await createViews(db, tables);
  else await insertAll(db, seqBase, tables, nested);
  // With keepLines the file's lines stay, as cp_raw_lines (n, line), for the evaluator's fallbacks.
  if (opts.keepLines) await db.exec("CREATE TEMP VIEW cp_raw_lines AS SELECT n, line FROM cp_lines");
  const keep = new Set(["cp_other", ...(opts.keepLines ? ["cp_raw"] : []), ...(opts.views ? ["cp_rec", "cp_bad", ...tables.map((t) => `cp_u_${t.name}`)] : [])]);
  await db.exec([...(opts.keepLines ? [] : ["DROP VIEW cp_lines"]), ...temps.filter((t) => !keep.has(t)).map((t) => `DROP TABLE ${t}`)].join("; "));
  await db.exec("RESET preserve_insertion_order");
  return { lines, loaded: parsed - bad, others };
}

/** The layout's tables as views over the parsed records (eval --engine duckdb: graded once, never stored). */
export async function createViews(db: Database, tables: TableDef[]): Promise<void> {
  const subjects = subjectsTable();
  const cols = subjects.columns.map((c) => {
    if (c.name === "seq") return "r.n AS seq";
    if (c.name === "extra") return `NULL AS extra`;
    const path = c.path as string[];
    return `${valueSql(c, path.length === 1 ? `r.r.${ident(path[0] as string)}` : `r.cp_${path[0]}.${ident(path[1] as string)}`)} AS ${ident(c.name)}`;
  });
  await db.exec(`CREATE OR REPLACE TEMP VIEW subjects AS SELECT ${cols.join(", ")} FROM cp_rec r WHERE r.n NOT IN (SELECT n FROM cp_bad)`);
  await db.exec(
    `CREATE OR REPLACE TEMP VIEW indicators AS SELECT n AS subject, e.key AS "key", TRY_CAST(e.value AS DOUBLE) AS "value" FROM (SELECT r.n, unnest(map_entries(r.cp_ind)) AS e FROM cp_rec r WHERE r.cp_ind IS NOT NULL AND r.n NOT IN (SELECT n FROM cp_bad))`,
  );
  for (const t of tables) {
    const values = t.columns.map((c) => {
      if (c.name === "subject") return "u.n AS subject";
      if (c.key) return `u.${ident(c.name)}`;
      if (c.name === "extra") return "NULL AS extra";
      return `${valueSql(c, `u.x.${ident((c.path as string[])[0] as string)}`)} AS ${ident(c.name)}`;
    });
    await db.exec(`CREATE OR REPLACE TEMP VIEW ${ident(t.name)} AS SELECT ${values.join(", ")} FROM cp_u_${t.name} u WHERE u.n NOT IN (SELECT n FROM cp_bad)`);
  }
}

/** INSERT … SELECT for every table, the valid records' rows. */
async function insertAll(db: Database, seqBase: number, tables: TableDef[], nested: string[]): Promise<void> {
  const subjects = subjectsTable();
  const cols = subjects.columns.map((c) => {
    if (c.name === "seq") return `${seqBase} + r.n`;
    if (c.name === "extra") return extraSql(subjects, "r.r");
    const path = c.path as string[];
    return valueSql(c, path.length === 1 ? `r.r.${ident(path[0] as string)}` : `r.cp_${path[0]}.${ident(path[1] as string)}`);
  });
  void nested;
  await db.exec(`INSERT INTO subjects SELECT ${cols.join(", ")} FROM cp_rec r WHERE r.n NOT IN (SELECT n FROM cp_bad)`);
  await db.exec(
    `INSERT INTO indicators SELECT ${seqBase} + n, e.key, TRY_CAST(e.value AS DOUBLE) FROM (SELECT r.n, unnest(map_entries(r.cp_ind)) AS e FROM cp_rec r WHERE r.cp_ind IS NOT NULL AND r.n NOT IN (SELECT n FROM cp_bad))`,
  );
  for (const t of tables) {
    const values = t.columns.map((c) => {
      if (c.name === "subject") return `${seqBase} + u.n`;
      if (c.key) return `u.${ident(c.name)}`;
      if (c.name === "extra") return extraSql(t, "u.x");
      return valueSql(c, `u.x.${ident((c.path as string[])[0] as string)}`);
    });
    await db.exec(`INSERT INTO ${ident(t.name)} SELECT ${values.join(", ")} FROM cp_u_${t.name} u WHERE u.n NOT IN (SELECT n FROM cp_bad)`);
  }
}

/** `extra` of a row: the explicit nulls of nullable columns and the empty arrays, as the JavaScript loader keeps them. */
function extraSql(t: TableDef, v: string): string {
  const pieces: string[] = [];
  for (const c of dataColumns(t)) {
    if (!c.check?.nullable) continue;
    const key = (c.path as string[])[0] as string;
    pieces.push(`CASE WHEN ${v}.${ident(key)} = 'null' THEN ${sq(`,${JSON.stringify(key)}:null`)} ELSE '' END`);
  }
  for (const child of childTables(t)) {
    const x = `${v}.${ident(child.arrayKey as string)}`;
    pieces.push(`CASE WHEN json_array_length(${x}) = 0 THEN ${sq(`,${JSON.stringify(child.arrayKey)}:[]`)} ELSE '' END`);
  }
  if (t.kind === "subjects") pieces.push(`CASE WHEN ${v}."indicators" = '{}' THEN ',"indicators":{}' ELSE '' END`);
  if (!pieces.length) return "NULL";
  const all = pieces.join(" || ");
  return `CASE WHEN (${all}) = '' THEN NULL ELSE '{' || substr(${all}, 2) || '}' END`;
}
