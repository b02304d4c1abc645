// What `credit-policy explain` does (its options: commands/explain.ts): each record of the input
// explained (analysis/smt/explain.ts), one JSON line (or a text block) per record, in input order.
import { analysisOutput } from "./output.js";
import { Explainer, type Action } from "../../analysis/smt/explain.js";
import { renderExplanationText } from "../../analysis/smt/render.js";
import { renderText as catalogueText } from "../../diagnostics/catalogue.js";
import type { Io } from "../io.js";
import { UsageError } from "../load.js";
import { openInput, rawItems } from "../record-stream.js";
import { checkDay, pickRevision, solver } from "./common.js";

export interface ExplainCliOptions {
  policy: string;
  input: string;
  asOf?: string;
  target?: string;
  changes?: string;
  order?: string;
  format?: "jsonl" | "text";
  output?: string;
  revision?: string;
}

function gradeArg(s: string): string | null {
  return s === "none" || s === "null" || s === "无" ? null : s;
}

export async function explainCommand(opts: ExplainCliOptions, io: Io): Promise<number> {
  const asOf = checkDay("as-of", opts.asOf);
  const { period, asOf: day } = pickRevision(opts.policy, asOf, opts.revision);
  const ir = period.revision.ir;
  const grades = new Set<string | null>([...ir.grades.map((g) => g.id), ir.default]);
  const target = opts.target === undefined ? undefined : gradeArg(opts.target);
  if (target !== undefined && !grades.has(target)) throw new UsageError(`--target ${opts.target} is not a grade of ${ir.id} (${[...grades].map((g) => g ?? "none").join(", ")})`);
  const kinds = (opts.changes ?? "repair,revoke,time").split(",").map((s) => s.trim());
  for (const k of kinds) if (!["repair", "revoke", "time"].includes(k)) throw new UsageError(`--changes takes repair, revoke and time, got ${JSON.stringify(k)}`);
  let order: (string | null)[] | undefined;
  if (opts.order !== undefined) {
    order = opts.order.split(",").map((s) => gradeArg(s.trim()));
    const missing = [...grades].filter((g) => !order?.includes(g));
    if (missing.length || order.length !== grades.size) throw new UsageError(`--order must list each of ${[...grades].map((g) => g ?? "none").join(", ")} once`);
  }
  const explainer = new Explainer(ir, {
    asOf: day,
    ...(target !== undefined ? { target } : {}),
    actions: kinds.filter((k): k is Action => k === "repair" || k === "revoke"),
    time: kinds.includes("time"),
    ...(order ? { order } : {}),
  });
  const out = analysisOutput(opts.output, io);
  let errors = 0;
  const input = openInput(opts.input);
  const failed = new Promise<never>((_, reject) => {
    input.once("error", reject);
    // A reader that stops reading (… | head) ends the run quietly, as eval does.
    io.stdout.once("error", reject);
  });
  const run = async () => {
    for await (const item of rawItems(input)) {
      if ("unreadable" in item) {
        // Over a record limit or not readable as text: an error line, as eval writes, and the run goes on.
        errors++;
        const error = { path: "", code: item.code ?? "CP-R000", message: catalogueText(item.unreadable.key, item.unreadable.args ?? [], "en") };
        await out.write(opts.format === "text" ? `line ${item.line}: not graded: ${error.code} ${error.message}\n` : `${JSON.stringify({ id: item.id ?? null, line: item.line, error })}\n`);
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(item.text);
      } catch (e) {
        errors++;
        const error = { path: "", code: "CP-R000", message: catalogueText("CP-R000/json", [(e as Error).message], "en") };
        await out.write(opts.format === "text" ? `line ${item.line}: not graded: ${error.code} ${error.message}\n` : `${JSON.stringify({ id: null, line: item.line, error })}\n`);
        continue;
      }
      // The solver loads only for a record whose change sets are too many to grade one by one.
      const e = await explainer.explainWithSolver(record, solver);
      if (e.error) errors++;
      await out.write(opts.format === "text" ? `${renderExplanationText(e)}\n` : `${JSON.stringify(e)}\n`);
    }
  };
  try {
    await Promise.race([run(), failed]);
  } catch (e) {
    out.abort();
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EPIPE") return 0;
    if (err.code === "ENOENT" || err.code === "EISDIR") throw new UsageError(`${opts.input}: ${err.code === "ENOENT" ? "no such file" : "a folder, not a file"}`);
    throw e;
  }
  await out.close();
  return errors > 0 ? 3 : 0;
}
