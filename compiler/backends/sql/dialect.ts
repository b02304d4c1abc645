// The only place SQL dialects differ. Everything else the SQL backend writes is the portable
// subset (README, "Grading in the database"): WITH, SELECT … FROM … [LEFT] JOIN … ON, WHERE,
// GROUP BY, UNION ALL, CASE, COALESCE, CAST, COUNT/SUM/MAX/MIN with CASE inside, SUBSTR, ||,
// IS [NOT] DISTINCT FROM, comparison and arithmetic operators. A row of this table is what an
// engine needs beyond that: column types, date arithmetic by calendar months, turning values into
// JSON text exactly as JavaScript's JSON.stringify writes them, and ordered string aggregation.
import type { ColumnKind } from "../../../record/relational.js";

export type DialectId = "duckdb" | "postgres";

/** The functions of the portable subset: every engine the query is meant for has them, with these meanings. */
export const PORTABLE_FUNCTIONS: readonly string[] = ["CAST", "COALESCE", "COUNT", "SUM", "MAX", "MIN", "SUBSTR", "ABS", "FLOOR"];

export const DIALECT_IDS: readonly DialectId[] = ["duckdb", "postgres"];

export interface Dialect {
  id: DialectId;
  /** The functions this table's entries use beyond the portable subset: the whole of what a port to another engine must supply. */
  functions: readonly string[];
  /** Column types by kind. */
  types: Record<ColumnKind, string>;
  /** Primary keys in the DDL (an index each): PostgreSQL uses them; DuckDB loads faster without. */
  primaryKeys: boolean;
  /** The as-of day's placeholder in the query text. */
  param: string;
  /** A date moved by whole calendar months (clamped to the month's end, as record/dates.ts does). */
  addMonths(date: string, months: number): string;
  addDays(date: string, days: number): string;
  /** The date of year y, month m, day d (integers). */
  makeDate(y: string, m: number, d: number): string;
  year(date: string): string;
  /** A DATE as 'YYYY-MM-DD' text. */
  dateText(date: string): string;
  /** A DECIMAL(·,2) as text with two decimals, '500000.00'. */
  moneyText(money: string): string;
  /** A DOUBLE as JavaScript writes it (JSON.stringify), where plainNumber holds. */
  numberText(x: string): string;
  /** A text value as a JSON string literal, escaped as JSON.stringify escapes it. */
  jsonString(text: string): string;
  /** sep-joined strings in the given order (string_agg … ORDER BY). */
  orderedConcat(expr: string, sep: string, orderBy: string): string;
  /** The text of key `key` (a quoted SQL literal) of a JSON object held as text, or NULL. */
  jsonText(json: string, key: string): string;
  /** The JSON type of key `key` of a JSON object held as text: 'string', 'number', 'boolean', 'null', or NULL when absent. */
  jsonType(json: string, key: string): string;
  /** Integer division truncating toward zero, as BigInt division does. */
  intDiv(a: string, b: string): string;
  /** The larger/smaller of two values, NULL only when both are (较晚 / 较早). */
  greatest(a: string, b: string): string;
  least(a: string, b: string): string;
}

/**
 * Whether the engine writes a DOUBLE as JavaScript does: whole numbers below 10^15 (written as
 * integers) and others from 10^-4 up, where both write the shortest round-trip digits without an
 * exponent. Elsewhere the grader writes the line (the query marks it).
 */
export function plainNumber(x: string): string {
  return `(ABS(${x}) < 1e15 AND (${x} = FLOOR(${x}) OR ABS(${x}) >= 1e-4))`;
}

const numberAsText = (x: string, text: string) =>
  `CASE WHEN ABS(${x}) < 1e15 AND ${x} = FLOOR(${x}) THEN CAST(CAST(${x} AS BIGINT) AS ${text}) ELSE CAST(${x} AS ${text}) END`;

