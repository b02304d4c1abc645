// Where the cursor is, for completion: read from the lexer's tokens before it, so that it works in
// a line still being typed (which does not parse). After an aggregate keyword (计数, 存在, 来自, 针对)
// a record part is due; after 满足 / where, a field of that part; after a field and an operator (or
// 属于 (), one of its values; after a number, a unit its type allows; after 标记, a tag; after
// 优先顺序, 措施, 告知 or 预期 等级, a grade.
import type { IToken } from "chevrotain";
import { lex } from "../../dsl/lexer.js";
import type { QuantityType } from "../../dsl/units.js";
import { UNIT_SPELLINGS } from "../../dsl/units.js";
import { findPart, type EnumId, type PartId } from "../../record/registry.js";

export type CompletionContext =
  | { kind: "none" }
  | { kind: "general" }
  | { kind: "part"; within?: PartId }
  /** After 合计 / 最大: what to add up or take the largest of, before 来自 names the part. */
  | { kind: "of" }
  | { kind: "fields"; part: PartId }
  | { kind: "values"; name: string; part?: PartId; enum?: EnumId }
  /** After a number: its type when the text says it (a window, a shift, a unit in the same comparison), else the name it is compared with. */
  | { kind: "units"; type?: QuantityType | "window" | "shift"; name?: string }
  | { kind: "grades"; orNone?: boolean }
  | { kind: "tagKeys" }
  | { kind: "tagValues"; key: string };

export interface CursorContext {
  context: CompletionContext;
  /** The word being typed: it is replaced by the completion. */
  wordStart: number;
  word: string;
}

/** Names and units the lexer reads as one word (a name, a keyword, a unit). */
const WORDISH = /^(?:[A-Za-z_][A-Za-z0-9_]*|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)$/;

const isWordToken = (t: IToken): boolean => WORDISH.test(t.image) && !["NumberLit", "DateLit", "StringLit", "Article"].includes(t.tokenType.name);

function cats(t: IToken | undefined): string[] {
  return t ? [t.tokenType.name, ...(t.tokenType.CATEGORIES ?? []).map((c) => c.name)] : [];
}

function is(t: IToken | undefined, ...names: string[]): boolean {
  const c = cats(t);
  return names.some((n) => c.includes(n));
}

/** Tokens that end a statement or a clause's condition when reading backwards. */
const BOUNDARY = ["Let", "Colon", "Grade", "Output", "Filter", "Param", "Precedence", "Default", "Measures", "Notice", "Test", "Obligation", "Category", "Override", "ItemRule", "FieldKw", "Note"];

/** The expression being written in a YAML line: the text after `key:` (or `- key:`). */
function yamlExpressionStart(text: string, offset: number): number {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const m = /^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*\s*:\s*)?(?:[|>][-+]?\s*)?/.exec(line);
  return lineStart + (m ? m[0].length : 0);
}

export function completionContext(text: string, offset: number, form: "dsl" | "yaml"): CursorContext {
  const start = form === "yaml" ? yamlExpressionStart(text, offset) : 0;
  const { tokens: all, comments, diagnostics } = lex(text.slice(start, offset), "completion");
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  // Inside a comment, or a string not yet closed on this line: nothing to complete.
  const lastComment = comments[comments.length - 1];
  if (lastComment && start + lastComment.startOffset + lastComment.image.length >= offset) return { context: { kind: "none" }, wordStart: offset, word: "" };
  if (diagnostics.some((d) => d.code === "CP-E0006" && start + (d.span?.start ?? 0) >= lineStart)) return { context: { kind: "none" }, wordStart: offset, word: "" };
  const tokens = all;
  const last = tokens[tokens.length - 1];
  const lastEnd = last ? start + last.startOffset + last.image.length : -1;
  const lastStr = last && last.tokenType.name === "StringLit" && lastEnd === offset;
  if (lastStr) return { context: { kind: "none" }, wordStart: offset, word: "" };
  // The word under the cursor, if one is being typed.
  let before = tokens;
  let wordStart = offset;
  let word = "";
  if (last && lastEnd === offset && (isWordToken(last) || last.tokenType.name === "Unit")) {
    before = tokens.slice(0, -1);
    wordStart = start + last.startOffset;
    word = last.image;
  }
  return { context: contextOf(before, form), wordStart, word };
}

