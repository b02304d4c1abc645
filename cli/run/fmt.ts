// The work of `credit-policy fmt` (its options: ../commands/fmt.ts, which loads this module on use).
import { formatDiagnostic } from "../../diagnostics/diagnostics.js";
import type { Lang } from "../../dsl/print/expr.js";
import { line, writeFileAtomic, type Io } from "../io.js";
import { readSource, resolvePolicyArg } from "../load.js";
import { formatAnySource } from "../../compiler/convert.js";

export function fmtCommand(paths: string[], opts: { check?: boolean; stdout?: boolean; lang?: Lang }, io: Io): number {
  let status = 0;
  for (const file of paths.flatMap((p) => resolvePolicyArg(p))) {
    const src = readSource(file);
    if (src.error || src.text === undefined) {
      if (src.error) line(io.stderr, formatDiagnostic(src.error, file));
      status = 2;
      continue;
    }
    const r = formatAnySource(src.text, file, opts.lang);
    if (r.text === undefined) {
      for (const d of r.diagnostics) line(io.stderr, formatDiagnostic(d, file));
      status = 2;
      continue;
    }
    if (opts.stdout) io.stdout.write(r.text);
    else if (r.text !== src.text) {
      if (opts.check) {
        line(io.stdout, `${file}: not formatted`);
        status = Math.max(status, 1);
      } else {
        writeFileAtomic(file, r.text);
        line(io.stdout, `${file}: formatted`);
      }
    }
  }
  return status;
}

