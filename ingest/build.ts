// One subject's decisions, list entries and status changes → its credit record with provenance.
// No Node APIs.
import type { DecisionItem, ListItem, RepairItem, RowRef, Status, Subject, SubjectKind } from "./rows.js";

export type ImportedRecord = Record<string, unknown> & { id: string };

/** A status change attached to its decision; `seq` is its place among the status-change rows read. */
export interface Change {
  item: RepairItem;
  ref: RowRef;
  seq: number;
}

export interface StoredDecision {
  item: DecisionItem;
  refs: RowRef[];
  changes?: Change[];
}

export interface StoredList {
  item: ListItem;
  refs: RowRef[];
}

/** What a sanction's provenance says (record.schema.json $defs/ItemProvenance). */
export interface ItemProvenance {
  rows: RowRef[];
  status_rows?: RowRef[];
  valid_until?: string;
  publish_until?: string;
  extra?: Record<string, string>;
}

/** Header/value pairs as an object (a header named __proto__ is a key like any other). */
function pairsToObject(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    if (Object.prototype.hasOwnProperty.call(out, pairs[i] as string)) continue;
    Object.defineProperty(out, pairs[i] as string, { value: pairs[i + 1], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The first pairs' values win; headers only the second has are added. */
export function mergePairs(first: readonly string[] | undefined, second: readonly string[] | undefined): string[] | undefined {
  if (!second) return first ? [...first] : undefined;
  if (!first) return [...second];
  const have = new Set(first.filter((_, i) => i % 2 === 0));
  const out = [...first];
  for (let i = 0; i + 1 < second.length; i += 2) if (!have.has(second[i] as string)) out.push(second[i] as string, second[i + 1] as string);
  return out;
}

/** A subject's list rows, the same membership (list, from, until, source) read twice made one. */
export function mergeLists(lists: StoredList[]): StoredList[] {
  const byKey = new Map<string, StoredList>();
  for (const l of lists) {
    const key = [l.item.list, l.item.from, l.item.until ?? "", l.item.source ?? ""].join("\u0001");
    const had = byKey.get(key);
    if (had) {
      had.refs.push(...l.refs);
      if (l.item.extra) had.item.extra = mergePairs(had.item.extra, l.item.extra);
    } else byKey.set(key, { item: l.item, refs: [...l.refs] });
  }
  return [...byKey.values()].sort((a, b) => cmp(a.item.from, b.item.from) || cmp(a.item.list, b.item.list) || cmp(a.item.until ?? "", b.item.until ?? "") || cmp(a.item.source ?? "", b.item.source ?? ""));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The record of one subject: its decisions and lists in the order they were read. */
export function buildRecord(id: string, decisions: StoredDecision[], lists: StoredList[]): ImportedRecord {
  const subjects = [...decisions.map((d) => d.item.subject), ...lists.map((l) => l.item.subject)];
  // Name and kind: as the latest-dated row says (a subject renamed keeps its new name); the
  // other names it was written with stay in provenance.
  const dated: { date: string; s: Subject }[] = [
    ...decisions.map((d) => ({ date: d.item.date, s: d.item.subject })),
    ...lists.map((l) => ({ date: l.item.from, s: l.item.subject })),
  ];
  let latest = dated[0] as { date: string; s: Subject };
  for (const x of dated) if (x.date > latest.date || (x.date === latest.date && !latest.s.name && x.s.name)) latest = x;
  const name = latest.s.name ?? subjects.find((s) => s.name)?.name;
  const kind: SubjectKind = latest.s.kind;
  const names = [...new Set(subjects.map((s) => s.name).filter((n): n is string => !!n && n !== name))].sort();
  const codes: Record<string, string[]> = {};
  for (const s of subjects) {
    for (const [k, v] of Object.entries(s.codes)) {
      if (!v) continue;
      const list = (codes[k] ??= []);
      if (!list.includes(v)) list.push(v);
    }
  }
  for (const list of Object.values(codes)) list.sort();

  const sorted = decisions.slice().sort((a, b) => cmp(a.item.date, b.item.date) || cmp(a.item.no, b.item.no) || cmp(a.item.authority, b.item.authority));
  return {
    id,
    ...(name ? { name } : {}),
    kind,
    ...(lists.length
      ? {
          lists: lists.map((l) => ({
            list: l.item.list,
            from: l.item.from,
            ...(l.item.until ? { until: l.item.until } : {}),
            ...(l.item.source ? { source: l.item.source } : {}),
            provenance: { rows: l.refs, ...(l.item.extra ? { extra: pairsToObject(l.item.extra) } : {}) },
          })),
        }
      : {}),
    ...(sorted.length ? { sanctions: sorted.map(sanction) } : {}),
    provenance: { codes, ...(names.length ? { names } : {}) },
  };
}

function sanction(d: StoredDecision): Record<string, unknown> {
  const { item } = d;
  const changes = (d.changes ?? []).slice().sort((a, b) => cmp(a.item.date, b.item.date) || a.seq - b.seq);
  const history: { status: Status; from: string }[] = [];
  for (const c of changes) {
    const last = history[history.length - 1];
    if (last && last.from === c.item.date) continue; // the same change read twice (a conflicting one was rejected)
    history.push({ status: c.item.status, from: c.item.date });
  }
  const status: Status = history.length ? (history[history.length - 1] as { status: Status }).status : (item.status ?? "in_force");
  const provenance: ItemProvenance = {
    rows: d.refs,
    ...(changes.length ? { status_rows: changes.map((c) => c.ref) } : {}),
    ...(item.validUntil ? { valid_until: item.validUntil } : {}),
    ...(item.publishUntil ? { publish_until: item.publishUntil } : {}),
    ...(item.extra ? { extra: pairsToObject(item.extra) } : {}),
  };
  return {
    id: item.no,
    date: item.date,
    authority: item.authority,
    status,
    ...(history.length ? { status_history: history } : {}),
    violations: [
      {
        ...(item.violationType ? { type: item.violationType } : {}),
        ...(item.severe !== undefined ? { severe: item.severe } : {}),
        penalties: item.penalties.map((p) => ({ kind: p.kind, ...(p.amount ? { amount: p.amount } : {}) })),
      },
    ],
    provenance,
  };
}
