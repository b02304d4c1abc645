// `credit-policy eval POLICY --input FILE [--as-of DAY] [--output FILE] …`: one output line for
// every record in, in input order, streamed with memory independent of the input's size; a bad
// record becomes an error line and the batch goes on. Input: JSON Lines, a JSON array or CSV;
// output: JSON Lines or CSV. Large inputs are graded on worker threads (order kept); a progress
// line on a terminal; a summary on standard error at the end.
// Its options here; its work in ../run/eval.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand, POLICY_ARG } from "../command.js";
import { UsageError } from "../errors.js";

export const command = defineCommand({
  name: "eval",
  summary: "Grade credit records as of a day, by the revision of the policy in force that day.",
  usage:
    "POLICY (--input FILE|- | --db URL) [--as-of YYYY-MM-DD] [--revision R] [--output FILE | --into TABLE] [--format jsonl|csv] " +
    "[--input-format json|jsonl|csv|parquet] [--workers N] [--engine compiled|interpreter|duckdb] [--max-record-bytes N] [--quiet]",
  description:
    "Records are JSON Lines, a JSON array, or CSV with nested parts as JSON cells. One line out per record (JSON Lines, or CSV), " +
    "in input order, streamed with memory independent of the input's size; a record that cannot be graded becomes an error line " +
    "and the batch goes on (exit 3). A summary on standard error at the end.",
  positionals: [POLICY_ARG],
  options: {
    input: { type: "string", short: "i", value: "FILE|-", help: "the records to grade; - reads standard input" },
    "as-of": { type: "string", value: "YYYY-MM-DD", help: "the day to grade as of (default: today in China Standard Time)" },
    revision: { type: "string", value: "R", help: "grade by revision R (its version or file name) instead of the one in force on the day" },
    output: { type: "string", short: "o", value: "FILE", help: "write the results to FILE instead of standard output" },
    format: { type: "string", choices: ["jsonl", "csv"], help: "output format (default: csv for a .csv --output, else jsonl)" },
    "input-format": {
      type: "string",
      choices: ["json", "jsonl", "csv", "parquet"],
      help: "input format; jsonl: JSON Lines, whatever the first character; json: a JSON array when the input begins with [ (unless that array ends on the first line and more lines follow), else JSON Lines; parquet: a Parquet file of records, a column per key, read through DuckDB (default: csv for a .csv --input, parquet for .parquet, else json)",
    },
    "max-record-bytes": {
      type: "string",
      value: "N",
      help: "refuse a record longer than N bytes of JSON text (or CSV row) with an error line CP-R010, without holding it in memory (default 16777216, 16 MiB)",
    },
    workers: { type: "string", value: "N", help: "worker threads, at most 16 (default: one per core once the input passes a few thousand records; 0: none)" },
    engine: {
      type: "string",
      choices: ["compiled", "interpreter", "duckdb"],
      help: "compiled (default): the policy's generated module; interpreter: the in-process evaluator; duckdb: DuckDB reads the JSON Lines or Parquet file and grades it with the policy's SQL",
    },
    db: { type: "string", value: "URL", help: "grade the credit records of a database (credit-policy db load) inside it: duckdb:FILE, postgres://…, pglite:DIR" },
    into: { type: "string", value: "TABLE", help: "with --db: write the results into TABLE of the database (replaced) instead of a file" },
    quiet: { type: "boolean", short: "q", help: "no summary on standard error" },
    param: {
      type: "string",
      value: "NAME=VALUE",
      multiple: true,
      help: "grade with the policy's parameter NAME set to VALUE (e.g. 罚款公示门槛=5万元); repeatable; the results' policy reference names it",
    },
  },
  async run({ values, positionals }, io) {
    const { evalCommand, paramArgs } = await import("../run/eval.js");
    if (!values.input && !values.db) throw new UsageError("eval needs --input FILE (or - for standard input), or --db URL");
    if (values.input && values.db) throw new UsageError("eval reads --input or --db, not both (load files into a database with credit-policy db load)");
    if (values.into && !values.db) throw new UsageError("--into TABLE writes into the database of --db");
    if (values.into && values.output) throw new UsageError("--into and --output both say where the results go: give one");
    if (values.workers !== undefined && !/^\d+$/.test(values.workers)) throw new UsageError("--workers must be a whole number, 0 or more");
    const maxBytes = values["max-record-bytes"];
    if (maxBytes !== undefined && !(/^\d+$/.test(maxBytes) && Number(maxBytes) >= 1 && Number.isSafeInteger(Number(maxBytes)))) {
      throw new UsageError("--max-record-bytes must be a whole number of bytes, 1 or more");
    }
    return await evalCommand(
      {
        policy: positionals[0] as string,
        input: values.input ?? "",
        ...(values.db ? { db: values.db } : {}),
        ...(values.into ? { into: values.into } : {}),
        ...(values["as-of"] ? { asOf: values["as-of"] } : {}),
        ...(values.revision !== undefined ? { revision: values.revision } : {}),
        ...(values.output ? { output: values.output } : {}),
        ...(values.format ? { format: values.format } : {}),
        ...(values["input-format"] ? { inputFormat: values["input-format"] } : {}),
        ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
        ...(values.engine ? { engine: values.engine } : {}),
        ...(values.quiet ? { quiet: true } : {}),
        ...(values.param?.length ? { params: paramArgs(values.param) } : {}),
        ...(maxBytes !== undefined ? { maxRecordBytes: Number(maxBytes) } : {}),
      },
      io,
    );
  },
});
