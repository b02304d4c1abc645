// What `credit-policy diff` does (its options: commands/diff.ts): what changed between two
// policies, by article, with witnesses and, given cases, whom it moves. OLD and NEW are files,
// folders (their latest revision), policy ids, or git REV:PATH. Apart from commands/diff.ts so that
// the diff's modules load only when it runs, not on every command's start.
import { compilePolicy } from "../../compiler/compile.js";
import { renderText as catalogueText } from "../../diagnostics/catalogue.js";
import { diffPolicies, ImpactCounter, renderHtml, renderJson, renderMarkdown, renderText, type DiffReport } from "../../analysis/diff/index.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { latestRevision, type Revision } from "../../compiler/versions.js";
import { isIsoDate } from "../../record/dates.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { readGitPolicy, isGitSpec } from "../git.js";
import type { DiffFormat } from "./formats.js";
import { writeFileAtomic, type Io } from "../io.js";
import { checkedHistory, compileFile, revisionFiles, UsageError, type CompiledFile } from "../load.js";
import { guessId, openInput, rawItems } from "../record-stream.js";

export interface DiffOptions {
  old: string;
  new: string;
  cases?: string;
  asOf?: string;
  format?: DiffFormat;
  output?: string;
  exitCode?: boolean;
  /** diff --prove: the solver's proof (cli/solver/run-prove.ts), shown after the report (text) or as its `proof` (json). */
  prove?: (a: Side, b: Side, asOf: string) => Promise<{ text: string; json: unknown; equal: boolean }>;
}

export interface Side {
  ir: IRPolicy;
  sha256: string;
  source: string;
}

/** One policy from OLD or NEW: a folder of revisions gives its latest. */
function loadSide(arg: string): Side {
  const compiled: CompiledFile[] = isGitSpec(arg)
    ? readGitPolicy(arg).map((s) =>
        s.text === undefined ? { file: s.label, diagnostics: s.error ? [s.error] : [], sha256: "", form: "dsl" } : { file: s.label, ...compilePolicy(s.text, s.label) },
      )
    : revisionFiles(arg).map(compileFile);
  const latest = latestRevision(checkedHistory(compiled, arg))?.revision as Revision;
  return { ir: latest.ir, sha256: latest.sha256, source: compiled.length > 1 ? `${arg} (${latest.file})` : latest.file };
}

async function addImpact(report: DiffReport, a: Side, b: Side, cases: string): Promise<void> {
  const counter = new ImpactCounter(
    { old: makeGrader(a.ir, a.sha256), new: makeGrader(b.ir, b.sha256) },
    new Map(Object.entries(report.gradeMap)),
    cases,
    report.asOf,
  );
  const input = openInput(cases);
  const failed = new Promise<never>((_, reject) => input.once("error", reject));
  const run = async () => {
    for await (const item of rawItems(input)) {
      if ("unreadable" in item) {
        counter.addUnreadable(item.line, item.id ?? null, catalogueText(item.unreadable.key, item.unreadable.args ?? [], "en"));
        continue;
      }
      if (item.notUtf8) {
        counter.addUnreadable(item.line, null, catalogueText("CP-R000/not-utf8", [String(item.line)], "en"));
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(item.text);
      } catch (e) {
        counter.addUnreadable(item.line, guessId(item.text), catalogueText("CP-R000/json", [(e as Error).message], "en"));
        continue;
      }
      counter.add(item.line, record);
    }
  };
  try {
    await Promise.race([run(), failed]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`${cases}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
  report.impact = counter.done();
}

export async function diffCommand(opts: DiffOptions, io: Io): Promise<number> {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(opts.asOf)}`);
  const format = opts.format ?? "text";
  const a = loadSide(opts.old);
  const b = loadSide(opts.new);
  const report = diffPolicies(a.ir, b.ir, {
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    old: { sha256: a.sha256, source: a.source },
    new: { sha256: b.sha256, source: b.source },
  });
  if (opts.cases !== undefined) await addImpact(report, a, b, opts.cases);
  if (opts.prove && format !== "text" && format !== "json") throw new UsageError("--prove reports as text or json");
  const proof = opts.prove ? await opts.prove(a, b, report.asOf) : undefined;
  const toFile = opts.output !== undefined && opts.output !== "-";
  const color = format === "text" && !toFile && (io.stdout as { isTTY?: boolean }).isTTY === true && !process.env["NO_COLOR"];
  let text =
    format === "json" ? renderJson(report) : format === "markdown" ? renderMarkdown(report) : format === "html" ? renderHtml(report) : renderText(report, { color });
  if (proof) text = format === "json" ? `${JSON.stringify({ ...(JSON.parse(text) as object), proof: proof.json }, null, 2)}\n` : `${text}\n${proof.text}`;
  if (toFile) writeFileAtomic(opts.output as string, text);
  else io.stdout.write(text);
  return opts.exitCode && (report.changes.length > 0 || (proof !== undefined && !proof.equal)) ? 1 : 0;
}
