// Checks a credit record against record/record.schema.json and turns Ajv's errors into the
// short list a person fixing the data needs: one error per JSON path, saying what was expected
// and what was found, with a stable code scripts can match on (see credit-record.md, "Bad input").
// The errors are data (a code, a catalogue message and its arguments); the text is made where it
// is shown (diagnostics/catalogue.ts renderRecordError: English in eval's output lines, the
// interface language in the editor). No Node APIs: this module also runs in the browser.

import schema from "./record.schema.json" with { type: "json" };
import type { MessageArg, MessageKey, RecordErrorData } from "../diagnostics/catalogue.js";
import { validateFast, validateFull } from "./generated/validate-record.js";
import type { ValidationError } from "./validator-support.js";

export type { CreditRecord } from "./generated/record.js";

/** The record's JSON Schema (draft 2020-12). */
export const recordSchema = schema;

/** One way a record breaks the schema, as data: render it with renderRecordError. */
export interface RecordError extends RecordErrorData {
  /** A stable code, CP-R001 … CP-R007. */
  code: RecordErrorCode;
  args: MessageArg[];
}

export type RecordErrorCode =
  | "CP-R001" // the record is not a JSON object
  | "CP-R002" // a required property is missing
  | "CP-R003" // a value has the wrong JSON type
  | "CP-R004" // not an ISO calendar date YYYY-MM-DD
  | "CP-R005" // not an amount in yuan with at most two decimals
  | "CP-R006" // not one of the allowed values
  | "CP-R007" // anything else: out of range, empty string …
  | "CP-R009"; // a status history out of order, or a status other than its last entry's

// The schema is compiled by ajv at build time, not at start-up (record/generate-validator.mjs
// writes record/generated/validate-record.ts): validateFast checks every record and stops at the
// first problem; only a record it refuses goes through validateFull, which collects every problem
// with its schema and value for the messages below.
const NO_ERRORS: readonly RecordError[] = Object.freeze([]);

/** Every way `value` breaks the credit record schema, sorted by path; empty when it is valid. */
export function validateRecord(value: unknown): RecordError[] {
  if (validateFast(value)) return historyErrors(value as Record<string, unknown>);
  validateFull(value);
  const byPath = new Map<string, RecordError[]>();
  for (const error of validateFull.errors ?? []) {
    const described = describe(error, value);
    if (!described) continue;
    const list = byPath.get(described.path) ?? [];
    list.push(described);
    byPath.set(described.path, list);
  }
  const result: RecordError[] = [];
  for (const [path, candidates] of byPath) {
    const nullable = candidates.some((c) => c.key === NULL_BRANCH);
    const best = candidates
      .filter((c) => c.key !== NULL_BRANCH)
      .sort((a, b) => PRIORITY[a.code] - PRIORITY[b.code])[0];
    if (best) {
      const orNull = nullable ? OR_NULL[best.key ?? best.code] : undefined;
      result.push(orNull ? { ...best, key: orNull } : best);
    } else {
      // Only the null branch failed, which cannot happen alone; report it rather than drop it.
      result.push({ path, code: "CP-R003", key: "CP-R003/null", args: [] });
    }
  }
  return result.sort((a, b) => comparePointers(a.path, b.path));
}

// When one value breaks several keywords, the most specific explanation wins: a bad date is
// reported as a bad date, not also as a pattern mismatch or wrong type.
const PRIORITY: Record<RecordErrorCode, number> = {
  "CP-R001": 0,
  "CP-R002": 1,
  "CP-R004": 2,
  "CP-R005": 3,
  "CP-R006": 4,
  "CP-R003": 5,
  "CP-R007": 6,
  "CP-R009": 7,
};

// The `{"type": "null"}` branch of a nullable date: it only tells us that null was also
// acceptable, which is folded into the date's own message ("… or null, got …").
const NULL_BRANCH = "CP-R003/null";
// The wording with "or null" of each message a nullable value can get (the schema makes only
// dates nullable, so a date's and a type error's are all there is to fold).
const OR_NULL: Partial<Record<MessageKey, MessageKey>> = { "CP-R004": "CP-R004/or-null", "CP-R003": "CP-R003/or-null" };

// Keywords that only combine subschemas; their subschemas' errors already say what is wrong.
const COMBINATORS = new Set(["anyOf", "oneOf", "allOf", "not", "if", "then", "else", "$ref"]);

