// Expressions and `let` values back to text, in either keyword language. The output re-parses
// (expressionOnly / valueOnly) to the same AST modulo spans: parentheses appear only where the AST
// has a Paren node, or where an operand binds looser than its position allows (an AST no parse
// produces, printed so that it still reads right).
import { AGGREGATES } from "../aggregates.js";
import type { Aggregate, Bound, Expr, Quantity } from "../ast.js";
import { BOUNDARY_BY_ID, type Marker } from "../boundary.js";
import { KEYWORDS } from "../tokens.js";
import { UNIT_BY_ID } from "../units.js";

export type Lang = "zh" | "en";

/** The first spelling of the keyword named `name` (tokens.ts KEYWORDS) in `lang`. */
export function keyword(name: string, lang: Lang): string {
  const kw = KEYWORDS.find((k) => k.name === name);
  const spelling = kw?.[lang][0];
  if (spelling === undefined) throw new Error(`unknown keyword ${name}`);
  return spelling;
}

/**
 * A unit's spelling: the first in its language, except that English reads a quantity of exactly 1
 * in the singular ("1 year", "1 time", "1 working day") where units.ts has that spelling.
 */
export function unitSpelling(unitId: string, lang: Lang, value?: string): string {
  const unit = UNIT_BY_ID.get(unitId);
  const first = unit?.[lang][0];
  if (!unit || first === undefined) throw new Error(`unknown unit ${unitId}`);
  if (lang === "en" && value !== undefined && /^1(?:\.0+)?$/.test(value)) {
    const singular = unit.en.find((s) => s === first.replace(/s$/, ""));
    if (singular) return singular;
  }
  return first;
}

/** `50万元`, `3次`, `1年` (Chinese units glue to the number); `50 wan yuan`, `3 times`, `1 year`. */
export function printQuantity(q: Quantity, lang: Lang): string {
  if (q.unit === undefined) return q.value;
  const unit = unitSpelling(q.unit, lang, q.value);
  return lang === "zh" ? `${q.value}${unit}` : `${q.value} ${unit}`;
}

export function printMarker(m: Marker, lang: Lang): string {
  if (lang === "zh") return m === "incl" ? "（含）" : "（不含）";
  return m === "incl" ? "(inclusive)" : "(exclusive)";
}

/** The first spelling of a boundary word in `lang`. */
export function boundaryWord(id: string, lang: Lang): string {
  const spelling = BOUNDARY_BY_ID.get(id)?.[lang][0];
  if (spelling === undefined) throw new Error(`unknown boundary word ${id}`);
  return spelling;
}

// Binding strength, loosest first; operands print at least at their position's level.
const OR = 1;
const AND = 2;
const NOT = 3;
const CMP = 4;
const ADD = 5;
const PRIMARY = 6;

function level(e: Expr): number {
  switch (e.kind) {
    case "Or":
      return e.operands.length > 1 ? OR : e.operands[0] ? level(e.operands[0]) : PRIMARY;
    case "And":
      return e.operands.length > 1 ? AND : e.operands[0] ? level(e.operands[0]) : PRIMARY;
    case "Not":
      return NOT;
    case "Compare":
      return e.bounds.length > 0 ? CMP : level(e.left);
    case "In":
      return CMP;
    case "Arith":
      return ADD;
    default:
      return PRIMARY;
  }
}

function at(e: Expr, min: number, lang: Lang): string {
  const s = raw(e, lang);
  return level(e) < min ? `(${s})` : s;
}

function printBound(b: Bound, lang: Lang): string {
  const marker = b.marker ? printMarker(b.marker, lang) : "";
  if (b.word !== undefined) {
    const word = boundaryWord(b.word, lang);
    const postfix = lang === "zh" && BOUNDARY_BY_ID.get(b.word)?.zhPosition === "postfix" && b.right.kind === "Quantity";
    if (postfix) {
      // The grammar's postfix form: quantity, marker, word — "3次（不含）以内", "1次 以上".
      const q = printQuantity(b.right as Quantity, lang);
      return marker ? `${q}${marker}${word}` : `${q} ${word}`;
    }
    const right = at(b.right, ADD, lang);
    return `${word} ${right}${joinMarker(marker, lang)}`;
  }
  const right = at(b.right, ADD, lang);
  return `${b.op ?? "="} ${right}${joinMarker(marker, lang)}`;
}

/** A marker after a prefix bound's operand: glued in Chinese ("50万元（含）"), spaced in English. */
function joinMarker(marker: string, lang: Lang): string {
  if (!marker) return "";
  return lang === "zh" ? marker : ` ${marker}`;
}

