// The pinglu-fgj rules (平发改发〔2021〕121号 第八条, as its policy reads them) written by hand in
// TypeScript, the way a developer embedding them directly would: one pass over each record part,
// integer cents for money. The practical limit the compiled evaluator is measured against.

import { yearBefore } from "./engines/window.js";

export type Grade = "A" | "B" | "C" | null;

interface Penalty { kind: string; amount?: number | string }
interface Violation { penalties: Penalty[]; severe?: boolean }
interface Sanction { date: string; status: string; violations: Violation[] }
interface Dated { date: string; status?: string }
interface Honor extends Dated { grantor: string; for_integrity?: boolean; verified?: boolean }
interface Rating extends Dated { level: string }
interface Determination extends Dated { kind: string }
export interface PingluRecord {
  honors?: Honor[];
  ratings?: Rating[];
  sanctions?: Sanction[];
  commitment_breaches?: Dated[];
  determinations?: Determination[];
}

// 第九条: a violation is classed by its most severe penalty.
const RANK: Record<string, number> = {
  order_to_correct: 1, warning: 2, criticism: 3, fine: 4, confiscation: 4, suspend_license: 5, downgrade_qualification: 5,
  revoke_license: 5, restrict_operations: 5, order_suspension: 5, order_closure: 5, restrict_practice: 5, detention: 5,
};

/** A grading function for one as-of day. */
export function pingluByHand(asOf: string): (r: PingluRecord) => Grade {
  const from = yearBefore(asOf);
  const inYear = (d: string) => d > from && d <= asOf;
  const counts = (s: string | undefined) => s === undefined || s === "in_force";
  return (r) => {
    let govHonors = 0, assocHonors = 0, good = 0, low = 0, minor = 0, cases = 0, fineCents = 0, severe = 0, breaches = 0, findings = 0;
    for (const h of r.honors ?? []) {
      if (!inYear(h.date)) continue;
      if (h.grantor === "government" && h.for_integrity === true) govHonors++;
      if (h.grantor === "association" && h.verified === true) assocHonors++;
    }
    for (const x of r.ratings ?? []) {
      if (!inYear(x.date)) continue;
      if (x.level === "good") good++;
      else if (x.level === "low") low++;
    }
    for (const s of r.sanctions ?? []) {
      if (!counts(s.status) || !inYear(s.date)) continue;
      for (const v of s.violations) {
        let rank = 0;
        for (const p of v.penalties) rank = Math.max(rank, RANK[p.kind] ?? 0);
        if (v.severe === true) severe++;
        if (rank === 1 || rank === 2) minor++;
        else if (rank > 2 && v.severe !== true) {
          cases++;
          for (const p of v.penalties) if (p.kind === "fine" && p.amount !== undefined) fineCents += Math.round(Number(p.amount) * 100);
        }
      }
    }
    for (const b of r.commitment_breaches ?? []) if (counts(b.status) && inYear(b.date)) breaches++;
    for (const d of r.determinations ?? []) if (d.kind === "severe_dishonesty" && counts(d.status) && inYear(d.date)) findings++;

    if (findings >= 1 || severe >= 1 || low >= 1) return "C";
    if ((minor >= 1 && minor < 3) || (cases >= 1 && cases < 3 && fineCents <= 50_000_000) || (breaches >= 1 && breaches < 3)) return "B";
    if (govHonors >= 1 || good >= 1 || assocHonors >= 1) return "A";
    return null;
  };
}
