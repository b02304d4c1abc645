// `credit-policy db load --db URL FILE…` loads credit records into the relational layout of a
// database (creating its tables); `credit-policy db schema [--dialect D]` prints the layout's DDL.
// Graded there by `credit-policy eval POLICY --db URL`.
import { DIALECT_IDS } from "../../compiler/backends/sql/dialect.js";
import { defineCommand } from "../command.js";
import { UsageError } from "../errors.js";
import { line, openOutput, write, type Io } from "../io.js";

export interface DbLoadOptions {
  db: string;
  files: string[];
  replace?: boolean;
  inputFormat?: "json" | "csv";
  rejects?: string;
  quiet?: boolean;
}

export async function dbLoad(opts: DbLoadOptions, io: Io): Promise<number> {
  const { openDatabase } = await import("../db/connect.js");
  const { clearLayout, createLayout, loadFiles } = await import("../db/load.js");
  const started = performance.now();
  const db = await openDatabase(opts.db);
  const rejects = openOutput(opts.rejects, io);
  try {
    await createLayout(db);
    if (opts.replace) await clearLayout(db);
    const tally = await loadFiles(db, opts.files, { ...(opts.inputFormat ? { inputFormat: opts.inputFormat } : {}), rejects: rejects.stream });
    const n = (x: number) => x.toLocaleString("en-US");
    if (!opts.quiet) line(io.stderr, `credit-policy: ${n(tally.loaded)} records loaded into ${db.label}, ${n(tally.rejected)} rejected, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return tally.rejected > 0 ? 3 : 0;
  } catch (e) {
    rejects.abort();
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === "string" && err.syscall) throw new UsageError(`${err.path ?? ""}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    throw e;
  } finally {
    await rejects.commit();
    await db.close();
  }
}

export const command = defineCommand({
  name: "db",
  summary: "Credit records in a database: load them into the relational layout, or print its tables.",
  usage: "load --db URL [--replace] [--input-format json|csv] [--rejects FILE] FILE… | schema [--dialect duckdb|postgres]",
  description:
    "load: reads JSON Lines, JSON arrays or CSV as eval does and appends each valid record to the tables of the relational layout " +
    "(created when missing); a record that cannot be loaded is written as eval's error line (with its file and line) and the load goes on (exit 3). " +
    "URL: duckdb:FILE, duckdb::memory:, postgres://… or pglite:DIR. schema: the CREATE TABLE statements of the layout.",
  positionals: [
    { name: "ACTION", help: "load or schema" },
    { name: "FILE", help: "the records to load", many: true, optional: true },
  ],
  options: {
    db: { type: "string", value: "URL", help: "the database: duckdb:FILE, duckdb::memory:, postgres://USER@HOST/DB, pglite:DIR" },
    replace: { type: "boolean", help: "empty the layout's tables before loading" },
    "input-format": { type: "string", choices: ["json", "csv"], help: "input format (default: csv for a .csv file, else JSON Lines or a JSON array)" },
    rejects: { type: "string", value: "FILE", help: "write the error lines of rejected records to FILE instead of standard output" },
    dialect: { type: "string", choices: DIALECT_IDS, help: "schema: the SQL dialect (default duckdb)" },
    quiet: { type: "boolean", short: "q", help: "no summary on standard error" },
  },
  async run({ values, positionals }, io) {
    const [action, ...files] = positionals;
    if (action === "schema") {
      if (files.length) throw new UsageError("db schema takes no FILE");
      const { layoutDdl } = await import("../../compiler/backends/sql/ddl.js");
      await write(io.stdout, layoutDdl(values.dialect ?? "duckdb").join("\n\n") + "\n");
      return 0;
    }
    if (action !== "load") throw new UsageError(`db takes load or schema, got ${JSON.stringify(action)}`);
    if (!values.db) throw new UsageError("db load needs --db URL");
    if (!files.length) throw new UsageError("db load takes at least one FILE");
    return await dbLoad(
      {
        db: values.db,
        files,
        ...(values.replace ? { replace: true } : {}),
        ...(values["input-format"] ? { inputFormat: values["input-format"] } : {}),
        ...(values.rejects ? { rejects: values.rejects } : {}),
        ...(values.quiet ? { quiet: true } : {}),
      },
      io,
    );
  },
});
