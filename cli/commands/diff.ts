// `credit-policy diff OLD NEW …`: its options here, its work in ../diff/run-diff.ts, loaded on use.
import { defineCommand } from "../command.js";
import { UsageError } from "../errors.js";

import { DIFF_FORMATS, DIFF_LANGS } from "../diff/formats.js";

const SIDE = "a policy file, a folder (its latest revision), a policy id, or git REV:PATH (HEAD~3:policies/pinglu-fgj)";

export const command = defineCommand({
  name: "diff",
  summary: "What changed between two policies, by article, in the regulation's terms, with witness records.",
  usage: "OLD NEW [--cases FILE] [--as-of YYYY-MM-DD] [--format text|markdown|json|html|pdf] [--lang zh|en] [--output FILE] [--exit-code] [--prove [--bound K]]",
  description:
    "With --cases, every record is graded under both policies and the report says whose grade moves, with the values " +
    "that decided it and the changes concerned. The report states how and when it was made, the inputs' sha256 and " +
    "why its as-of day was chosen; it warns when most records have no grade on that day. " +
    "With --prove, the Z3 solver proves that the two grade every record with at most K items per part alike, " +
    "or describes exactly the records whose grade changes, per pair of grades, each region with a record (text or json).",
  positionals: [
    { name: "OLD", help: SIDE },
    { name: "NEW", help: SIDE },
  ],
  options: {
    cases: { type: "string", value: "FILE", help: "records (JSON Lines or a JSON array; - reads standard input) to grade under both" },
    "as-of": {
      type: "string",
      value: "YYYY-MM-DD",
      help: "the day to grade witnesses and cases as of (default: NEW's effective date, else OLD's, else the day most of NEW's test cases use, else today)",
    },
    format: { type: "string", choices: DIFF_FORMATS, help: "the report's form (default: text; pdf prints the HTML report with headless Chromium)" },
    lang: { type: "string", choices: DIFF_LANGS, help: "the language of the report's headings and labels (default: zh)" },
    landscape: { type: "boolean", help: "with --format pdf: A4 landscape pages (default: portrait)" },
    output: { type: "string", short: "o", value: "FILE", help: "write the report to FILE instead of standard output" },
    "exit-code": { type: "boolean", help: "exit 1 when something changed (with --prove: or equality is not proved)" },
    prove: { type: "boolean", help: "prove equality within the bound, or describe every record whose grade changes (loads the solver)" },
    bound: { type: "string", value: "K", help: "with --prove: at most K items of each record part (default: the largest count compared with, plus one)" },
  },
  async run({ values, positionals }, io) {
    // Loaded on use: the diff's modules are no cost to the other commands' start.
    const { diffCommand } = await import("../diff/run-diff.js");
    if (values.bound !== undefined && !values.prove) throw new UsageError("--bound goes with --prove");
    const prove = values.prove ? (await import("../solver/run-prove.js")).proveHook(values.bound) : undefined;
    return await diffCommand(
      {
        old: positionals[0] as string,
        new: positionals[1] as string,
        ...(values.cases !== undefined ? { cases: values.cases } : {}),
        ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
        ...(values.format !== undefined ? { format: values.format } : {}),
        ...(values.output !== undefined ? { output: values.output } : {}),
        ...(values["exit-code"] ? { exitCode: true } : {}),
        ...(values.lang !== undefined ? { lang: values.lang } : {}),
        ...(values.landscape ? { landscape: true } : {}),
        ...(prove ? { prove } : {}),
      },
      io,
    );
  },
});
