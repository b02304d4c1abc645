// The day a diff grades witnesses and cases on when none is given: one rule for the command line
// and the editor's Compare view, and the reason it was chosen, which the report states.
import type { IRPolicy } from "../../compiler/ir.js";
import { todayInChina } from "../../record/dates.js";

/**
 * Why the report grades on its day: `given` (--as-of, or the day typed in the editor); the new
 * revision's effective day (the day the change takes effect); else the old one's; else the day most
 * of the new policy's own test cases are graded on (the day its authors checked it against); else
 * today in China Standard Time.
 */
export type AsOfReason = "given" | "new-effective" | "old-effective" | "policy-cases" | "today";

export interface AsOfChoice {
  day: string;
  reason: AsOfReason;
}

function effective(ir: IRPolicy): string | null {
  const v = ir.meta["effective"];
  return typeof v === "string" ? v : null;
}

/** The day most test cases are graded on; ties go to the later day. */
function casesDay(ir: IRPolicy): string | null {
  const counts = new Map<string, number>();
  for (const t of ir.tests) counts.set(t.asOf, (counts.get(t.asOf) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] > best[0])) best = entry;
  return best ? best[0] : null;
}

export function chooseAsOf(oldIr: IRPolicy, newIr: IRPolicy, given?: string, today: () => string = todayInChina): AsOfChoice {
  if (given) return { day: given, reason: "given" };
  const n = effective(newIr);
  if (n) return { day: n, reason: "new-effective" };
  const o = effective(oldIr);
  if (o) return { day: o, reason: "old-effective" };
  const c = casesDay(newIr) ?? casesDay(oldIr);
  if (c) return { day: c, reason: "policy-cases" };
  return { day: today(), reason: "today" };
}
