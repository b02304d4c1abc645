// `credit-policy import FILE… [--output FILE] [--rejects FILE] [--encoding utf8|gbk] [--sheet NAME]`:
// the offices' files — 行政处罚 双公示 data (2018 and 2016 templates), list feeds, 信用修复/撤销
// results — as canonical credit records, one per subject, ready for `eval --input -`.
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "import",
  summary: "Turn 双公示 penalty files, list feeds and repair results (CSV, GBK or UTF-8, .xlsx) into credit records.",
  usage: "FILE… [--output FILE] [--rejects FILE] [--encoding utf8|gbk] [--sheet NAME]… [--quiet]",
  description:
    "One JSON line per subject (grouped by 统一社会信用代码), sorted by id, valid against the credit record schema and ready for " +
    "eval, also through a pipe. Layouts are recognised by their headers (ingest/data/columns.json); coded values are read through " +
    "ingest/data/values.json. A row that cannot be read is rejected with a code and the batch goes on (exit 3): to --rejects as " +
    "JSON Lines, else to standard error. A summary on standard error at the end.",
  positionals: [{ name: "FILE", help: "a .csv (UTF-8, GBK/GB18030 or UTF-16, comma, tab or semicolon) or .xlsx file", many: true }],
  options: {
    output: { type: "string", short: "o", value: "FILE", help: "write the records to FILE (atomically) instead of standard output" },
    rejects: { type: "string", value: "FILE", help: "write rejected rows to FILE as JSON Lines (file, sheet, row, cells, code, message)" },
    encoding: { type: "string", choices: ["utf8", "gbk"], help: "the encoding of CSV files without a byte order mark (default: detected)" },
    sheet: { type: "string", value: "NAME", multiple: true, help: "read only this sheet of each workbook (repeatable; default: every sheet)" },
    quiet: { type: "boolean", short: "q", help: "no summary on standard error" },
  },
  async run({ values, positionals }, io) {
    const { importCommand } = await import("../import/run-import.js");
    return await importCommand(
      {
        files: positionals,
        ...(values.output ? { output: values.output } : {}),
        ...(values.rejects ? { rejects: values.rejects } : {}),
        ...(values.encoding ? { encoding: values.encoding } : {}),
        ...(values.sheet?.length ? { sheets: values.sheet } : {}),
        ...(values.quiet ? { quiet: true } : {}),
      },
      io,
    );
  },
});
