// Parquet files of credit records, read by DuckDB itself: one row per record, a column per key of
// the record (credit-record.md), the parts as lists of structs, nested objects as structs, NULL for
// an absent key — the shape DuckDB gives JSON Lines it reads (`read_json`). Every value is checked as
// the JSON Lines reader checks it (duckdb-json.ts valueOk), on its JSON form (`to_json`), so a
// Parquet row means what its JSON object means: a date column may be DATE or 'YYYY-MM-DD' text, an
// amount DECIMAL, a number or a decimal string. The check is conservative, as for JSON Lines: a
// row holding a key the layout does not read (provenance, a column of the office's own), a part
// that is not a list of structs, or a value that fails its check is handed, as the JSON object
// DuckDB makes of it (nulls dropped: absent), to the JavaScript validator and evaluator, which
// grade or reject it exactly as `eval` does a JSON Lines line. Row numbers (from 1) stand for line
// numbers in every message.
import { ident } from "../../compiler/backends/sql/dialect.js";
import { TABLES, type ColumnDef, type TableDef } from "../../record/relational.js";
import { UsageError } from "../errors.js";
import type { Database } from "./connect.js";
import {
  childTables,
  createViews,
  dataColumns,
  isNumber,
  keysOf,
  lastStatusChecks,
  leafType,
  sq,
  subjectsTable,
  unnestOrder,
  valueOk,
  type NativeLoad,
} from "./duckdb-json.js";

/** A DuckDB type, as DESCRIBE writes it, reduced to what the loader needs. */
export type ParquetType = { kind: "struct"; fields: Map<string, ParquetType> } | { kind: "list"; of: ParquetType } | { kind: "other"; name: string };

/** Parses a DuckDB type name such as `STRUCT("date" DATE, violations STRUCT(kind VARCHAR)[])[]`. */
export function parseDuckType(text: string): ParquetType {
  let i = 0;
  const space = () => {
    while (text[i] === " ") i++;
  };
  const name = (): string => {
    space();
    if (text[i] === '"') {
      let out = "";
      for (i++; i < text.length; i++) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            out += '"';
            i++;
          } else break;
        } else out += text[i];
      }
      i++;
      return out;
    }
    const start = i;
    while (i < text.length && text[i] !== " " && text[i] !== "(" && text[i] !== "," && text[i] !== ")" && text[i] !== "[") i++;
    return text.slice(start, i);
  };
  const skipParens = () => {
    let depth = 0;
    do {
      if (text[i] === "(") depth++;
      else if (text[i] === ")") depth--;
      else if (text[i] === '"') for (i++; i < text.length && text[i] !== '"'; i++);
      i++;
    } while (depth > 0 && i < text.length);
  };
  const type = (): ParquetType => {
    space();
    const base = name().toUpperCase();
    let t: ParquetType;
    if (base === "STRUCT" && text[i] === "(") {
      i++;
      const fields = new Map<string, ParquetType>();
      for (;;) {
        space();
        if (text[i] === ")") break;
        const field = name();
        fields.set(field, type());
        space();
        if (text[i] === ",") i++;
        else break;
      }
      i++;
      t = { kind: "struct", fields };
    } else {
      if (text[i] === "(") skipParens();
      t = { kind: "other", name: base };
    }
    while (text[i] === "[") {
      while (i < text.length && text[i] !== "]") i++;
      i++;
      t = { kind: "list", of: t };
    }
    return t;
  };
  return type();
}

/** The columns of a Parquet file (or several, by glob) as DuckDB reads them. */
export async function parquetColumns(db: Database, path: string): Promise<Map<string, ParquetType>> {
  let rows;
  try {
    rows = await db.all(`DESCRIBE SELECT * FROM read_parquet(${sq(path)})`);
  } catch (e) {
    // Not there, or not Parquet: the file's fault, told as such (exit 2), never an internal error.
    throw new UsageError(`${path}: not a Parquet file DuckDB can read (${String((e as Error).message).split("\n")[0]})`);
  }
  return new Map(rows.map((r) => [String(r["column_name"]), parseDuckType(String(r["column_type"]))]));
}

const isStructList = (t: ParquetType | undefined): t is { kind: "list"; of: { kind: "struct"; fields: Map<string, ParquetType> } } =>
  t?.kind === "list" && t.of.kind === "struct";

