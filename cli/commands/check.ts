// `credit-policy check POLICY… [--against PLAN]`: diagnostics as FILE:LINE:COL: error|warning CODE:
// message. With --against, also what each policy lacks against the plan's requirements. A folder's
// files are its revisions: when they all compile, they are also checked as one history (no
// overlap, no gap, one id, grade maps where grades change; compiler/versions.ts).
import { checkAgainstPlan } from "../../compiler/against.js";
import { testsOutsidePeriod } from "../../compiler/versions.js";
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../../dsl/parse.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { defineCommand, POLICY_ARG } from "../command.js";
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

export const command = defineCommand({
  name: "check",
  summary: "Parse and check policies; diagnostics as FILE:LINE:COL: error|warning CODE: message.",
  usage: "POLICY... [--against PLAN] [--analyze]",
  description:
    "A folder's files are its revisions: when they all compile, they are also checked as one history " +
    "(no overlap, no gap, one id, grade maps where grades change). Exit 1 when errors are found. " +
    "--analyze adds the solver's warnings (CP-W11xx, see `analyze`), each policy graded as of its effective day (else today); " +
    "without it check never loads the solver.",
  positionals: [{ ...POLICY_ARG, many: true }],
  options: {
    against: { type: "string", value: "PLAN", help: "also report what each policy lacks against the requirements of the city plan PLAN" },
    analyze: { type: "boolean", help: "also run the solver's analysis (unreachable grades, dead or shadowed conditions, gaps) and report its warnings" },
  },
  async run({ values, positionals }, io) {
    // The solver and the analysis modules load only when asked for: check stays fast without them.
    const analyze = values.analyze ? (await import("../solver/run-analyze.js")).analysisWarnings : undefined;
    return checkCommand(positionals, io, {
      ...(values.against ? { against: values.against } : {}),
      ...(analyze ? { analyze: async (ir: IRPolicy) => (await analyze(ir)).diagnostics } : {}),
    });
  },
});
