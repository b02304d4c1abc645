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

/** Two lists hold the same items as many times each (order aside). */
function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

const list = (xs: readonly string[]) => `[${xs.join(", ")}]`;

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
  const e = t.expect;
  const show = (g: string | null | undefined) => (g === null || g === undefined ? "null" : g);
  if (e.grade !== undefined && e.grade !== actual.grade) failures.push(`grade: expected ${show(e.grade)}, got ${show(actual.grade)}`);
  const compare = (what: string, expected: readonly string[] | undefined, got: readonly string[]) => {
    if (expected && !sameMultiset(expected, got)) failures.push(`${what}: expected ${list(expected)}, got ${list(got)}`);
  };
  compare("matched", e.matched, actual.matched);
  compare("measures", e.measures, actual.measures);
  compare("categories", e.categories, (output.categories ?? []).map((c) => c.id));
  // Obligations of the subject and of its items, by name, due day and status.
  const obligations = [...(output.obligations ?? []), ...(output.items ?? []).flatMap((i) => i.obligations ?? [])];
  compare(
    "obligations",
    e.obligations?.map((o) => `${o.name} ${o.due ?? "无"} ${o.status}`),
    obligations.map((o) => `${o.obligation} ${o.due ?? "无"} ${o.status}`),
  );
  for (const s of e.scores ?? []) {
    const got = output.scores?.find((x) => x.model === s.name)?.total;
    if (got === undefined || Number(s.value) !== got) failures.push(`score ${s.name}: expected ${s.value}, got ${got ?? "none"}`);
  }
  for (const i of e.items ?? []) {
    const item = (output.items ?? []).find((x) => x.pointer === i.pointer && Object.prototype.hasOwnProperty.call(x.outputs, i.output));
    const got = item ? item.outputs[i.output] : undefined;
    if (JSON.stringify(got) !== JSON.stringify(i.value)) {
      failures.push(`item ${i.pointer} ${i.output}: expected ${JSON.stringify(i.value)}, got ${got === undefined ? "no such output" : JSON.stringify(got)}`);
    }
  }
  return { name: t.name, passed: failures.length === 0, expected: t.expect, actual, failures, output, span: t.span };
}

export function runCases(grader: Grader): CaseOutcome[] {
  return grader.ir.tests.map((t) => runCase(grader, t));
}
