// The transition matrix over example records: grade every record under both revisions of a policy
// as of one day and count how many go from each grade to each other. Records are parsed from JSON
// Lines the way the CLI reads them: one record a line, blank lines skipped.
import { isError, type Grader } from "../../../runtime/evaluate.js";
import type { TransitionMatrix } from "./types.js";

export function parseJsonLines(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // A malformed line still grades (as an error) in both revisions: it is kept, not dropped.
      out.push(line);
    }
  }
  return out;
}

function label(grader: Grader, record: unknown, asOf: string): { id: string | null; grade: string } {
  const r = grader.grade(record, asOf);
  if (isError(r)) return { id: r.id, grade: "error" };
  return { id: r.id, grade: r.grade === null ? "null" : r.grade };
}

export function transitionMatrix(before: Grader, after: Grader, records: readonly unknown[], asOf: string): TransitionMatrix {
  const counts: Record<string, Record<string, number>> = {};
  const labels = new Set<string>();
  const changed: TransitionMatrix["changed"] = [];
  for (const record of records) {
    const a = label(before, record, asOf);
    const b = label(after, record, asOf);
    labels.add(a.grade);
    labels.add(b.grade);
    const row = (counts[a.grade] ??= {});
    row[b.grade] = (row[b.grade] ?? 0) + 1;
    if (a.grade !== b.grade) changed.push({ id: a.id, before: a.grade, after: b.grade });
  }
  // Grades in the newer policy's precedence order, then those only the older one has, then null and error.
  const order = [...after.ir.precedence, ...before.ir.precedence, ...after.ir.grades.map((g) => g.id), ...before.ir.grades.map((g) => g.id)];
  const rank = (l: string) => (l === "null" ? 1e6 : l === "error" ? 1e6 + 1 : order.indexOf(l) >= 0 ? order.indexOf(l) : 1e5);
  return {
    asOf,
    labels: [...labels].sort((x, y) => rank(x) - rank(y) || x.localeCompare(y)),
    counts,
    total: records.length,
    changed,
  };
}
