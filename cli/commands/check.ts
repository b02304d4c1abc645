// `credit-policy check POLICY… [--against PLAN]`: diagnostics as FILE:LINE:COL: error|warning CODE:
// message. With --against, also what each policy lacks against the plan's requirements. A folder's
// files are its revisions: when they all compile, they are also checked as one history (no
// overlap, no gap, one id, grade maps where grades change; compiler/versions.ts).
// Its options here; its work in ../run/check.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "check",
  summary: "Parse and check policies; diagnostics as FILE:LINE:COL: error|warning CODE: message.",
  usage: "POLICY... [--against PLAN]",
  description:
    "A folder's files are its revisions: when they all compile, they are also checked as one history " +
    "(no overlap, no gap, one id, grade maps where grades change). Exit 1 when errors are found.",
  positionals: [{ ...POLICY_ARG, many: true }],
  options: {
    against: { type: "string", value: "PLAN", help: "also report what each policy lacks against the requirements of the city plan PLAN" },
  },
  async run({ values, positionals }, io) {
    const { checkCommand } = await import("../run/check.js");
    return await checkCommand(positionals, io, values.against ? { against: values.against } : {});
  },
});
