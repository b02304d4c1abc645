// The relational layout (record/relational.ts) as CREATE TABLE statements in a dialect:
// `credit-policy compile --target ddl --dialect D` prints them and `db load` runs them.
import { TABLES, type TableDef } from "../../../record/relational.js";
import { DIALECTS, ident, type DialectId } from "./dialect.js";

export function createTable(t: TableDef, dialect: DialectId): string {
  const d = DIALECTS[dialect];
  const cols = t.columns.map((c) => `  ${ident(c.name)} ${d.types[c.kind]}${c.key || (t.kind === "subjects" && c.name === "id") ? " NOT NULL" : ""}`);
  if (d.primaryKeys) cols.push(`  PRIMARY KEY (${t.keys.map((k) => ident(k.name)).join(", ")})`);
  return `CREATE TABLE IF NOT EXISTS ${ident(t.name)} (\n${cols.join(",\n")}\n);`;
}

/** Every table of the layout, parents first. */
export function layoutDdl(dialect: DialectId): string[] {
  return TABLES.map((t) => createTable(t, dialect));
}
