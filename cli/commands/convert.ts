// `credit-policy convert FILE [--output FILE] [--to dsl|yaml] [--lang zh|en]`: DSL ⇄ YAML without
// loss. The target form comes from --to, else the output's extension, else the other form.
import { convertSource } from "../../compiler/convert.js";
import { formOf, type SourceForm } from "../../compiler/compile.js";
import { formatDiagnostic } from "../../diagnostics/diagnostics.js";
import type { Lang } from "../../dsl/print/expr.js";
import { defineCommand } from "../command.js";
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

export const command = defineCommand({
  name: "convert",
  summary: "Convert a policy between the text form (.policy) and the YAML form (.policy.yaml).",
  usage: "FILE [--output FILE] [--to dsl|yaml] [--lang zh|en]",
  description: "Nothing is lost either way. The form written comes from --to, else from the --output file's extension, else it is the other form.",
  positionals: [{ name: "FILE", help: "a policy file, or a folder or policy id holding one policy" }],
  options: {
    output: { type: "string", short: "o", value: "FILE", help: "write to FILE instead of standard output" },
    to: { type: "string", choices: ["dsl", "yaml"], help: "the form to write" },
    lang: { type: "string", choices: ["zh", "en"], help: "the keyword language (default: the file's own)" },
  },
  run({ values, positionals }, io) {
    const { output, to, lang } = values;
    return convertCommand(positionals[0] as string, { ...(output ? { output } : {}), ...(to ? { to } : {}), ...(lang ? { lang } : {}) }, io);
  },
});
