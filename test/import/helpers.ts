// Runs the import layer in process over tables given as arrays of rows (row 1 first), as the
// command does over files: rejects as they come, then the records.
import { Collector, defaultTables, TableReader, type ImportedRecord, type Reject } from "../../ingest/index.js";

export interface TableInput {
  file: string;
  sheet?: string;
  rows: string[][];
}

export function importRows(tables: TableInput[]): { records: ImportedRecord[]; rejects: Reject[]; counts: Collector["counts"] } {
  const collector = new Collector();
  const rejects: Reject[] = [];
  for (const t of tables) {
    const reader = new TableReader(collector, defaultTables(), { file: t.file, ...(t.sheet !== undefined ? { sheet: t.sheet } : {}) });
    t.rows.forEach((cells, i) => rejects.push(...reader.row(i + 1, cells)));
    rejects.push(...reader.end());
  }
  const done = collector.finish();
  rejects.push(...done.rejects);
  return { records: [...done.records()], rejects, counts: collector.counts };
}

/** A record with every provenance left out (what two formats of the same data must agree on). */
export function withoutProvenance(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProvenance);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== "provenance")
        .map(([k, v]) => [k, withoutProvenance(v)]),
    );
  }
  return value;
}

/** The 2018 template's header, as the standard writes it (a subset is enough for most tests). */
export const H2018 = [
  "行政相对人名称",
  "行政相对人类别",
  "行政相对人代码_1（统一社会信用代码）",
  "行政相对人代码_2（工商注册号）",
  "证件类型",
  "证件号码",
  "行政处罚决定书文号",
  "处罚类别",
  "罚款金额（万元）",
  "没收违法所得、没收非法财物的金额（万元）",
  "处罚决定日期",
  "处罚机关",
];

/** A 2018 row by column name; unnamed columns empty. */
export function row2018(cells: Partial<Record<(typeof H2018)[number] | string, string>>): string[] {
  return H2018.map((h) => cells[h] ?? "");
}
