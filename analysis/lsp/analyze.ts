// One analysis of a policy source, the language server's unit of work: the real compiler (the same
// passes as `credit-policy check`), the policy checked against the parent plan it names (`check
// --against`), its own test cases run by the real test runner, which grades and articles they
// exercise, and from the AST the symbols and the index of names the language features read.
import { checkAgainstPlan } from "../../compiler/against.js";
import { checkAst, formOf, parseAny, sourceHash } from "../../compiler/compile.js";
import { newContext, type CompileContext } from "../../compiler/context.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { hasErrors, sortDiagnostics, type Diagnostic, type MessageRef } from "../../diagnostics/diagnostics.js";
import type { Policy } from "../../dsl/ast.js";
import { validateRecord } from "../../record/validate.js";
import { isError, makeGrader, type Grader } from "../../runtime/evaluate.js";
import { runCases, type CaseOutcome } from "../../runtime/test-runner.js";
import { indexNames, readersOf, type Occurrence } from "./names.js";
import { diagnosticView, NO_SYMBOLS, sourceLang, symbolsOf } from "./symbols.js";
import type { AnalysisSummary, CaseView, Coverage, DiagnosticView, PlanCheck, Symbols } from "./types.js";

export interface DocumentInput {
  uri: string;
  version: number;
  text: string;
  /** The file name the diagnostics and the form (.policy / .policy.yaml) go by. */
  file: string;
}

/** The parent plan to check against: its AST and where it was read from, or not found. */
export type PlanInput = { id: string; policy: Policy; source: string } | { id: string; missing: true };

export interface DocumentAnalysis extends DocumentInput {
  form: "dsl" | "yaml";
  /** Keyword language of the source. */
  lang: "zh" | "en";
  ast?: Policy;
  ir?: IRPolicy;
  /** What the checker learned (names resolved, types), when it ran. */
  ctx?: CompileContext;
  sha256: string;
  /** The compiler's diagnostics and the plan checks', as data. */
  diagnostics: DiagnosticView[];
  symbols: Symbols;
  names: Occurrence[];
  /** targetKey → the articles that read it. */
  readers: Map<string, Set<string>>;
  grader?: Grader;
  outcomes: CaseOutcome[] | null;
  cases: CaseView[] | null;
  coverage: Coverage | null;
  plan?: PlanCheck;
  timings: { compileMs: number; casesMs: number; totalMs: number };
}

const now = (): number => globalThis.performance.now();

/** The policy id a policy names as its parent plan (上级方案), if any. */
export function parentPlanOf(policy: Policy | undefined): string | undefined {
  const p = policy?.meta.parent;
  return p?.kind === "string" ? p.value : undefined;
}

function compile(text: string, file: string, form: "dsl" | "yaml"): { ast?: Policy; ir?: IRPolicy; ctx?: CompileContext; diagnostics: Diagnostic[] } {
  const parsed = parseAny(text, file, form);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) {
    return { ...(parsed.policy ? { ast: parsed.policy } : {}), diagnostics: sortDiagnostics(parsed.diagnostics) };
  }
  const ctx = newContext(parsed.policy);
  const checked = checkAst(parsed.policy, {}, ctx);
  return { ast: parsed.policy, ...(checked.ir ? { ir: checked.ir } : {}), ctx, diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]) };
}

/** A rejected case record's first error, as the catalogue message it renders from. */
function recordErrorMessage(record: unknown, message: string): MessageRef {
  const [first] = validateRecord(record);
  return first ? { key: first.key ?? first.code, args: first.args } : { key: "text", args: [message] };
}

export function caseView(o: CaseOutcome, record: unknown): CaseView {
  const base = {
    name: o.name,
    asOf: o.output.as_of ?? "",
    line: o.span.line,
    passed: o.passed,
    expected: o.expected,
    failures: o.failureMessages,
  };
  if (isError(o.output)) {
    const { path, code, message } = o.output.error;
    return { ...base, matched: [], measures: [], error: { path, code, message: recordErrorMessage(record, message) } };
  }
  return {
    ...base,
    grade: o.output.grade,
    label: o.output.label,
    matched: o.output.matched.map((m) => ({ grade: m.grade, article: m.article, ...(m.negated ? { negated: true } : {}) })),
    measures: o.output.measures.map((m) => ({ article: m.article, text: m.text })),
  };
}

