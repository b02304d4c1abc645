// `credit-policy coverage POLICY [--json]`: its options here; its work in ../run/coverage.ts, loaded
// on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "coverage",
  summary: "Every article of a policy's source text: what cites it, or why it is not encoded.",
  usage: "POLICY [--json]",
  description:
    "Reads the source text the policy's 来源文件 names (beside the policy file) and lists each of its articles " +
    "(条, 项, 目; a plan's parts 一、 and items （一）; the annex) with the grades, measures, notes and tests that cite it, " +
    "or the reason it is not encoded (不予编码), and any sentence neither quoted nor listed. Exit 1 when an article is " +
    "not accounted for or a quote is not verbatim.",
  positionals: [POLICY_ARG],
  options: {
    json: { type: "boolean", help: "one JSON object: the rows, the quotes that are not verbatim, citations of no article" },
  },
  async run({ values, positionals }, io) {
    const { coverageCommand } = await import("../run/coverage.js");
    return coverageCommand(positionals[0] as string, { ...(values.json ? { json: true } : {}) }, io);
  },
});
