// Rows in, records out. Decisions are merged by 决定书文号 + 处罚机关 (two copies that agree become
// one sanction with both rows in its provenance; a copy that disagrees is rejected, naming the
// first and the fields that differ); subjects are grouped by 统一社会信用代码, a row that only has
// another code joins the subject that code is seen with; list rows become list memberships, and
// status changes (信用修复, 撤销) become dated status_history entries of their decision. Every row
// read is either in a record's provenance or rejected: rows read = accepted + rejected. No Node APIs.
import type { DiagnosticCode, MessageKey } from "../diagnostics/catalogue.js";
import { orgCodeOfUscc } from "./codes.js";
import { own } from "./text.js";
import type { DecisionItem, ListItem, RepairItem, RowError, RowResult, Status, Subject, SubjectKind } from "./rows.js";

export interface RowRef {
  file: string;
  /** The sheet of a workbook; absent for CSV. */
  sheet?: string;
  /** The row number as a spreadsheet shows it (the header row counts; CSV: the record's number). */
  row: number;
}

export interface Reject extends RowRef {
  /** The row as read: each cell under its header as written (null when the row could not be split into cells). */
  cells: Record<string, string> | null;
  code: DiagnosticCode;
  key?: MessageKey;
  args: string[];
  column?: string;
  /** Every problem found in the row; the first is `code`. */
  errors: RowError[];
}

export interface Counts {
  /** Data rows read (blank rows and rows above the header are not data). */
  read: number;
  accepted: number;
  rejected: number;
}

interface StoredDecision {
  item: DecisionItem;
  refs: RowRef[];
  changes?: { item: RepairItem; ref: RowRef; cells: Record<string, string> | null; seq: number }[];
}

