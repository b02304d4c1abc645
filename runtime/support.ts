// The runtime support of generated policy modules (`credit-policy compile --target ts|js`). A
// generated module imports only this file (as "credit-policy/support"), never the compiler: it
// brings calendar days, exact money, the record validator and the few helpers whose behaviour
// must match the in-process evaluator (compiler/backends/evaluator.ts) exactly. Browser-safe.
import { addDays, addMonths, addYears, isIsoDate } from "../record/dates.js";
import { formatYuan, parseYuan } from "../record/money.js";
import { renderRecordError, renderText, type RecordErrorCode, type RecordErrorData } from "../diagnostics/catalogue.js";
import { validateRecord as recordErrors } from "../record/validate.js";
import { chinaWorkdays } from "../record/workdays.js";

export { isIsoDate, windowStart } from "../record/dates.js";
export { formatYuan, parseYuan } from "../record/money.js";

export { statusOn } from "../record/status.js";
import { declaredFieldErrors, type DeclaredField } from "../record/declared.js";
export type { DeclaredField } from "../record/declared.js";

const NO_FIELDS: readonly DeclaredField[] = Object.freeze([]);

/** A record error as `credit-policy eval` prints it: the message in English. */
export interface RecordError {
  /** JSON Pointer to the offending value, e.g. `/sanctions/0/date`; `""` is the record itself. */
  path: string;
  /** What was expected, in plain English. */
  message: string;
  /** A stable code, CP-R000 … CP-R008. */
  code: RecordErrorCode;
}

/** A record error (data, record/validate.ts) in the words of eval's output line. */
export function recordErrorText(e: RecordErrorData): RecordError {
  return { path: e.path, message: renderRecordError(e, "en"), code: e.code };
}

/** Every way `value` breaks the credit record schema, sorted by path, in English; empty when it is valid. */
export function validateRecord(value: unknown): RecordError[] {
  return recordErrors(value).map(recordErrorText);
}

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

/** An obligation's element: its own id, else its JSON Pointer in the record ("/sanctions/0/violations/1"). */
export function refOf(el: Obj, pointer: string): string {
  const id = el["id"];
  return typeof id === "string" ? id : pointer;
}

/** The subject's kind; legal_person when the record does not say. */
export function subjectKind(record: Obj): string {
  const kind = record["kind"];
  return typeof kind === "string" ? kind : "legal_person";
}

