// `credit-policy check POLICY… [--against PLAN] [--analyze]`: diagnostics as FILE:LINE:COL:
// error|warning CODE: message. With --against, also what each policy lacks against the plan's
// requirements; with --analyze, the solver's warnings. A folder's files are its revisions: when they
// all compile, they are also checked as one history (no overlap, no gap, one id, grade maps where
// grades change; compiler/versions.ts).
// Its options here; its work in ../run/check.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "check",
  summary: "Parse and check policies; diagnostics as FILE:LINE:COL: error|warning CODE: message.",
  usage: "POLICY... [--against PLAN] [--analyze]",
  description:
    "A folder's files are its revisions: when they all compile, they are also checked as one history " +
    "(no overlap, no gap, one id, grade maps where grades change). Exit 1 when errors are found. " +
    "--analyze adds the solver's warnings (CP-W11xx, see `analyze`), each policy graded as of its effective day (else today); " +
    "without it check never loads the solver.",
  positionals: [{ ...POLICY_ARG, many: true }],
  options: {
    against: { type: "string", value: "PLAN", help: "also report what each policy lacks against the requirements of the city plan PLAN" },
    analyze: { type: "boolean", help: "also run the solver's analysis (unreachable grades, dead or shadowed conditions, gaps) and report its warnings" },
  },
  async run({ values, positionals }, io) {
    const { checkCommand } = await import("../run/check.js");
    // The solver and the analysis modules load only when asked for: check stays fast without them.
    const analyze = values.analyze ? (await import("../solver/run-analyze.js")).analysisWarnings : undefined;
    return await checkCommand(positionals, io, {
      ...(values.against ? { against: values.against } : {}),
      ...(analyze ? { analyze: async (ir) => (await analyze(ir)).diagnostics } : {}),
    });
  },
});
