// The engines compared in the in-process table, each able to grade a list of records as of a day:
// pinglu-fgj compiled by `credit-policy compile --target js` (evaluate alone; grade = validate +
// evaluate; grade and the result line as `eval` writes it), the in-process evaluator, the
// hand-written function, json-rules-engine and @gorules/zen-engine (one evaluation at a time, and
// 64 in flight).
//
// Adding an engine (a database, another rules library) is one entry here: `load` does whatever
// setup must not be timed (connecting, loading the records into a table) and returns the pass the
// harness times once per round; the pass grades every record it was given and returns the grades
// in order (they are checked against the hand-written function's before anything is measured).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Grade } from "../pinglu-hand.js";
import { pingluByHand } from "../pinglu-hand.js";
import { pingluJsonRulesEngine } from "./json-rules-engine.js";
import { pingluZen } from "./zen.js";

export const ROOT = new URL("../../", import.meta.url);

/** One timed pass: grades every record it was set up with, in order. */
export type Pass = () => Grade[] | Promise<Grade[]>;

export interface EngineDef {
  name: string;
  label: string;
  /** Measured on the small record set (engines 100× slower than the rest). */
  slow?: boolean;
  /** Not part of the agreement check (a row that measures the same engine another way). */
  noCheck?: boolean;
  load(asOf: string, records: readonly unknown[]): Promise<Pass>;
}

/** A pass that calls `grade` on each record in turn (awaiting it when it is asynchronous). */
export function eachRecord(records: readonly unknown[], grade: (r: unknown) => Grade | Promise<Grade>): Pass {
  return () => {
    const out: Grade[] = new Array(records.length);
    let i = 0;
    for (; i < records.length; i++) {
      const g = grade(records[i]);
      if (g instanceof Promise) return rest(g, i);
      out[i] = g;
    }
    return out;
    async function rest(first: Promise<Grade>, at: number): Promise<Grade[]> {
      out[at] = await first;
      for (let k = at + 1; k < records.length; k++) out[k] = await grade(records[k]);
      return out;
    }
  };
}

/** A pass that keeps `width` asynchronous gradings in flight at once. */
export function inFlight(records: readonly unknown[], width: number, grade: (r: unknown) => Promise<Grade>): Pass {
  return async () => {
    const out: Grade[] = [];
    for (let i = 0; i < records.length; i += width) out.push(...(await Promise.all(records.slice(i, i + width).map(grade))));
    return out;
  };
}

type GeneratedModule = {
  evaluate(r: unknown, asOf: string): { grade: Grade };
  grade(r: unknown, asOf: string): { grade?: Grade; error?: unknown };
};

/** The module `credit-policy compile pinglu-fgj --target js` wrote (bench/run.ts passes its path). */
async function generated(): Promise<GeneratedModule> {
  const path = process.env["CP_BENCH_MODULE"];
  if (!path) throw new Error("CP_BENCH_MODULE: the generated pinglu-fgj.js is not set (run bench/run.ts)");
  return (await import(pathToFileURL(path).href)) as GeneratedModule;
}

const dist = async <T>(path: string): Promise<T> => (await import(new URL(`dist/${path}`, ROOT).href)) as T;

function checked(out: { grade?: Grade; error?: unknown }): Grade {
  if (out.error) throw new Error(`invalid record: ${JSON.stringify(out.error)}`);
  return out.grade ?? null;
}

export const ENGINES: EngineDef[] = [
  { name: "hand", label: "hand-written TypeScript function", load: async (asOf, rs) => eachRecord(rs, pingluByHand(asOf) as (r: unknown) => Grade) },
  {
    name: "compiled",
    label: "compiled: evaluate()",
    load: async (asOf, rs) => {
      const m = await generated();
      return eachRecord(rs, (r) => m.evaluate(r, asOf).grade);
    },
  },
  {
    name: "compiled-checked",
    label: "compiled: grade() = validate + evaluate",
    load: async (asOf, rs) => {
      const m = await generated();
      return eachRecord(rs, (r) => checked(m.grade(r, asOf)));
    },
  },
  {
    name: "compiled-line",
    label: "compiled: grade() + the result line (cli/batch/result-json.ts)",
    noCheck: true,
    load: async (asOf, rs) => {
      const m = await generated();
      const { makeResultJson } = await dist<typeof import("../../cli/batch/result-json.js")>("cli/batch/result-json.js");
      const resultJson = makeResultJson({ categories: false, scores: false, obligations: false, snapshot: false });
      let bytes = 0;
      return eachRecord(rs, (r) => {
        const out = m.grade(r, asOf);
        bytes += resultJson(out as never).length;
        return checked(out);
      });
    },
  },
  {
    name: "compiled-stringify",
    label: "compiled: grade() + JSON.stringify of the result",
    noCheck: true,
    load: async (asOf, rs) => {
      const m = await generated();
      let bytes = 0;
      return eachRecord(rs, (r) => {
        const out = m.grade(r, asOf);
        bytes += JSON.stringify(out).length;
        return checked(out);
      });
    },
  },
  {
    name: "interpreter",
    label: "in-process evaluator (closures; validate + evaluate)",
    load: async (asOf, rs) => {
      const { compilePolicy } = await dist<typeof import("../../compiler/compile.js")>("compiler/compile.js");
      const { makeGrader } = await dist<typeof import("../../runtime/evaluate.js")>("runtime/evaluate.js");
      const file = new URL("policies/pinglu-fgj/pinglu-fgj.policy", ROOT);
      const compiled = compilePolicy(readFileSync(file, "utf8"), "pinglu-fgj.policy");
      const grader = makeGrader(compiled.ir!, compiled.sha256);
      return eachRecord(rs, (r) => checked(grader.grade(r, asOf) as { grade?: Grade; error?: unknown }));
    },
  },
  { name: "json-rules-engine", label: "json-rules-engine 7.3.1", slow: true, load: async (asOf, rs) => eachRecord(rs, pingluJsonRulesEngine(asOf)) },
  { name: "zen", label: "@gorules/zen-engine 0.54.0, one at a time", slow: true, load: async (asOf, rs) => eachRecord(rs, pingluZen(asOf)) },
  { name: "zen-64", label: "@gorules/zen-engine 0.54.0, 64 in flight", slow: true, load: async (asOf, rs) => inFlight(rs, 64, pingluZen(asOf)) },
];
