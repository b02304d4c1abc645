// The work of `credit-policy ir` (its options: ../commands/ir.ts, which loads this module on use).
import { formatDiagnostic, hasErrors } from "../../diagnostics/diagnostics.js";
import { printIr } from "../../compiler/print-ir.js";
import { line, type Io } from "../io.js";
import { compileFile, resolveSinglePolicy } from "../load.js";

export function irCommand(policy: string, opts: { json?: boolean }, io: Io): number {
  const file = resolveSinglePolicy(policy);
  const r = compileFile(file);
  if (!r.ir || hasErrors(r.diagnostics)) {
    for (const d of r.diagnostics) line(io.stderr, formatDiagnostic(d, file));
    return 2;
  }
  io.stdout.write(opts.json ? JSON.stringify(r.ir) + "\n" : printIr(r.ir));
  return 0;
}

