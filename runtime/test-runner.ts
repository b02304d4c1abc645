// Runs the test cases written inside a policy against its compiled grader. Browser-safe: the
// editor's live cases panel and the CLI's `test` command both call this.
import type { IRTest } from "../compiler/ir.js";
import { isError, type EvalOutput, type Grader } from "./evaluate.js";

export interface CaseOutcome {
  name: string;
  passed: boolean;
  expected: IRTest["expect"];
  actual: { grade: string | null; matched: string[]; measures: string[] } | { error: { path: string; message: string; code: string } };
  /** What differs, one line each ("grade: expected B, got null"). */
  failures: string[];
  output: EvalOutput;
  span: IRTest["span"];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function runCase(grader: Grader, t: IRTest): CaseOutcome {
  const output = grader.grade(t.record, t.asOf);
  if (isError(output)) {
    return {
      name: t.name,
      passed: false,
      expected: t.expect,
      actual: { error: output.error },
      failures: [`record error at ${output.error.path || "/"}: ${output.error.message}`],
      output,
      span: t.span,
    };
  }
  const actual = {
    grade: output.grade,
    matched: output.matched.map((m) => m.article),
    measures: output.measures.map((m) => m.article),
  };
  const failures: string[] = [];
  const show = (g: string | null | undefined) => (g === null || g === undefined ? "null" : g);
  if (t.expect.grade !== undefined && t.expect.grade !== actual.grade) {
    failures.push(`grade: expected ${show(t.expect.grade)}, got ${show(actual.grade)}`);
  }
  if (t.expect.matched && !sameSet(t.expect.matched, actual.matched)) {
    failures.push(`matched: expected [${t.expect.matched.join(", ")}], got [${actual.matched.join(", ")}]`);
  }
  if (t.expect.measures && !sameSet(t.expect.measures, actual.measures)) {
    failures.push(`measures: expected [${t.expect.measures.join(", ")}], got [${actual.measures.join(", ")}]`);
  }
  return { name: t.name, passed: failures.length === 0, expected: t.expect, actual, failures, output, span: t.span };
}

export function runCases(grader: Grader): CaseOutcome[] {
  return grader.ir.tests.map((t) => runCase(grader, t));
}
