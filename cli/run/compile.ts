// The work of `credit-policy compile` (its options: ../commands/compile.ts, which loads this module on use).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { compileTarget, type Target } from "../../compiler/backends/targets.js";
import { CodegenUnsupported } from "../../compiler/backends/js-gen.js";
import { hasErrors, formatDiagnostic } from "../../diagnostics/diagnostics.js";
import { line, write, writeFileAtomic, WriteError, type Io } from "../io.js";
import { compileFile, resolveSinglePolicy, UsageError } from "../load.js";

export interface CompileOptions {
  target: Target;
  output?: string;
  /** Module specifier the generated code imports the runtime support from (default credit-policy/support). */
  support?: string;
}

export async function compileCommand(policy: string, opts: CompileOptions, io: Io): Promise<number> {
  const file = resolveSinglePolicy(policy);
  const compiled = compileFile(file);
  if (!compiled.ir || hasErrors(compiled.diagnostics)) {
    for (const d of compiled.diagnostics) line(io.stderr, formatDiagnostic(d, file));
    return 2;
  }
  let files;
  try {
    files = await compileTarget(compiled.ir, opts.target, {
      sha256: compiled.sha256,
      source: file,
      ...(opts.support ? { supportImport: opts.support } : {}),
    });
  } catch (e) {
    if (!(e instanceof CodegenUnsupported)) throw e;
    line(io.stderr, `credit-policy: ${file}: ${e.message}`);
    return 2;
  }
  if (!opts.output) {
    await write(io.stdout, (files[0] as { text: string }).text);
    return 0;
  }
  try {
    mkdirSync(opts.output, { recursive: true });
    for (const f of files) {
      const path = join(opts.output, f.name);
      writeFileAtomic(path, f.text);
      line(io.stdout, path);
    }
  } catch (e) {
    if (e instanceof WriteError) throw e;
    throw new UsageError(`${opts.output}: ${(e as Error).message}`);
  }
  return 0;
}

