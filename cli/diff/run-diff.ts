// What `credit-policy diff` does (its options: commands/diff.ts): what changed between two
// policies, by article, with witnesses and, given cases, whom it moves. OLD and NEW are files,
// folders (their latest revision), policy ids, or git REV:PATH. Apart from commands/diff.ts so that
// the diff's modules load only when it runs, not on every command's start.
import { createHash } from "node:crypto";
import { compilePolicy } from "../../compiler/compile.js";
import { renderText as catalogueText } from "../../diagnostics/catalogue.js";
import { diffPolicies, impactCounter, renderHtml, renderJson, renderMarkdown, renderText, ungradedWarning, type DiffReport } from "../../analysis/diff/index.js";
import { ungradedText, word } from "../../analysis/diff/labels.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { latestRevision, type Revision } from "../../compiler/versions.js";
import { isIsoDate } from "../../record/dates.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { readGitPolicy, isGitSpec } from "../git.js";
import { useColor } from "../color.js";
import type { DiffFormat, DiffLang } from "./formats.js";
import { line, writeFileAtomic, type Io } from "../io.js";
import { checkedHistory, compileFile, revisionFiles, UsageError, type CompiledFile } from "../load.js";
import { guessId, openInput, rawItems } from "../record-stream.js";
import { reportTime, toolInfo } from "../version.js";

export interface DiffOptions {
  old: string;
  new: string;
  cases?: string;
  asOf?: string;
  format?: DiffFormat;
  output?: string;
  exitCode?: boolean;
  lang?: DiffLang;
  /** PDF pages in A4 landscape instead of portrait. */
  landscape?: boolean;
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

/** The chunks of `input`, passed on unchanged, each also fed to `hash`: the cases file's sha256 without a second read. */
async function* hashing(input: AsyncIterable<unknown>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    hash.update(bytes);
    yield bytes;
  }
}

async function addImpact(report: DiffReport, a: Side, b: Side, cases: string): Promise<void> {
  const counter = impactCounter(report, { old: makeGrader(a.ir, a.sha256), new: makeGrader(b.ir, b.sha256) }, cases);
  const input = openInput(cases);
  const hash = createHash("sha256");
  const failed = new Promise<never>((_, reject) => input.once("error", reject));
  const run = async () => {
    for await (const item of rawItems(hashing(input, hash))) {
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
  counter.sha256 = hash.digest("hex");
  report.impact = counter.done();
}

export async function diffCommand(opts: DiffOptions, io: Io): Promise<number> {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(opts.asOf)}`);
  const format = opts.format ?? "text";
  const a = loadSide(opts.old);
  const b = loadSide(opts.new);
  const report = diffPolicies(a.ir, b.ir, {
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    provenance: { tool: toolInfo(), generatedAt: reportTime() },
    old: { sha256: a.sha256, source: a.source },
    new: { sha256: b.sha256, source: b.source },
  });
  if (opts.cases !== undefined) await addImpact(report, a, b, opts.cases);
  const lang = opts.lang ?? "zh";
  if (opts.prove && format !== "text" && format !== "json") throw new UsageError("--prove reports as text or json");
  const proof = opts.prove ? await opts.prove(a, b, report.asOf) : undefined;
  const toFile = opts.output !== undefined && opts.output !== "-";
  const warning = ungradedWarning(report);
  // The text report on the terminal says it itself; any other form tells stderr too.
  if (warning && !(format === "text" && !toFile)) line(io.stderr, `credit-policy: ${word("warning", lang)}: ${ungradedText(warning, lang)}`);
  let out: string | Uint8Array;
  switch (format) {
    case "json":
      out = renderJson(report);
      break;
    case "markdown":
      out = renderMarkdown(report, { lang });
      break;
    case "html":
      out = renderHtml(report, { lang });
      break;
    case "pdf": {
      if (!toFile && (io.stdout as { isTTY?: boolean }).isTTY) throw new UsageError("--format pdf writes binary data: name a file with --output, or redirect standard output");
      const { htmlToPdf } = await import("./pdf.js");
      const footer = `${word("title", lang)} ${report.old.id} ${report.old.version ?? ""} → ${report.new.id} ${report.new.version ?? ""} · ${report.new.sha256.slice(0, 12)}`;
      out = await htmlToPdf(renderHtml(report, { lang }), { landscape: opts.landscape === true, footer });
      break;
    }
    case "text":
      out = renderText(report, { color: !toFile && useColor(io.stdout), lang });
      break;
  }
  if (proof && typeof out === "string") out = format === "json" ? `${JSON.stringify({ ...(JSON.parse(out) as object), proof: proof.json }, null, 2)}\n` : `${out}\n${proof.text}`;
  if (toFile) writeFileAtomic(opts.output as string, out);
  else io.stdout.write(out);
  return opts.exitCode && (report.changes.length > 0 || (proof !== undefined && !proof.equal)) ? 1 : 0;
}
