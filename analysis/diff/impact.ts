// Impact over data: every record graded by both policies as of one day, counted into a transition
// matrix (how many A→B, B→null …), with the records that moved, the articles and values that
// decided them and the changes that concern them. Records arrive one by one, so a large file is
// never held whole. Browser-safe.
import { PARTS } from "../../record/registry.js";
import { isError, type ErrorResult, type GradeResult, type Grader } from "../../runtime/evaluate.js";
import { Evidence } from "./evidence.js";
import type { Change, DiffReport, Impact, Outcome } from "./model.js";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Where events are dated: each top-level part's array and its date field (registry.ts). */
const DATED = Object.values(PARTS)
  .filter((p) => p.parent === undefined)
  .map((p) => ({ key: p.key, field: p.dateField }));

/**
 * The latest day an event of the record happened on: a part's date (a decision, a listing, an
 * honour …), a status change, the public credit evaluation. Days that are not events — an end of a
 * listing, a deadline — do not count: the data runs up to the last thing that happened.
 */
function latestDay(record: unknown, best: string | null): string | null {
  if (!record || typeof record !== "object") return best;
  const r = record as Record<string, unknown>;
  const take = (v: unknown) => {
    if (typeof v === "string" && ISO_DAY.test(v) && (best === null || v > best)) best = v;
  };
  for (const { key, field } of DATED) {
    const items = r[key];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!item || typeof item !== "object") continue;
      take((item as Record<string, unknown>)[field]);
      const history = (item as Record<string, unknown>)["status_history"];
      if (Array.isArray(history)) for (const h of history) if (h && typeof h === "object") take((h as Record<string, unknown>)["from"]);
    }
  }
  const pc = r["public_credit"];
  if (pc && typeof pc === "object") take((pc as Record<string, unknown>)["date"]);
  return best;
}

export class ImpactCounter {
  private readonly matrix = new Map<string, { from: string | null; to: string | null; count: number }>();
  private readonly result: Impact;
  private readonly evidence: Evidence;

  /** `changes`: the report's changes, to link each moved record to those that concern it. */
  constructor(
    private readonly graders: { old: Grader; new: Grader },
    private readonly gradeMap: ReadonlyMap<string, string | null>,
    source: string,
    private readonly asOf: string,
    changes: readonly Change[] = [],
  ) {
    this.result = { source, asOf, records: 0, ungraded: 0, latestDate: null, errors: [], transitions: [], moved: [] };
    this.evidence = new Evidence(graders.old.ir, graders.new.ir, changes);
  }

  /** The sha256 of the cases file, once it has been read whole. */
  set sha256(hex: string) {
    this.result.sha256 = hex;
  }

  /** A record that could not be read (malformed JSON): counted as an error. */
  addUnreadable(line: number, id: string | null, message: string): void {
    this.result.records++;
    this.result.errors.push({ line, id, code: "CP-R000", message });
  }

  add(line: number, record: unknown): void {
    this.result.records++;
    const o = this.graders.old.grade(record, this.asOf);
    const n = this.graders.new.grade(record, this.asOf);
    if (isError(o) || isError(n)) {
      const bad = isError(o) ? o : (n as ErrorResult);
      this.result.errors.push({ line, id: bad.id, code: bad.error.code, message: bad.error.message });
      return;
    }
    this.result.latestDate = latestDay(record, this.result.latestDate);
    if (o.grade === null && n.grade === null) this.result.ungraded++;
    const key = `${o.grade}\u0000${n.grade}`;
    const cell = this.matrix.get(key) ?? { from: o.grade, to: n.grade, count: 0 };
    cell.count++;
    this.matrix.set(key, cell);
    const mapped = o.grade === null ? null : this.gradeMap.has(o.grade) ? (this.gradeMap.get(o.grade) as string | null) : o.grade;
    if (mapped !== n.grade) {
      const deciding = (r: GradeResult): Outcome => ({ grade: r.grade, articles: r.matched.filter((m) => m.grade === r.grade).map((m) => m.article) });
      const why = this.evidence.of(record as Record<string, unknown>, o, n, this.asOf);
      this.result.moved.push({ line, id: o.id, name: why.name, old: deciding(o), new: deciding(n), values: why.values, changes: why.changes });
    }
  }

  done(): Impact {
    const order = (g: string | null) => (g === null ? "\uffff" : g);
    this.result.transitions = [...this.matrix.values()].sort((a, b) => order(a.from).localeCompare(order(b.from)) || order(a.to).localeCompare(order(b.to)));
    return this.result;
  }
}

/** Most graded records have no grade under either policy: the day may be one the data does not reach. */
export interface UngradedWarning {
  ungraded: number;
  graded: number;
  asOf: string;
  /** The latest day in the records, a day to try instead, when it differs from asOf. */
  latestDate: string | null;
}

export function ungradedWarning(report: Pick<DiffReport, "impact">): UngradedWarning | null {
  const impact = report.impact;
  if (!impact) return null;
  const graded = impact.records - impact.errors.length;
  if (graded === 0 || impact.ungraded * 2 <= graded) return null;
  return { ungraded: impact.ungraded, graded, asOf: impact.asOf, latestDate: impact.latestDate !== impact.asOf ? impact.latestDate : null };
}
