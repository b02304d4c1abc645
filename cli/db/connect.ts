// Databases by URL, behind one small interface: DuckDB embedded (`duckdb:FILE`, `duckdb::memory:`),
// PostgreSQL by URL (`postgres://…`, `postgresql://…`, with the `pg` client) and PGlite, PostgreSQL
// compiled to WebAssembly in this process (`pglite:DIR`, `pglite::memory:`), which the tests use
// where no server runs. Rows come back as plain values: text, numbers (BIGINT as bigint or text),
// booleans; dates and decimals as text. Each driver is imported when its URL is opened.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectId } from "../../compiler/backends/sql/dialect.js";
import { ident } from "../../compiler/backends/sql/dialect.js";
import type { Row, TableDef } from "../../record/relational.js";
import { UsageError } from "../errors.js";

export type DbRow = Record<string, unknown>;

export interface Database {
  dialect: DialectId;
  /** The URL as given, with any password hidden. */
  label: string;
  /** Statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** All rows of a query (small results). */
  all(sql: string, params?: readonly string[]): Promise<DbRow[]>;
  /** The rows of a query in batches, for results larger than memory. */
  batches(sql: string, params: readonly string[], size: number): AsyncGenerator<DbRow[]>;
  /** Appends rows (values in the table's column order) to a table. */
  append(table: TableDef, rows: readonly Row[]): Promise<void>;
  close(): Promise<void>;
}

const hide = (url: string) => url.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");

/** Opens the database a `--db` URL names. */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith("duckdb:")) return await openDuckDb(url.slice("duckdb:".length) || ":memory:", url);
  if (url === ":memory:") return await openDuckDb(":memory:", url);
  if (/^postgres(ql)?:\/\//.test(url)) return await openPostgres(url);
  if (url.startsWith("pglite:")) return await openPglite(url.slice("pglite:".length), url);
  throw new UsageError(`--db ${JSON.stringify(url)}: expected duckdb:FILE, duckdb::memory:, postgres://… or pglite:DIR`);
}

function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "object") return String(v);
  return v;
}

async function openDuckDb(path: string, url: string): Promise<Database> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  // An in-memory database spills what exceeds its memory limit to `.tmp` in the working folder by
  // default: a folder of our own under the system's temporary folder instead, removed on close.
  const spill = path === ":memory:" ? mkdtempSync(join(tmpdir(), "credit-policy-duckdb-")) : null;
  const instance = await DuckDBInstance.create(path, spill ? { temp_directory: spill } : {});
  const conn = await instance.connect();
  // A query made while a result streams (the evaluator's fallbacks read the tables) runs on a
  // connection of its own; it sees the tables, not the streaming connection's temporary ones.
  let streaming = 0;
  let side: Awaited<ReturnType<typeof instance.connect>> | null = null;
  const pick = async () => (streaming ? (side ??= await instance.connect()) : conn);
  const rowsOf = (names: string[], rows: readonly (readonly unknown[])[]): DbRow[] =>
    rows.map((r) => Object.fromEntries(names.map((n, i) => [n, plain(r[i])])));
  return {
    dialect: "duckdb",
    label: url,
    async exec(sql) {
      await (await pick()).run(sql);
    },
    async all(sql, params = []) {
      const reader = await (await pick()).runAndReadAll(sql, [...params]);
      return rowsOf(reader.columnNames(), reader.getRows());
    },
    async *batches(sql, params, size) {
      const result = await conn.stream(sql, [...params]);
      streaming++;
      try {
        const names = result.columnNames();
        let pending: DbRow[] = [];
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          pending.push(...rowsOf(names, chunk.getRows()));
          if (pending.length >= size) {
            yield pending;
            pending = [];
          }
        }
        if (pending.length) yield pending;
      } finally {
        streaming--;
      }
    },
    async append(table, rows) {
      const ap = await (await pick()).createAppender(table.name);
      for (const row of rows) {
        table.columns.forEach((c, i) => {
          const v = row[i];
          if (v === null || v === undefined) ap.appendNull();
          else if (c.kind === "seq") ap.appendBigInt(BigInt(v as number));
          else if (c.kind === "index") ap.appendInteger(v as number);
          else if (c.kind === "bool") ap.appendBoolean(v as boolean);
          else if (c.kind === "number") ap.appendDouble(v as number);
          else ap.appendVarchar(String(v));
        });
        ap.endRow();
      }
      ap.closeSync();
    },
    async close() {
      side?.closeSync();
      conn.closeSync();
      instance.closeSync();
      if (spill) rmSync(spill, { recursive: true, force: true });
    },
  };
}

interface PgLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: DbRow[] }>;
}

/** What PostgreSQL and PGlite share: cursors for large results, JSON rows for appends. */
function postgresLike(db: PgLike, label: string, close: () => Promise<void>, exec: (sql: string) => Promise<void>): Database {
  let cursors = 0;
  return {
    dialect: "postgres",
    label,
    exec,
    async all(sql, params = []) {
      return (await db.query(sql, [...params])).rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    },
    async *batches(sql, params, size) {
      const name = `cp_cursor_${cursors++}`;
      await db.query("BEGIN");
      try {
        await db.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, [...params]);
        for (;;) {
          const { rows } = await db.query(`FETCH ${size} FROM ${name}`);
          if (rows.length === 0) break;
          yield rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
        }
        await db.query(`CLOSE ${name}`);
        await db.query("COMMIT");
      } catch (e) {
        await db.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    },
    async append(table, rows) {
      const BATCH = 5000;
      for (let i = 0; i < rows.length; i += BATCH) {
        const objects = rows.slice(i, i + BATCH).map((r) => Object.fromEntries(table.columns.map((c, k) => [c.name, r[k] ?? null])));
        await db.query(`INSERT INTO ${ident(table.name)} SELECT * FROM json_populate_recordset(NULL::${ident(table.name)}, $1::json)`, [JSON.stringify(objects)]);
      }
    },
    close,
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pg = (await import("pg")).default;
  // Dates, decimals and 64-bit integers as text: never a JavaScript Date or a rounded number.
  const types = {
    getTypeParser: (oid: number, format?: string) => (oid === 1082 || oid === 1700 || oid === 20 ? (v: string) => v : pg.types.getTypeParser(oid, format as "text")),
  };
  const client = new pg.Client({ connectionString: url, types: types as never });
  await client.connect();
  return postgresLike(
    { query: async (sql, params) => (await client.query(sql, params)) as { rows: DbRow[] } },
    hide(url),
    async () => void (await client.end()),
    async (sql) => void (await client.query(sql)),
  );
}

async function openPglite(dir: string, url: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const text = (v: string) => v;
  const parsers = { 1082: text, 1700: text, 20: text };
  const db = new PGlite(dir && dir !== ":memory:" ? dir : undefined);
  await db.waitReady;
  return postgresLike(
    { query: async (sql, params) => (await db.query(sql, params, { parsers })) as { rows: DbRow[] } },
    url,
    async () => void (await db.close()),
    async (sql) => void (await db.exec(sql)),
  );
}
