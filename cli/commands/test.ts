// `credit-policy test [POLICY…] [--revision R] [--coverage]`: runs the cases written inside the policies; ends
// with the line `N passed, N failed`. A case is graded by the revision in force on its day (a
// folder may hold several revisions), so a case dated before the first revision fails with
// CP-E0705; `--revision` runs only that revision's cases, each graded by that revision.
// Its options here; its work in ../run/test.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";
import { UsageError } from "../errors.js";

export const command = defineCommand({
  name: "test",
  summary: "Run the test cases written in the policies (all of policies/ by default).",
  usage: "[POLICY...] [--revision R] [--coverage [--format text|json]]",
  description:
    "Each case is graded by the revision in force on its day. Ends with the line `N passed, N failed`; " +
    "exit 1 when a case fails, 2 when a policy does not compile. " +
    "--coverage also shows what the cases exercise (articles, grades, each condition both ways, MC/DC, boundaries) " +
    "and proposes cases for what they miss (found by the Z3 solver, graded by the evaluator).",
  positionals: [{ ...POLICY_ARG, many: true, optional: true }],
  options: {
    revision: { type: "string", value: "R", help: "run only revision R's cases (its version or file name), each graded by R" },
    coverage: { type: "boolean", help: "also report coverage and propose cases for what the cases miss (loads the solver when something is missing)" },
    format: { type: "string", choices: ["text", "json"], help: "with --coverage: the coverage report's form (json: one JSON line per revision)" },
  },
  async run({ values, positionals }, io) {
    if (values.format !== undefined && !values.coverage) throw new UsageError("--format goes with --coverage");
    const { testCommand } = await import("../run/test.js");
    const coverage = values.coverage ? (await import("../solver/run-coverage.js")).coverageHook(values.format ?? "text") : undefined;
    return await testCommand(positionals, io, { ...(values.revision !== undefined ? { revision: values.revision } : {}), ...(coverage ? { coverage } : {}) });
  },
});
