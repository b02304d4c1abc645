// The work of `credit-policy test` (its options: ../commands/test.ts, which loads this module on use).
import { bilingualMessage } from "../../diagnostics/diagnostics.js";
import { revisionName } from "../../compiler/versions.js";
import { runCase } from "../../runtime/test-runner.js";
import { line, type Io } from "../io.js";
import { listPolicyFolders, loadHistory, PolicyLoadError, type PolicyHistory } from "../load.js";
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

