// How the evaluator folds the elements of an aggregate (dsl/aggregates.ts): a start value and a
// step per element. The generated code folds the same way (compiler/backends/js-aggregates.ts);
// the differential corpus checks that they agree.
import type { AggFn } from "../dsl/aggregates.js";
import type { IRType } from "../compiler/ir.js";

/** A runtime value: counts and scores as numbers, money as bigint fen, dates as ISO strings. */
export type Val = number | bigint | boolean | string | null;

export interface Fold {
  init(type: IRType): Val;
  /** The accumulator after one more element whose `of` value is `x` (undefined for aggregates without `of`; the filter's truth for a predicate). */
  step(acc: Val, x: Val | undefined, type: IRType): Val;
}

export const FOLDS: Record<AggFn, Fold> = {
  count: { init: () => 0, step: (acc) => (acc as number) + 1 },
  exists: { init: () => false, step: () => true },
  // Folds the truth of its filter over every element (dsl/aggregates.ts `predicate`).
  every: { init: () => true, step: (acc, x) => acc === true && x === true },
  sum: {
    init: (type) => (type.t === "money" ? 0n : 0),
    step: (acc, x) => {
      if (typeof x === "bigint" && typeof acc === "bigint") return acc + x;
      if (typeof x === "number" && typeof acc === "number") return acc + x;
      return acc;
    },
  },
  // The largest amount, count or score, or the latest date; none (null) over no element. A value
  // of another runtime type than the result's (an absent field) is skipped.
  max: {
    init: () => null,
    step: (acc, x, type) => {
      const want = type.t === "money" ? "bigint" : type.t === "date" ? "string" : "number";
      if (typeof x !== want) return acc;
      return acc === null || (x as number | bigint | string) > (acc as number | bigint | string) ? (x as Val) : acc;
    },
  },
};
