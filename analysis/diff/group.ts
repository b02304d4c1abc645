// What every renderer shows the same way: changes grouped by the 条 they are in, grade names,
// outcomes and the transition matrix's rows and columns.
import { topArticle } from "./articles.js";
import { KIND_LABEL } from "./compare.js";
import type { Change, DiffReport, Outcome } from "./model.js";

export interface ChangeGroup {
  heading: string;
  changes: Change[];
}

/** Metadata, then one group per 条 in the regulation's order, then changes that cite no article. */
export function groupChanges(changes: readonly Change[]): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const byHeading = new Map<string, ChangeGroup>();
  for (const c of changes) {
    const heading = c.kind === "metadata" ? KIND_LABEL.metadata : c.article !== null ? topArticle(c.article) : KIND_LABEL[c.kind];
    let g = byHeading.get(heading);
    if (!g) {
      byHeading.set(heading, (g = { heading, changes: [] }));
      groups.push(g);
    }
    g.changes.push(c);
  }
  return groups;
}

export function gradeName(g: string | null): string {
  return g === null ? "无等级 null" : g;
}

export function outcomeText(o: Outcome): string {
  return o.articles.length ? `${gradeName(o.grade)}（${o.articles.join("、")}）` : gradeName(o.grade);
}

/** Rows (old grades) and columns (new grades) of the transition matrix, no grade last. */
export function matrixAxes(report: DiffReport): { rows: (string | null)[]; cols: (string | null)[]; count(from: string | null, to: string | null): number } {
  const t = report.impact?.transitions ?? [];
  const axis = (ids: string[], seen: (string | null)[]) => {
    const out: (string | null)[] = [...ids];
    for (const s of seen) if (s !== null && !out.includes(s)) out.push(s);
    out.push(null);
    return out;
  };
  const rows = axis(report.old.grades.map((g) => g.id), t.map((x) => x.from));
  const cols = axis(report.new.grades.map((g) => g.id), t.map((x) => x.to));
  const cells = new Map(t.map((x) => [`${x.from}\u0000${x.to}`, x.count]));
  return { rows, cols, count: (from, to) => cells.get(`${from}\u0000${to}`) ?? 0 };
}

export function shortSha(sha: string): string {
  return sha ? sha.slice(0, 12) : "—";
}

export function periodOf(side: DiffReport["old"]): string {
  if (!side.effective && !side.expires) return "未载明 unstated";
  return `${side.effective ?? "未载明"} 起${side.expires ? `，${side.expires} 失效` : ""}`;
}
