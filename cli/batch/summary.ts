// The end-of-run summary of `credit-policy eval` on standard error: records graded, errors, and
// how many records got each grade.
import type { BatchStats } from "./grade-batch.js";

export class Tally {
  records = 0;
  errors = 0;
  readonly grades = new Map<string, number>();

  add(stats: BatchStats): void {
    this.records += stats.records;
    this.errors += stats.errors;
    for (const [g, n] of stats.grades) this.grades.set(g, (this.grades.get(g) ?? 0) + n);
  }
}

const n = (x: number) => x.toLocaleString("en-US");

/** e.g. `1,000 records in 0.4 s (2,500/s): 998 graded, 2 errors; C 10, B 200, A 88, no grade 700`. */
export function summaryLine(t: Tally, seconds: number, gradeOrder: readonly string[]): string {
  const graded = t.records - t.errors;
  const order = [...gradeOrder.filter((g) => t.grades.has(g)), ...[...t.grades.keys()].filter((g) => g !== "" && !gradeOrder.includes(g))];
  const counts = order.map((g) => `${g} ${n(t.grades.get(g) ?? 0)}`);
  if (t.grades.has("")) counts.push(`no grade ${n(t.grades.get("") ?? 0)}`);
  const rate = seconds > 0 ? `, ${n(Math.round(t.records / seconds))}/s` : "";
  return (
    `${n(t.records)} records in ${seconds.toFixed(1)} s${rate}: ${n(graded)} graded, ${n(t.errors)} ${t.errors === 1 ? "error" : "errors"}` +
    (counts.length ? `; ${counts.join(", ")}` : "")
  );
}
