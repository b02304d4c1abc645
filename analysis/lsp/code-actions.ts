// Quick fixes for the checker's hints: insert the space a glued keyword lacks (计数违法行为 →
// 计数 违法行为), type the ASCII character for a full-width one (｛ → {, delete ；), and take the
// name a did-you-mean suggests (fien → fine). Each is built from the diagnostic's data, never from
// its wording.
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { FULLWIDTH_HINTS } from "../../dsl/tokens.js";
import type { DocumentAnalysis } from "./analyze.js";
import { fromLsp, toLsp, type DiagnosticData } from "./convert.js";
import { say, type Lang } from "./messages.js";
import { offsetAt, offsetRange } from "./symbols.js";

/** A whole-word occurrence of `word` in [from, to) of the text, else on the lines of that span. */
function findWord(text: string, word: string, from: number, to: number): { start: number; end: number } | undefined {
  const re = new RegExp(`(?<![A-Za-z0-9_\\u3400-\\u9fff])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_\\u3400-\\u9fff])`, "g");
  const lineStart = text.lastIndexOf("\n", from - 1) + 1;
  const lineEnd = text.indexOf("\n", to) < 0 ? text.length : text.indexOf("\n", to);
  for (const [a, b] of [
    [from, to],
    [lineStart, lineEnd],
  ] as const) {
    re.lastIndex = a;
    const m = re.exec(text);
    if (m && m.index + word.length <= b) return { start: m.index, end: m.index + word.length };
  }
  return undefined;
}

function fix(uri: string, title: string, d: LspDiagnostic, text: string, start: number, end: number, newText: string): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [uri]: [{ range: toLsp(offsetRange(text, start, end)), newText }] } },
  };
}

export function quickFixes(a: DocumentAnalysis, diagnostics: readonly LspDiagnostic[], ui: Lang): CodeAction[] {
  const out: CodeAction[] = [];
  const text = a.text;
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    if (!data || typeof data.code !== "string") continue;
    const r = fromLsp(d.range);
    const from = offsetAt(text, r.line, r.col);
    const to = Math.max(offsetAt(text, r.endLine, r.endCol), from + 1);
    if (data.code === "CP-E0002") {
      const ch = typeof data.args[0] === "string" ? data.args[0] : "";
      const hint = FULLWIDTH_HINTS[ch];
      const at = text.indexOf(ch, from);
      if (hint && at >= 0 && at < to) {
        out.push(fix(a.uri, hint.replace ? say(ui, "fix/replace", hint.replace) : say(ui, "fix/delete", ch), d, text, at, at + ch.length, hint.replace));
      }
      continue;
    }
    const help = data.help && "key" in data.help ? data.help : undefined;
    if (help?.key === "help/keyword-glued") {
      const [name, kw] = (help.args ?? []) as string[];
      if (typeof name !== "string" || typeof kw !== "string") continue;
      const at = findWord(text, name, from, to);
      if (!at) continue;
      const spaced = name.startsWith(kw) ? `${kw} ${name.slice(kw.length)}` : `${name.slice(0, name.length - kw.length)} ${kw}`;
      out.push(fix(a.uri, say(ui, "fix/space", spaced), d, text, at.start, at.end, spaced));
    } else if (help?.key === "help/did-you-mean") {
      const wrong = data.args[0];
      const right = help.args?.[0];
      if (typeof wrong !== "string" || typeof right !== "string") continue;
      const at = findWord(text, wrong, from, to);
      if (at) out.push(fix(a.uri, say(ui, "fix/replace", right), d, text, at.start, at.end, right));
    }
  }
  return out;
}