function raw(e: Expr, lang: Lang): string {
  switch (e.kind) {
    case "Placeholder":
      return keyword("Todo", lang);
    case "Quantity":
      return printQuantity(e, lang);
    case "Date":
      return e.value;
    case "String":
      return JSON.stringify(e.value);
    case "Bool":
      return keyword(e.value ? "True" : "False", lang);
    case "None":
      return keyword("None", lang);
    case "Name":
      return e.name;
    case "Member": {
      const o = e.object;
      const obj = o.kind === "Name" || o.kind === "Call" || o.kind === "Member" ? raw(o, lang) : `(${raw(o, lang)})`;
      return `${obj}.${e.name}`;
    }
    case "Call":
      return `${e.callee}(${e.args.map((a) => at(a, ADD, lang)).join(", ")})`;
    case "Or":
      return e.operands.map((o) => at(o, e.operands.length > 1 ? AND : OR, lang)).join(` ${keyword("Or", lang)} `);
    case "And":
      return e.operands.map((o) => at(o, e.operands.length > 1 ? NOT : OR, lang)).join(` ${keyword("And", lang)} `);
    case "Not":
      return `${keyword("Not", lang)} ${at(e.operand, NOT, lang)}`;
    case "Compare":
      if (e.bounds.length === 0) return raw(e.left, lang);
      return [at(e.left, ADD, lang), ...e.bounds.map((b) => printBound(b, lang))].join(" ");
    case "In":
      return `${at(e.left, ADD, lang)} ${keyword("In", lang)} (${e.items.map((i) => at(i, ADD, lang)).join(", ")})`;
    case "Arith":
      return `${at(e.left, ADD, lang)} ${e.op} ${at(e.right, PRIMARY, lang)}`;
    case "Paren":
      return `(${raw(e.expr, lang)})`;
    case "Aggregate":
      // Inside an expression an aggregate is parenthesised; only a `let` writes it bare (printValue).
      return `(${aggregateText(e, lang)})`;
  }
}

/** An expression as text: `一年内行政处罚案件次数 1次 以上 3次（不含）以内 且 一年内罚款累计 不超过 50万元`. */
export function printExpr(e: Expr, lang: Lang): string {
  return raw(e, lang);
}

/**
 * An expression where the grammar takes a single value (`primary`: a band range's ends, a model's
 * total, a weight, a snapshot's month): anything looser comes out in parentheses.
 */
export function printPrimary(e: Expr, lang: Lang): string {
  return at(e, PRIMARY, lang);
}

/** An expression where the grammar takes a sum (`additive`: a band subject, a model item's value, a due date). */
export function printAdditive(e: Expr, lang: Lang): string {
  return at(e, ADD, lang);
}

/**
 * A month or day of the year (a snapshot day): the unit as a calendar position reads, not as a
 * duration — 10月, not 10个月; 10 month, not 10 months. Anything else as a single value.
 */
export function printCalendar(e: Expr, lang: Lang): string {
  const unit = e.kind === "Quantity" && e.unit !== undefined ? UNIT_BY_ID.get(e.unit) : undefined;
  if (e.kind !== "Quantity" || !unit) return printPrimary(e, lang);
  if (lang === "en") return `${e.value} ${unitSpelling(unit.id, "en", "1")}`;
  return `${e.value}${unit.zh.reduce((a, b) => (b.length < a.length ? b : a))}`;
}

/** A chain of bounds without its left operand, as after a score band (`85分（含）以下 高于 70分`). */
export function printBounds(bounds: readonly Bound[], lang: Lang): string {
  return bounds.map((b) => printBound(b, lang)).join(" ");
}

function isAggregate(v: Expr): v is Aggregate {
  return v.kind === "Aggregate";
}

/**
 * The right-hand side of `let` / `定义`: `count violations where … in last 1 year`,
 * `合计 金额(罚款) 来自 违法行为 满足 … 近 1年`, or a plain expression.
 */
export function printValue(v: Expr, lang: Lang): string {
  return isAggregate(v) ? aggregateText(v, lang) : printExpr(v, lang);
}

function aggregateText(v: Aggregate, lang: Lang): string {
  const def = AGGREGATES[v.fn];
  const word = keyword(lang === "en" && def.enKeyword ? def.enKeyword : def.keyword, lang);
  const parts: string[] = [];
  if (v.of) parts.push(word, raw(v.of, lang), keyword("Of", lang), v.source);
  else parts.push(word, v.source);
  if (v.where) parts.push(keyword("Where", lang), raw(v.where, lang));
  if (v.window) parts.push(keyword("InLast", lang), printQuantity(v.window.amount, lang));
  return parts.join(" ");
}
