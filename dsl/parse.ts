// The text front-end's entry point: source text → AST plus diagnostics, never a throw.
import type { CstNode, IRecognitionException, IToken } from "chevrotain";
import type { Aggregate, Expr, Policy, Quantity } from "./ast.js";
import { attachComments, commentText } from "./comments.js";
import { CstToAst } from "./cst-to-ast.js";
import { diag, type Diagnostic, type Help } from "../diagnostics/diagnostics.js";
import { lex } from "./lexer.js";
import { parser } from "./parser.js";
import { KEYWORDS, keywordHint } from "./tokens.js";
import { checkSourceText } from "./source.js";
import { astNesting, tokenNesting } from "./limits.js";
import type { Span } from "../diagnostics/span.js";

export interface ParseResult {
  policy?: Policy;
  diagnostics: Diagnostic[];
  tokens: IToken[];
  /** The comment tokens; their text is also on the AST nodes they belong to (`comments`). */
  comments: IToken[];
}

/** Readable names for the tokens a parse error may expect. */
const TOKEN_NAMES: Record<string, string> = {
  LBrace: "{",
  RBrace: "}",
  LBracket: "[",
  RBracket: "]",
  LParen: "(",
  RParen: ")",
  Colon: ":",
  Comma: ",",
  Eq: "=",
  Gt: ">",
  Lt: "<",
  Identifier: "名称 name",
  StringLit: '字符串 "string"',
  NumberLit: "数字 number",
  DateLit: "日期 YYYY-MM-DD",
  Article: "条款 第…条",
  Unit: "单位 unit",
  MetaKey: "元数据项 metadata key",
  MeasureKind: "措施种类 incentive/management/punishment",
  BoundaryWord: "边界用语 boundary word",
  CmpOp: "比较符 comparison",
  BoolLit: "是/否 yes/no",
  AggregateWord: "计数/存在 count/exists",
  AggregateOfWord: "合计/最大 sum/max",
  EOF: "声明或文件结束 a declaration (定义 let, 等级 grade, 措施 measures …) or the end of the file",
};

const KEYWORD_NAMES = new Map(KEYWORDS.map((k) => [k.name, [k.zh[0], k.en[0]].filter(Boolean).join(" ")]));

function tokenName(name: string): string {
  return TOKEN_NAMES[name] ?? KEYWORD_NAMES.get(name) ?? name;
}

/** Tokens that begin an expression: when the parser wanted one, it says so rather than list them. */
const EXPRESSION_START = ["NumberLit", "DateLit", "StringLit", "BoolLit", "None", "Todo", "Identifier", "LParen"];

const AN_EXPRESSION =
  "表达式（派生值、字段或参数的名称，数量如 3次、50万元，日期，括号）；计数、合计、最大、全部、存在写在“定义”中或加括号 " +
  "an expression (a derived value, field or parameter name, a quantity such as 3 times or 50 wan yuan, a date, parentheses); " +
  "count, sum, max, all and exists go in a let or in parentheses";

function expectedFrom(err: IRecognitionException): string {
  const names = [...err.message.matchAll(/-->\s*([A-Za-z_]+)\s*<--|\[([A-Za-z_]+)\]/g)]
    .map((m) => m[1] ?? m[2])
    .filter((n): n is string => !!n && !/^but$/.test(n));
  const set = new Set(names);
  if (EXPRESSION_START.filter((t) => set.has(t)).length >= 4) {
    const rest = [...set].filter((t) => !EXPRESSION_START.includes(t)).slice(0, 4).map(tokenName);
    return [AN_EXPRESSION, ...rest].join(" | ");
  }
  const unique = [...set].slice(0, 6).map(tokenName);
  return unique.length ? unique.join(" | ") : "?";
}

/** A Chinese name written with digits (公示2) lexes as a name then a number: the likeliest cause when a number trips the parser. */
function digitsHint(err: IRecognitionException, tokens: IToken[]): Help | undefined {
  const t = err.token;
  if (t.tokenType.name !== "NumberLit") return undefined;
  const prev = tokens[tokens.indexOf(t) - 1];
  if (!prev || prev.tokenType.name !== "Identifier" || (prev.endOffset ?? -2) + 1 !== t.startOffset || !/[\u3400-\u9fff]$/.test(prev.image)) return undefined;
  return { key: "help/name-digits", args: [prev.image + t.image] };
}

function errorSpan(file: string, err: IRecognitionException, text: string, tokens: IToken[]): Span {
  const t = err.token;
  if (t.tokenType.name === "EOF" || Number.isNaN(t.startOffset)) {
    // At end of input: point just after the last real token.
    const prev = (err as { previousToken?: IToken }).previousToken;
    const last = prev && !Number.isNaN(prev.startOffset) ? prev : tokens[tokens.length - 1];
    if (!last) return { file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 };
    const line = last.endLine ?? 1;
    const col = (last.endColumn ?? 0) + 1;
    const end = (last.endOffset ?? last.startOffset) + 1;
    return { file, line, col, endLine: line, endCol: col, start: Math.min(end, text.length), end: Math.min(end, text.length) };
  }
  return {
    file,
    line: t.startLine ?? 1,
    col: t.startColumn ?? 1,
    endLine: t.endLine ?? 1,
    endCol: t.endColumn ?? 1,
    start: t.startOffset,
    end: (t.endOffset ?? t.startOffset) + 1,
  };
}

