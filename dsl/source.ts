// Checks on raw input before lexing: an empty or binary file gets one clear diagnostic.
import { diag, type Diagnostic } from "../diagnostics/diagnostics.js";

export function checkSourceText(text: string, file: string): Diagnostic | undefined {
  const span = { file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 };
  if (/\u0000/.test(text) || /[\u0001-\u0008\u000e-\u001f]{4,}/.test(text)) return diag("CP-E0004", span);
  if (/^[\s\ufeff]*$/.test(text)) return diag("CP-E0003", span);
  return undefined;
}

/** Decode bytes as UTF-8, refusing what is not text. Browser-safe (TextDecoder). */
export function decodeSource(bytes: Uint8Array, file: string): { text: string } | { error: Diagnostic } {
  const span = { file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 };
  if (bytes.includes(0)) return { error: diag("CP-E0004", span) };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.startsWith("\ufeff") ? text.slice(1) : text };
  } catch {
    return { error: diag("CP-E0005", span) };
  }
}
