// Checks a credit record against record/record.schema.json and turns Ajv's errors into the
// short list a person fixing the data needs: one error per JSON path, saying what was expected
// and what was found, with a stable code scripts can match on (see credit-record.md, "Bad input").
// The errors are data (a code, a catalogue message and its arguments); the text is made where it
// is shown (diagnostics/catalogue.ts renderRecordError: English in eval's output lines, the
// interface language in the editor). No Node APIs: this module also runs in the browser.

import type { ErrorObject } from "ajv/dist/2020.js";
import schema from "./record.schema.json" with { type: "json" };
import type { MessageArg, MessageKey, RecordErrorData } from "../diagnostics/catalogue.js";
import { explainValidators, validateFast } from "./generated/validate-record.js";

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
  | "CP-R009" // a status history out of order, or a status other than its last entry's
  | "CP-R011" // nested deeper than MAX_DEPTH
  | "CP-R012"; // an array longer than MAX_ARRAY_LENGTH

// A valid record, the common case, is decided by validateFast: the schema compiled by ajv at build
// time (record/generate-validator.mjs writes record/generated/validate-record.ts), stopping at the
// first problem, with no ajv compile or `new Function` at start-up. A record it refuses is
// explained by the shallow validators, precompiled the same way (generate-validator.mjs, so no ajv
// runs here and a browser bundle holds no `new Function`): each object of
// the schema compiled without its arrays' items and maps' values, every error collected
// (allErrors), and the elements of those arrays and maps checked one by one against their own
// shallow validators, in key and index order, stopping once MAX_ERRORS errors are collected. So
// explaining a record costs time linear in its size and never more than MAX_ERRORS errors of
// memory — Ajv's allErrors through $ref concatenates each element's errors onto all before
// them, quadratic in the number of bad elements (160,000 bad list entries took 27 s).
type Json = Record<string, unknown>;
type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Where a shallow schema left out a subschema: the array (`items`) or map (`values`) under `key`, and the schema of its entries. */
interface Slot {
  key: string;
  kind: "items" | "values" | "object";
  /**
   * The entries' schema: a `$ref` to a definition (checked with that definition's own shallow
   * validator and slots), or a leaf schema. For an `object` (a property that is one definition,
   * `$ref` or `allOf: [{ $ref }]`), the definition whose slots to visit: the parent's shallow
   * validator already checked the object itself.
   */
  entry: Json;
}