/** The data day under a yearly snapshot (e.g. 10月31日): the latest such day on or before the day asked for. */
export function snapshotDay(asOf: string, month: number, day: number): string {
  const mmdd = `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const year = Number(asOf.slice(0, 4));
  const thisYear = `${String(year).padStart(4, "0")}-${mmdd}`;
  return thisYear <= asOf ? thisYear : `${String(year - 1).padStart(4, "0")}-${mmdd}`;
}

/** public_credit.score or .date of the record: a number or string, else null; null too when dated after the data day. */
export function publicCredit(record: Obj, key: "score" | "date", day: string): number | string | null {
  const pc = record["public_credit"];
  if (!pc || typeof pc !== "object") return null;
  const date = (pc as Obj)["date"];
  // A score dated after the data day did not exist yet on it (credit-record.md, "Time").
  if (typeof date === "string" && date > day) return null;
  const v = (pc as Obj)[key];
  return typeof v === "number" || typeof v === "string" ? v : null;
}

/** public_credit.date as the record holds it (a string), also when after the data day; else null. */
export function publicCreditRecordDate(record: Obj): string | null {
  const pc = record["public_credit"];
  const date = pc && typeof pc === "object" ? (pc as Obj)["date"] : undefined;
  return typeof date === "string" ? date : null;
}

/** indicators[key] of the record: a finite number, else null. */
export function indicator(record: Obj, key: string): number | null {
  const ind = record["indicators"];
  const v = ind && typeof ind === "object" ? (ind as Obj)[key] : undefined;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * A date moved by calendar units or by working days (State Council holiday arrangements); null
 * when there is no date. Throws a RangeError outside the working-day calendar's years.
 */
export function shiftDate(d: unknown, amount: number, unit: "year" | "month" | "day" | "workday"): string | null {
  if (typeof d !== "string") return null;
  if (unit === "workday") return chinaWorkdays.addWorkingDays(d, amount);
  return unit === "year" ? addYears(d, amount) : unit === "month" ? addMonths(d, amount) : addDays(d, amount);
}

/** The latest of the dates given (absent ones skipped); null when none is a date (较晚 / later). */
export function laterOf(...days: unknown[]): string | null {
  let out: string | null = null;
  for (const d of days) if (typeof d === "string" && (out === null || d > out)) out = d;
  return out;
}

/** The earliest of the dates given (absent ones skipped); null when none is a date (较早 / earlier). */
export function earlierOf(...days: unknown[]): string | null {
  let out: string | null = null;
  for (const d of days) if (typeof d === "string" && (out === null || d < out)) out = d;
  return out;
}

const SHIFT_UNITS: ReadonlySet<string> = new Set(["year", "month", "day", "workday"]);

/** A date moved by a duration as the IR holds one ("6 month", "7 workday"), forward or back; null without either. */
export function shiftBy(d: unknown, by: unknown, sign: 1 | -1): string | null {
  if (typeof by !== "string") return null;
  const [n, unit] = by.split(" ");
  if (!n || !/^\d+$/.test(n) || !unit || !SHIFT_UNITS.has(unit)) return null;
  return shiftDate(d, sign * Number(n), unit as "year" | "month" | "day" | "workday");
}

export interface ModelItemSpec {
  kind: string;
  name: string;
  weight?: string;
  each?: string;
  max?: string;
}

export interface ModelSpec {
  name: string;
  total: string;
  missing: string;
  items: readonly ModelItemSpec[];
}

export interface ModelOutcome {
  model: string;
  total: number;
  items: { kind: string; name: string; value: number | null; contribution: number }[];
}

const MICRO = 1_000_000n;
function micro(d: string | number): bigint {
  const s = typeof d === "number" ? d.toFixed(6) : d;
  const neg = s.startsWith("-");
  const [int, frac = ""] = (neg ? s.slice(1) : s).split(".");
  const v = BigInt(int || "0") * MICRO + BigInt((frac + "000000").slice(0, 6));
  return neg ? -v : v;
}
function clamp(v: bigint, lo: bigint, hi: bigint): bigint {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * A weighted score model in exact micro-points (10⁻⁶), as the evaluator computes it: an indicator
 * contributes weight × value / 100 (value clamped to 0–100; missing: the model's `missing`), a
 * deduction or bonus `each` per unit up to `max`; the total is clamped to [0, total].
 */
export function modelOutcome(m: ModelSpec, values: readonly unknown[]): ModelOutcome {
  let sum = 0n;
  const items: ModelOutcome["items"] = [];
  m.items.forEach((item, i) => {
    const raw = values[i];
    const v = typeof raw === "number" ? raw : null;
    let c: bigint;
    if (item.kind === "indicator") {
      const sub = v === null ? micro(m.missing) : clamp(micro(v), 0n, 100n * MICRO);
      c = (micro(item.weight ?? "0") * sub) / (100n * MICRO);
    } else {
      const n = v === null ? 0n : micro(v);
      c = (micro(item.each ?? "0") * n) / MICRO;
      if (item.max !== undefined && c > micro(item.max)) c = micro(item.max);
      if (item.kind === "deduct") c = -c;
    }
    sum += c;
    items.push({ kind: item.kind, name: item.name, value: v, contribution: Number(c) / 1e6 });
  });
  return { model: m.name, total: Number(clamp(sum, 0n, micro(m.total))) / 1e6, items };
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
  declared: readonly DeclaredField[] = NO_FIELDS,
): R | ErrorOutput<P> {
  const id =
    record && typeof record === "object" && !Array.isArray(record) && typeof (record as { id?: unknown }).id === "string"
      ? (record as { id: string }).id
      : null;
  if (!isIsoDate(asOf)) {
    return { id, policy: ref, error: recordErrorText({ path: "", code: "CP-R004", key: "CP-R004/as-of", args: [JSON.stringify(asOf)] }) };
  }
  const schemaErrors = recordErrors(record);
  // The fields the policy declares are checked once the record is a valid credit record.
  const errors = schemaErrors.length || declared.length === 0 ? schemaErrors : declaredFieldErrors(record as Record<string, unknown>, declared);
  const first = errors[0];
  if (first) {
    const error = recordErrorText(first);
    const capped = (errors as { truncated?: true }).truncated === true;
    if (errors.length > 1 || capped) error.message += renderText(capped ? "record/more-capped" : "record/more", [String(errors.length - 1), errors.slice(1, 4).map((e) => e.path || "/").join(", ")], "en");
    return { id, as_of: asOf, policy: ref, error };
  }
  try {
    return evaluate(record as never, asOf);
  } catch (e) {
    // E.g. a working-day deadline beyond the holiday calendar's years: this record cannot be
    // graded; the batch goes on.
    return { id, as_of: asOf, policy: ref, error: recordErrorText({ path: "", code: "CP-R008", args: [`${(e as Error).message}`] }) };
  }
}
