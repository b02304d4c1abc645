// `credit-policy compile POLICY --target schema|types|ts|js [--output DIR]`: the policy's input
// schema, TypeScript declarations, or a standalone module. Without --output a target's main file
// goes to standard output; with it, every file of the target is written into DIR (named after the
// policy id) and their paths are printed.
// Its options here; its work in ../run/compile.ts, loaded on use (start-up loads no more than the option tables).
import { TARGETS } from "../../compiler/backends/target-names.js";
import { defineCommand, POLICY_ARG } from "../command.js";
import { UsageError } from "../errors.js";

export const command = defineCommand({
  name: "compile",
  summary: "The policy as code: its input JSON Schema, TypeScript declarations, or a standalone module.",
  usage: "POLICY --target schema|types|ts|js [--output DIR] [--support MODULE]",
  description:
    "schema: the JSON Schema of the policy's input records; types: TypeScript declarations of its input and result; " +
    "ts, js: a standalone TypeScript or JavaScript module exporting evaluate(record, asOf). " +
    "Without --output the target's main file goes to standard output.",
  positionals: [POLICY_ARG],
  options: {
    target: { type: "string", short: "t", choices: TARGETS, help: "what to generate" },
    output: { type: "string", short: "o", value: "DIR", help: "write every file of the target into DIR (named after the policy id) and print their paths" },
    support: { type: "string", value: "MODULE", help: "the module the generated code imports its runtime support from (default: credit-policy/support)" },
  },
  async run({ values, positionals }, io) {
    const { compileCommand } = await import("../run/compile.js");
    if (!values.target) throw new UsageError(`compile needs --target ${TARGETS.join("|")}`);
    return await compileCommand(
      positionals[0] as string,
      { target: values.target, ...(values.output ? { output: values.output } : {}), ...(values.support ? { support: values.support } : {}) },
      io,
    );
  },
});