interface StoredList {
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

function ownCells(cells: Record<string, string> | null): Record<string, string> | null {
  if (!cells) return null;
  for (const k of Object.keys(cells)) cells[k] = own(cells[k] as string);
  return cells;
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
function mergePairs(first: readonly string[] | undefined, second: readonly string[] | undefined): string[] | undefined {
  if (!second) return first ? [...first] : undefined;
  if (!first) return [...second];
  const have = new Set(first.filter((_, i) => i % 2 === 0));
  const out = [...first];
  for (let i = 0; i + 1 < second.length; i += 2) if (!have.has(second[i] as string)) out.push(second[i] as string, second[i + 1] as string);
  return out;
}

export type ImportedRecord = Record<string, unknown> & { id: string };

export function refText(ref: RowRef): string {
  return `${ref.file}${ref.sheet !== undefined ? `[${ref.sheet}]` : ""}:${ref.row}`;
}

export function reject(ref: RowRef, cells: Record<string, string> | null, errors: RowError[]): Reject {
  const first = errors[0] as RowError;
  return {
    ...ref,
    cells,
    code: first.code,
    ...(first.key ? { key: first.key } : {}),
    args: first.args,
    ...(first.column ? { column: first.column } : {}),
    errors,
  };
}

const FIELDS_COMPARED = ["date", "status", "penalties", "violationType", "severe", "validUntil", "publishUntil"] as const;
const FALLBACK_ORDER = ["regno", "orgcode", "taxno", "pubinst", "socorg"] as const;

export class Collector {
  readonly counts: Counts = { read: 0, accepted: 0, rejected: 0 };
  private readonly decisions: StoredDecision[] = [];
  private readonly byDecision = new Map<string, number>();
  private readonly lists: StoredList[] = [];
  private readonly changes: { item: RepairItem; ref: RowRef; cells: Record<string, string> | null }[] = [];
  /** One Subject object per distinct subject as rows write it (most subjects have several rows). */
  private readonly subjects = new Map<string, Subject>();
  /** Interned strings (dates, authorities, file names): a million rows share a few thousand. */
  private readonly strings = new Map<string, string>();

  private subjectOf(s: Subject): Subject {
    const c = s.codes;
    const sig = `${s.key}\u0001${s.name ?? ""}\u0001${s.kind}\u0001${c.uscc ?? ""}\u0001${c.regno ?? ""}\u0001${c.orgcode ?? ""}\u0001${c.taxno ?? ""}\u0001${c.pubinst ?? ""}\u0001${c.socorg ?? ""}\u0001${c.person ?? ""}`;
    const had = this.subjects.get(sig);
    if (had) return had;
    const codes: Subject["codes"] = {};
    for (const [k, v] of Object.entries(c) as [keyof Subject["codes"], string][]) codes[k] = own(v);
    const kept: Subject = { key: own(s.key), codes, ...(s.name !== undefined ? { name: own(s.name) } : {}), kind: s.kind };
    // The signature is a concatenation of the row's cells: kept as a Map key it would keep them,
    // and through them the file's chunks, alive.
    this.subjects.set(own(sig), kept);
    return kept;
  }

  private intern(s: string): string {
    const had = this.strings.get(s);
    if (had !== undefined) return had;
    const kept = own(s);
    this.strings.set(kept, kept);
    return kept;
  }

  /** One data row's result; returns the reject to write now, if the row is rejected. */
  add(result: RowResult, ref: RowRef, cells: () => Record<string, string> | null): Reject | undefined {
    this.counts.read++;
    ref = { file: this.intern(ref.file), ...(ref.sheet !== undefined ? { sheet: this.intern(ref.sheet) } : {}), row: ref.row };
    switch (result.type) {
      case "reject":
        return this.rejected(reject(ref, cells(), result.errors));
      case "decision":
        return this.addDecision(result, ref, cells);
      case "list":
        result.subject = this.subjectOf(result.subject);
        if (result.extra) result.extra = result.extra.map(own);
        result.from = this.intern(result.from);
        if (result.until) result.until = this.intern(result.until);
        if (result.source) result.source = this.intern(result.source);
        this.lists.push({ item: result, refs: [ref] });
        this.counts.accepted++;
        return undefined;
      case "repair":
        // Accepted or rejected once every decision is known (finish).
        this.changes.push({ item: { ...result, no: own(result.no), ...(result.authority ? { authority: own(result.authority) } : {}) }, ref, cells: ownCells(cells()) });
        return undefined;
    }
  }

  /** Rows that could not be read at all (a broken CSV tail, a table with no header): rejected as they are. */
  addUnreadable(ref: RowRef, cells: Record<string, string> | null, error: RowError): Reject {
    this.counts.read++;
    return this.rejected(reject(ref, cells, [error]));
  }

  private rejected(r: Reject): Reject {
    this.counts.rejected++;
    return r;
  }

  private addDecision(item: DecisionItem, ref: RowRef, cells: () => Record<string, string> | null): Reject | undefined {
    item.subject = this.subjectOf(item.subject);
    item.no = own(item.no);
    if (item.extra) item.extra = item.extra.map(own);
    item.date = this.intern(item.date);
    item.authority = this.intern(item.authority);
    if (item.violationType) item.violationType = this.intern(item.violationType);
    if (item.validUntil) item.validUntil = this.intern(item.validUntil);
    if (item.publishUntil) item.publishUntil = this.intern(item.publishUntil);
    const key = `${item.no}\u0001${item.authority}`;
    const at = this.byDecision.get(key);
    if (at === undefined) {
      this.byDecision.set(key, this.decisions.length);
      this.decisions.push({ item, refs: [ref] });
      this.counts.accepted++;
      return undefined;
    }
    const kept = this.decisions[at] as StoredDecision;
    const differ = differences(kept.item, item);
    if (differ.length) {
      return this.rejected(reject(ref, cells(), [{ code: "CP-E0907", args: [item.no, item.authority, refText(kept.refs[0] as RowRef), differ.join(", ")] }]));
    }
    mergeInto(kept.item, item);
    kept.item.subject = this.subjectOf(kept.item.subject);
    kept.refs.push(ref);
    this.counts.accepted++;
    return undefined;
  }

  /**
   * The rows rejected only now (status changes that fit no decision), the number of subjects, and
   * the records sorted by id, built one at a time as they are written.
   */
  finish(): { rejects: Reject[]; subjects: number; records: () => Generator<ImportedRecord> } {
    const rejects: Reject[] = [];
    this.attachChanges(rejects);
    this.counts.rejected += rejects.length;
    const ids = new SubjectIds();
    for (const subject of this.subjects.values()) ids.see(subject);
    const idOf = new Map<Subject, string>();
    for (const subject of this.subjects.values()) idOf.set(subject, ids.idOf(subject));
    this.subjects.clear();

    const groups = new Map<string, { decisions: StoredDecision[]; lists: StoredList[] }>();
    const group = (s: Subject) => {
      const id = idOf.get(s) ?? ids.idOf(s);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { decisions: [], lists: [] }));
      return g;
    };
    for (const d of this.decisions) group(d.item.subject).decisions.push(d);
    for (const l of this.lists) group(l.item.subject).lists.push(l);
    this.decisions.length = 0;
    this.lists.length = 0;
    this.byDecision.clear();

    const order = [...groups.keys()].sort();
    return {
      rejects,
      subjects: order.length,
      records: function* () {
        for (const id of order) {
          const g = groups.get(id) as { decisions: StoredDecision[]; lists: StoredList[] };
          groups.delete(id);
          yield buildRecord(id, g.decisions, mergeLists(g.lists));
        }
      },
    };
  }