function contextOf(t: IToken[], form: "dsl" | "yaml"): CompletionContext {
  const prev = t[t.length - 1];
  if (!prev) return { kind: "general" };
  if (prev.tokenType.name === "NumberLit" || prev.tokenType.name === "Unit") {
    const known = unitTypeBefore(t, t.length - 1);
    const name = known.type ? undefined : comparedName(t, t.length - 1);
    return { kind: "units", ...known, ...(name ? { name } : {}) };
  }
  if (is(prev, "AggregateWord") || prev.tokenType.name === "Of" || prev.tokenType.name === "ForEach" || prev.tokenType.name === "FieldKw") {
    const within = form === "dsl" ? itemRulePart(t) : undefined;
    return { kind: "part", ...(within && is(prev, "AggregateWord") ? { within } : {}) };
  }
  if (is(prev, "AggregateOfWord")) return { kind: "of" };
  if (prev.tokenType.name === "Tag") return { kind: "tagKeys" };
  if (prev.tokenType.name === "Eq" && t[t.length - 3]?.tokenType.name === "Tag") return { kind: "tagValues", key: t[t.length - 2]?.image ?? "" };
  if (["Precedence", "Measures", "Notice"].includes(prev.tokenType.name)) return { kind: "grades" };
  if (prev.tokenType.name === "Default") return { kind: "grades", orNone: true };
  if (prev.tokenType.name === "Grade" && t[t.length - 2]?.tokenType.name === "Expect") return { kind: "grades", orNone: true };
  if (prev.tokenType.name === "Gt" && statementStart(t)?.tokenType.name === "Precedence") return { kind: "grades" };
  // The severity order's penalty kinds, the disregard rule's statuses.
  if (severityBlock(t) && (is(prev, "CmpOp") || prev.tokenType.name === "LBrace")) return { kind: "values", name: "", enum: "penalty_kind" };
  if (statementStart(t)?.tokenType.name === "Disregard" && (prev.tokenType.name === "Disregard" || prev.tokenType.name === "Comma")) return { kind: "values", name: "", enum: "status" };
  const value = valueContext(t);
  if (value) return value;
  if (["Where", "And", "Or", "Not", "LParen"].includes(prev.tokenType.name)) {
    const part = wherePart(t) ?? (form === "dsl" ? itemRulePart(t) : undefined);
    if (part) return { kind: "fields", part };
  }
  if (prev.tokenType.name === "Colon" && form === "dsl") {
    const part = itemRulePart(t);
    if (part) return { kind: "fields", part };
  }
  return { kind: "general" };
}

/** The first token of the statement the cursor is in (reading back to a boundary or a brace). */
function statementStart(t: IToken[]): IToken | undefined {
  for (let i = t.length - 1; i >= 0; i--) {
    const tok = t[i] as IToken;
    if (tok.tokenType.name === "LBrace" || tok.tokenType.name === "RBrace") return t[i + 1];
    if (BOUNDARY.includes(tok.tokenType.name) || ["Disregard", "Severity"].includes(tok.tokenType.name)) return tok;
  }
  return t[0];
}

/** Inside the braces of a severity order (严重程度 第九条 { … }). */
function severityBlock(t: IToken[]): boolean {
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    const name = (t[i] as IToken).tokenType.name;
    if (name === "RBrace") depth++;
    else if (name === "LBrace") {
      if (depth === 0) return t.slice(Math.max(0, i - 4), i).some((x) => x.tokenType.name === "Severity");
      depth--;
    }
  }
  return false;
}

/**
 * The part a where clause filters: reading back from the cursor to its 满足 / where (across 且, 或,
 * 非, comparisons and parentheses, not past a window or a statement boundary), the part named just
 * before it.
 */
function wherePart(t: IToken[]): PartId | undefined {
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    const tok = t[i] as IToken;
    const name = tok.tokenType.name;
    if (name === "RParen") depth++;
    else if (name === "LParen") {
      if (depth > 0) depth--;
    } else if (name === "Where") return findPart(t[i - 1]?.image ?? "")?.id;
    else if (name === "InLast" || name === "LBrace" || name === "RBrace" || BOUNDARY.includes(name)) return undefined;
  }
  return undefined;
}

