// Runs the test cases written inside a policy against its compiled grader. Browser-safe: the
// editor's live cases panel and the CLI's `test` command both call this.
import type { IRTest } from "../compiler/ir.js";
import { renderText, type MessageArg, type MessageKey, type MessageRef } from "../diagnostics/catalogue.js";
import { isError, type EvalOutput, type Grader } from "./evaluate.js";

export interface CaseOutcome {
  name: string;
  passed: boolean;
  expected: IRTest["expect"];
  actual: { grade: string | null; matched: string[]; measures: string[] } | { error: { path: string; message: string; code: string } };
  /** What differs, one line each, in English ("grade: expected B, got null"): the CLI's `test` output. */
  failures: string[];
  /** The same as data (catalogue keys and arguments), for an interface in either language. */
  failureMessages: MessageRef[];
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

const english = (ms: readonly MessageRef[]): string[] => ms.map((m) => renderText(m.key, m.args ?? [], "en"));

export function runCase(grader: Grader, t: IRTest): CaseOutcome {
  const output = grader.grade(t.record, t.asOf);
  if (isError(output)) {
    const failureMessages: MessageRef[] = [{ key: "case/record-error", args: [output.error.path || "/", output.error.message] }];
    return { name: t.name, passed: false, expected: t.expect, actual: { error: output.error }, failures: english(failureMessages), failureMessages, output, span: t.span };
  }
  const actual = {
    grade: output.grade,
    matched: output.matched.map((m) => m.article),
    measures: output.measures.map((m) => m.article),
  };
  const failures: MessageRef[] = [];
  const fail = (key: MessageKey, ...args: MessageArg[]) => failures.push({ key, args });
  const e = t.expect;
  const show = (g: string | null | undefined): MessageArg => (g === null || g === undefined ? { key: "value/no-grade" } : g);
  if (e.grade !== undefined && e.grade !== actual.grade) fail("case/grade", show(e.grade), show(actual.grade));
  const compare = (what: "case/matched" | "case/measures" | "case/categories" | "case/obligations", expected: readonly string[] | undefined, got: readonly string[]) => {
    if (expected && !sameMultiset(expected, got)) fail(what, list(expected), list(got));
  };
  compare("case/matched", e.matched, actual.matched);
  compare("case/measures", e.measures, actual.measures);
  compare("case/categories", e.categories, (output.categories ?? []).map((c) => c.id));
  // Obligations of the subject and of its items, by name, due day and status.
  const obligations = [...(output.obligations ?? []), ...(output.items ?? []).flatMap((i) => i.obligations ?? [])];
  compare(
    "case/obligations",
    e.obligations?.map((o) => `${o.name} ${o.due ?? "无"} ${o.status}`),
    obligations.map((o) => `${o.obligation} ${o.due ?? "无"} ${o.status}`),
  );
  for (const s of e.scores ?? []) {
    const got = output.scores?.find((x) => x.model === s.name)?.total;
    if (got === undefined || Number(s.value) !== got) fail("case/score", s.name, s.value, got === undefined ? { key: "value/none" } : String(got));
  }
  for (const i of e.items ?? []) {
    const item = (output.items ?? []).find((x) => x.pointer === i.pointer && Object.prototype.hasOwnProperty.call(x.outputs, i.output));
    const got = item ? item.outputs[i.output] : undefined;
    if (JSON.stringify(got) !== JSON.stringify(i.value)) {
      fail("case/item", i.pointer, i.output, JSON.stringify(i.value), got === undefined ? { key: "value/no-output" } : JSON.stringify(got));
    }
  }
  return { name: t.name, passed: failures.length === 0, expected: t.expect, actual, failures: english(failures), failureMessages: failures, output, span: t.span };
}

export function runCases(grader: Grader): CaseOutcome[] {
  return grader.ir.tests.map((t) => runCase(grader, t));
}