  /** Status changes onto their decisions by 决定书文号 (and 处罚机关 when the change names it). */
  private attachChanges(rejects: Reject[]): void {
    if (this.changes.length === 0) return;
    const byNo = new Map<string, number[]>();
    this.decisions.forEach((d, i) => {
      const list = byNo.get(d.item.no);
      if (list) list.push(i);
      else byNo.set(d.item.no, [i]);
    });
    const fail = (c: (typeof this.changes)[number], error: RowError) => rejects.push(reject(c.ref, c.cells, [error]));
    this.changes.forEach((c, seq) => {
      const candidates = (byNo.get(c.item.no) ?? []).map((i) => this.decisions[i] as StoredDecision).filter((d) => !c.item.authority || d.item.authority === c.item.authority);
      if (candidates.length === 0) return fail(c, { code: "CP-E0909", args: [c.item.no] });
      if (candidates.length > 1) return fail(c, { code: "CP-E0909", key: "CP-E0909/ambiguous", args: [c.item.no, candidates.map((d) => d.item.authority).join("、")] });
      const d = candidates[0] as StoredDecision;
      const uscc = d.item.subject.codes.uscc;
      if (c.item.uscc && uscc && c.item.uscc !== uscc) return fail(c, { code: "CP-E0910", key: "CP-E0910/subject", args: [d.item.no, c.item.uscc, uscc] });
      if (c.item.date < d.item.date) return fail(c, { code: "CP-E0910", key: "CP-E0910/before", args: [d.item.no, c.item.date, d.item.date] });
      if (d.item.status && d.item.status !== "in_force") return fail(c, { code: "CP-E0910", key: "CP-E0910/undated", args: [d.item.no, d.item.status] });
      const same = d.changes?.find((x) => x.item.date === c.item.date);
      if (same && same.item.status !== c.item.status) return fail(c, { code: "CP-E0910", args: [d.item.no, c.item.date, refText(same.ref)] });
      (d.changes ??= []).push({ ...c, seq });
      this.counts.accepted++;
    });
  }
}

/** Fields two copies of one decision both state and state differently. */
function differences(a: DecisionItem, b: DecisionItem): string[] {
  const out: string[] = [];
  if (!sameSubject(a.subject, b.subject)) out.push("subject");
  for (const f of FIELDS_COMPARED) {
    const x = a[f];
    const y = b[f];
    if (x === undefined || y === undefined) continue;
    if (f === "penalties" ? penaltiesKey(a.penalties) !== penaltiesKey(b.penalties) : x !== y) out.push(f);
  }
  return out;
}

function penaltiesKey(ps: DecisionItem["penalties"]): string {
  return ps
    .map((p) => `${p.kind}=${p.amount ?? ""}`)
    .sort()
    .join(";");
}

/** The same subject: the same 统一社会信用代码, or (without one on either side) some code in common. */
function sameSubject(a: Subject, b: Subject): boolean {
  if (a.codes.uscc && b.codes.uscc) return a.codes.uscc === b.codes.uscc;
  return (Object.keys(a.codes) as (keyof Subject["codes"])[]).some((k) => a.codes[k] !== undefined && a.codes[k] === b.codes[k]);
}

/** A copy that agrees fills what the kept one leaves unstated. */
function mergeInto(kept: DecisionItem, copy: DecisionItem): void {
  for (const f of ["status", "violationType", "severe", "validUntil", "publishUntil"] as const) {
    if (kept[f] === undefined && copy[f] !== undefined) (kept as unknown as Record<string, unknown>)[f] = copy[f];
  }
  kept.subject = { ...kept.subject, codes: { ...copy.subject.codes, ...kept.subject.codes }, ...(kept.subject.name ? {} : copy.subject.name ? { name: copy.subject.name } : {}) };
  if (copy.extra) kept.extra = mergePairs(kept.extra, copy.extra);
}

/**
 * Record ids: a subject's 统一社会信用代码; a subject known only by other codes joins the subject
 * whose 统一社会信用代码 one of them is seen with (in a row giving both), trying its codes in the
 * order regno, orgcode, taxno, pubinst, socorg, or else is keyed by its first code (`regno:…`).
 * The 组织机构代码 inside a 统一社会信用代码 counts as seen with it. A code seen with two different
 * 统一社会信用代码 joins neither. A person's 证件号码 keys that person alone.
 */
class SubjectIds {
  /** `regno:…` → the 统一社会信用代码 it was seen with; null when seen with more than one. */
  private readonly alias = new Map<string, string | null>();

  private link(code: string, uscc: string): void {
    const had = this.alias.get(code);
    if (had === undefined) this.alias.set(code, uscc);
    else if (had !== null && had !== uscc) this.alias.set(code, null);
  }

  see(s: Subject): void {
    const uscc = s.codes.uscc;
    if (!uscc) return;
    this.link(`orgcode:${orgCodeOfUscc(uscc)}`, uscc);
    for (const k of FALLBACK_ORDER) {
      const v = s.codes[k];
      if (v && !(k === "orgcode" && v === orgCodeOfUscc(uscc))) this.link(`${k}:${v}`, uscc);
    }
  }

  idOf(s: Subject): string {
    if (s.codes.uscc) return s.codes.uscc;
    for (const k of FALLBACK_ORDER) {
      const v = s.codes[k];
      const uscc = v ? this.alias.get(`${k}:${v}`) : undefined;
      if (uscc) return uscc;
    }
    return s.key;
  }
}

function mergeLists(lists: StoredList[]): StoredList[] {
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

function buildRecord(id: string, decisions: StoredDecision[], lists: StoredList[]): ImportedRecord {
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

  const sanctions = decisions
    .map((d) => d.item)
    .slice()
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.no, b.no) || cmp(a.authority, b.authority));
  const stored = new Map(decisions.map((d) => [d.item, d]));
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
    ...(sanctions.length ? { sanctions: sanctions.map((s) => sanction(stored.get(s) as StoredDecision)) } : {}),
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

export type { RowResult };
