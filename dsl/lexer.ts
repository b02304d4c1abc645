// The lexer: Chevrotain's, built once from tokens.ts, with its errors turned into catalogue
// diagnostics (full-width characters get a hint naming the ASCII one).
import { Lexer, type IToken } from "chevrotain";
import { diag, type Diagnostic } from "../diagnostics/diagnostics.js";
import { tokenSpan } from "./token-span.js";
import { allTokens, FULLWIDTH_HINTS } from "./tokens.js";

/**
 * The lexer; `validate` runs Chevrotain's checks of the token definitions (unreachable or
 * conflicting patterns …), most of its start-up: the shared lexer skips them, and
 * test/dsl/grammar-checks.test.ts runs them.
 */
export function makeLexer(opts: { validate?: boolean } = {}): Lexer {
  return new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false, skipValidations: !opts.validate });
}

const lexer = makeLexer();

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
}

/**
 * Whether YYYY-MM-DD names a day of the proleptic Gregorian calendar, years 0001–9999: the same
 * rule as record/dates.ts isIsoDate, which this layer may not import.
 */
export function isCalendarDate(image: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(image);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

export function lex(text: string, file: string): LexResult {
  const result = lexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  // A date anywhere in a policy (metadata, a test's day, a due date, a literal) is a real day.
  for (const t of result.tokens) {
    if (t.tokenType.name === "DateLit" && !isCalendarDate(t.image)) diagnostics.push(diag("CP-E0105", tokenSpan(file, t), [t.image]));
  }
  for (const err of result.errors) {
    const ch = String.fromCodePoint(text.codePointAt(err.offset) ?? 0x3f);
    const line = err.line ?? 1;
    const col = err.column ?? 1;
    const span = { file, line, col, endLine: line, endCol: col, start: err.offset, end: err.offset + ch.length };
    const hint = FULLWIDTH_HINTS[ch];
    if (hint) diagnostics.push(diag("CP-E0002", span, [ch, hint]));
    else if (ch === '"' || ch === "“" || ch === "「") diagnostics.push(diag("CP-E0006", span));
    else diagnostics.push(diag("CP-E0001", span, [JSON.stringify(ch)]));
  }
  return { tokens: result.tokens, comments: (result.groups["comments"] as IToken[] | undefined) ?? [], diagnostics };
}