const duckdb: Dialect = {
  id: "duckdb",
  functions: ["strftime", "to_json", "replace", "strpos", "string_agg", "json_extract_string", "json_type", "greatest", "least", "make_date", "year"],
  types: { seq: "BIGINT", index: "INTEGER", text: "VARCHAR", date: "DATE", bool: "BOOLEAN", money: "DECIMAL(18,2)", number: "DOUBLE", json: "VARCHAR" },
  primaryKeys: false,
  param: "$1",
  addMonths: (d, n) => `CAST(${d} + INTERVAL (${n}) MONTH AS DATE)`,
  addDays: (d, n) => `CAST(${d} + INTERVAL (${n}) DAY AS DATE)`,
  makeDate: (y, m, d) => `make_date(CAST(${y} AS BIGINT), ${m}, ${d})`,
  year: (d) => `year(${d})`,
  dateText: (d) => `strftime(${d}, '%Y-%m-%d')`,
  moneyText: (m) => `CAST(CAST(${m} AS DECIMAL(38,2)) AS VARCHAR)`,
  numberText: (x) => numberAsText(x, "VARCHAR"),
  // DuckDB writes control characters as \u001F (upper case); JavaScript as \u001f.
  jsonString: (t) => {
    const j = `CAST(to_json(CAST(${t} AS VARCHAR)) AS VARCHAR)`;
    const fixed = ["0B", "0E", "0F", "1A", "1B", "1C", "1D", "1E", "1F"].reduce((acc, h) => `replace(${acc}, '\\u00${h}', '\\u00${h.toLowerCase()}')`, j);
    return `CASE WHEN strpos(${j}, '\\u00') > 0 THEN ${fixed} ELSE ${j} END`;
  },
  orderedConcat: (e, sep, order) => `string_agg(${e}, ${sep} ORDER BY ${order})`,
  jsonText: (j, k) => `json_extract_string(${j}, '$.' || to_json(CAST(${k} AS VARCHAR)))`,
  jsonType: (j, k) => {
    const t = `json_type(${j}, '$.' || to_json(CAST(${k} AS VARCHAR)))`;
    return `CASE WHEN ${t} IS NULL THEN NULL WHEN ${t} = 'VARCHAR' THEN 'string' WHEN ${t} = 'BOOLEAN' THEN 'boolean' WHEN ${t} = 'NULL' THEN 'null' WHEN ${t} = 'OBJECT' THEN 'object' WHEN ${t} = 'ARRAY' THEN 'array' ELSE 'number' END`;
  },
  intDiv: (a, b) => `(${a} // ${b})`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
  least: (a, b) => `least(${a}, ${b})`,
};

const postgres: Dialect = {
  id: "postgres",
  functions: ["to_char", "to_json", "make_interval", "make_date", "extract", "string_agg", "jsonb_typeof", "greatest", "least"],
  types: { seq: "BIGINT", index: "INTEGER", text: "TEXT", date: "DATE", bool: "BOOLEAN", money: "NUMERIC(18,2)", number: "DOUBLE PRECISION", json: "TEXT" },
  primaryKeys: true,
  param: "$1",
  addMonths: (d, n) => `CAST(${d} + make_interval(months => ${n}) AS DATE)`,
  addDays: (d, n) => `CAST(${d} + (${n}) AS DATE)`,
  makeDate: (y, m, d) => `make_date(CAST(${y} AS INTEGER), ${m}, ${d})`,
  year: (d) => `CAST(extract(year FROM ${d}) AS INTEGER)`,
  dateText: (d) => `to_char(${d}, 'YYYY-MM-DD')`,
  // PostgreSQL's NUMERIC keeps the scale a value was computed with (0 + 0.00 is 0): fix it at two.
  moneyText: (m) => `CAST(CAST(${m} AS NUMERIC(38,2)) AS TEXT)`,
  numberText: (x) => numberAsText(x, "TEXT"),
  jsonString: (t) => `CAST(to_json(CAST(${t} AS TEXT)) AS TEXT)`,
  orderedConcat: (e, sep, order) => `string_agg(${e}, ${sep} ORDER BY ${order})`,
  jsonText: (j, k) => `(CAST(${j} AS jsonb) ->> ${k})`,
  jsonType: (j, k) => `jsonb_typeof(CAST(${j} AS jsonb) -> ${k})`,
  intDiv: (a, b) => `(${a} / ${b})`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
  least: (a, b) => `least(${a}, ${b})`,
};

export const DIALECTS: Record<DialectId, Dialect> = { duckdb, postgres };

/** A SQL identifier, always quoted (registry names such as "from" and "by" are keywords). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
