// The import layer's entry points: the row → record mapping for 双公示 penalty data, list feeds
// and status-change feeds, browser-safe (the command line reads files into rows: cli/import/).
//
//   const collector = new Collector();
//   const table = new TableReader(collector, defaultTables(), { file, sheet });
//   for (const [n, cells] of rows) write(table.row(n, cells));   // rejects, as they happen
//   write(table.end());
//   const { records, rejects } = collector.finish();
export { Collector, refText, type Counts, type ImportedRecord, type Reject, type RowRef } from "./collect.js";
export { TableReader, columnLetter, type TableSummary } from "./table.js";
export { defaultTables, loadTables, type Tables, type ColumnsData, type ValuesData } from "./tables.js";
export { renderReject } from "./render.js";
