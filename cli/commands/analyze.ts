// `credit-policy analyze POLICY …`: its options here, its work in ../solver/run-analyze.ts, loaded
// on use (with the solver) so that no other command pays for it.
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "analyze",
  summary: "Prove what a policy does: reachable grades, overlaps, dead or shadowed conditions, gaps — with witness records.",
  usage: "POLICY [--as-of YYYY-MM-DD] [--bound K] [--revision R] [--format text|json] [--output FILE] [--exit-code]",
  description:
    "Runs the Z3 solver over every credit record with at most K items of each part the policy reads, graded as of one day. " +
    "Each finding that a record exists comes with the smallest such record, graded by the evaluator before it is shown.",
  positionals: [POLICY_ARG],
  options: {
    "as-of": { type: "string", value: "YYYY-MM-DD", help: "grade as of this day, by the revision in force then (default: the latest revision's effective day, else today)" },
    bound: { type: "string", value: "K", help: "at most K items of each record part (default: the largest count the policy compares with, plus one; at least 2)" },
    revision: { type: "string", value: "R", help: "analyse revision R (its version or file name)" },
    format: { type: "string", choices: ["text", "json"], help: "the report's form (default: text)" },
    output: { type: "string", short: "o", value: "FILE", help: "write the report to FILE instead of standard output" },
    "exit-code": { type: "boolean", help: "exit 1 when the analysis has warnings" },
  },
  async run({ values, positionals }, io) {
    const { analyzeCommand } = await import("../solver/run-analyze.js");
    return analyzeCommand(
      {
        policy: positionals[0] as string,
        ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
        ...(values.bound !== undefined ? { bound: values.bound } : {}),
        ...(values.revision !== undefined ? { revision: values.revision } : {}),
        ...(values.format !== undefined ? { format: values.format } : {}),
        ...(values.output !== undefined ? { output: values.output } : {}),
        ...(values["exit-code"] ? { exitCode: true } : {}),
      },
      io,
    );
  },
});
