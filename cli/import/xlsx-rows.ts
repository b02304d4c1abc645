// The rows of an .xlsx workbook, sheet by sheet, streamed (exceljs's WorkbookReader: a sheet of a
// million rows is never held whole). Cells become text the way the office sees them: a date cell
// as YYYY-MM-DD (its UTC parts: exceljs turns a serial into that instant), a number as Excel shows
// it with 15 significant digits (0.35, not 0.35000000000000003; an 18-digit code Excel stored as a
// number shows as 1.40602199001011E+17, its lost digits), a formula as its cached result, rich
// text as its plain text, an error as its code (#N/A).
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";

export type SheetEvent = { sheet: string } | { row: number; cells: string[] } | { endSheet: string } | { skipSheet: string };

/** A number as Excel displays it in General format (15 significant digits). */
export function excelNumberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const shown = Number(n.toPrecision(15));
  if (Number.isInteger(shown) && Math.abs(shown) >= 1e15) return shown.toExponential().toUpperCase();
  return String(shown);
}

const pad = (n: number) => String(n).padStart(2, "0");

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const day = `${String(d.getUTCFullYear()).padStart(4, "0")}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${day} ${pad(h)}:${pad(m)}:${pad(s)}` : day;
}

/** One cell's value (as exceljs reads it) as text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return excelNumberText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("result" in o) return cellText(o.result);
    if ("formula" in o || "sharedFormula" in o) return "";
    if (typeof o.text === "string") return o.text;
    if (typeof o.error === "string") return o.error;
  }
  return String(v);
}

const importExcelJs = () => import("exceljs");
let exceljs: ReturnType<typeof importExcelJs> | undefined;

/**
 * exceljs, loaded once, with its streaming reader's text decoding mended: exceljs 4.4 decodes each
 * chunk of a sheet's XML on its own (utils/browser-buffer-decode.js), so a Chinese character split
 * between two chunks turns into U+FFFD. The reader parses the workbook's parts one after another,
 * so one streaming decoder shared by them decodes every part whole. The module must be mended
 * before exceljs's sax helper takes its function, hence before exceljs is first loaded. (A cell
 * that still held U+FFFD would be rejected, CP-E0914, never imported damaged.)
 */
function loadExcelJs(): ReturnType<typeof importExcelJs> {
  if (!exceljs) {
    const require = createRequire(import.meta.url);
    const decode = require("exceljs/lib/utils/browser-buffer-decode.js") as { bufferToString: (chunk: unknown) => string };
    const streaming = new TextDecoder("utf-8");
    decode.bufferToString = (chunk) => (typeof chunk === "string" ? chunk : streaming.decode(chunk as Uint8Array, { stream: true }));
    exceljs = importExcelJs();
  }
  return exceljs;
}

/**
 * The rows of the workbook's sheets (only those named in `sheets`, when given), each sheet opened
 * by a `sheet` event and closed by `endSheet`; `skipSheet` names a sheet passed over.
 */
export async function* xlsxRows(path: string, sheets?: readonly string[]): AsyncGenerator<SheetEvent> {
  await stat(path);
  const { default: ExcelJS } = await loadExcelJs();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" });
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown[] }> & { name: string }>) {
    const name = ws.name;
    if (sheets && !sheets.includes(name)) {
      // The reader must still be drained to reach the next sheet.
      for await (const _ of ws) void _;
      yield { skipSheet: name };
      continue;
    }
    yield { sheet: name };
    for await (const row of ws) {
      const values = row.values;
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { row: row.number, cells };
    }
    yield { endSheet: name };
  }
}
