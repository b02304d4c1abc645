// Which layout a header row is (2018 or 2016 双公示, a list feed, a repair feed) and which column
// holds what. Headers are matched through the aliases of data/columns.json; a column no layout
// names is kept (its values go to the record's provenance), a required one that is missing is an
// error naming it. No Node APIs.
import { headerKey } from "./text.js";
import type { Layout, Tables } from "./tables.js";

/** At least this many known columns make a row a header. */
export const MIN_HEADER_COLUMNS = 3;
/** A header is looked for in this many rows from the top (title rows above it are common). */
export const HEADER_SEARCH_ROWS = 10;

export interface HeaderMatch {
  layout: Layout;
  /** Column id → index of its (first) column. */
  index: Map<string, number>;
  /** Columns the layout does not name (and repeats of a column it does), by index, with their header as written. */
  extra: { index: number; header: string }[];
  /** Required columns (or groups of which one is needed) that are missing, by their first header spelling. */
  missing: string[];
  /** The header cells as written (for the rejects file's row as read). */
  header: string[];
}

export type HeaderResult = { match: HeaderMatch } | { ambiguous: string[] } | { none: true };

/** The layout a header row names the most columns of (at least MIN_HEADER_COLUMNS). */
export function matchHeader(tables: Tables, cells: readonly string[]): HeaderResult {
  const keys = cells.map((c) => headerKey(c));
  const scored = tables.layouts
    .map((layout) => ({ layout, score: new Set(keys.map((k) => layout.aliases.get(k)).filter(Boolean)).size }))
    .filter((s) => s.score >= MIN_HEADER_COLUMNS)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return { none: true };
  const tied = scored.filter((s) => s.score === best.score);
  if (tied.length > 1) return { ambiguous: tied.map((s) => s.layout.id) };
  const { layout } = best;
  const index = new Map<string, number>();
  const extra: { index: number; header: string }[] = [];
  keys.forEach((k, i) => {
    const id = layout.aliases.get(k);
    if (id && !index.has(id)) index.set(id, i);
    else if (k !== "") extra.push({ index: i, header: (cells[i] as string).trim() });
  });
  const missing: string[] = [];
  for (const req of layout.required) {
    const group = Array.isArray(req) ? req : [req];
    if (!group.some((id) => index.has(id))) missing.push(group.map((id) => layout.columns[id]?.[0] ?? id).join(" / "));
  }
  return { match: { layout, index, extra, missing, header: cells.map(String) } };
}
