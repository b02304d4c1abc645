// What the solver-backed commands share: the day to analyse as of, the bound option, the policy
// revision to analyse, and loading the solver. Loaded only by those commands (their run() imports
// this module), so no other command pays for the analysis modules or the solver.
import { isIsoDate, todayInChina } from "../../record/dates.js";
import { latestRevision, type RevisionPeriod } from "../../compiler/versions.js";
import { formatDiagnostic } from "../../diagnostics/diagnostics.js";
import { loadZ3, type Z3 } from "../../analysis/smt/z3.js";
import { loadHistory, PolicyLoadError, UsageError } from "../load.js";

export function checkDay(name: string, day: string | undefined): string | undefined {
  if (day !== undefined && !isIsoDate(day)) throw new UsageError(`--${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return day;
}

export function checkBound(k: string | undefined): number | undefined {
  if (k === undefined) return undefined;
  if (!/^\d+$/.test(k) || Number(k) < 1 || Number(k) > 12) throw new UsageError(`--bound must be a whole number from 1 to 12, got ${JSON.stringify(k)}`);
  return Number(k);
}

/** The revision to analyse: the one in force on `asOf` (or pinned by --revision), else the latest; and the day. */
export function pickRevision(arg: string, asOf: string | undefined, revision?: string): { period: RevisionPeriod; asOf: string } {
  const history = loadHistory(arg, revision);
  if (asOf !== undefined) {
    const found = history.forDay(asOf);
    if ("error" in found) throw new PolicyLoadError([formatDiagnostic(found.error, arg)]);
    return { period: found.period, asOf };
  }
  const period = history.pinned ?? (latestRevision(history.set) as RevisionPeriod);
  const effective = period.revision.ir.meta["effective"];
  return { period, asOf: typeof effective === "string" && isIsoDate(effective) ? effective : todayInChina() };
}

export async function solver(): Promise<Z3> {
  return loadZ3();
}
