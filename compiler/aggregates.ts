// What each aggregate of dsl/aggregates.ts yields, by the type of what it reads: the checker's half
// of the aggregates table. A new aggregate fails the build here until its result type is stated.
import type { AggFn } from "../dsl/aggregates.js";
import type { IRType } from "./ir.js";
import type { MessageArg } from "../diagnostics/diagnostics.js";
import { inEach, NUMERIC, orderable } from "./types.js";

/** The result type, or what `of` should have been (for CP-E0402) when it does not fit. */
export type AggregateTyping = (of: IRType | undefined) => { type: IRType } | { expected: MessageArg };

export const AGGREGATE_TYPES: Record<AggFn, AggregateTyping> = {
  count: () => ({ type: { t: "count" } }),
  exists: () => ({ type: { t: "bool" } }),
  every: () => ({ type: { t: "bool" } }),
  sum: (of) => (of && NUMERIC.has(of.t) ? { type: of } : { expected: inEach("金额或数值", "money or a number") }),
  max: (of) =>
    of && of.t !== "rank" && orderable(of) ? { type: of } : { expected: inEach("金额、数值、分数或日期", "money, a number, a score or a date") },
};
