// The work of `credit-policy check` (its options: ../commands/check.ts, which loads this module on use).
import { checkAgainstPlan } from "../../compiler/against.js";
import { testsOutsidePeriod } from "../../compiler/versions.js";
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../../dsl/parse.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { line, type Io } from "../io.js";
import { compileFile, compileRevisions, readSource, resolvePolicyArg, resolveSinglePolicy, revisionFiles } from "../load.js";

function planAst(plan: string, io: Io): ReturnType<typeof parsePolicy>["policy"] {
  const file = resolveSinglePolicy(plan);
  const src = readSource(file);
  const parsed = src.text !== undefined ? parsePolicy(src.text, file) : undefined;
  if (!parsed?.policy || hasErrors(parsed.diagnostics)) {
    for (const d of parsed?.diagnostics ?? (src.error ? [src.error] : [])) line(io.stderr, formatDiagnostic(d, file));
    return undefined;
  }
  return parsed.policy;
}

export interface CheckOptions {
  against?: string;
  /** More diagnostics for each policy that compiles cleanly: the solver's (check --analyze). */
  analyze?: (ir: IRPolicy) => Promise<Diagnostic[]>;
}

export async function checkCommand(policies: string[], io: Io, opts: CheckOptions = {}): Promise<number> {
  let failed = false;
  let files = 0;
  let warnings = 0;
  const plan = opts.against ? planAst(opts.against, io) : undefined;
  if (opts.against && !plan) return 2;
  const report = (diagnostics: Diagnostic[], fallback: string) => {
    for (const d of sortDiagnostics(diagnostics)) {
      line(io.stdout, formatDiagnostic(d, fallback));
      if (d.severity === "warning") warnings++;
    }
    if (hasErrors(diagnostics)) failed = true;
  };
  for (const p of policies) {
    // A folder's revisions compile once, for themselves and for the history check.
    const { compiled, set } = compileRevisions(revisionFiles(p));
    for (const file of resolvePolicyArg(p)) {
      files++;
      const r = compiled.find((c) => c.file === file) ?? compileFile(file);
      const diagnostics: Diagnostic[] = [...r.diagnostics];
      if (plan && r.ast) diagnostics.push(...checkAgainstPlan(r.ast, plan));
      if (opts.analyze && r.ir && !hasErrors(diagnostics)) {
        // The solver's gaps (CP-W1107, each with a confirmed record) supersede the lint's guess (CP-W0603).
        const proved = await opts.analyze(r.ir);
        diagnostics.splice(0, diagnostics.length, ...diagnostics.filter((d) => d.code !== "CP-W0603"), ...proved);
      }
      report(diagnostics, file);
    }
    if (set) report([...set.diagnostics, ...testsOutsidePeriod(set)], p);
  }
  line(io.stderr, `checked ${files} file${files === 1 ? "" : "s"}${plan ? ` against ${plan.id}` : ""}: ${failed ? "errors found" : "no errors"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return failed ? 1 : 0;
}

