// Hover: an article shows its verbatim text as the policy quotes it; a measure tag its meaning and
// the measures carrying it; a unit what it measures; a name what it stands for — a derived value,
// parameter, filter, per-item output or value with its definition, a record field or subject field
// or enumeration value with its meaning from the registry — and the articles that read it; a
// boundary word the comparison the compiler makes of it and why (民法典第一千二百五十九条); a
// built-in function, aggregate or keyword its doc. One language per answer, the interface's.
import { findBuiltin } from "../../compiler/builtins.js";
import { FIELD_TYPES } from "../../compiler/passes/check-expr.js";
import { BOUNDARY_WORDS } from "../../dsl/boundary.js";
import type { MeasureItem } from "../../dsl/ast.js";
import { Article, Identifier, KEYWORDS } from "../../dsl/tokens.js";
import { UNIT_SPELLINGS } from "../../dsl/units.js";
import { ENUMS, findField, findPart, PARTS, SUBJECT_FIELDS, type EnumId } from "../../record/registry.js";
import type { DocumentAnalysis } from "./analyze.js";
import {
  articleDoc,
  boundDoc,
  boundaryDoc,
  builtinDoc,
  declaredFieldDoc,
  enumValueDoc,
  fieldDoc,
  filterDoc,
  gradeDoc,
  itemValueDoc,
  keywordDoc,
  outputDoc,
  paramDoc,
  partDoc,
  subjectFieldDoc,
  tagDoc,
  unitDoc,
  valueDoc,
} from "./docs.js";
import type { Lang } from "./messages.js";
import type { Occurrence } from "./names.js";
import type { Range } from "./types.js";

export interface HoverInfo {
  markdown: string;
  range: Range;
}

/** A name as the lexer reads one (its Identifier token). */
export const WORD_PATTERN = new RegExp((Identifier.PATTERN as RegExp).source);

export function contains(r: Range, line: number, col: number): boolean {
  if (line < r.line || line > r.endLine) return false;
  if (line === r.line && col < r.col) return false;
  if (line === r.endLine && col >= r.endCol) return false;
  return true;
}

/** Every match of `re` on the line, and the one covering `col` (1-based). */
function matchAt(lineText: string, re: RegExp, col: number): { text: string; start: number } | undefined {
  const g = new RegExp(re.source, "g");
  for (let m = g.exec(lineText); m; m = g.exec(lineText)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    if (col - 1 >= m.index && col - 1 < m.index + m[0].length) return { text: m[0], start: m.index + 1 };
  }
  return undefined;
}

/** The name under the cursor (or just before it). */
export function wordAt(lineText: string, col: number): { text: string; start: number } | undefined {
  return matchAt(lineText, WORD_PATTERN, col) ?? (col > 1 ? matchAt(lineText, WORD_PATTERN, col - 1) : undefined);
}

/** The name occurrence (declaration or use) at a position. */
export function occurrenceAt(a: DocumentAnalysis | undefined, line: number, col: number): Occurrence | undefined {
  return a?.names.find((o) => contains(o.range, line, col)) ?? (col > 1 ? a?.names.find((o) => contains(o.range, line, col - 1)) : undefined);
}

function lineOf(text: string, line: number): string {
  return text.split("\n")[line - 1] ?? "";
}

/** The measures carrying a tag (key, and value if given), by article. */
function measuresWithTag(a: DocumentAnalysis | undefined, key: string, value?: string): string[] {
  const out: string[] = [];
  const visit = (items: readonly MeasureItem[]) => {
    for (const m of items) {
      if (m.tags.some((t) => t.key === key && (value === undefined || t.value === value))) out.push(m.article);
      visit(m.items);
    }
  };
  for (const g of a?.ast?.measures ?? []) visit(g.items);
  for (const r of a?.ast?.itemRules ?? []) for (const g of r.measures) visit(g.items);
  return out;
}

function occurrenceHover(a: DocumentAnalysis, o: Occurrence, ui: Lang): string | undefined {
  const t = o.target;
  const s = a.symbols;
  switch (t.kind) {
    case "value": {
      const v = s.values.find((x) => x.name === t.name);
      return v ? valueDoc(v, ui, a.readers) : undefined;
    }
    case "param": {
      const p = s.params.find((x) => x.name === t.name);
      return p ? paramDoc(p, ui, a.readers) : undefined;
    }
    case "filter": {
      const f = s.filters.find((x) => x.name === t.name);
      return f ? filterDoc(f, ui, a.readers) : undefined;
    }
    case "output": {
      const x = s.outputs.find((y) => y.rule === t.rule && y.name === t.name);
      return x ? outputDoc(x, ui, a.readers) : undefined;
    }
    case "local": {
      const v = s.itemValues.find((y) => y.rule === t.rule && y.name === t.name);
      return v ? itemValueDoc(v, ui, a.readers) : undefined;
    }
    case "grade": {
      const g = s.grades.find((x) => x.id === t.id);
      return g ? gradeDoc(g, ui, decidingArticles(a, t.id)) : undefined;
    }
    case "field": {
      const part = PARTS[t.part];
      const f = findField(part, t.field);
      if (f) return fieldDoc(part, f, ui, a.readers);
      const declared = a.ast?.fields?.find((x) => x.name === t.field && findPart(x.part)?.id === t.part);
      if (!declared) return undefined;
      const type = FIELD_TYPES.find((x) => x.names.includes(declared.type))?.type.t ?? declared.type;
      return declaredFieldDoc(t.part, t.field, type, declared.description, ui, a.readers);
    }
    case "subject": {
      const f = SUBJECT_FIELDS.find((x) => x.id === t.field);
      return f ? subjectFieldDoc(f, ui, a.readers) : undefined;
    }
    case "enum":
      return enumValueDoc(t.enum, t.value, ui, a.readers);
  }
}

