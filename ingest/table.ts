// One table of a file (a CSV file, a sheet of a workbook), row by row: blank rows and title rows
// above the header are skipped, the header row found (in the first HEADER_SEARCH_ROWS rows) and
// matched to a layout, and every data row mapped and handed to the collector. A table whose header
// lacks a required column rejects each of its rows naming the columns; a table with no header
// rejects each row, unless no row of it has more than two cells (a sheet of notes such as 填表说明,
// reported as skipped). No Node APIs.
import type { Collector, Reject, RowRef } from "./collect.js";
import { HEADER_SEARCH_ROWS, matchHeader, type HeaderMatch } from "./headers.js";
import { RowMapper } from "./rows.js";
import type { Tables } from "./tables.js";

export interface TableSummary {
  file: string;
  sheet?: string;
  /** The layout id, when a header was found. */
  layout?: string;
  headerRow?: number;
  /** Required columns the header lacks. */
  missing?: string[];
  /** Columns kept in provenance (headers the layout does not name). */
  extra?: string[];
  blankRows: number;
  /** Rows above the header (titles). */
  titleRows: number;
  /** A table with no header and no row of more than two cells: not data, skipped. */
  skipped?: number;
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A table of notes longer than this is not taken for notes. */
const MAX_NOTE_ROWS = 10_000;

const filled = (cells: readonly string[]) => cells.filter((c) => c.trim() !== "").length;

export class TableReader {
  private match: HeaderMatch | undefined;
  private mapper: RowMapper | undefined;
  private ambiguous: string[] | undefined;
  /** Rows before a header was found (or all, while none is). */
  private pending: { row: number; cells: string[] }[] = [];
  private nonBlankSeen = 0;
  private wide = false;
  private names: string[] = [];
  readonly summary: TableSummary;

  constructor(
    private readonly collector: Collector,
    private readonly tables: Tables,
    private readonly ref: { file: string; sheet?: string },
    /** The text encoding, named in the message for a row holding undecodable bytes. */
    private readonly encoding?: string,
  ) {
    this.summary = { file: ref.file, ...(ref.sheet !== undefined ? { sheet: ref.sheet } : {}), blankRows: 0, titleRows: 0 };
  }

  private at(row: number): RowRef {
    return { file: this.ref.file, ...(this.ref.sheet !== undefined ? { sheet: this.ref.sheet } : {}), row };
  }

  /** The row as read, under its headers (column letters before a header is known). */
  private cellsOf(cells: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    cells.forEach((c, i) => {
      if (c === "" && i >= this.names.length) return;
      Object.defineProperty(out, this.names[i] ?? columnLetter(i), { value: c, enumerable: true, writable: true, configurable: true });
    });
    return out;
  }

  /** One row (its spreadsheet row number and its cells as text); the rejects to write now. */
  row(row: number, cells: string[]): Reject[] {
    if (filled(cells) === 0) {
      this.summary.blankRows++;
      return [];
    }
    if (this.match) return this.data(row, cells);
    this.pending.push({ row, cells });
    this.nonBlankSeen++;
    if (filled(cells) > 2) this.wide = true;
    const header = this.ambiguous ? undefined : matchHeader(this.tables, cells);
    if (header && "match" in header) {
      this.setHeader(header.match, row);
      return [];
    }
    if (header && "ambiguous" in header) this.ambiguous = header.ambiguous;
    // Narrow rows (titles, notes) may come in any number before a header; once rows of a table
    // appear, the header must be among the first HEADER_SEARCH_ROWS.
    if (this.wide ? this.nonBlankSeen >= HEADER_SEARCH_ROWS : this.pending.length > MAX_NOTE_ROWS) return this.flushUnrecognised();
    return [];
  }

  private setHeader(match: HeaderMatch, row: number): void {
    this.match = match;
    this.mapper = new RowMapper(this.tables, match);
    this.summary.layout = match.layout.id;
    this.summary.headerRow = row;
    this.summary.titleRows = this.pending.length - 1;
    if (match.missing.length) this.summary.missing = match.missing;
    if (match.extra.length) this.summary.extra = match.extra.map((e) => e.header);
    const seen = new Map<string, number>();
    this.names = match.header.map((h, i) => {
      const base = h.trim() || columnLetter(i);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return n === 1 ? base : `${base}#${n}`;
    });
    this.pending = [];
  }

  private data(row: number, cells: string[]): Reject[] {
    const match = this.match as HeaderMatch;
    const ref = this.at(row);
    if (cells.some((c) => c.includes("\ufffd"))) {
      return [this.collector.addUnreadable(ref, this.cellsOf(cells), { code: "CP-E0914", args: [this.encoding ?? "UTF-8"] })];
    }
    if (match.missing.length) {
      return [this.collector.addUnreadable(ref, this.cellsOf(cells), { code: "CP-E0901", args: [match.missing.join("、"), match.layout.title] })];
    }
    const r = this.collector.add((this.mapper as RowMapper).map(cells), ref, () => this.cellsOf(cells));
    return r ? [r] : [];
  }

  /** Rows seen while no header was found are rejected (CP-E0913), as is every row after them. */
  private flushUnrecognised(): Reject[] {
    const out = this.pending.map((p) => this.unrecognised(p.row, p.cells));
    this.pending = [];
    this.match = undefined;
    this.row = (row: number, cells: string[]) => (filled(cells) === 0 ? (this.summary.blankRows++, []) : [this.unrecognised(row, cells)]);
    return out;
  }

  private unrecognised(row: number, cells: string[]): Reject {
    const error = this.ambiguous
      ? { code: "CP-E0913" as const, key: "CP-E0913/ambiguous" as const, args: [this.ambiguous.join("、")] }
      : { code: "CP-E0913" as const, args: [String(HEADER_SEARCH_ROWS)] };
    return this.collector.addUnreadable(this.at(row), this.cellsOf(cells), error);
  }

  /** The end of the table: rows still waiting for a header are rejected, unless the table is only notes. */
  end(): Reject[] {
    if (this.match || this.pending.length === 0) return [];
    if (!this.wide) {
      this.summary.skipped = this.pending.length;
      this.pending = [];
      return [];
    }
    return this.flushUnrecognised();
  }
}
