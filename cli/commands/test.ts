// `credit-policy test [POLICY…] [--revision R]`: runs the cases written inside the policies; ends
// with the line `N passed, N failed`. A case is graded by the revision in force on its day (a
// folder may hold several revisions), so a case dated before the first revision fails with
// CP-E0705; `--revision` runs only that revision's cases, each graded by that revision.
import { bilingualMessage } from "../../diagnostics/diagnostics.js";
import { revisionName } from "../../compiler/versions.js";
import { runCase } from "../../runtime/test-runner.js";
import { defineCommand, POLICY_ARG } from "../command.js";
import { line, type Io } from "../io.js";
import { listPolicyFolders, loadHistory, PolicyLoadError, UsageError, type PolicyHistory } from "../load.js";
import type { IRPolicy } from "../../compiler/ir.js";

export interface TestOptions {
  revision?: string;
  /** test --coverage: each revision's coverage by its own cases (cli/solver/run-coverage.ts), printed before the summary line. */
  coverage?: (ir: IRPolicy, file: string) => Promise<string>;
}

export async function testCommand(policies: string[], io: Io, opts: TestOptions = {}): Promise<number> {
  const args = policies.length ? policies : listPolicyFolders().map((p) => p.dir);
  let passed = 0;
  let failed = 0;
  let broken = 0;
  for (const arg of args) {
    let history: PolicyHistory;
    try {
      history = loadHistory(arg, opts.revision);
    } catch (e) {
      if (!(e instanceof PolicyLoadError)) throw e;
      broken++;
      for (const l of e.lines) line(io.stdout, l);
      line(io.stdout, `FAIL ${arg}: the policy does not compile`);
      continue;
    }
    for (const own of history.pinned ? [history.pinned] : history.set.periods) {
      const { file, ir } = own.revision;
      for (const t of ir.tests) {
        const where = `${file}:${t.span.line}:${t.span.col} ${ir.id} "${t.name}"`;
        const found = history.forDay(t.asOf);
        if ("error" in found) {
          failed++;
          line(io.stdout, `FAIL ${where}: ${found.error.code} ${bilingualMessage(found.error)}`);
          continue;
        }
        const c = runCase(found.grader, t);
        if (c.passed) {
          passed++;
          continue;
        }
        failed++;
        const by = found.period === own ? "" : ` (graded by revision ${revisionName(found.period.revision)}, in force on ${t.asOf})`;
        line(io.stdout, `FAIL ${where}${by}: ${c.failures.join("; ")}`);
      }
      if (opts.coverage) io.stdout.write(await opts.coverage(ir, file));
    }
  }
  line(io.stdout, `${passed} passed, ${failed + broken} failed`);
  return broken > 0 ? 2 : failed > 0 ? 1 : 0;
}

export const command = defineCommand({
  name: "test",
  summary: "Run the test cases written in the policies (all of policies/ by default).",
  usage: "[POLICY...] [--revision R] [--coverage [--format text|json]]",
  description:
    "Each case is graded by the revision in force on its day. Ends with the line `N passed, N failed`; " +
    "exit 1 when a case fails, 2 when a policy does not compile. " +
    "--coverage also shows what the cases exercise (articles, grades, each condition both ways, MC/DC, boundaries) " +
    "and proposes cases for what they miss (found by the Z3 solver, graded by the evaluator).",
  positionals: [{ ...POLICY_ARG, many: true, optional: true }],
  options: {
    revision: { type: "string", value: "R", help: "run only revision R's cases (its version or file name), each graded by R" },
    coverage: { type: "boolean", help: "also report coverage and propose cases for what the cases miss (loads the solver when something is missing)" },
    format: { type: "string", choices: ["text", "json"], help: "with --coverage: the coverage report's form (json: one JSON line per revision)" },
  },
  async run({ values, positionals }, io) {
    if (values.format !== undefined && !values.coverage) throw new UsageError("--format goes with --coverage");
    const coverage = values.coverage ? (await import("../solver/run-coverage.js")).coverageHook(values.format ?? "text") : undefined;
    return testCommand(positionals, io, { ...(values.revision !== undefined ? { revision: values.revision } : {}), ...(coverage ? { coverage } : {}) });
  },
});
