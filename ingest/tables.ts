// The editable tables (data/columns.json, data/values.json) as lookups. Tables may also be given
// by a caller (an office's own copy); `loadTables` checks their shape so a typo in an edited table
// is a clear error rather than a silent miss. No Node APIs.
import columnsData from "./data/columns.json" with { type: "json" };
import valuesData from "./data/values.json" with { type: "json" };
import { clean, compact, headerKey } from "./text.js";

export type Feed = "penalties" | "lists" | "repairs";
export type PenaltyKind = string;

export interface LayoutData {
  id: string;
  feed: Feed;
  title: string;
  /** Column ids that must be present; an inner array is satisfied by any one of its columns. */
  required: (string | string[])[];
  columns: Record<string, string[]>;
}

export interface ColumnsData {
  layouts: LayoutData[];
}

export interface ValuesData {
  blank: string[];
  penalty_kinds: { text: string; kinds: PenaltyKind[] | null; note?: string }[];
  statuses: { text: string; status: "in_force" | "revoked" | "repaired" }[];
  list_kinds: { text: string; list: "red" | "black" | "watch" | "abnormal" }[];
  subject_categories: { text: string; kind: "legal_person" | "organization" | "natural_person"; note?: string }[];
  id_types: { text: string; prefix: string; check?: "gb11643" }[];
  yes_no: { text: string; value: boolean }[];
}

export interface Layout extends LayoutData {
  /** Header key → column id. */
  aliases: Map<string, string>;
}

export interface Tables {
  layouts: Layout[];
  blank: Set<string>;
  /** Penalty category texts (compact), longest first, with their kinds. */
  penaltyKinds: { key: string; text: string; kinds: PenaltyKind[] | null; note?: string }[];
  statuses: Map<string, "in_force" | "revoked" | "repaired">;
  listKinds: Map<string, "red" | "black" | "watch" | "abnormal">;
  subjectCategories: Map<string, "legal_person" | "organization" | "natural_person">;
  idTypes: Map<string, { prefix: string; check?: "gb11643" }>;
  yesNo: Map<string, boolean>;
}

const byText = <T extends { text: string }, V>(rows: T[], value: (r: T) => V): Map<string, V> => new Map(rows.map((r) => [compact(r.text), value(r)]));

export function loadTables(columns: ColumnsData = columnsData as unknown as ColumnsData, values: ValuesData = valuesData as unknown as ValuesData): Tables {
  const layouts = columns.layouts.map((l): Layout => {
    if (!["penalties", "lists", "repairs"].includes(l.feed)) throw new Error(`layout ${l.id}: feed must be penalties, lists or repairs, got ${JSON.stringify(l.feed)}`);
    const aliases = new Map<string, string>();
    for (const [id, spellings] of Object.entries(l.columns)) {
      if (!Array.isArray(spellings) || spellings.length === 0) throw new Error(`layout ${l.id}: column ${id} lists no header`);
      for (const s of spellings) {
        const key = headerKey(s);
        const other = aliases.get(key);
        if (other && other !== id) throw new Error(`layout ${l.id}: header ${s} names both ${other} and ${id}`);
        aliases.set(key, id);
      }
    }
    for (const r of l.required.flat()) if (!(r in l.columns)) throw new Error(`layout ${l.id}: required column ${r} is not among its columns`);
    return { ...l, aliases };
  });
  return {
    layouts,
    blank: new Set(values.blank.map(compact)),
    penaltyKinds: values.penalty_kinds
      .map((p) => ({ key: compact(p.text), text: p.text, kinds: p.kinds, ...(p.note ? { note: p.note } : {}) }))
      .sort((a, b) => b.key.length - a.key.length),
    statuses: byText(values.statuses, (r) => r.status),
    listKinds: byText(values.list_kinds, (r) => r.list),
    subjectCategories: byText(values.subject_categories, (r) => r.kind),
    idTypes: byText(values.id_types, (r) => ({ prefix: r.prefix, ...(r.check ? { check: r.check } : {}) })),
    yesNo: byText(values.yes_no, (r) => r.value),
  };
}

let defaults: Tables | undefined;

/** The shipped tables, loaded once. */
export function defaultTables(): Tables {
  return (defaults ??= loadTables());
}

const SEPARATORS = new Set([";", "、", ",", "/", "|", "\n", " "]);

export type KindsResult = { kinds: PenaltyKind[] } | { unknown: string } | { ambiguous: string; note: string };

/**
 * The penalty kinds of a 处罚类别 cell: categories separated by ；;、,，/ (NFKC makes the full-width
 * ones ASCII, except 、), each the longest table entry that matches there.
 */
export function penaltyKinds(tables: Tables, raw: string): KindsResult {
  // Spaces next to a separator go; a space left between two categories separates them.
  const text = clean(raw.replace(/[\r\n]+/g, ";")).replace(/ *([;、,/|]) */g, "$1");
  const kinds: PenaltyKind[] = [];
  let i = 0;
  while (i < text.length) {
    if (SEPARATORS.has(text[i] as string)) {
      i++;
      continue;
    }
    const entry = tables.penaltyKinds.find((p) => text.startsWith(p.key, i) && (i + p.key.length === text.length || SEPARATORS.has(text[i + p.key.length] as string)));
    if (!entry) {
      let j = i;
      while (j < text.length && !SEPARATORS.has(text[j] as string)) j++;
      return { unknown: text.slice(i, j) };
    }
    if (entry.kinds === null) return { ambiguous: entry.text, note: entry.note ?? "" };
    for (const k of entry.kinds) if (!kinds.includes(k)) kinds.push(k);
    i += entry.key.length;
  }
  return { kinds };
}
