// Rows in, records out. Decisions are merged by 决定书文号 + 处罚机关 (two copies that agree become
// one sanction with both rows in its provenance; a copy that disagrees is rejected, naming the
// first and the fields that differ); subjects are grouped by 统一社会信用代码, a row that only has
// another code joins the subject that code is seen with; list rows become list memberships, and
// status changes (信用修复, 撤销) become dated status_history entries of their decision. Every row
// read is either in a record's provenance or rejected: rows read = accepted + rejected.
//
// Memory: what is kept until the end (each decision, list entry and status change) is a line of
// text in an EntryStore (ingest/store.ts), in memory or in a temporary file; in memory stay the
// distinct subjects and, per entry, five integers: its subject, its text, its 处罚机关, a second
// hash of its 决定书文号 and the next entry with the same first hash. A decision is read back from
// the store only when a row repeats its 决定书文号 (to merge or reject the copy), when a status
// change names it, and once when its record is written. No Node APIs.
import type { DiagnosticCode, MessageKey } from "../diagnostics/catalogue.js";
import { buildRecord, mergeLists, mergePairs, type Change, type ImportedRecord, type StoredDecision, type StoredList } from "./build.js";
import type { DecisionItem, ListItem, Penalty, RepairItem, RowError, RowRef, RowResult, Status, Subject } from "./rows.js";
import { finishHash, hashText, IntColumn, MemoryStore, Words, type EntryStore } from "./store.js";
import { SubjectIds, SubjectTable } from "./subjects.js";
import { own } from "./text.js";

export type { ImportedRecord, RowRef };

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

type ListText = Omit<ListItem, "type" | "subject">;

/** A list entry as the store keeps it: the item without its subject (kept by number), its rows as table, row pairs. */
interface EntryText {
  l: ListText;
  rows: number[];
}

/**
 * A decision as the store keeps it, an array (a million of them are written and read back, so
 * short): 决定书文号, 处罚机关 (by number), date, status, penalties (kind, amount or null, …),
 * violation type (by number), severe (1/0), valid until, publish until, the extra cells (header
 * by number, value, …), the rows (table, row, …); null where the item has nothing.
 */
type DecisionEntry = [
  no: string,
  authority: number,
  date: string,
  status: Status | null,
  penalties: (string | null)[],
  violationType: number | string | null,
  severe: 0 | 1 | null,
  validUntil: string | null,
  publishUntil: string | null,
  extra: (number | string)[] | null,
  rows: number[],
];

/** A status-change row as the store keeps it until every decision is known. */
interface ChangeText {
  item: RepairItem;
  at: [number, number];
  cells: Record<string, string> | null;
}

const FIELDS_COMPARED = ["date", "status", "penalties", "violationType", "severe", "validUntil", "publishUntil"] as const;
const NO_LIST = -1;
const SEED_1 = 0x9e3779b9;
const SEED_2 = 0x7f4a7c15;

export interface CollectorOptions {
  /** Where entries are kept until the end (default: in memory). */
  store?: EntryStore;
}

export class Collector {
  readonly counts: Counts = { read: 0, accepted: 0, rejected: 0 };
  private readonly store: EntryStore;
  private readonly subjects = new SubjectTable();

  // Entries (decisions and list entries), one slot per entry in each column.
  private readonly subjectOf = new IntColumn();
  private readonly textOf = new IntColumn();
  /** The 处罚机关's number, or NO_LIST for a list entry. */
  private readonly authorityOf = new IntColumn();
  private readonly noHash2 = new IntColumn();
  /** The previous decision whose 决定书文号 has the same first hash (-1: none). */
  private readonly sameHash = new IntColumn();
  /** First hash of a 决定书文号 → the latest decision with it. */
  private readonly byNoHash = new Map<number, number>();

