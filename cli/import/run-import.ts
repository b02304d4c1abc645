// `credit-policy import FILE…`: offices' files (双公示 CSV in UTF-8 or GBK, .xlsx workbooks; list
// and status-change feeds) read row by row into the ingest layer, the records written as JSON
// Lines sorted by id, rejected rows to --rejects (or stderr), a summary on stderr. Exit 3 when any
// row was rejected. rows read = accepted + rejected is checked before exiting.
import { existsSync, statSync } from "node:fs";
import type { Writable } from "node:stream";
import { Collector, defaultTables, refText, renderReject, TableReader, type Reject, type TableSummary } from "../../ingest/index.js";
import { renderBilingual, type MessageKey } from "../../diagnostics/catalogue.js";
import { line, openOutput, write, type Io, type Output } from "../io.js";
import { UsageError } from "../load.js";
import { csvRows } from "./csv-rows.js";
import { decodeFile, detectEncoding, encodingLabel } from "./decode.js";
import { SpillStore, type SpillOptions } from "./spill.js";
import { xlsxRows } from "./xlsx-rows.js";

export interface ImportOptions {
  files: string[];
  output?: string;
  rejects?: string;
  encoding?: "utf8" | "gbk";
  sheets?: string[];
  quiet?: boolean;
  /** Where entries are kept until the records are written (tests make it spill at once). */
  spill?: SpillOptions;
}

const n = (x: number) => x.toLocaleString("en-US");

function kindOf(path: string): "xlsx" | "csv" {
  if (/\.(xlsx|xlsm)$/i.test(path)) return "xlsx";
  if (/\.(xls|et)$/i.test(path)) throw new UsageError(`${path}: the old binary Excel format is not read; save it as .xlsx (Excel 工作簿) or CSV`);
  return "csv";
}

export async function importCommand(opts: ImportOptions, io: Io): Promise<number> {
  for (const f of opts.files) {
    if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`cannot read ${f}: no such file`);
    kindOf(f);
  }
  const outFile: Output | undefined = opts.output && opts.output !== "-" ? openOutput(opts.output, io) : undefined;
  const rejFile: Output | undefined = opts.rejects ? openOutput(opts.rejects, io) : undefined;
  const store = new SpillStore(opts.spill);
  try {
    const code = await run(opts, io, outFile?.stream ?? io.stdout, rejFile?.stream, store);
    await outFile?.commit();
    await rejFile?.commit();
    return code;
  } catch (e) {
    outFile?.abort();
    rejFile?.abort();
    throw e;
  } finally {
    store.close();
  }
}

async function run(opts: ImportOptions, io: Io, out: Writable, rejectsOut: Writable | undefined, store: SpillStore): Promise<number> {
  const tables = defaultTables();
  const collector = new Collector({ store });
  const summaries: (TableSummary & { encoding?: string })[] = [];
  const byCode = new Map<string, number>();
  const sheetsSeen = new Set<string>();

  /** Writes rejects; a promise only when the rejects file asks to wait (backpressure). */
  const emit = (rejects: Reject[]): Promise<void> | undefined => {
    let full = false;
    for (const r of rejects) {
      byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
      if (rejectsOut) full = !rejectsOut.write(JSON.stringify(renderReject(r)) + "\n") || full;
      else line(io.stderr, `${refText(r)}: error ${r.code}: ${renderBilingual((r.key ?? r.code) as MessageKey, r.args)}`);
    }
    return full && rejectsOut ? new Promise<void>((resolve) => rejectsOut.once("drain", () => resolve())) : undefined;
  };

  for (const file of opts.files) {
    if (kindOf(file) === "xlsx") {
      let table: TableReader | undefined;
      for await (const ev of xlsxRows(file, opts.sheets)) {
        if ("sheet" in ev) {
          sheetsSeen.add(ev.sheet);
          table = new TableReader(collector, tables, { file, sheet: ev.sheet });
        } else if ("row" in ev) await emit((table as TableReader).row(ev.row, ev.cells));
        else if ("endSheet" in ev) {
          await emit((table as TableReader).end());
          summaries.push((table as TableReader).summary);
        } else sheetsSeen.add(ev.skipSheet);
      }
    } else {
      const detected = await detectEncoding(file, opts.encoding);
      const label = encodingLabel(detected.encoding);
      const table = new TableReader(collector, tables, { file }, label);
      await csvRows(decodeFile(file, detected.encoding), (ev) =>
        "cells" in ev
          ? emit(table.row(ev.row, ev.cells))
          : emit([collector.addUnreadable({ file, row: ev.row }, null, { code: "CP-E0914", key: "CP-E0914/csv", args: [String(ev.row), ev.unreadable] })]),
      );
      await emit(table.end());
      summaries.push({ ...table.summary, encoding: `${label}${detected.how === "bom" ? " (BOM)" : detected.how === "option" ? " (--encoding)" : ""}` });
    }
  }
  const unknownSheets = (opts.sheets ?? []).filter((s) => !sheetsSeen.has(s));
  if (unknownSheets.length) throw new UsageError(`no sheet named ${unknownSheets.join(", ")} (sheets: ${[...sheetsSeen].join(", ") || "none"})`);

  const done = collector.finish();
  await emit(done.rejects);
  let written = 0;
  // Written in batches of records: one write per record costs more than making its line.
  let batch = "";
  for (const record of done.records()) {
    batch += JSON.stringify(record) + "\n";
    written++;
    if (batch.length >= 64 * 1024) {
      await write(out, batch);
      batch = "";
    }
  }
  if (batch) await write(out, batch);
  const { read, accepted, rejected } = collector.counts;
  if (read !== accepted + rejected) throw new Error(`rows read ${read} ≠ accepted ${accepted} + rejected ${rejected}`);
  if (!opts.quiet) {
    for (const s of summaries) line(io.stderr, tableLine(s));
    const codes = [...byCode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, k]) => `${c} ${n(k)}`);
    line(
      io.stderr,
      `credit-policy import: ${n(read)} rows read, ${n(accepted)} accepted, ${n(rejected)} rejected${codes.length ? ` (${codes.join(", ")})` : ""}; ${n(written)} subjects written` +
        (rejected && opts.rejects ? `; rejected rows in ${opts.rejects}` : ""),
    );
  }
  return rejected > 0 ? 3 : 0;
}

function tableLine(s: TableSummary & { encoding?: string }): string {
  const where = `${s.file}${s.sheet !== undefined ? `[${s.sheet}]` : ""}`;
  if (s.skipped !== undefined) return `  ${where}: no table (${n(s.skipped)} rows of notes), skipped`;
  const parts = [s.layout ? `${s.layout}, header row ${s.headerRow}` : "no known header"];
  if (s.encoding) parts.push(s.encoding);
  if (s.titleRows) parts.push(`${s.titleRows} title row${s.titleRows > 1 ? "s" : ""}`);
  if (s.blankRows) parts.push(`${n(s.blankRows)} blank row${s.blankRows > 1 ? "s" : ""}`);
  if (s.missing) parts.push(`missing ${s.missing.join("、")}`);
  if (s.extra) parts.push(`kept in provenance: ${s.extra.join("、")}`);
  return `  ${where}: ${parts.join("; ")}`;
}
