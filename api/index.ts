// The package's public API (`import { compile, evaluate, check, diff } from "credit-policy"`): a
// policy's text in, a checked policy, grades, problems and diff reports out, as plain data with
// types. Text in, data out: no file system, no process, so it runs in Node and in a browser bundle
// alike. The command line does the same through its own modules; this file is the one surface
// users build on, and what it exports is what the README's "Use from code" section documents.
import { compilePolicy, formOf, type SourceForm } from "../compiler/compile.js";
import type { IRPolicy } from "../compiler/ir.js";
import { diagnosticJson, type DiagnosticJson } from "../diagnostics/report.js";
import { todayInChina } from "../record/dates.js";
import { makeGrader, isError, type EvalOutput, type ErrorResult, type GradeResult, type Grader } from "../runtime/evaluate.js";
import { diffPolicies, impactCounter, renderHtml, renderJson, renderMarkdown, renderText, ungradedWarning, type DiffReport } from "../analysis/diff/index.js";

export type { IRPolicy } from "../compiler/ir.js";
export type { DiagnosticJson, Location } from "../diagnostics/report.js";
export type { EvalOutput, ErrorResult, GradeResult, JsonValue, PolicyRef } from "../runtime/evaluate.js";
export type { DiffReport, Change, ChangeKind, Impact, MovedRecord, DecidingValue, Witness, AsOfReason, UngradedWarning } from "../analysis/diff/index.js";
export type { CreditRecord } from "../record/validate.js";
export { isError, todayInChina, renderHtml, renderJson, renderMarkdown, renderText, ungradedWarning };

/** A checked policy, ready to grade records: its IR and the identity results carry. */
export interface Policy {
  readonly id: string;
  readonly version: string;
  /** sha256 of the source text (UTF-8), hex: what a result's `policy.sha256` says. */
  readonly sha256: string;
  /** Where the text came from, as given to compile (used in diagnostics and reports). */
  readonly file: string;
  /** The policy as IR data (compiler/ir.ts). */
  readonly ir: IRPolicy;
  /** Warnings the checker gave (never errors: a policy with errors does not compile). */
  readonly warnings: readonly DiagnosticJson[];
}

export interface CompileOptions {
  /** The file name the diagnostics name; also decides the form: `.yaml`/`.yml` is YAML, anything else the policy language. Default "policy.policy". */
  file?: string;
  /** Force the form instead of guessing it from `file`. */
  form?: SourceForm;
}

/** Problems found in a policy's text: errors (it does not compile) and warnings, each with its place, code and words in Chinese and English. */
export interface CheckResult {
  ok: boolean;
  errors: DiagnosticJson[];
  warnings: DiagnosticJson[];
}

/** Thrown by `compile` when the text has errors; `errors` holds them as `check` gives them. */
export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly errors: DiagnosticJson[],
  ) {
    const first = errors[0];
    super(`${file}: ${errors.length} error(s)${first ? `, first ${first.code} at ${first.location ? `${first.location.line}:${first.location.col}` : first.path ?? "?"}: ${first.message.en}` : ""}`);
    this.name = "PolicyError";
  }
}

const graders = new WeakMap<Policy, Grader>();

function run(source: string, opts: CompileOptions) {
  const file = opts.file ?? "policy.policy";
  const r = compilePolicy(source, file, opts.form ?? formOf(file));
  const all = r.diagnostics.map((d) => diagnosticJson(d, file));
  return { file, r, errors: all.filter((d) => d.severity === "error"), warnings: all.filter((d) => d.severity === "warning") };
}

/** Check a policy's text (the policy language or its YAML form) without throwing. */
export function check(source: string, opts: CompileOptions = {}): CheckResult {
  const { r, errors, warnings } = run(source, opts);
  return { ok: errors.length === 0 && r.ir !== undefined, errors, warnings };
}

/** Compile a policy's text into a checked policy; throws PolicyError when it has errors. */
export function compile(source: string, opts: CompileOptions = {}): Policy {
  const { file, r, errors, warnings } = run(source, opts);
  if (!r.ir || errors.length > 0) throw new PolicyError(file, errors);
  const grader = makeGrader(r.ir, r.sha256);
  const policy: Policy = Object.freeze({ id: grader.ref.id, version: grader.ref.version, sha256: r.sha256, file, ir: r.ir, warnings: Object.freeze(warnings) });
  graders.set(policy, grader);
  return policy;
}

function graderOf(policy: Policy): Grader {
  let g = graders.get(policy);
  if (!g) graders.set(policy, (g = makeGrader(policy.ir, policy.sha256)));
  return g;
}

/**
 * Grade one credit record under `policy` as of `asOf` (YYYY-MM-DD, a calendar day in China
 * Standard Time; default today there): the same result line `credit-policy eval` writes, or an
 * error result (`isError`) naming the JSON path and code of what is wrong with the record.
 */
export function evaluate(policy: Policy, record: unknown, asOf: string = todayInChina()): EvalOutput {
  return graderOf(policy).grade(record, asOf);
}

export interface DiffOptions {
  /** The day witnesses and records are graded on; default as `credit-policy diff` chooses it (report.asOfReason says why). */
  asOf?: string;
  /** Records to grade under both policies: the report's `impact` (transition matrix, moved records with evidence). */
  records?: Iterable<unknown>;
  /** What the records are called in the report (default "records"). */
  recordsSource?: string;
  /** Search for witness records (default true). */
  witnesses?: boolean;
}

/** What changed between two policies, by article, with witnesses and, given records, whom it moves. */
export function diff(oldPolicy: Policy, newPolicy: Policy, opts: DiffOptions = {}): DiffReport {
  const g = { old: graderOf(oldPolicy), new: graderOf(newPolicy) };
  const report = diffPolicies(oldPolicy.ir, newPolicy.ir, {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    old: { sha256: oldPolicy.sha256, source: oldPolicy.file },
    new: { sha256: newPolicy.sha256, source: newPolicy.file },
    graders: g,
    ...(opts.witnesses === false ? { witnesses: false } : {}),
  });
  if (opts.records) {
    const counter = impactCounter(report, g, opts.recordsSource ?? "records");
    let line = 0;
    for (const record of opts.records) counter.add(++line, record);
    report.impact = counter.done();
  }
  return report;
}

/** Narrow an evaluate() result to a grade. */
export function isGrade(r: EvalOutput): r is GradeResult {
  return !isError(r);
}
export type { ErrorResult as EvaluateError };
