// Shared by the solver tests: compiling a policy file, and grading a witness with the real evaluator.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compilePolicy } from "../../compiler/compile.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { isError, makeGrader, type GradeResult } from "../../runtime/evaluate.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export function irOf(path: string): IRPolicy {
  const file = join(ROOT, path);
  const r = compilePolicy(readFileSync(file, "utf8"), file);
  if (!r.ir || r.diagnostics.some((d) => d.severity === "error")) throw new Error(`${path} does not compile`);
  return r.ir;
}

export const SEEDS = ["pinglu-fgj", "wugang-sfj", "yuncheng-kjj", "wugang-credit-plan", "changzhi-plan"];

export function seed(id: string): IRPolicy {
  return irOf(`policies/${id}/${id}.policy`);
}

/** The record graded by the evaluator (the CLI's eval line); throws on an error line. */
export function grade(ir: IRPolicy, record: unknown, asOf: string): GradeResult {
  const out = makeGrader(ir, "").grade(record, asOf);
  if (isError(out)) throw new Error(`${JSON.stringify(record)}: ${out.error.code} ${out.error.message}`);
  return out;
}
