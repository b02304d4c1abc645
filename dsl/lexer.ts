// The lexer: Chevrotain's, built once from tokens.ts, with its errors turned into catalogue
// diagnostics (full-width characters get a hint naming the ASCII one).
import { Lexer, type IToken } from "chevrotain";
import { diag, type Diagnostic } from "../diagnostics/diagnostics.js";
import { allTokens, fullwidthHint } from "./tokens.js";

const lexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
}

export function lex(text: string, file: string): LexResult {
  const result = lexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  for (const err of result.errors) {
    const ch = String.fromCodePoint(text.codePointAt(err.offset) ?? 0x3f);
    const line = err.line ?? 1;
    const col = err.column ?? 1;
    const span = { file, line, col, endLine: line, endCol: col, start: err.offset, end: err.offset + ch.length };
    const hint = fullwidthHint(ch);
    if (hint) diagnostics.push(diag("CP-E0002", span, [ch, hint]));
    else if (ch === '"' || ch === "“" || ch === "「") diagnostics.push(diag("CP-E0006", span));
    else diagnostics.push(diag("CP-E0001", span, [JSON.stringify(ch)]));
  }
  return { tokens: result.tokens, comments: (result.groups["comments"] as IToken[] | undefined) ?? [], diagnostics };
}
