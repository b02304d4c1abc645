// Diagnostics as data: a stable code, a severity, the arguments of its catalogue message, where it
// is (a span, or a JSON path for YAML), related places (the first definition of a duplicate …) and
// a help hint — no prose. Text is made only at the edges, by the renderers here: the CLI's
// `FILE:LINE:COL: error CODE: message` lines (bilingual), the editor (its interface language).
// Tests assert codes and positions; the wording lives in catalogue.ts and may change.
import {
  CATALOGUE,
  renderBilingual,
  renderText,
  severityOf,
  type DiagnosticCode,
  type Lang,
  type MessageArg,
  type MessageKey,
  type MessageRef,
  type Severity,
} from "./catalogue.js";
import type { Span } from "./span.js";

export { CATALOGUE };
export type { DiagnosticCode, Lang, MessageKey, MessageRef, Severity };
export { placeholders, renderBilingual, renderRecordError, renderText, type MessageArg, type RecordErrorCode, type RecordErrorData } from "./catalogue.js";

/** A help hint: a catalogue message, or text that is inherently not data (shown as it is). */
export type Help = { key: MessageKey; args?: MessageArg[] } | { text: string };

/** Another place the diagnostic concerns, with a catalogue label ("first defined here"). */
export interface Related {
  span: Span;
  key: MessageKey;
  args?: MessageArg[];
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** The arguments of the code's catalogue message: text as it is, or a catalogue reference rendered in the same language. */
  args: MessageArg[];
  span?: Span;
  /** For YAML input without a span: the JSON path. */
  path?: string;
  related?: Related[];
  help?: Help;
}

export function diag(code: DiagnosticCode, span: Span | undefined, args: readonly MessageArg[] = [], help?: string | Help): Diagnostic {
  const d: Diagnostic = { code, severity: severityOf(code), args: [...args] };
  if (span) d.span = span;
  if (help) d.help = typeof help === "string" ? { text: help } : help;
  return d;
}

/** The same diagnostic, also pointing at `span` (by default: where the duplicated thing was first defined). */
export function withRelated(d: Diagnostic, span: Span | undefined, key: MessageKey = "note/first-defined", args: readonly MessageArg[] = []): Diagnostic {
  if (!span) return d;
  return { ...d, related: [...(d.related ?? []), { span, key, ...(args.length ? { args: [...args] } : {}) }] };
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** The message of a diagnostic in one language. */
export function renderMessage(d: Pick<Diagnostic, "code" | "args">, lang: Lang): string {
  return renderText(d.code, d.args, lang);
}

/** "中文 (English)": a diagnostic's message as the CLI prints it. */
export function bilingualMessage(d: Pick<Diagnostic, "code" | "args">): string {
  return renderBilingual(d.code, d.args);
}

export function renderHelp(h: Help, lang: Lang): string {
  return "text" in h ? h.text : renderText(h.key, h.args ?? [], lang);
}

export function renderRelated(r: Pick<Related, "key" | "args">, lang: Lang): string {
  return renderText(r.key, r.args ?? [], lang);
}

/** "中文 (English)" for a catalogue help; a text help as it is. */
export function bilingualHelp(h: Help): string {
  return "text" in h ? h.text : renderBilingual(h.key, h.args ?? []);
}

function where(span: Span | undefined, path: string | undefined, fallbackFile: string): string {
  const file = span?.file ?? fallbackFile;
  return span ? `${file}:${span.line}:${span.col}` : path !== undefined ? `${file}:${path || "/"}` : file;
}

/**
 * `FILE:LINE:COL: error CODE: 中文 (English) — help`, the line format the CLI contract fixes,
 * then one indented `  FILE:LINE:COL: note: …` line per related place.
 */
export function formatDiagnosticLines(d: Diagnostic, fallbackFile = "<input>"): string[] {
  const help = d.help ? bilingualHelp(d.help) : "";
  const main = `${where(d.span, d.path, fallbackFile)}: ${d.severity} ${d.code}: ${renderBilingual(d.code, d.args)}${help ? ` — ${help}` : ""}`;
  return [main, ...(d.related ?? []).map((r) => `  ${where(r.span, undefined, fallbackFile)}: note: ${renderBilingual(r.key, r.args ?? [])}`)];
}

/** formatDiagnosticLines as one string (lines joined by "\n"), for callers that print a line each. */
export function formatDiagnostic(d: Diagnostic, fallbackFile = "<input>"): string {
  return formatDiagnosticLines(d, fallbackFile).join("\n");
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      (a.span?.file ?? "").localeCompare(b.span?.file ?? "") ||
      (a.span?.start ?? 0) - (b.span?.start ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