function describe(error: ValidationError, root: unknown): RecordError | undefined {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const data: unknown = error.data;
  const path = error.instancePath;

  if (error.keyword === "required") {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return { path: `${path}/${escapePointer(missing)}`, code: "CP-R002", args: [JSON.stringify(missing)] };
  }
  if (COMBINATORS.has(error.keyword)) return undefined;
  if (path === "" && error.keyword === "type") {
    return { path, code: "CP-R001", args: [show(root)] };
  }
  if (parent.format === "date") {
    return { path, code: "CP-R004", args: [show(data)] };
  }
  if (parent["x-money"] === true) {
    return { path, code: "CP-R005", args: [show(data)] };
  }
  switch (error.keyword) {
    case "type": {
      const expected = (error.params as { type: string | string[] }).type;
      if (expected === "null") return { path, code: "CP-R003", key: NULL_BRANCH, args: [] };
      const names = (Array.isArray(expected) ? expected : [expected]).map(typeName);
      return { path, code: "CP-R003", args: [orList(names), show(data)] };
    }
    case "enum": {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return { path, code: "CP-R006", args: [allowed.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", "), show(data)] };
    }
    case "minLength":
      if (parent.minLength === 1) {
        return { path, code: "CP-R007", key: "CP-R007/non-empty", args: [show(data)] };
      }
      break;
    case "minimum":
    case "maximum":
      if (typeof parent.minimum === "number" && typeof parent.maximum === "number") {
        return { path, code: "CP-R007", key: "CP-R007/range", args: [String(parent.minimum), String(parent.maximum), show(data)] };
      }
      break;
  }
  // Ajv's own wording (English) for a keyword the schema does not otherwise use.
  return { path, code: "CP-R007", args: [error.message ?? "matches the schema", show(data)] };
}

const TYPE_WORDS: Record<string, MessageKey> = {
  object: "type/object",
  array: "type/array",
  integer: "type/integer",
  number: "type/number",
  string: "type/string",
  boolean: "type/boolean",
  null: "type/null",
};

/** A JSON type as a word of the catalogue ("an object" / "对象"). */
function typeName(t: string): MessageArg {
  const key = TYPE_WORDS[t];
  return key ? { key } : `a ${t}`;
}

/** "a or b or c", in the message's language. */
function orList(items: MessageArg[]): MessageArg {
  return items.reduceRight((rest, item) => ({ key: "list/or", args: [item, rest] }));
}

/** The offending value for a message: its JSON, shortened, or a word for what JSON cannot show briefly. */
function show(v: unknown): MessageArg {
  if (v === undefined) return { key: "value/nothing" };
  if (Array.isArray(v)) return { key: "value/array" };
  if (v !== null && typeof v === "object") return { key: "value/object" };
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Segment by segment, array indices numerically, so /sanctions/2 comes before /sanctions/10. */
function comparePointers(a: string, b: string): number {
  const as = a.split("/");
  const bs = b.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

/** The record parts that may carry a dated status history (credit-record.md, "Status history"). */
const WITH_HISTORY = ["sanctions", "commitment_breaches", "determinations"] as const;

/**
 * What the schema cannot say about a status history: its entries are in order of `from`, and the
 * part's `status`, if given, is the last entry's (the status as of today).
 */
function historyErrors(record: Record<string, unknown>): RecordError[] {
  let out: RecordError[] | null = null;
  for (const part of WITH_HISTORY) {
    const items = record[part];
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const history = (item as { status_history?: { status: string; from: string }[] }).status_history;
      if (!Array.isArray(history) || history.length === 0) continue;
      out ??= [];
      for (let k = 1; k < history.length; k++) {
        const prev = history[k - 1] as { from: string };
        const here = history[k] as { from: string };
        if (here.from < prev.from) out.push({ path: `/${part}/${i}/status_history/${k}/from`, code: "CP-R009", key: "CP-R009/order", args: [here.from, prev.from] });
      }
      const last = (history[history.length - 1] as { status: string }).status;
      const status = (item as { status?: unknown }).status;
      if (typeof status === "string" && status !== last) out.push({ path: `/${part}/${i}/status`, code: "CP-R009", args: [JSON.stringify(status), JSON.stringify(last)] });
    }
  }
  // The common valid record: one shared empty list, nothing allocated.
  return out ?? (NO_ERRORS as RecordError[]);
}