/** The record schema with arrays' items and maps' values cut out, and where each cut was (by `#` or `#/$defs/Name`). */
function shallowSchema(): { schema: Json; slots: Map<string, Slot[]> } {
  const copy = JSON.parse(JSON.stringify(schema)) as Json;
  const slots = new Map<string, Slot[]>();
  const cut = (obj: Json, at: string) => {
    const list: Slot[] = [];
    for (const [key, prop] of Object.entries((obj["properties"] ?? {}) as Record<string, Json>)) {
      if (prop["type"] === "array" && prop["items"]) {
        list.push({ key, kind: "items", entry: prop["items"] as Json });
        delete prop["items"];
      } else if (prop["additionalProperties"] && typeof prop["additionalProperties"] === "object") {
        list.push({ key, kind: "values", entry: prop["additionalProperties"] as Json });
        delete prop["additionalProperties"];
      } else {
        const ref = typeof prop["$ref"] === "string" ? prop["$ref"] : ((prop["allOf"] as Json[] | undefined)?.find((x) => typeof x["$ref"] === "string")?.["$ref"] as string | undefined);
        if (ref) list.push({ key, kind: "object", entry: { $ref: ref } });
      }
    }
    slots.set(at, list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  };
  cut(copy, "#");
  for (const [name, def] of Object.entries(copy["$defs"] as Record<string, Json>)) cut(def, `#/$defs/${name}`);
  return { schema: copy, slots };
}

interface Explainer {
  slots: Map<string, Slot[]>;
  /** Each definition's shallow validator. */
  validators: Map<string, Validate>;
  /** Each slot's entry validator (a leaf schema is compiled as it is). */
  entries: Map<Slot, { validate: Validate; at?: string }>;
}

let explainerCache: Explainer | undefined;

function explainer(): Explainer {
  if (explainerCache) return explainerCache;
  const shallow = shallowSchema();
  // Precompiled by record/generate-validator.mjs from the same cut of the schema: no ajv compile here.
  const validator = (name: string): Validate => {
    const v = explainValidators[name];
    if (!v) throw new Error(`record schema: no precompiled validator for ${name}; run node record/generate-validator.mjs`);
    return v as Validate;
  };
  const validators = new Map<string, Validate>([...shallow.slots.keys()].map((at) => [at, validator(at)]));
  const entries = new Map<Slot, { validate: Validate; at?: string }>();
  for (const [at, list] of shallow.slots) {
    for (const slot of list) {
      const ref = slot.entry["$ref"];
      entries.set(slot, typeof ref === "string" ? { validate: validator(ref), at: ref } : { validate: validator(`${at} ${slot.key}`) });
    }
  }
  return (explainerCache = { slots: shallow.slots, validators, entries });
}

const NO_ERRORS: readonly RecordError[] = Object.freeze([]);

/** The most errors collected to explain one record; past it the explanation says there are more. */
export const MAX_ERRORS = 100;

/** Deepest nesting of arrays and objects in a record (the record itself is depth 1). */
export const MAX_DEPTH = 64;
/** Most elements of any one array in a record. */
export const MAX_ARRAY_LENGTH = 100_000;

/** The errors of a record; `truncated` when there were more than MAX_ERRORS and the rest were not looked for. */
export type RecordErrors = RecordError[] & { truncated?: true };

/**
 * Every way `value` breaks the credit record schema, sorted by path; empty when it is valid. A
 * record nested deeper than MAX_DEPTH or with an array longer than MAX_ARRAY_LENGTH gets that
 * error alone (CP-R011, CP-R012). Time is linear in the record's size.
 */
export function validateRecord(value: unknown): RecordErrors {
  const limit = limitError(value);
  if (limit) return [limit];
  if (validateFast(value)) return historyErrors(value as Record<string, unknown>);
  const found: ErrorObject[] = [];
  const truncated = explain(explainer(), value, "#", "", found);
  const byPath = new Map<string, RecordError[]>();
  for (const error of found) {
    const described = describe(error, value);
    if (!described) continue;
    const list = byPath.get(described.path) ?? [];
    list.push(described);
    byPath.set(described.path, list);
  }
  const result: RecordErrors = [];
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
  // The fast validator refused the record: an explanation that found nothing must still refuse it.
  if (!result.length) result.push({ path: "", code: "CP-R007", args: ["conforms to the record schema", "a record it refuses"] });
  result.sort((a, b) => comparePointers(a.path, b.path));
  if (truncated) result.truncated = true;
  return result;
}

/**
 * Collects into `out` the errors of `data` (at `pointer`) against definition `at`, then of its
 * arrays' and maps' entries, keys in order and elements in index order; true when it stopped at
 * MAX_ERRORS. The errors collected are then the first ones by path: a definition's own errors,
 * then the entries of its slots in pointer order.
 */
function explain(x: Explainer, data: unknown, at: string, pointer: string, out: ErrorObject[]): boolean {
  const validate = x.validators.get(at) as Validate;
  if (!validate(data)) for (const e of validate.errors ?? []) out.push(pointer ? { ...e, instancePath: pointer + e.instancePath } : e);
  return explainSlots(x, data, at, pointer, out);
}

/** The entries of `data`'s arrays and maps (and of the objects inside it that are definitions of their own), as explain. */
function explainSlots(x: Explainer, data: unknown, at: string, pointer: string, out: ErrorObject[]): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  for (const slot of x.slots.get(at) ?? []) {
    const container = (data as Json)[slot.key];
    const entry = x.entries.get(slot) as { validate: Validate; at?: string };
    const base = `${pointer}/${escapePointer(slot.key)}`;
    const check = (v: unknown, segment: string): boolean => {
      if (out.length >= MAX_ERRORS) return true;
      if (entry.at) return explain(x, v, entry.at, `${base}/${segment}`, out);
      if (!entry.validate(v)) for (const e of entry.validate.errors ?? []) out.push({ ...e, instancePath: `${base}/${segment}${e.instancePath}` });
      if (out.length <= MAX_ERRORS) return false;
      out.length = MAX_ERRORS;
      return true;
    };
    if (slot.kind === "object") {
      if (entry.at && explainSlots(x, container, entry.at, base, out)) return true;
    } else if (slot.kind === "items") {
      if (!Array.isArray(container)) continue;
      for (let i = 0; i < container.length; i++) if (check(container[i], String(i))) return true;
    } else {
      if (!container || typeof container !== "object" || Array.isArray(container)) continue;
      for (const key of Object.keys(container)) if (check((container as Json)[key], escapePointer(key))) return true;
    }
  }
  return out.length >= MAX_ERRORS;
}