/** The part of the per-item rule whose braces enclose the cursor (逐项 NAME 针对 PART … {). */
function itemRulePart(t: IToken[]): PartId | undefined {
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    const name = (t[i] as IToken).tokenType.name;
    if (name === "RBrace") depth++;
    else if (name === "LBrace") {
      if (depth > 0) {
        depth--;
        continue;
      }
      // An enclosing block: is it an item rule's? Its header runs back to the previous brace.
      for (let j = i - 1; j >= 0 && !["LBrace", "RBrace"].includes((t[j] as IToken).tokenType.name); j--) {
        if ((t[j] as IToken).tokenType.name === "ItemRule") {
          const forEach = t.slice(j, i).findIndex((x) => x.tokenType.name === "ForEach");
          return forEach >= 0 ? findPart(t[j + forEach + 1]?.image ?? "")?.id : undefined;
        }
      }
    }
  }
  return undefined;
}

/** After `NAME OP`, `NAME 属于 (` or `NAME 属于 (a, `: the values of NAME. */
function valueContext(t: IToken[]): CompletionContext | undefined {
  let i = t.length - 1;
  const prev = t[i];
  if (!prev) return undefined;
  if (prev.tokenType.name === "Comma" || prev.tokenType.name === "LParen") {
    // Inside 属于 ( … ): back to the opening parenthesis.
    let j = i;
    if (prev.tokenType.name === "Comma") {
      while (j >= 0 && (t[j] as IToken).tokenType.name !== "LParen") {
        if (!["Comma", "Identifier"].includes((t[j] as IToken).tokenType.name) && !is(t[j], "Keyword")) return undefined;
        j--;
      }
    }
    if (t[j]?.tokenType.name !== "LParen" || t[j - 1]?.tokenType.name !== "In") return undefined;
    i = j - 2;
  } else if (is(prev, "CmpOp") || is(prev, "BoundaryWord") || is(prev, "Marker")) {
    i = i - 1;
    while (i >= 0 && (is(t[i], "Marker") || is(t[i], "BoundaryWord"))) i--;
  } else return undefined;
  const subject = t[i];
  if (!subject || subject.tokenType.name !== "Identifier") return undefined;
  const part = wherePart(t.slice(0, i + 1)) ?? itemRulePart(t.slice(0, i + 1));
  return { kind: "values", name: subject.image, ...(part ? { part } : {}) };
}

/** What a number's unit may be: a window's length, a date's shift, the unit of what it is compared with. */
function unitTypeBefore(t: IToken[], at: number): { type?: QuantityType | "window" | "shift" } {
  const before = t[at]?.tokenType.name === "Unit" ? at - 2 : at - 1;
  const prev = t[before];
  if (prev?.tokenType.name === "InLast") return { type: "window" };
  if (prev?.tokenType.name === "Plus" || prev?.tokenType.name === "Minus") return { type: "shift" };
  // Back across boundary words, markers, operators and numbers to a unit written in the same comparison.
  for (let i = before; i >= 0; i--) {
    const tok = t[i] as IToken;
    if (tok.tokenType.name === "Unit") {
      const unit = UNIT_SPELLINGS.find((u) => u.text === tok.image.replace(/\s+/g, " "))?.unit;
      return unit ? { type: unit.type } : {};
    }
    if (is(tok, "BoundaryWord") || is(tok, "Marker") || is(tok, "CmpOp") || tok.tokenType.name === "NumberLit") continue;
    break;
  }
  return {};
}

/** The name compared with the number at `at`, if any: `一年内罚款累计 不超过 50` → 一年内罚款累计. */
function comparedName(t: IToken[], at: number): string | undefined {
  for (let i = at - 1; i >= 0; i--) {
    const tok = t[i] as IToken;
    if (tok.tokenType.name === "Identifier") return tok.image;
    if (is(tok, "BoundaryWord") || is(tok, "Marker") || is(tok, "CmpOp") || tok.tokenType.name === "NumberLit" || tok.tokenType.name === "Unit") continue;
    return undefined;
  }
  return undefined;
}