  private readonly authorities: string[] = [];
  /** Texts many entries share (violation types, extra columns' headers), by number. */
  private readonly words = new Words();
  private readonly authorityNumber = new Map<string, number>();
  /** The (file, sheet) pairs rows come from, by number. */
  private readonly tables: { file: string; sheet?: string }[] = [];
  private readonly tableNumber = new Map<string, number>();
  private lastTable: { file: string; sheet?: string; n: number } | undefined;

  /** Status-change rows, in the order read. */
  private readonly changeTexts = new IntColumn();
  /** Status changes attached to their decision (by entry). */
  private readonly changesOf = new Map<number, Change[]>();

  constructor(options: CollectorOptions = {}) {
    this.store = options.store ?? new MemoryStore();
  }

  /** One data row's result; returns the reject to write now, if the row is rejected. */
  add(result: RowResult, ref: RowRef, cells: () => Record<string, string> | null): Reject | undefined {
    this.counts.read++;
    switch (result.type) {
      case "reject":
        return this.rejected(reject(ref, cells(), result.errors));
      case "decision":
        return this.addDecision(result, ref, cells);
      case "list": {
        const { type: _type, subject, ...data } = result;
        this.addEntry(this.subjects.of(subject), this.store.put(JSON.stringify({ l: data, rows: [this.tableOf(ref), ref.row] } satisfies EntryText)), NO_LIST, 0);
        this.counts.accepted++;
        return undefined;
      }
      case "repair":
        // Accepted or rejected once every decision is known (finish).
        this.changeTexts.push(this.store.put(JSON.stringify({ item: result, at: [this.tableOf(ref), ref.row], cells: cells() } satisfies ChangeText)));
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

  private addEntry(subject: number, text: number, authority: number, hash2: number): number {
    this.textOf.push(text);
    this.authorityOf.push(authority);
    this.noHash2.push(hash2);
    this.sameHash.push(-1);
    return this.subjectOf.push(subject);
  }

  private tableOf(ref: RowRef): number {
    const last = this.lastTable;
    if (last && last.file === ref.file && last.sheet === ref.sheet) return last.n;
    const key = ref.sheet === undefined ? ref.file : `${ref.file}\u0000${ref.sheet}`;
    let n = this.tableNumber.get(key);
    if (n === undefined) {
      n = this.tables.push({ file: own(ref.file), ...(ref.sheet !== undefined ? { sheet: own(ref.sheet) } : {}) }) - 1;
      this.tableNumber.set(own(key), n);
    }
    this.lastTable = { file: ref.file, ...(ref.sheet !== undefined ? { sheet: ref.sheet } : {}), n };
    return n;
  }

  private rowRef(table: number, row: number): RowRef {
    const t = this.tables[table] as { file: string; sheet?: string };
    return { file: t.file, ...(t.sheet !== undefined ? { sheet: t.sheet } : {}), row };
  }

  private refsOf(rows: number[]): RowRef[] {
    const refs: RowRef[] = [];
    for (let i = 0; i + 1 < rows.length; i += 2) refs.push(this.rowRef(rows[i] as number, rows[i + 1] as number));
    return refs;
  }

  private authorityNo(authority: string): number {
    let n = this.authorityNumber.get(authority);
    if (n === undefined) {
      n = this.authorities.push(own(authority)) - 1;
      this.authorityNumber.set(this.authorities[n] as string, n);
    }
    return n;
  }

  private decision(entry: number): StoredDecision {
    const e = JSON.parse(this.store.get(this.textOf.get(entry))) as DecisionEntry;
    const penalties: Penalty[] = [];
    const p = e[4];
    for (let i = 0; i + 1 < p.length; i += 2) penalties.push(p[i + 1] === null ? { kind: p[i] as string } : { kind: p[i] as string, amount: p[i + 1] as string });
    const item: DecisionItem = {
      type: "decision",
      subject: this.subjects.all[this.subjectOf.get(entry)] as Subject,
      no: e[0],
      authority: this.authorities[e[1]] as string,
      date: e[2],
      ...(e[3] !== null ? { status: e[3] } : {}),
      penalties,
      ...(e[5] !== null ? { violationType: this.words.decode(e[5]) } : {}),
      ...(e[6] !== null ? { severe: e[6] === 1 } : {}),
      ...(e[7] !== null ? { validUntil: e[7] } : {}),
      ...(e[8] !== null ? { publishUntil: e[8] } : {}),
      ...(e[9] !== null ? { extra: e[9].map((x, i) => (i % 2 === 0 ? this.words.decode(x) : (x as string))) } : {}),
    };
    const changes = this.changesOf.get(entry);
    return { item, refs: this.refsOf(e[10]), ...(changes ? { changes } : {}) };
  }

  private list(entry: number): StoredList {
    const text = JSON.parse(this.store.get(this.textOf.get(entry))) as EntryText;
    return { item: { type: "list", subject: this.subjects.all[this.subjectOf.get(entry)] as Subject, ...(text.l as ListText) }, refs: this.refsOf(text.rows) };
  }

  private putDecision(d: StoredDecision): number {
    const { item } = d;
    const penalties: (string | null)[] = [];
    for (const p of item.penalties) penalties.push(p.kind, p.amount ?? null);
    const rows: number[] = [];
    for (const r of d.refs) rows.push(this.tableOf(r), r.row);
    const entry: DecisionEntry = [
      item.no,
      this.authorityNo(item.authority),
      item.date,
      item.status ?? null,
      penalties,
      item.violationType !== undefined ? this.words.encode(item.violationType) : null,
      item.severe !== undefined ? (item.severe ? 1 : 0) : null,
      item.validUntil ?? null,
      item.publishUntil ?? null,
      item.extra ? item.extra.map((x, i) => (i % 2 === 0 ? this.words.encode(x) : x)) : null,
      rows,
    ];
    return this.store.put(JSON.stringify(entry));
  }

  /** The decisions with this 决定书文号 (of any 处罚机关), in the order they were first read. */
  private decisionsNumbered(no: string, authority?: number): { entry: number; d: StoredDecision }[] {
    const h2 = finishHash(hashText(no, SEED_2));
    const out: { entry: number; d: StoredDecision }[] = [];
    for (let e = this.byNoHash.get(finishHash(hashText(no, SEED_1))) ?? -1; e >= 0; e = this.sameHash.get(e)) {
      if (this.noHash2.get(e) !== h2 || (authority !== undefined && this.authorityOf.get(e) !== authority)) continue;
      const d = this.decision(e);
      if (d.item.no === no) out.push({ entry: e, d });
    }
    return out.reverse();
  }

  private addDecision(item: DecisionItem, ref: RowRef, cells: () => Record<string, string> | null): Reject | undefined {
    const subject = this.subjects.of(item.subject);
    item.subject = this.subjects.all[subject] as Subject;
    const authority = this.authorityNo(item.authority);
    const [kept] = this.decisionsNumbered(item.no, authority);
    if (!kept) {
      const entry = this.addEntry(subject, this.putDecision({ item, refs: [ref] }), authority, finishHash(hashText(item.no, SEED_2)));
      const h1 = finishHash(hashText(item.no, SEED_1));
      const previous = this.byNoHash.get(h1);
      if (previous !== undefined) this.sameHash.set(entry, previous);
      this.byNoHash.set(h1, entry);
      this.counts.accepted++;
      return undefined;
    }
    const differ = differences(kept.d.item, item);
    if (differ.length) {
      return this.rejected(reject(ref, cells(), [{ code: "CP-E0907", args: [item.no, item.authority, refText(kept.d.refs[0] as RowRef), differ.join(", ")] }]));
    }
    mergeInto(kept.d.item, item);
    kept.d.refs.push(ref);
    const merged = this.subjects.of(kept.d.item.subject);
    kept.d.item.subject = this.subjects.all[merged] as Subject;
    this.subjectOf.set(kept.entry, merged);
    this.textOf.set(kept.entry, this.putDecision(kept.d));
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

    // Every subject read (also from a copy rejected as conflicting) links its codes; then each
    // entry's record id, the ids sorted, and the entries ordered by id, in the order read within one.
    const ids = new SubjectIds();
    for (const subject of this.subjects.all) ids.see(subject);
    const idOfSubject = this.subjects.all.map((s) => ids.idOf(s));
    const n = this.subjectOf.length;
    const rankOfId = new Map<string, number>();
    for (let e = 0; e < n; e++) rankOfId.set(idOfSubject[this.subjectOf.get(e)] as string, 0);
    const order = [...rankOfId.keys()].sort();
    order.forEach((id, rank) => rankOfId.set(id, rank));
    const rankOfSubject = idOfSubject.map((id) => rankOfId.get(id) ?? -1);
    rankOfId.clear();
    const start = new Int32Array(order.length + 1);
    for (let e = 0; e < n; e++) (start[(rankOfSubject[this.subjectOf.get(e)] as number) + 1] as number)++;
    for (let r = 0; r < order.length; r++) (start[r + 1] as number) += start[r] as number;
    const next = start.slice(0, order.length);
    const entries = new Int32Array(n);
    for (let e = 0; e < n; e++) entries[(next[rankOfSubject[this.subjectOf.get(e)] as number] as number)++] = e;

    const self = this;
    return {
      rejects,
      subjects: order.length,
      records: function* () {
        for (let r = 0; r < order.length; r++) {
          const decisions: StoredDecision[] = [];
          const lists: StoredList[] = [];
          for (let k = start[r] as number; k < (start[r + 1] as number); k++) {
            const e = entries[k] as number;
            if (self.authorityOf.get(e) === NO_LIST) lists.push(self.list(e));
            else decisions.push(self.decision(e));
          }
          yield buildRecord(order[r] as string, decisions, mergeLists(lists));
        }
      },
    };
  }

  /** Status changes onto their decisions by 决定书文号 (and 处罚机关 when the change names it). */
  private attachChanges(rejects: Reject[]): void {
    for (let seq = 0; seq < this.changeTexts.length; seq++) {
      const text = JSON.parse(this.store.get(this.changeTexts.get(seq))) as ChangeText;
      const c = { item: text.item, ref: this.rowRef(text.at[0], text.at[1]) };
      const fail = (error: RowError) => rejects.push(reject(c.ref, text.cells, [error]));
      const candidates = this.decisionsNumbered(c.item.no).filter(({ d }) => !c.item.authority || d.item.authority === c.item.authority);
      if (candidates.length === 0) fail({ code: "CP-E0909", args: [c.item.no] });
      else if (candidates.length > 1) fail({ code: "CP-E0909", key: "CP-E0909/ambiguous", args: [c.item.no, candidates.map(({ d }) => d.item.authority).join("、")] });
      else {
        const { entry, d } = candidates[0] as { entry: number; d: StoredDecision };
        const uscc = d.item.subject.codes.uscc;
        const same = d.changes?.find((x) => x.item.date === c.item.date);
        if (c.item.uscc && uscc && c.item.uscc !== uscc) fail({ code: "CP-E0910", key: "CP-E0910/subject", args: [d.item.no, c.item.uscc, uscc] });
        else if (c.item.date < d.item.date) fail({ code: "CP-E0910", key: "CP-E0910/before", args: [d.item.no, c.item.date, d.item.date] });
        else if (d.item.status && d.item.status !== "in_force") fail({ code: "CP-E0910", key: "CP-E0910/undated", args: [d.item.no, d.item.status] });
        else if (same && same.item.status !== c.item.status) fail({ code: "CP-E0910", args: [d.item.no, c.item.date, refText(same.ref)] });
        else {
          const list = this.changesOf.get(entry);
          if (list) list.push({ ...c, seq });
          else this.changesOf.set(entry, [{ ...c, seq }]);
          this.counts.accepted++;
        }
      }
    }
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