function parseErrors(file: string, text: string, tokens: IToken[], errors: IRecognitionException[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const err of errors) {
    const span = errorSpan(file, err, text, tokens);
    if (seen.has(span.start)) continue; // recovery can report one spot twice
    seen.add(span.start);
    const expected = expectedFrom(err);
    // A keyword glued to a name ("计数违法行为") makes the parser trip a few tokens later.
    const at = tokens.indexOf(err.token);
    const nearby = at >= 0 ? tokens.slice(Math.max(0, at - 3), at + 1) : [err.token];
    const near = nearby.reverse().find((t) => t.tokenType.name === "Identifier" && keywordHint(t.image));
    const help = digitsHint(err, tokens) ?? (near ? keywordHint(near.image) : undefined);
    if (err.token.tokenType.name === "EOF") out.push(diag("CP-E0102", span, [expected], help));
    else if (err.name === "NotAllInputParsedException") out.push(diag("CP-E0103", span, [JSON.stringify(err.token.image)], help));
    else out.push(diag("CP-E0101", span, [JSON.stringify(err.token.image), expected], help));
  }
  return out;
}

export function parsePolicy(text: string, file: string): ParseResult {
  const bad = checkSourceText(text, file);
  if (bad) return { diagnostics: [bad], tokens: [], comments: [] };
  const lexed = lex(text, file);
  // Too deep for the recursive parser: say where, and parse nothing.
  const deep = tokenNesting(lexed.tokens, file);
  if (deep) return { diagnostics: [...lexed.diagnostics, deep], tokens: lexed.tokens, comments: lexed.comments };
  parser.input = lexed.tokens;
  const cst: CstNode = parser.policyFile();
  const diagnostics = [...lexed.diagnostics, ...parseErrors(file, text, lexed.tokens, parser.errors)];
  const builder = new CstToAst(file);
  const built = builder.policyFile(cst);
  diagnostics.push(...builder.diagnostics);
  // A chain the parser reads in a loop can still nest too deep for the passes after it.
  const chained = built ? astNesting(built) : undefined;
  if (chained) diagnostics.push(chained);
  const policy = chained ? undefined : built;
  // Comments are content: each goes to the first node starting after it (dsl/comments.ts).
  if (policy) {
    attachComments(
      policy,
      lexed.comments.filter((c) => !Number.isNaN(c.startOffset)).map((c) => ({ at: c.startOffset, lines: [commentText(c.image)] })),
    );
  }
  if (!policy && !diagnostics.some((d) => d.severity === "error")) {
    diagnostics.push(diag("CP-E0107", { file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 }));
  }
  return { ...(policy ? { policy } : {}), diagnostics, tokens: lexed.tokens, comments: lexed.comments };
}

/**
 * Parse a fragment (a YAML string) with one of the grammar's entry rules. `origin` places the
 * fragment in its file so diagnostics point at the YAML line and column.
 */
export function parseFragment<T>(
  text: string,
  rule: "expressionOnly" | "valueOnly" | "severityOnly" | "quantityOnly" | "boundsOnly",
  origin: { file: string; line: number; col: number; offset: number },
): { value?: T; diagnostics: Diagnostic[] } {
  // Pad so that token positions are the fragment's true positions in its file (single-line
  // fragments; block scalars are placed at their first line).
  const padded = "\n".repeat(origin.line - 1) + " ".repeat(origin.col - 1) + text;
  const shift = origin.offset - (origin.line - 1) - (origin.col - 1);
  const lexed = lex(padded, origin.file);
  const fix = (d: Diagnostic): Diagnostic =>
    d.span ? { ...d, span: { ...d.span, start: d.span.start + shift, end: d.span.end + shift } } : d;
  const deep = tokenNesting(lexed.tokens, origin.file);
  if (deep) return { diagnostics: [...lexed.diagnostics, deep].map(fix) };
  parser.input = lexed.tokens;
  const cst = parser[rule]();
  const diagnostics = [...lexed.diagnostics, ...parseErrors(origin.file, padded, lexed.tokens, parser.errors)];
  const builder = new CstToAst(origin.file);
  let value: unknown;
  const inner = (cst.children[Object.keys(cst.children).find((k) => k !== "EOF") ?? ""] ?? [])[0] as CstNode | undefined;
  if (rule === "boundsOnly") {
    if (diagnostics.length === 0) value = (cst.children["bound"] ?? []).map((b) => builder.bound(b as CstNode));
  } else if (inner && diagnostics.length === 0) {
    if (rule === "expressionOnly") value = builder.expression(inner);
    else if (rule === "valueOnly") value = builder.valueExpr(inner);
    else if (rule === "severityOnly") value = builder.severityChain(inner);
    else value = builder.quantity(inner);
  }
  const chained = value !== undefined && value !== null && typeof value === "object" ? astNesting(value) : undefined;
  if (chained) {
    diagnostics.push(chained);
    value = undefined;
  }
  return {
    ...(value !== undefined ? { value: shiftSpans(value, shift) as T } : {}),
    diagnostics: [...diagnostics, ...builder.diagnostics].map(fix),
  };
}

function shiftSpans(value: unknown, shift: number): unknown {
  if (shift === 0) return value;
  if (Array.isArray(value)) return value.map((v) => shiftSpans(v, shift));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "span" && v && typeof v === "object") {
        const s = v as Span;
        out[k] = { ...s, start: s.start + shift, end: s.end + shift };
      } else out[k] = shiftSpans(v, shift);
    }
    return out;
  }
  return value;
}

export type { Aggregate, Expr, Quantity };
