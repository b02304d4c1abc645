// The LSP edge of the language service: 1-based ranges to 0-based LSP ranges and back, and the
// compiler's diagnostics (data) to LSP diagnostics rendered in the interface language, keeping
// their data (code, arguments, help) for quick fixes and for a client that renders them itself.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range as LspRange } from "vscode-languageserver";
import { renderHelp, renderMessage, renderRelated, type Help, type MessageArg } from "../../diagnostics/diagnostics.js";
import type { Lang } from "./messages.js";
import type { DiagnosticView, Range } from "./types.js";

export function toLsp(r: Range): LspRange {
  return { start: { line: r.line - 1, character: r.col - 1 }, end: { line: r.endLine - 1, character: r.endCol - 1 } };
}

export function fromLsp(r: LspRange): Range {
  return { line: r.start.line + 1, col: r.start.character + 1, endLine: r.end.line + 1, endCol: r.end.character + 1 };
}

/** What an LSP diagnostic of ours carries besides its text: the catalogue data it was rendered from. */
export interface DiagnosticData {
  code: string;
  args: MessageArg[];
  help?: Help;
  /** From checking against the parent plan. */
  plan?: true;
}

export const SOURCE = "credit-policy";

export function toLspDiagnostic(d: DiagnosticView, uri: string, lang: Lang): LspDiagnostic {
  const message = renderMessage(d, lang);
  const help = d.help ? renderHelp(d.help, lang) : undefined;
  const data: DiagnosticData = { code: d.code, args: d.args, ...(d.help ? { help: d.help } : {}), ...(d.plan ? { plan: true as const } : {}) };
  return {
    range: toLsp(d.range),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: SOURCE,
    message: help ? `${message}\n${help}` : message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri, range: toLsp(r.range) }, message: renderRelated(r, lang) })) } : {}),
    data,
  };
}
