// The work of `credit-policy convert` (its options: ../commands/convert.ts, which loads this module on use).
import { convertSource } from "../../compiler/convert.js";
import { formOf, type SourceForm } from "../../compiler/compile.js";
import { formatDiagnostic } from "../../diagnostics/diagnostics.js";
import type { Lang } from "../../dsl/print/expr.js";
import { line, writeFileAtomic, type Io } from "../io.js";
import { readSource, resolveSinglePolicy } from "../load.js";

export function convertCommand(arg: string, opts: { output?: string; to?: SourceForm; lang?: Lang }, io: Io): number {
  const file = resolveSinglePolicy(arg);
  const src = readSource(file);
  if (src.error || src.text === undefined) {
    if (src.error) line(io.stderr, formatDiagnostic(src.error, file));
    return 2;
  }
  const from = formOf(file);
  const to: SourceForm = opts.to ?? (opts.output ? formOf(opts.output) : from === "dsl" ? "yaml" : "dsl");
  const r = convertSource(src.text, file, to, opts.lang);
  if (r.text === undefined) {
    for (const d of r.diagnostics) line(io.stderr, formatDiagnostic(d, file));
    return 2;
  }
  if (opts.output && opts.output !== "-") writeFileAtomic(opts.output, r.text);
  else io.stdout.write(r.text);
  return 0;
}

