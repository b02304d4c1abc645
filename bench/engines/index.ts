// The engines compared, each a grading function for one as-of day: pinglu-fgj compiled by
// `credit-policy compile --target js` (evaluate alone, and grade = validate + evaluate), the
// in-process evaluator the CLI used before, the hand-written function, json-rules-engine and
// @gorules/zen-engine (one evaluation at a time, and 64 in flight).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Grade } from "../pinglu-hand.js";
import { pingluByHand } from "../pinglu-hand.js";
import { pingluJsonRulesEngine } from "./json-rules-engine.js";
import { pingluZen } from "./zen.js";

export const ROOT = new URL("../../", import.meta.url);

export interface EngineDef {
  name: string;
  label: string;
  /** Evaluations kept in flight at once (async engines). */
  concurrency?: number;
  load(asOf: string): Promise<(record: unknown) => Grade | Promise<Grade>>;
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

export const ENGINES: EngineDef[] = [
  { name: "hand", label: "hand-written TypeScript function", load: async (asOf) => pingluByHand(asOf) as (r: unknown) => Grade },
  {
    name: "compiled",
    label: "compiled pinglu-fgj: evaluate()",
    load: async (asOf) => {
      const m = await generated();
      return (r) => m.evaluate(r, asOf).grade;
    },
  },
  {
    name: "compiled-checked",
    label: "compiled pinglu-fgj: grade() = validate + evaluate",
    load: async (asOf) => {
      const m = await generated();
      return (r) => {
        const out = m.grade(r, asOf);
        if (out.error) throw new Error(`invalid record: ${JSON.stringify(out.error)}`);
        return out.grade ?? null;
      };
    },
  },
  {
    name: "interpreter",
    label: "in-process evaluator (closures; validate + evaluate)",
    load: async (asOf) => {
      const { compilePolicy } = (await import(new URL("dist/compiler/compile.js", ROOT).href)) as typeof import("../../compiler/compile.js");
      const { makeGrader } = (await import(new URL("dist/runtime/evaluate.js", ROOT).href)) as typeof import("../../runtime/evaluate.js");
      const file = new URL("policies/pinglu-fgj/pinglu-fgj.policy", ROOT);
      const compiled = compilePolicy(readFileSync(file, "utf8"), "pinglu-fgj.policy");
      const grader = makeGrader(compiled.ir!, compiled.sha256);
      return (r) => {
        const out = grader.grade(r, asOf) as { grade?: Grade };
        return out.grade ?? null;
      };
    },
  },
  { name: "json-rules-engine", label: "json-rules-engine 7.3.1", load: async (asOf) => pingluJsonRulesEngine(asOf) },
  { name: "zen", label: "@gorules/zen-engine 0.54.0, one at a time", load: async (asOf) => pingluZen(asOf) },
  { name: "zen-64", label: "@gorules/zen-engine 0.54.0, 64 in flight", concurrency: 64, load: async (asOf) => pingluZen(asOf) },
];
