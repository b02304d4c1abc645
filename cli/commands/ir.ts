// `credit-policy ir POLICY [--json]`: the compiled IR, printed as its mathematical reading (or as
// JSON for tools).
import { formatDiagnostic, hasErrors } from "../../diagnostics/diagnostics.js";
import { printIr } from "../../compiler/print-ir.js";
import { defineCommand, POLICY_ARG } from "../command.js";
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

export const command = defineCommand({
  name: "ir",
  summary: "The compiled policy as its mathematical reading (boundary words as <, ≤, >, ≥), or its IR as JSON.",
  usage: "POLICY [--json]",
  positionals: [POLICY_ARG],
  options: {
    json: { type: "boolean", help: "the IR as JSON, for tools" },
  },
  run({ values, positionals }, io) {
    return irCommand(positionals[0] as string, { ...(values.json ? { json: true } : {}) }, io);
  },
});
