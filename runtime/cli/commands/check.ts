// `credit-policy check POLICY…`: diagnostics as FILE:LINE:COL: error|warning CODE: message.
import { formatDiagnostic, hasErrors } from "../../../dsl/diagnostics.js";
import { line, type Io } from "../io.js";
import { compileFile, resolvePolicyArg } from "../load.js";

export function checkCommand(policies: string[], io: Io): number {
  let failed = false;
  let files = 0;
  let warnings = 0;
  for (const p of policies) {
    for (const file of resolvePolicyArg(p)) {
      files++;
      const r = compileFile(file);
      for (const d of r.diagnostics) {
        line(io.stdout, formatDiagnostic(d, file));
        if (d.severity === "warning") warnings++;
      }
      if (hasErrors(r.diagnostics)) failed = true;
    }
  }
  line(io.stderr, `checked ${files} file${files === 1 ? "" : "s"}: ${failed ? "errors found" : "no errors"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return failed ? 1 : 0;
}
