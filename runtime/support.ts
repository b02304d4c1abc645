// The runtime support of generated policy modules (`credit-policy compile --target ts|js`). A
// generated module imports only this file (as "credit-policy/support"), never the compiler: it
// brings calendar days, exact money, the record validator and the few helpers whose behaviour
// must match the in-process evaluator (compiler/backends/evaluator.ts) exactly. Browser-safe.
import { isIsoDate } from "./dates.js";
import { formatYuan, parseYuan } from "./money.js";
import { validateRecord } from "./validate.js";

export { isIsoDate, windowStart } from "./dates.js";
export { formatYuan, parseYuan } from "./money.js";
export { validateRecord, type RecordError } from "./validate.js";

/** An element of a record part, read field by field. */
export type Obj = { readonly [key: string]: unknown };

const NONE: readonly Obj[] = Object.freeze([]);

/**
 * A record part as the list of its object elements (anything else in it is skipped, as the
 * evaluator does). Returns the array itself when every element is an object: no copy per record.
 */
export function arr(v: unknown): readonly Obj[] {
  if (!Array.isArray(v)) return NONE;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (!x || typeof x !== "object") return v.filter((y: unknown) => !!y && typeof y === "object") as Obj[];
  }
  return v as Obj[];
}

/** An amount in fen, as parseYuan reads it, with a fast path for whole yuan given as JSON numbers. */
export function fen(v: unknown): bigint | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v) * 100n;
  return parseYuan(v);
}

// Ordering comparisons where a side may be absent: as in the evaluator, a null (or missing) or a
// yes/no value is never less or greater than anything.
function comparable(a: unknown, b: unknown): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && typeof a !== "boolean" && typeof b !== "boolean";
}
type Ordered = number | bigint | string;
export function lt(a: unknown, b: unknown): boolean {
  return comparable(a, b) && (a as Ordered) < (b as Ordered);
}
export function le(a: unknown, b: unknown): boolean {
  return comparable(a, b) && (a as Ordered) <= (b as Ordered);
}
export function gt(a: unknown, b: unknown): boolean {
  return comparable(a, b) && (a as Ordered) > (b as Ordered);
}
export function ge(a: unknown, b: unknown): boolean {
  return comparable(a, b) && (a as Ordered) >= (b as Ordered);
}

/** a + b or a − b when both are money or both numbers; otherwise null, as in the evaluator. */
export function arith(a: unknown, b: unknown, sign: 1 | -1): number | bigint | null {
  if (typeof a === "bigint" && typeof b === "bigint") return sign > 0 ? a + b : a - b;
  if (typeof a === "number" && typeof b === "number") return a + sign * b;
  return null;
}

/** A derived value as it appears in a result's "values": money as "500000.00". */
export function jsonValue(v: unknown, money: boolean): string | number | boolean | null {
  if (typeof v === "bigint") return money ? formatYuan(v) : v.toString();
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return null;
}

/** Freezes a constant shared by every result (measures, notifications), all the way down. */
export function frozen<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

/** Throws when the as-of day is not a calendar date: evaluate() takes only real days. */
export function requireAsOf(asOf: unknown): asserts asOf is string {
  if (!isIsoDate(asOf)) throw new RangeError(`as-of day must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
}

export interface PolicyRef {
  readonly id: string;
  readonly version: string;
  readonly sha256: string;
}

export interface ErrorOutput<P extends PolicyRef = PolicyRef> {
  id: string | null;
  as_of?: string;
  policy?: P;
  error: { path: string; message: string; code: string };
}

/**
 * validate + evaluate with the error shape of `credit-policy eval` (runtime/evaluate.ts): a bad
 * as-of day or a record that breaks the schema becomes an error result, never an exception.
 */
export function gradeChecked<R, P extends PolicyRef>(
  record: unknown,
  asOf: string,
  ref: P,
  evaluate: (record: never, asOf: string) => R,
): R | ErrorOutput<P> {
  const id =
    record && typeof record === "object" && !Array.isArray(record) && typeof (record as { id?: unknown }).id === "string"
      ? (record as { id: string }).id
      : null;
  if (!isIsoDate(asOf)) {
    return { id, policy: ref, error: { path: "", message: `as-of day must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`, code: "CP-R004" } };
  }
  const errors = validateRecord(record);
  const first = errors[0];
  if (first) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more: ${errors.slice(1, 4).map((e) => e.path || "/").join(", ")})` : "";
    return { id, as_of: asOf, policy: ref, error: { path: first.path, message: first.message + more, code: first.code } };
  }
  return evaluate(record as never, asOf);
}
