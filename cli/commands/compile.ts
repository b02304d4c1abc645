// `credit-policy compile POLICY --target schema|types|ts|js [--output DIR]`: the policy's input
// schema, TypeScript declarations, or a standalone module. Without --output a target's main file
// goes to standard output; with it, every file of the target is written into DIR (named after the
// policy id) and their paths are printed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileTarget, TARGETS, type Target } from "../../compiler/backends/targets.js";
import { CodegenUnsupported } from "../../compiler/backends/js-gen.js";
import { DIALECT_IDS, type DialectId } from "../../compiler/backends/sql/dialect.js";
import { SqlUnsupported } from "../../compiler/backends/sql/literals.js";
import { diag } from "../../diagnostics/diagnostics.js";
import { hasErrors, formatDiagnostic } from "../../diagnostics/diagnostics.js";
import { defineCommand, POLICY_ARG } from "../command.js";
import { line, write, type Io } from "../io.js";
import { compileFile, resolveSinglePolicy, UsageError } from "../load.js";

export interface CompileOptions {
  target: Target;
  output?: string;
  /** Module specifier the generated code imports the runtime support from (default credit-policy/support). */
  support?: string;
  /** The SQL dialect of --target sql. */
  dialect?: DialectId;
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
      ...(opts.dialect ? { dialect: opts.dialect } : {}),
    });
  } catch (e) {
    if (e instanceof SqlUnsupported) {
      // A construct the SQL backend cannot translate exactly: an error at its place, never a silent difference.
      line(io.stderr, formatDiagnostic(diag("CP-E1001", e.span, [e.construct]), file));
      return 2;
    }
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
      writeFileSync(path, f.text);
      line(io.stdout, path);
    }
  } catch (e) {
    throw new UsageError(`${opts.output}: ${(e as Error).message}`);
  }
  return 0;
}

export const command = defineCommand({
  name: "compile",
  summary: "The policy as code: its input JSON Schema, TypeScript declarations, or a standalone module.",
  usage: "POLICY --target schema|types|ts|js|sql [--dialect duckdb|postgres] [--output DIR] [--support MODULE]",
  description:
    "schema: the JSON Schema of the policy's input records; types: TypeScript declarations of its input and result; " +
    "ts, js: a standalone TypeScript or JavaScript module exporting evaluate(record, asOf); " +
    "sql: one query grading every subject of the relational layout (credit-policy db schema) as of the day bound to $1. " +
    "Without --output the target's main file goes to standard output.",
  positionals: [POLICY_ARG],
  options: {
    target: { type: "string", short: "t", choices: TARGETS, help: "what to generate" },
    output: { type: "string", short: "o", value: "DIR", help: "write every file of the target into DIR (named after the policy id) and print their paths" },
    support: { type: "string", value: "MODULE", help: "the module the generated code imports its runtime support from (default: credit-policy/support)" },
    dialect: { type: "string", choices: DIALECT_IDS, help: "the SQL dialect of --target sql (default duckdb)" },
  },
  async run({ values, positionals }, io) {
    if (!values.target) throw new UsageError(`compile needs --target ${TARGETS.join("|")}`);
    return await compileCommand(
      positionals[0] as string,
      {
        target: values.target,
        ...(values.output ? { output: values.output } : {}),
        ...(values.support ? { support: values.support } : {}),
        ...(values.dialect ? { dialect: values.dialect } : {}),
      },
      io,
    );
  },
});
