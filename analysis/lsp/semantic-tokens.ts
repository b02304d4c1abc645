// Semantic tokens: the lexer's tokens (keywords, boundary words, numbers, units, articles, strings,
// comments) and, for names, what the checker resolved them to — a derived value, a parameter, a
// filter, a per-item output, a record field, an enumeration value, a grade, a record part — so a
// theme can colour a field differently from a derived value. The text form only; the YAML form
// keeps its grammar's colours.
import type { IToken } from "chevrotain";
import { findBuiltin } from "../../compiler/builtins.js";
import { lex } from "../../dsl/lexer.js";
import { findPart, PARTS } from "../../record/registry.js";
import type { DocumentAnalysis } from "./analyze.js";
import type { Occurrence } from "./names.js";

export const TOKEN_TYPES = [
  "keyword",
  "operator",
  "number",
  "string",
  "comment",
  "variable",
  "parameter",
  "property",
  "enumMember",
  "function",
  "type",
  "namespace",
  "decorator",
  "class",
] as const;
export const TOKEN_MODIFIERS = ["declaration", "readonly"] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const DECLARATION = 1;
const READONLY = 2;

function cats(t: IToken): string[] {
  return [t.tokenType.name, ...(t.tokenType.CATEGORIES ?? []).map((c) => c.name)];
}

function lexClass(t: IToken): TokenType | undefined {
  const c = cats(t);
  if (c.includes("StringLit")) return "string";
  if (c.includes("NumberLit") || c.includes("DateLit")) return "number";
  if (c.includes("Unit")) return "type";
  if (c.includes("Article")) return "decorator";
  if (c.includes("Marker") || c.includes("BoundaryWord") || c.includes("CmpOp")) return "operator";
  if (c.includes("Keyword")) return "keyword";
  return undefined;
}

function occurrenceClass(o: Occurrence): { type: TokenType; modifiers: number } {
  const decl = o.decl ? DECLARATION : 0;
  switch (o.target.kind) {
    case "value":
    case "local":
      return { type: "variable", modifiers: decl | READONLY };
    case "param":
      return { type: "parameter", modifiers: decl | READONLY };
    case "filter":
      return { type: "function", modifiers: decl };
    case "output":
    case "field":
    case "subject":
      return { type: "property", modifiers: decl };
    case "enum":
      return { type: "enumMember", modifiers: 0 };
    case "grade":
      return { type: "class", modifiers: decl };
  }
}

const PART_FUNCTIONS = new Set(Object.values(PARTS).flatMap((p) => (p.functions ?? []).flatMap((f) => [f.id, ...f.zh])));

/** The tokens of a text-form policy, LSP-encoded (relative line, start, length, type, modifiers). */
export function semanticTokens(a: DocumentAnalysis): number[] {
  if (a.form !== "dsl") return [];
  const { tokens, comments } = lex(a.text, a.file);
  const byStart = new Map<string, Occurrence>();
  for (const o of a.names) if (o.range.line === o.range.endLine) byStart.set(`${o.range.line}:${o.range.col}`, o);
  const grades = new Set(a.symbols.grades.map((g) => g.id));
  const rows: [number, number, number, number, number][] = [];
  const push = (t: IToken, type: TokenType, modifiers = 0) => {
    const line = (t.startLine ?? 1) - 1;
    const endLine = (t.endLine ?? t.startLine ?? 1) - 1;
    // A token spanning lines (a multi-word keyword broken by a newline) is left to the grammar.
    if (endLine !== line) return;
    rows.push([line, (t.startColumn ?? 1) - 1, t.image.length, TYPE_INDEX.get(type) as number, modifiers]);
  };
  for (const t of comments) push(t, "comment");
  for (const t of tokens) {
    const cls = lexClass(t);
    if (cls) {
      push(t, cls);
      continue;
    }
    if (t.tokenType.name !== "Identifier") continue;
    const o = byStart.get(`${t.startLine}:${t.startColumn}`);
    if (o) {
      const c = occurrenceClass(o);
      push(t, c.type, c.modifiers);
    } else if (findPart(t.image)) push(t, "namespace");
    else if (findBuiltin(t.image) || PART_FUNCTIONS.has(t.image)) push(t, "function");
    else if (grades.has(t.image)) push(t, "class");
  }
  rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const [line, char, length, type, mods] of rows) {
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, type, mods);
    prevLine = line;
    prevChar = char;
  }
  return data;
}
