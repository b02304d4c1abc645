// `credit-policy explain POLICY --input FILE …`: its options here, its work in
// ../solver/run-explain.ts, loaded on use.
import { defineCommand, POLICY_ARG } from "../command.js";

export const command = defineCommand({
  name: "explain",
  summary: "Why each record has its grade, why not a better one, and what would change it (repairs, revocations, time).",
  usage: "POLICY --input FILE|- [--as-of YYYY-MM-DD] [--target GRADE] [--changes repair,revoke,time] [--order G1,G2,…] [--format jsonl|text] [--output FILE]",
  description:
    "For each record: the clauses that decide its grade with their values; for each better grade, the clauses that fail and the bounds they miss, " +
    "or the grade that takes precedence; the fewest records to repair (信用修复) or revoke (撤销) to reach the target grade (default: the next better one), " +
    "each change set graded by the evaluator; and the earliest day the grade changes with no new events. " +
    "Better means: a grade with incentive measures, then none (and no grade), then management, then punishment; --order overrides. Exit 3 when a record could not be graded.",
  positionals: [POLICY_ARG],
  options: {
    input: { type: "string", short: "i", value: "FILE", help: "credit records, JSON Lines or a JSON array (- reads standard input)" },
    "as-of": { type: "string", value: "YYYY-MM-DD", help: "explain the grade as of this day (default: the latest revision's effective day, else today)" },
    target: { type: "string", value: "GRADE", help: "the grade to reach (none for no grade; default: the next better grade)" },
    changes: { type: "string", value: "LIST", help: "what a subject can do, of repair, revoke, time (default: all three)" },
    order: { type: "string", value: "G1,G2,…", help: "the grades (and none) from best to worst, instead of the order the policy's measures give" },
    format: { type: "string", choices: ["jsonl", "text"], help: "one JSON line per record (default), or text" },
    output: { type: "string", short: "o", value: "FILE", help: "write to FILE instead of standard output" },
    revision: { type: "string", value: "R", help: "explain by revision R instead of the one in force on the day" },
  },
  async run({ values, positionals }, io) {
    const { UsageError } = await import("../errors.js");
    if (values.input === undefined) throw new UsageError("explain needs --input FILE (or - for standard input)");
    const { explainCommand } = await import("../solver/run-explain.js");
    return explainCommand(
      {
        policy: positionals[0] as string,
        input: values.input,
        ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
        ...(values.target !== undefined ? { target: values.target } : {}),
        ...(values.changes !== undefined ? { changes: values.changes } : {}),
        ...(values.order !== undefined ? { order: values.order } : {}),
        ...(values.format !== undefined ? { format: values.format } : {}),
        ...(values.output !== undefined ? { output: values.output } : {}),
        ...(values.revision !== undefined ? { revision: values.revision } : {}),
      },
      io,
    );
  },
});