/** A leaf of the layout in the form the JSON Lines checks read: text for VARCHAR leaves, else JSON; NULL when the file has no such field. */
function leaf(c: ColumnDef, x: string, present: boolean): string {
  const type = leafType(c);
  if (!present) return `CAST(NULL AS ${type})`;
  return type === "VARCHAR" ? `CAST(${x} AS VARCHAR)` : `to_json(${x})`;
}

/**
 * One level of the record (the top, or an element of a part) read from a struct or row `v` of
 * Parquet type `fields`: its leaves in JSON form (the struct the views read, as the JSON Lines
 * loader's), and the checks on its shape: no key the layout does not read, every part a list of
 * structs, every nested object a struct.
 */
function level(t: TableDef, v: string, fields: Map<string, ParquetType>, extraKnown: string[] = []): { leaves: string[]; shape: string[] } {
  const known = new Set<string>(extraKnown);
  const leaves: string[] = [];
  const shape: string[] = [];
  for (const c of dataColumns(t)) {
    const path = c.path as string[];
    if (path.length !== 1) continue;
    const key = path[0] as string;
    known.add(key);
    leaves.push(`${ident(key)} := ${leaf(c, `${v}.${ident(key)}`, fields.has(key))}`);
  }
  for (const child of childTables(t)) {
    const key = child.arrayKey as string;
    known.add(key);
    if (!fields.has(key)) leaves.push(`${ident(key)} := CAST(NULL AS VARCHAR)`);
    // The JSON Lines checks look for '[' as an array's first character.
    else leaves.push(`${ident(key)} := CASE WHEN ${v}.${ident(key)} IS NULL THEN NULL ELSE ${isStructList(fields.get(key)) ? "'['" : "'x'"} END`);
  }
  for (const key of fields.keys()) if (!known.has(key)) shape.push(`${v}.${ident(key)} IS NULL`);
  return { leaves, shape };
}

/** The rows whose numbers the query `seqs` gives, as (n, line): each row as JSON (nulls still in: rowJson drops them). */
export function parquetRowsSql(path: string, seqs: string): string {
  return `SELECT file_row_number + 1 AS n, CAST(to_json(p) AS VARCHAR) AS line FROM read_parquet(${sq(path)}, file_row_number = true) p WHERE file_row_number + 1 IN (${seqs})`;
}

/**
 * Reads the Parquet file `path` (or its rows slice.from … slice.to - 1, counted from 0) into the
 * views of the relational layout (as loadJsonLinesNative does with `views`): temporary tables
 * cp_rec (n, r, nested objects, cp_ind, ok), cp_u_<table> (keys, e: the element as Parquet typed
 * it, x: its leaves in JSON form, ok), cp_bad (the rows left to JavaScript) and cp_other (line,
 * text) with those rows as JSON (nulls still in: rowJson drops them). `columns`: the file's, when
 * the caller has read them (parquetColumns).
 */
