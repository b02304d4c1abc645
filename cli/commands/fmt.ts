// `credit-policy fmt PATH… [--check] [--stdout] [--lang zh|en]`: the canonical layout, idempotent.
// Rewrites files in place; --check only reports files that are not formatted (exit 1).
import { formatDiagnostic } from "../../diagnostics/diagnostics.js";
import type { Lang } from "../../dsl/print/expr.js";
import { defineCommand } from "../command.js";
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

export const command = defineCommand({
  name: "fmt",
  summary: "Rewrite policies in the canonical layout.",
  usage: "PATH... [--check] [--stdout] [--lang zh|en]",
  description: "Formatting is idempotent; files already in the canonical layout are left alone.",
  positionals: [{ name: "PATH", help: "a policy file, a folder of policy files, or a policy id", many: true }],
  options: {
    check: { type: "boolean", help: "only name the files that are not formatted (exit 1 if any)" },
    stdout: { type: "boolean", help: "print the formatted text instead of rewriting the files" },
    lang: { type: "string", choices: ["zh", "en"], help: "the keyword language (default: the file's own)" },
  },
  run({ values, positionals }, io) {
    const { check, stdout, lang } = values;
    return fmtCommand(positionals, { ...(check ? { check: true } : {}), ...(stdout ? { stdout: true } : {}), ...(lang ? { lang } : {}) }, io);
  },
});
