// Semantic diff of two compiled policies: `diffPolicies(oldIr, newIr)` gives the report (changes
// by article, behavioural witnesses); `ImpactCounter` adds the effect on a set of records; the
// render-* modules print it as text, Markdown, JSON or a self-contained HTML page. Browser-safe:
// the editor imports this module as the CLI does.
import { makeGrader, type Grader } from "../../runtime/evaluate.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { gradeMapping } from "../../compiler/versions.js";
import { chooseAsOf } from "./as-of.js";
import { compareIr } from "./compare.js";
import { ImpactCounter } from "./impact.js";
import { DIFF_FORMAT, DIFF_FORMAT_VERSION, type DiffReport, type PolicySide, type Provenance } from "./model.js";
import { findWitnesses } from "./witnesses.js";

export interface DiffOptions {
  /** The day witnesses (and impact) are graded as of; default: chooseAsOf (as-of.ts), the reason in `asOfReason`. */
  asOf?: string;
  /** Who makes the report and when: stated in the report (`provenance`). */
  provenance?: Provenance;
  old?: { sha256?: string; source?: string };
  new?: { sha256?: string; source?: string };
  /** Search for witness records (default true). */
  witnesses?: boolean;
  /** Graders already built for the two policies. */
  graders?: { old: Grader; new: Grader };
}

function metaString(ir: IRPolicy, key: string): string | null {
  const v = ir.meta[key];
  return typeof v === "string" ? v : null;
}

function side(ir: IRPolicy, o: { sha256?: string; source?: string } | undefined): PolicySide {
  return {
    id: ir.id,
    version: metaString(ir, "version"),
    sha256: o?.sha256 ?? "",
    source: o?.source ?? "",
    effective: metaString(ir, "effective"),
    expires: metaString(ir, "expires"),
    title: metaString(ir, "title"),
    grades: [...ir.grades]
      .sort((a, b) => ir.precedence.indexOf(a.id) - ir.precedence.indexOf(b.id))
      .map((g) => ({ id: g.id, label: g.label })),
  };
}

export function defaultAsOf(oldIr: IRPolicy, newIr: IRPolicy): string {
  return chooseAsOf(oldIr, newIr).day;
}

export function diffPolicies(oldIr: IRPolicy, newIr: IRPolicy, opts: DiffOptions = {}): DiffReport {
  const gradeMap = gradeMapping(oldIr, newIr);
  const { day: asOf, reason } = chooseAsOf(oldIr, newIr, opts.asOf);
  const graders = opts.graders ?? { old: makeGrader(oldIr, opts.old?.sha256 ?? ""), new: makeGrader(newIr, opts.new?.sha256 ?? "") };
  return {
    format: DIFF_FORMAT,
    formatVersion: DIFF_FORMAT_VERSION,
    old: side(oldIr, opts.old),
    new: side(newIr, opts.new),
    gradeMap: Object.fromEntries(gradeMap),
    asOf,
    asOfReason: reason,
    ...(opts.provenance ? { provenance: opts.provenance } : {}),
    changes: compareIr(oldIr, newIr, gradeMap),
    witnesses: opts.witnesses === false ? [] : findWitnesses(oldIr, newIr, graders, gradeMap, asOf),
  };
}

/** A counter of the impact on records, for this report's day, grade map and changes. */
export function impactCounter(report: DiffReport, graders: { old: Grader; new: Grader }, source: string): ImpactCounter {
  return new ImpactCounter(graders, new Map(Object.entries(report.gradeMap)), source, report.asOf, report.changes);
}

export { ImpactCounter, ungradedWarning, type UngradedWarning } from "./impact.js";
export { chooseAsOf, type AsOfChoice, type AsOfReason } from "./as-of.js";
export { gradeMapping } from "../../compiler/versions.js";
export type { Change, ChangeKind, DecidingValue, DiffReport, Impact, MovedRecord, Outcome, PolicySide, Provenance, Witness } from "./model.js";
export { KIND_LABEL } from "./compare.js";
export { renderText } from "./render-text.js";
export { renderMarkdown } from "./render-markdown.js";
export { renderJson } from "./render-json.js";
export { renderHtml } from "./render-html.js";
