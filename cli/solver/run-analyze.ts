// What `credit-policy analyze` does (its options: commands/analyze.ts), and the solver pass of
// `check --analyze`.
import { analyzePolicy, type AnalysisReport } from "../../analysis/smt/analyze.js";
import { analysisDiagnostics, renderAnalysisText } from "../../analysis/smt/render.js";
import type { Diagnostic } from "../../diagnostics/diagnostics.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { isIsoDate, todayInChina } from "../../record/dates.js";
import { writeFileAtomic, type Io } from "../io.js";
import { checkBound, checkDay, pickRevision, solver } from "./common.js";

export interface AnalyzeOptions {
  policy: string;
  asOf?: string;
  bound?: string;
  revision?: string;
  format?: "text" | "json";
  output?: string;
  exitCode?: boolean;
}

export async function analyzeCommand(opts: AnalyzeOptions, io: Io): Promise<number> {
  const asOf = checkDay("as-of", opts.asOf);
  const k = checkBound(opts.bound);
  const { period, asOf: day } = pickRevision(opts.policy, asOf, opts.revision);
  const z3 = await solver();
  const report = await analyzePolicy(z3, period.revision.ir, { asOf: day, ...(k !== undefined ? { k } : {}) });
  const text = opts.format === "json" ? `${JSON.stringify({ ...report, source: period.revision.file }, null, 2)}\n` : renderAnalysisText(report);
  if (opts.output !== undefined && opts.output !== "-") writeFileAtomic(opts.output, text);
  else io.stdout.write(text);
  const warnings = report.findings.some((f) => f.severity === "warning");
  return opts.exitCode && warnings ? 1 : 0;
}

/** The analysis's warnings for `check --analyze`: one compiled policy, as of its effective day (else today). */
export async function analysisWarnings(ir: IRPolicy, asOf?: string, bound?: number): Promise<{ report: AnalysisReport; diagnostics: Diagnostic[] }> {
  const effective = ir.meta["effective"];
  const day = asOf ?? (typeof effective === "string" && isIsoDate(effective) ? effective : todayInChina());
  const report = await analyzePolicy(await solver(), ir, { asOf: day, ...(bound !== undefined ? { k: bound } : {}) });
  return { report, diagnostics: analysisDiagnostics(report) };
}
