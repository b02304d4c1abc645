// Policy text in generated SQL: only ever as a string literal (quotes doubled) or as JSON text made
// here by JSON.stringify and then written as such a literal, never as SQL. Numbers and dates from
// the IR are checked against their form before they are written.
import type { Span } from "../../../diagnostics/span.js";

/** A construct the SQL backend cannot translate exactly: compiling fails and names it. */
export class SqlUnsupported extends Error {
  constructor(
    readonly construct: string,
    readonly span?: Span,
  ) {
    super(`the SQL backend does not support ${construct}`);
  }
}

/** A SQL string literal. NUL cannot be stored in a PostgreSQL text value, so it is refused. */
export function str(s: string): string {
  if (s.includes("\u0000")) throw new SqlUnsupported("a string containing the NUL character");
  return `'${s.replace(/'/g, "''")}'`;
}

/** A value as JSON text (JSON.stringify), as a SQL string literal. */
export function json(v: unknown): string {
  return str(JSON.stringify(v));
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal number from the IR, written as a SQL numeric literal. */
export function num(s: string): string {
  if (!DECIMAL.test(s)) throw new SqlUnsupported(`the number ${JSON.stringify(s)}`);
  return s;
}

/** Integer fen as a decimal literal with two places: 5000000 → 50000.00. */
export function yuan(fen: string): string {
  if (!/^-?\d+$/.test(fen)) throw new SqlUnsupported(`the amount ${JSON.stringify(fen)}`);
  const neg = fen.startsWith("-");
  const digits = (neg ? fen.slice(1) : fen).padStart(3, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function isoDate(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new SqlUnsupported(`the date ${JSON.stringify(s)}`);
  return `DATE '${s}'`;
}