/**
 * Whether `value` (at `depth`) stays within MAX_DEPTH and MAX_ARRAY_LENGTH. Recursive, which is
 * safe because it stops at MAX_DEPTH (64 frames), and faster than a walk with its own stack: every
 * record passes through here.
 */
function withinLimits(value: object, depth = 1): boolean {
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_LENGTH) return false;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x !== null && typeof x === "object" && (depth >= MAX_DEPTH || !withinLimits(x, depth + 1))) return false;
    }
    return true;
  }
  for (const key in value) {
    const x: unknown = (value as Json)[key];
    if (x !== null && typeof x === "object" && (depth >= MAX_DEPTH || !withinLimits(x, depth + 1))) return false;
  }
  return true;
}

/**
 * The first place `value` goes past MAX_DEPTH or MAX_ARRAY_LENGTH, walked without recursion so
 * that no input can exhaust the stack; undefined within the limits.
 */
export function limitError(value: unknown): RecordError | undefined {
  if (value === null || typeof value !== "object") return undefined;
  // Every record passes through here: a walk that allocates nothing per node first, and the walk
  // that builds the path only for a record past a limit.
  if (withinLimits(value)) return undefined;
  const stack: { v: object; depth: number; path: () => string }[] = [{ v: value, depth: 1, path: () => "" }];
  while (stack.length) {
    const { v, depth, path } = stack.pop() as (typeof stack)[number];
    if (Array.isArray(v)) {
      if (v.length > MAX_ARRAY_LENGTH) return { path: path(), code: "CP-R012", args: [String(v.length), String(MAX_ARRAY_LENGTH)] };
      for (let i = v.length - 1; i >= 0; i--) {
        const x: unknown = v[i];
        if (x === null || typeof x !== "object") continue;
        const here = () => `${path()}/${i}`;
        if (depth >= MAX_DEPTH) return { path: here(), code: "CP-R011", args: [String(MAX_DEPTH)] };
        stack.push({ v: x, depth: depth + 1, path: here });
      }
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const x: unknown = (v as Json)[key];
        if (x === null || typeof x !== "object") continue;
        const here = () => `${path()}/${escapePointer(key)}`;
        if (depth >= MAX_DEPTH) return { path: here(), code: "CP-R011", args: [String(MAX_DEPTH)] };
        stack.push({ v: x, depth: depth + 1, path: here });
      }
    }
  }
  return undefined;
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
  "CP-R011": 8,
  "CP-R012": 9,
};

// The `{"type": "null"}` branch of a nullable date: it only tells us that null was also
// acceptable, which is folded into the date's own message ("… or null, got …").
const NULL_BRANCH = "CP-R003/null";
// The wording with "or null" of each message a nullable value can get (the schema makes only
// dates nullable, so a date's and a type error's are all there is to fold).
const OR_NULL: Partial<Record<MessageKey, MessageKey>> = { "CP-R004": "CP-R004/or-null", "CP-R003": "CP-R003/or-null" };

// Keywords that only combine subschemas; their subschemas' errors already say what is wrong.
const COMBINATORS = new Set(["anyOf", "oneOf", "allOf", "not", "if", "then", "else", "$ref"]);

function describe(error: ErrorObject, root: unknown): RecordError | undefined {
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
  // JSON numbers past ±1.8e308 parse as ±Infinity, which JSON.stringify would show as null.
  if (typeof v === "number" && !Number.isFinite(v)) return { key: "value/huge-number" };
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
