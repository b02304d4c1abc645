// A rejected row as the rejects file holds it: where it was, the row as read, its code and the
// message in English and Chinese (the catalogue's words), and every problem of the row.
import { renderText, type MessageKey } from "../diagnostics/catalogue.js";
import type { Reject } from "./collect.js";

export interface RejectLine {
  file: string;
  sheet?: string;
  row: number;
  code: string;
  message: string;
  message_zh: string;
  column?: string;
  cells: Record<string, string> | null;
  errors: { code: string; message: string; column?: string }[];
}

export function renderReject(r: Reject): RejectLine {
  const text = (key: MessageKey, args: string[], lang: "zh" | "en") => renderText(key, args, lang);
  return {
    file: r.file,
    ...(r.sheet !== undefined ? { sheet: r.sheet } : {}),
    row: r.row,
    code: r.code,
    message: text(r.key ?? r.code, r.args, "en"),
    message_zh: text(r.key ?? r.code, r.args, "zh"),
    ...(r.column ? { column: r.column } : {}),
    cells: r.cells,
    errors: r.errors.map((e) => ({ code: e.code, message: text(e.key ?? e.code, e.args, "en"), ...(e.column ? { column: e.column } : {}) })),
  };
}
