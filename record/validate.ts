// Checks a credit record against runtime/record.schema.json and turns Ajv's errors into the
// short list a person fixing the data needs: one error per JSON path, saying what was expected
// and what was found, with a stable code scripts can match on (see credit-record.md, "Bad input").
// No Node APIs: this module also runs in the browser.

import Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import schema from "./record.schema.json" with { type: "json" };
import { isIsoDate } from "./dates.js";
import { parseYuan } from "./money.js";

export type { CreditRecord } from "./generated/record.js";

/** The record's JSON Schema (draft 2020-12). */
export const recordSchema = schema;

export interface RecordError {
  /** JSON Pointer to the offending value, e.g. `/sanctions/0/date`; `""` is the record itself. */
  path: string;
  /** What was expected, in plain English. */
  message: string;
  /** A stable code, CP-R001 … CP-R007. */
  code: RecordErrorCode;
}

export type RecordErrorCode =
  | "CP-R001" // the record is not a JSON object
  | "CP-R002" // a required property is missing
  | "CP-R003" // a value has the wrong JSON type
  | "CP-R004" // not an ISO calendar date YYYY-MM-DD
  | "CP-R005" // not an amount in yuan with at most two decimals
  | "CP-R006" // not one of the allowed values
  | "CP-R007"; // anything else: out of range, empty string …

// ajv and ajv-formats are CommonJS whose module object is the class/function itself and also
// carries it as `.default`. Under NodeNext typing the default import is the module object, so
// `.default` is the one spelling that type-checks and works in Node, vitest and bundlers.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

// Compiled once: compiling is the expensive step, validation is then cheap per record.
const ajv = new Ajv2020({
  allErrors: true, // report every problem of a record at once, not just the first
  strict: true, // a typo in the schema's keywords must fail loudly here, not pass silently
  allowUnionTypes: true, // amounts are `number | string`
  verbose: true, // keep the offending value and schema on each error, for the messages below
});
addFormats(ajv);
// ajv-formats' "date" accepts year 0000, which dates.ts (and so every policy) rejects; the
// schema must not let through a record the runtime would then choke on.
ajv.addFormat("date", { type: "string", validate: isIsoDate });
// JSON Schema cannot say "a number with at most two decimals" exactly (multipleOf 0.01 fails
// on 0.1 in binary floating point), so the amount check is money.ts's own parser.
ajv.addKeyword({
  keyword: "x-money",
  type: ["number", "string"],
  schemaType: "boolean",
  errors: false,
  validate: (enabled: boolean, data: unknown) => !enabled || parseYuan(data) !== undefined,
});
const validator = ajv.compile(schema);

/** Every way `value` breaks the credit record schema, sorted by path; empty when it is valid. */
export function validateRecord(value: unknown): RecordError[] {
  if (validator(value)) return [];
  const byPath = new Map<string, RecordError[]>();
  for (const error of validator.errors ?? []) {
    const described = describe(error, value);
    if (!described) continue;
    const list = byPath.get(described.path) ?? [];
    list.push(described);
    byPath.set(described.path, list);
  }
  const result: RecordError[] = [];
  for (const [path, candidates] of byPath) {
    const nullable = candidates.some((c) => c.message === NULL_BRANCH);
    const best = candidates
      .filter((c) => c.message !== NULL_BRANCH)
      .sort((a, b) => PRIORITY[a.code] - PRIORITY[b.code])[0];
    if (best) {
      result.push(nullable ? { ...best, message: best.message.replace(/, got /, " or null, got ") } : best);
    } else {
      // Only the null branch failed, which cannot happen alone; report it rather than drop it.
      result.push({ path, code: "CP-R003", message: "expected null" });
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
};

// Marker for the `{"type": "null"}` branch of a nullable date: it only tells us that null
// was also acceptable, which is folded into the date's own message.
const NULL_BRANCH = "\u0000null-branch";

// Keywords that only combine subschemas; their subschemas' errors already say what is wrong.
const COMBINATORS = new Set(["anyOf", "oneOf", "allOf", "not", "if", "then", "else", "$ref"]);

const DATE_EXPECTED = "expected an ISO date YYYY-MM-DD";
const AMOUNT_EXPECTED =
  "expected an amount in yuan: a non-negative number or decimal string with at most two decimals";

function describe(error: ErrorObject, root: unknown): RecordError | undefined {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const data: unknown = error.data;
  const path = error.instancePath;

  if (error.keyword === "required") {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return {
      path: `${path}/${escapePointer(missing)}`,
      code: "CP-R002",
      message: `missing required property ${JSON.stringify(missing)}`,
    };
  }
  if (COMBINATORS.has(error.keyword)) return undefined;
  if (path === "" && error.keyword === "type") {
    return { path, code: "CP-R001", message: `expected the record to be a JSON object, got ${show(root)}` };
  }
  if (parent.format === "date") {
    return { path, code: "CP-R004", message: `${DATE_EXPECTED}, got ${show(data)}` };
  }
  if (parent["x-money"] === true) {
    return { path, code: "CP-R005", message: `${AMOUNT_EXPECTED}, got ${show(data)}` };
  }
  switch (error.keyword) {
    case "type": {
      const expected = (error.params as { type: string | string[] }).type;
      if (expected === "null") return { path, code: "CP-R003", message: NULL_BRANCH };
      const names = (Array.isArray(expected) ? expected : [expected]).map(typeName);
      return { path, code: "CP-R003", message: `expected ${names.join(" or ")}, got ${show(data)}` };
    }
    case "enum": {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path,
        code: "CP-R006",
        message: `expected one of ${allowed.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")}, got ${show(data)}`,
      };
    }
    case "minLength":
      if (parent.minLength === 1) {
        return { path, code: "CP-R007", message: `expected a non-empty string, got ${show(data)}` };
      }
      break;
    case "minimum":
    case "maximum":
      if (typeof parent.minimum === "number" && typeof parent.maximum === "number") {
        return {
          path,
          code: "CP-R007",
          message: `expected a number from ${parent.minimum} to ${parent.maximum}, got ${show(data)}`,
        };
      }
      break;
  }
  return { path, code: "CP-R007", message: `expected a value that ${error.message ?? "matches the schema"}, got ${show(data)}` };
}

function typeName(t: string): string {
  switch (t) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "integer":
      return "an integer";
    default:
      return `a ${t}`;
  }
}

/** A short rendering of the offending value for a message. */
function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "an array";
  if (v !== null && typeof v === "object") return "an object";
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