export async function loadParquetNative(db: Database, path: string, slice?: { from: number; to: number }, columns?: Map<string, ParquetType>): Promise<NativeLoad> {
  columns ??= await parquetColumns(db, path);
  const range = slice ? ` WHERE file_row_number >= ${Math.trunc(slice.from)} AND file_row_number < ${Math.trunc(slice.to)}` : "";
  const src = `(SELECT * FROM read_parquet(${sq(path)}, file_row_number = true)${range})`;
  const tables = unnestOrder();
  const subjects = subjectsTable();
  const nested = [...new Set(dataColumns(subjects).filter((c) => (c.path as string[]).length === 2).map((c) => (c.path as string[])[0] as string))];
  const top = level(subjects, "p", columns, [...nested, "indicators"]);
  // Checks on the row's shape (keys the layout does not read, nested objects that are not structs), made where p is in scope.
  const shape = [...top.shape];
  const ok: string[] = ["shape_ok", `r."id" IS NOT NULL`];
  for (const c of dataColumns(subjects)) {
    const p = c.path as string[];
    const x = p.length === 1 ? `r.${ident(p[0] as string)}` : `cp_${p[0]}.${ident(p[1] as string)}`;
    if (c.check?.required) ok.push(p.length === 1 ? `${x} IS NOT NULL` : `(cp_${p[0]}_given IS NULL OR ${x} IS NOT NULL)`);
    ok.push(`(${x} IS NULL OR ${valueOk(c, x)})`);
  }
  const nestedCols: string[] = [];
  for (const k of nested) {
    const t = columns.get(k);
    const fields = t?.kind === "struct" ? t.fields : new Map<string, ParquetType>();
    const cols = dataColumns(subjects).filter((c) => (c.path as string[]).length === 2 && (c.path as string[])[0] === k);
    const leaves = cols.map((c) => {
      const f = (c.path as string[])[1] as string;
      return `${ident(f)} := ${leaf(c, `p.${ident(k)}.${ident(f)}`, fields.has(f))}`;
    });
    nestedCols.push(`struct_pack(${leaves.join(", ")}) AS cp_${k}`, t ? `CASE WHEN p.${ident(k)} IS NULL THEN NULL ELSE 1 END AS cp_${k}_given` : `CAST(NULL AS INTEGER) AS cp_${k}_given`);
    if (t && t.kind !== "struct") shape.push(`p.${ident(k)} IS NULL`);
    for (const f of fields.keys()) if (!cols.some((c) => (c.path as string[])[1] === f)) shape.push(`p.${ident(k)}.${ident(f)} IS NULL`);
  }
  const ind = columns.has("indicators") ? `CASE WHEN p."indicators" IS NULL THEN NULL ELSE json_transform(to_json(p."indicators"), '"MAP(VARCHAR, JSON)"') END` : `CAST(NULL AS MAP(VARCHAR, JSON))`;
  ok.push(
    `(cp_ind IS NULL OR cardinality(cp_ind) = len(list_distinct(map_keys(cp_ind))) AND COALESCE(list_bool_and(list_transform(map_values(cp_ind), lambda y: ${isNumber("y")})), TRUE))`,
  );
  const temps = ["cp_rec", "cp_other", "cp_bad", ...tables.map((t) => `cp_u_${t.name}`)];
  await db.exec(["DROP VIEW IF EXISTS cp_raw_lines", ...temps.map((t) => `DROP TABLE IF EXISTS ${t}`)].join("; "));
  await db.exec("SET preserve_insertion_order = false");
  await db.exec(
    `CREATE TEMP TABLE cp_rec AS SELECT n, r, ${nested.map((k) => `cp_${k}`).join(", ")}${nested.length ? ", " : ""}cp_ind, COALESCE(${ok.join("\n    AND ")}, FALSE) AS ok FROM (\n` +
      `  SELECT file_row_number + 1 AS n, struct_pack(${top.leaves.join(", ")}) AS r, ${nestedCols.join(", ")}${nestedCols.length ? ", " : ""}${ind} AS cp_ind, ` +
      `${shape.length ? shape.join(" AND ") : "TRUE"} AS shape_ok FROM ${src} p) u`,
  );
  // Every element of every part on a row of its own: its keys, the element as typed (e), its leaves (x), its check.
  const typeOf = new Map<string, ParquetType | undefined>();
  for (const t of tables) {
    const fromRec = t.parent === "subjects";
    const parentType = fromRec ? undefined : typeOf.get(t.parent as string);
    const listType = fromRec ? columns.get(t.arrayKey as string) : parentType?.kind === "struct" ? parentType.fields.get(t.arrayKey as string) : undefined;
    const mine = keysOf(t)[keysOf(t).length - 1] as string;
    const pk = fromRec ? ["n"] : keysOf(TABLES.find((x) => x.name === t.parent) as TableDef);
    if (!isStructList(listType)) {
      // No such column (or not a list of structs: its rows were refused above): an empty table of the same shape.
      typeOf.set(t.name, undefined);
      const leaves = level(t, "e", new Map()).leaves;
      await db.exec(
        `CREATE TEMP TABLE cp_u_${t.name} AS SELECT ${pk.map((k) => `CAST(NULL AS BIGINT) AS ${ident(k)}`).join(", ")}, CAST(NULL AS BIGINT) AS ${ident(mine)}, ` +
          `NULL AS e, struct_pack(${leaves.join(", ")}) AS x, TRUE AS ok${t.kind === "history" ? ", TRUE AS ordered" : ""} FROM (SELECT NULL AS e) WHERE FALSE`,
      );
      continue;
    }
    typeOf.set(t.name, listType.of);
    const lv = level(t, "e", listType.of.fields);
    const checks = [`e IS NOT NULL`, ...lv.shape, `${elementOk(t)}`];
    const parent = fromRec ? src : `cp_u_${t.parent}`;
    const arr = `p.${fromRec ? "" : "e."}${ident(t.arrayKey as string)}`;
    const order = t.kind === "history" ? `, CASE WHEN x."from" IS NULL OR x."from" < lag(x."from") OVER (PARTITION BY ${pk.map(ident).join(", ")} ORDER BY ${ident(mine)}) THEN FALSE ELSE TRUE END AS ordered` : "";
    await db.exec(
      // The typed element is kept only where its children are unnested from it.
      `CREATE TEMP TABLE cp_u_${t.name} AS SELECT *${childTables(t).length ? "" : " EXCLUDE (e)"}, COALESCE(${checks.join(" AND ")}, FALSE) AS ok${order} FROM (\n` +
        `  SELECT *, struct_pack(${lv.leaves.join(", ")}) AS x FROM (\n` +
        `    SELECT ${pk.map((k) => ident(k)).join(", ")}, unnest(a) AS e, unnest(generate_series(0, len(a) - 1)) AS ${ident(mine)} FROM (\n` +
        `      SELECT ${fromRec ? "p.file_row_number + 1 AS n" : pk.map((k) => `p.${ident(k)}`).join(", ")}, ${arr} AS a FROM ${parent} p WHERE ${arr} IS NOT NULL AND len(${arr}) > 0)))`,
    );
  }
  const parts = [...tables.map((t) => `SELECT n, ${t.kind === "history" ? "ok AND ordered" : "ok"} AS ok, 0 AS colons FROM cp_u_${t.name}`), ...lastStatusChecks(tables)];
  await db.exec(
    `CREATE TEMP TABLE cp_bad AS SELECT r.n FROM cp_rec r LEFT JOIN (SELECT n, bool_and(ok) AS ok FROM (${parts.join("\n  UNION ALL ")}) u GROUP BY n) e ON e.n = r.n ` +
      `WHERE NOT (r.ok AND COALESCE(e.ok, TRUE))`,
  );
  await db.exec("CREATE TEMP TABLE cp_other AS SELECT n AS line, CAST(NULL AS VARCHAR) AS text FROM cp_bad WHERE FALSE");
  const count = async (sql: string) => Number((await db.all(sql))[0]?.["n"] ?? 0);
  const rows = await count("SELECT COUNT(*) AS n FROM cp_rec");
  const bad = await count("SELECT COUNT(*) AS n FROM cp_bad");
  if (bad > 0) {
    // The rows as JSON, read again by row number (a few, usually none).
    await db.exec(`INSERT INTO cp_other SELECT n, line FROM (${parquetRowsSql(path, "SELECT n FROM cp_bad")})`);
  }
  await createViews(db, tables);
  await db.exec("RESET preserve_insertion_order");
  return { lines: rows, loaded: rows - bad, others: bad };
}

/** An element's own checks (duckdb-json.ts elementChecks without the colon count, which JSON text needs and Parquet does not). */
function elementOk(t: TableDef): string {
  const ok: string[] = [];
  for (const c of dataColumns(t)) {
    const x = `x.${ident((c.path as string[])[0] as string)}`;
    if (c.check?.required) ok.push(`${x} IS NOT NULL`);
    ok.push(`(${x} IS NULL OR ${valueOk(c, x)})`);
  }
  for (const child of childTables(t)) {
    const x = `x.${ident(child.arrayKey as string)}`;
    ok.push(child.required ? `${x} = '['` : `(${x} IS NULL OR ${x} = '[')`);
  }
  return ok.length ? ok.join(" AND ") : "TRUE";
}

/** A Parquet row as the JSON object it stands for: NULL is an absent key, so nulls are dropped, at every level. */
export function rowJson(text: string): string {
  return JSON.stringify(JSON.parse(text), (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== null) o[k] = x;
      return o;
    }
    return v;
  });
}
