// What the precompiled record validator (record/generated/validate-record.ts, written by
// record/generate-validator.mjs) calls at run time: the date format and the amount check, the same
// functions the rest of the runtime judges dates and money by. No Node APIs: runs in browsers.
import { isIsoDate } from "./dates.js";
import { isYuan } from "./money.js";

/** One of ajv's validation errors (ajv's ErrorObject; with `parentSchema` and `data` from the full validator). */
export interface ValidationError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

/** A precompiled validator: true when valid; otherwise its `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

// ajv-formats' "date" accepts year 0000, which dates.ts (and so every policy) rejects; the schema
// must not let through a record the runtime would then choke on.
export const formats = { date: { type: "string", validate: isIsoDate } };

// JSON Schema cannot say "a number with at most two decimals" exactly (multipleOf 0.01 fails on 0.1
// in binary floating point), so the amount check (the schema's x-money) is money.ts's own.
export const isYuanAmount = isYuan;

/** A string's length in code points (ajv's runtime ucs2length, for minLength). */
export function ucs2length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}
