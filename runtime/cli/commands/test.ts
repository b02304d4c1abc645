// `credit-policy test [POLICY…]`: runs the cases written inside the policies; ends with the line
// `N passed, N failed`.
import { formatDiagnostic, hasErrors } from "../../../dsl/diagnostics.js";
import { makeGrader } from "../../evaluate.js";
import { runCases } from "../../test-runner.js";
import { line, type Io } from "../io.js";
import { compileFile, listPolicyFolders, resolvePolicyArg } from "../load.js";

export function testCommand(policies: string[], io: Io): number {
  const files = (policies.length ? policies : listPolicyFolders().map((p) => p.dir)).flatMap((p) => resolvePolicyArg(p));
  let passed = 0;
  let failed = 0;
  let broken = 0;
  for (const file of files) {
    const r = compileFile(file);
    if (!r.ir || hasErrors(r.diagnostics)) {
      broken++;
      for (const d of r.diagnostics.filter((x) => x.severity === "error")) line(io.stdout, formatDiagnostic(d, file));
      line(io.stdout, `FAIL ${file}: the policy does not compile`);
      continue;
    }
    const grader = makeGrader(r.ir, r.sha256);
    for (const c of runCases(grader)) {
      if (c.passed) {
        passed++;
        continue;
      }
      failed++;
      line(io.stdout, `FAIL ${file}:${c.span.line}:${c.span.col} ${r.ir.id} "${c.name}": ${c.failures.join("; ")}`);
    }
  }
  line(io.stdout, `${passed} passed, ${failed + broken} failed`);
  return broken > 0 ? 2 : failed > 0 ? 1 : 0;
}
