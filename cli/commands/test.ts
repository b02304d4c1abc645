// `credit-policy test [POLICY…] [--revision R]`: runs the cases written inside the policies; ends
// with the line `N passed, N failed`. A case is graded by the revision in force on its day (a
// folder may hold several revisions), so a case dated before the first revision fails with
// CP-E0705; `--revision` runs only that revision's cases, each graded by that revision.
// Its options here; its work in ../run/test.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "test",
  summary: "Run the test cases written in the policies (all of policies/ by default).",
  usage: "[POLICY...] [--revision R]",
  description:
    "Each case is graded by the revision in force on its day. Ends with the line `N passed, N failed`; " +
    "exit 1 when a case fails, 2 when a policy does not compile.",
  positionals: [{ ...POLICY_ARG, many: true, optional: true }],
  options: {
    revision: { type: "string", value: "R", help: "run only revision R's cases (its version or file name), each graded by R" },
  },
  async run({ values, positionals }, io) {
    const { testCommand } = await import("../run/test.js");
    return await testCommand(positionals, io, values.revision !== undefined ? { revision: values.revision } : {});
  },
});
