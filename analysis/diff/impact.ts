// Impact over data: every record graded by both policies as of one day, counted into a transition
// matrix (how many A→B, B→null …), with the records that moved and the articles that decided them.
// Records arrive one by one, so a large file is never held whole. Browser-safe.
import { isError, type ErrorResult, type Grader } from "../../runtime/evaluate.js";
import type { Impact, Outcome } from "./model.js";

export class ImpactCounter {
  private readonly matrix = new Map<string, { from: string | null; to: string | null; count: number }>();
  private readonly result: Impact;

  constructor(
    private readonly graders: { old: Grader; new: Grader },
    private readonly gradeMap: ReadonlyMap<string, string | null>,
    source: string,
    private readonly asOf: string,
  ) {
    this.result = { source, asOf, records: 0, errors: [], transitions: [], moved: [] };
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
    const key = `${o.grade}\u0000${n.grade}`;
    const cell = this.matrix.get(key) ?? { from: o.grade, to: n.grade, count: 0 };
    cell.count++;
    this.matrix.set(key, cell);
    const mapped = o.grade === null ? null : this.gradeMap.has(o.grade) ? (this.gradeMap.get(o.grade) as string | null) : o.grade;
    if (mapped !== n.grade) {
      const deciding = (r: typeof o): Outcome => ({ grade: r.grade, articles: r.matched.filter((m) => m.grade === r.grade).map((m) => m.article) });
      this.result.moved.push({ line, id: o.id, old: deciding(o), new: deciding(n) });
    }
  }

  done(): Impact {
    const order = (g: string | null) => (g === null ? "\uffff" : g);
    this.result.transitions = [...this.matrix.values()].sort((a, b) => order(a.from).localeCompare(order(b.from)) || order(a.to).localeCompare(order(b.to)));
    return this.result;
  }
}
