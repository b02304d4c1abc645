// What every renderer shows the same way: changes grouped by the 条 they are in, grade names,
// outcomes and the transition matrix's rows and columns (the editor's Compare view uses the same).
import { topArticle } from "./articles.js";
import { kindName, periodText, word, type ReportLang } from "./labels.js";
import type { Change, DiffReport, Outcome } from "./model.js";

export interface ChangeGroup {
  heading: string;
  /** The changes, each with its number in the report (1-based, the order of `changes`). */
  changes: Change[];
  numbers: number[];
}

/** Metadata, then one group per 条 in the regulation's order, then changes that cite no article. */
export function groupChanges(changes: readonly Change[], lang: ReportLang = "zh"): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const byHeading = new Map<string, ChangeGroup>();
  changes.forEach((c, i) => {
    const heading = c.kind === "metadata" ? kindName("metadata", lang) : c.article !== null ? topArticle(c.article) : kindName(c.kind, lang);
    let g = byHeading.get(heading);
    if (!g) {
      byHeading.set(heading, (g = { heading, changes: [], numbers: [] }));
      groups.push(g);
    }
    g.changes.push(c);
    g.numbers.push(i + 1);
  });
  return groups;
}

export function gradeName(g: string | null, lang: ReportLang = "zh"): string {
  return g === null ? word("noGrade", lang) : g;
}

export function outcomeText(o: Outcome, lang: ReportLang = "zh"): string {
  if (!o.articles.length) return gradeName(o.grade, lang);
  return lang === "zh" ? `${gradeName(o.grade, lang)}（${o.articles.join("、")}）` : `${gradeName(o.grade, lang)} (${o.articles.join(", ")})`;
}

/**
 * Rows (old grades) and columns (new grades) of the transition matrix: each policy's grades in its
 * precedence order (strongest first), any other grade seen after them, no grade last.
 */
export function matrixAxes(report: Pick<DiffReport, "old" | "new" | "impact">): {
  rows: (string | null)[];
  cols: (string | null)[];
  count(from: string | null, to: string | null): number;
} {
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

/** Whether a record going from `from` to `to` moved, after the grade map. */
export function isMove(report: Pick<DiffReport, "gradeMap">, from: string | null, to: string | null): boolean {
  return (from === null ? null : from in report.gradeMap ? (report.gradeMap[from] ?? null) : from) !== to;
}

export function shortSha(sha: string): string {
  return sha ? sha.slice(0, 12) : "—";
}

export function periodOf(side: DiffReport["old"], lang: ReportLang = "zh"): string {
  return periodText(side.effective, side.expires, lang);
}
