// `credit-policy eval POLICY --input FILE [--as-of DAY] [--output FILE]`: one JSON line out for
// every record in, in input order; a bad record becomes an error line and the batch goes on.
import { isIsoDate, todayInChina } from "../../dates.js";
import { isError, type EvalOutput } from "../../evaluate.js";
import { close, line, openOutput, write, type Io } from "../io.js";
import { loadGraderForDay, UsageError } from "../load.js";
import { openInput, rawItems } from "../record-stream.js";

export interface EvalOptions {
  policy: string;
  input: string;
  asOf?: string;
  /** Pin a revision (its version or file name) instead of the one in force on asOf. */
  revision?: string;
  output?: string;
}

/** The id of a record we could not parse, if its text shows one: the error line can still name it. */
function guessId(text: string): string | null {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

export async function evalCommand(opts: EvalOptions, io: Io): Promise<number> {
  const asOf = opts.asOf ?? todayInChina();
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const grader = loadGraderForDay(opts.policy, asOf, opts.revision);
  const input = openInput(opts.input);
  const inputError = new Promise<never>((_, reject) => input.once("error", reject));
  const out = openOutput(opts.output, io);
  let errors = 0;
  let count = 0;
  const run = async () => {
    for await (const item of rawItems(input)) {
      count++;
      let result: EvalOutput;
      let record: unknown;
      try {
        record = JSON.parse(item.text);
        result = grader.grade(record, asOf);
      } catch (e) {
        result = {
          id: guessId(item.text),
          as_of: asOf,
          policy: grader.ref,
          error: { path: "", message: `line ${item.line}: malformed JSON: ${(e as Error).message}`, code: "CP-R000" },
        };
      }
      if (isError(result)) errors++;
      await write(out, JSON.stringify(result) + "\n");
    }
  };
  try {
    await Promise.race([run(), inputError]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`${opts.input}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  } finally {
    await close(out, io);
  }
  if (errors > 0) line(io.stderr, `${count} records, ${errors} could not be graded`);
  return errors > 0 ? 3 : 0;
}