/** Which grades the cases give and which clause articles decided their results. */
export function coverageOf(ir: IRPolicy, outcomes: readonly CaseOutcome[]): Coverage {
  const given = (id: string) => outcomes.filter((o) => !isError(o.output) && o.output.grade === id).map((o) => o.name);
  const decided = (grade: string, article: string) =>
    outcomes.filter((o) => !isError(o.output) && o.output.matched.some((m) => m.grade === grade && m.article === article)).map((o) => o.name);
  const articles: Coverage["articles"] = [];
  const seen = new Set<string>();
  const visit = (grade: string, c: IRPolicy["grades"][number]["condition"]): void => {
    if (c.kind === "clause") {
      const key = `${grade}\u0000${c.article}`;
      if (!seen.has(key)) {
        seen.add(key);
        articles.push({ article: c.article, grade, cases: decided(grade, c.article) });
      }
    } else if (c.kind === "not") visit(grade, c.item);
    else c.items.forEach((i) => visit(grade, i));
  };
  for (const g of ir.grades) visit(g.id, g.condition);
  for (const o of ir.overrides) if (!seen.has(`${o.id}\u0000${o.article}`)) articles.push({ article: o.article, grade: o.id, cases: decided(o.id, o.article) });
  return { grades: ir.grades.map((g) => ({ id: g.id, label: g.label, cases: given(g.id) })), articles };
}

export interface AnalyzeOptions {
  /** The parent plan a policy names, by id, if it is known (the server reads it through its host). */
  planFor?: (id: string) => PlanInput | undefined;
}

export function analyzeDocument(input: DocumentInput, opts: AnalyzeOptions = {}): DocumentAnalysis {
  const t0 = now();
  const form = formOf(input.file);
  const lang = sourceLang(input.text, form);
  const r = compile(input.text, input.file, form);
  const sha256 = sourceHash(input.text);
  const diagnostics = r.diagnostics.map(diagnosticView);
  let planCheck: PlanCheck | undefined;
  const parent = parentPlanOf(r.ast);
  const plan = parent ? opts.planFor?.(parent) : undefined;
  if (r.ast && parent && plan) {
    if ("missing" in plan) planCheck = { id: parent, found: false };
    else {
      planCheck = { id: parent, found: true, source: plan.source };
      for (const d of sortDiagnostics(checkAgainstPlan(r.ast, plan.policy))) {
        // One about the plan itself (it states no requirements) is shown at the top of this file.
        const { span, ...rest } = d;
        diagnostics.push({ ...diagnosticView(span && span.file === input.file ? d : rest), plan: true });
      }
    }
  } else if (parent) planCheck = { id: parent, found: false };
  const t1 = now();
  let grader: Grader | undefined;
  let outcomes: CaseOutcome[] | null = null;
  if (r.ir) {
    grader = makeGrader(r.ir, sha256);
    outcomes = runCases(grader);
  }
  const cases = outcomes && r.ir ? outcomes.map((o, i) => caseView(o, r.ir?.tests[i]?.record)) : null;
  const coverage = outcomes && r.ir ? coverageOf(r.ir, outcomes) : null;
  const t2 = now();
  const symbols = r.ast ? symbolsOf(r.ast, input.text, lang, r.ir) : NO_SYMBOLS;
  const names = r.ast ? indexNames(r.ast, symbols, input.text, form, r.ctx) : [];
  const t3 = now();
  return {
    ...input,
    form,
    lang,
    ...(r.ast ? { ast: r.ast } : {}),
    ...(r.ir ? { ir: r.ir } : {}),
    ...(r.ctx ? { ctx: r.ctx } : {}),
    sha256,
    diagnostics,
    symbols,
    names,
    readers: readersOf(names),
    ...(grader ? { grader } : {}),
    outcomes,
    cases,
    coverage,
    ...(planCheck ? { plan: planCheck } : {}),
    timings: { compileMs: t1 - t0, casesMs: t2 - t1, totalMs: t3 - t0 },
  };
}

/** What the editor's panels show of an analysis. */
export function summaryOf(a: DocumentAnalysis): AnalysisSummary {
  const errors = a.diagnostics.filter((d) => d.severity === "error").length;
  const days = (a.ir?.tests ?? []).map((t) => t.asOf).sort();
  return {
    uri: a.uri,
    version: a.version,
    file: a.file,
    form: a.form,
    lang: a.lang,
    ok: !!a.ir,
    parsed: !!a.ast,
    ...(a.ast ? { policyId: a.ast.id } : {}),
    errors,
    warnings: a.diagnostics.length - errors,
    grades: a.symbols.grades.map((g) => ({ id: g.id, label: g.label })),
    cases: a.cases,
    coverage: a.coverage,
    ...(a.plan ? { plan: a.plan } : {}),
    ...(days.length ? { lastCaseDay: days[days.length - 1] as string } : {}),
    timings: a.timings,
  };
}