function decidingArticles(a: DocumentAnalysis, grade: string): string[] {
  return [...new Set(a.names.filter((o) => o.grade === grade && o.article).map((o) => o.article as string))];
}

/** A unit written right after a number, at the cursor: 50万元, 1年, 3 times. */
function unitAt(lineText: string, col: number): { text: string; start: number; unit: (typeof UNIT_SPELLINGS)[number]["unit"] } | undefined {
  for (const u of UNIT_SPELLINGS) {
    const re = new RegExp(`(?<=\\d\\s*)${u.text.replace(/ /g, "\\s+")}${/^[A-Za-z]/.test(u.text) ? "(?![A-Za-z0-9_])" : ""}`, "g");
    for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
      if (col - 1 >= m.index && col - 1 < m.index + m[0].length) return { text: m[0], start: m.index + 1, unit: u.unit };
    }
  }
  return undefined;
}

/** A measure tag under the cursor: 标记 KEY = VALUE. */
function tagAt(lineText: string, col: number): { key: string; value?: string; start: number; end: number } | undefined {
  const re = /(?:标记|tag)\s+([A-Za-z_]\w*)\s*=\s*([A-Za-z_]\w*)/g;
  for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
    const key = m[1] as string;
    const value = m[2] as string;
    const keyAt = m.index + m[0].indexOf(key, m[0].search(/\s/));
    const valueAt = m.index + m[0].lastIndexOf(value);
    if (col - 1 >= keyAt && col - 1 < keyAt + key.length) return { key, start: keyAt + 1, end: keyAt + key.length + 1 };
    if (col - 1 >= valueAt && col - 1 < valueAt + value.length) return { key, value, start: valueAt + 1, end: valueAt + value.length + 1 };
  }
  return undefined;
}

export function hoverAt(a: DocumentAnalysis | undefined, text: string, line: number, col: number, ui: Lang): HoverInfo | undefined {
  const lineText = lineOf(text, line);
  const at = (start: number, length: number): Range => ({ line, col: start, endLine: line, endCol: start + length });
  const article = matchAt(lineText, Article.PATTERN as RegExp, col);
  if (article && !WORD_PATTERN.test(lineText[article.start - 2] ?? "")) {
    return { markdown: articleDoc(a?.symbols, article.text.replace(/\(/g, "（").replace(/\)/g, "）"), ui), range: at(article.start, article.text.length) };
  }
  const tag = tagAt(lineText, col);
  if (tag) return { markdown: tagDoc(tag.key, tag.value, ui, measuresWithTag(a, tag.key, tag.value)), range: { line, col: tag.start, endLine: line, endCol: tag.end } };
  const unit = unitAt(lineText, col);
  if (unit) return { markdown: unitDoc(unit.unit, unit.text, ui), range: at(unit.start, unit.text.length) };
  // A name the policy reads: what it stands for, as the checker resolved it.
  const o = a ? occurrenceAt(a, line, col) : undefined;
  if (a && o) {
    const md = occurrenceHover(a, o, ui);
    if (md) return { markdown: md, range: o.range };
  }
  const bound = a?.symbols.bounds.find((b) => contains(b.range, line, col));
  const word = wordAt(lineText, col);
  const wordRange = word ? at(word.start, word.text.length) : undefined;
  const onMarker = !!matchAt(lineText, /[(（]\s*(?:含|不含|inclusive|exclusive)\s*[)）]/, col);
  const onWord = !!word && BOUNDARY_WORDS.some((w) => w.zh.includes(word.text) || w.en.some((e) => e.split(" ").includes(word.text)));
  if (bound && (bound.word || bound.marker) && (onMarker || onWord)) {
    return { markdown: boundDoc(bound, ui), range: bound.range };
  }
  if (!word || !wordRange) return undefined;
  const builtin = findBuiltin(word.text);
  if (builtin && [...builtin.names.zh, ...builtin.names.en].includes(word.text)) return { markdown: builtinDoc(builtin.fn, ui), range: wordRange };
  const grade = a?.symbols.grades.find((g) => g.id === word.text);
  if (a && grade) return { markdown: gradeDoc(grade, ui, decidingArticles(a, grade.id)), range: wordRange };
  const bw = BOUNDARY_WORDS.find((w) => w.zh.includes(word.text) || w.en.includes(word.text));
  if (bw) return { markdown: boundaryDoc(bw, ui), range: wordRange };
  const part = findPart(word.text);
  if (part) return { markdown: partDoc(part, ui), range: wordRange };
  // Names outside expressions (the severity order, the disregard rule): a value, else a field.
  for (const id of Object.keys(ENUMS) as EnumId[]) {
    const v = ENUMS[id].values.find((x) => x.id === word.text || x.zh.includes(word.text));
    if (v) return { markdown: enumValueDoc(id, v.id, ui, a?.readers), range: wordRange };
  }
  for (const p of Object.values(PARTS)) {
    const f = findField(p, word.text);
    if (f) return { markdown: fieldDoc(p, f, ui, a?.readers), range: wordRange };
  }
  const kw = KEYWORDS.find((k) => k.zh.includes(word.text) || k.en.includes(word.text));
  if (kw) return { markdown: keywordDoc(kw, ui), range: wordRange };
  return undefined;
}
