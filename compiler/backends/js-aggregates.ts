// How the generated code folds an aggregate (dsl/aggregates.ts), as the evaluator's FOLDS do
// (runtime/aggregates.ts): the accumulator's start and the statement adding one element. A new
// aggregate fails the build here until its code is written.
import type { AggFn } from "../../dsl/aggregates.js";
import type { IRAggregate } from "../ir.js";
import { K, type Code, type Gen, type Kind } from "./js-gen.js";

export interface JsFold {
  /** The start value, its TypeScript type and its kind. */
  init(e: IRAggregate): { code: string; type: string; kind: Kind };
  /** The statement folding one element into `acc`; `of` is the element's value (absent without `of`). */
  step(gen: Gen, e: IRAggregate, acc: string, of: Code | undefined): string;
}

function numericKind(e: IRAggregate): "bigint" | "number" {
  return e.type.t === "money" ? "bigint" : "number";
}

export const JS_FOLDS: Record<AggFn, JsFold> = {
  count: { init: () => ({ code: "0", type: "number", kind: K.number }), step: (_g, _e, acc) => `${acc}++;` },
  exists: { init: () => ({ code: "false", type: "boolean", kind: K.boolean }), step: (_g, _e, acc) => `${acc} = true;` },
  // `of` is the filter's truth here (dsl/aggregates.ts `predicate`).
  every: { init: () => ({ code: "true", type: "boolean", kind: K.boolean }), step: (_g, _e, acc, of) => (of ? `if (!${of.code}) ${acc} = false;` : "") },
  sum: {
    init: (e) => (numericKind(e) === "bigint" ? { code: "0n", type: "bigint", kind: K.bigint } : { code: "0", type: "number", kind: K.number }),
    step: (gen, e, acc, of) => {
      const want = numericKind(e);
      if (!of) return "";
      if (of.kind.t === want && !of.kind.nullable) return `${acc} += ${of.code};`;
      const x = gen.fresh("x");
      return `{ const ${x} = ${of.code}; if (typeof ${x} === "${want}") ${acc} += ${x}; }`;
    },
  },
  max: {
    init: (e) => {
      const t = e.type.t === "money" ? "bigint" : e.type.t === "date" ? "string" : "number";
      return { code: "null", type: `${t} | null`, kind: { t, nullable: true } };
    },
    step: (gen, e, acc, of) => {
      if (!of) return "";
      const want = e.type.t === "money" ? "bigint" : e.type.t === "date" ? "string" : "number";
      const x = gen.fresh("x");
      return `{ const ${x} = ${of.code}; if (typeof ${x} === "${want}" && (${acc} === null || ${x} > ${acc})) ${acc} = ${x}; }`;
    },
  },
};
