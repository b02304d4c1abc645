// From a parsed policy, the symbols the language features need: derived values, parameters, named
// filters, per-item outputs and values, grades, quoted article texts and boundary-word readings,
// each with where it is declared, and the checker's types from the IR when the policy compiles.
import { walkExpr } from "../../dsl/walk.js";
import type { IRPolicy } from "../../compiler/ir.js";
import type { CategoryDecl, Condition, Expr, MeasureGroup, MeasureItem, ObligationDecl, Policy, ValueDecl } from "../../dsl/ast.js";
import { boundaryOp, mathReading } from "../../dsl/boundary.js";
import type { Diagnostic } from "../../diagnostics/diagnostics.js";
import { printExpr, printPrimary, printValue, type Lang } from "../../dsl/print/expr.js";
import { findPart } from "../../record/registry.js";
import type { Span } from "../../diagnostics/span.js";
import { yamlExpressionLang } from "../../dsl/yaml/parse-yaml.js";
import type { ArticleText, BoundInfo, DiagnosticView, GradeSymbol, ItemValueSymbol, OutputSymbol, ParamSymbol, Range, Symbols, ValueSymbol } from "./types.js";

export function spanRange(s: Span): Range {
  // Span columns are inclusive; a zero-width span (end of input) still gets one character.
  const endCol = s.endLine === s.line && s.endCol < s.col ? s.col + 1 : s.endCol + 1;
  return { line: s.line, col: s.col, endLine: s.endLine, endCol: Math.max(endCol, s.endLine === s.line ? s.col + 1 : 1) };
}

const WHOLE_FIRST_LINE: Range = { line: 1, col: 1, endLine: 1, endCol: 2 };

export function diagnosticView(d: Diagnostic): DiagnosticView {
  // Related places in another file (another revision) cannot be shown beside this one.
  const related = (d.related ?? []).filter((r) => !d.span || r.span.file === d.span.file);
  return {
    code: d.code,
    severity: d.severity,
    args: d.args,
    ...(d.help ? { help: d.help } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
    range: d.span ? spanRange(d.span) : WHOLE_FIRST_LINE,
    ...(related.length ? { related: related.map((r) => ({ range: spanRange(r.span), key: r.key, ...(r.args ? { args: r.args } : {}) })) } : {}),
  };
}

/** A 1-based range of text offsets [start, end). */
export function offsetRange(text: string, start: number, end: number): Range {
  const a = positionAt(text, start);
  const b = positionAt(text, Math.max(end, start));
  return { line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

/** The 1-based line and column of a text offset. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** The text offset of a 1-based line and column. */
export function offsetAt(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return Math.min(at + col - 1, text.length);
}

/** The keyword language of a source: the policy header's keyword, or the YAML expressions'. */
export function sourceLang(text: string, form: "dsl" | "yaml"): Lang {
  if (form === "yaml") return yamlExpressionLang(text) ?? "zh";
  const m = /^(?:\s*(?:(?:#|\/\/)[^\n]*)?\n)*\s*(政策|policy)\b/.exec(text);
  return m?.[1] === "policy" ? "en" : "zh";
}

const NAME_CHAR = /[A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * A name's position inside its declaration: its first occurrence as a whole word, so that an
 * output named 出 is not found inside the keyword 输出.
 */
export function nameRange(text: string, span: Span, name: string): Range {
  let at = text.indexOf(name, span.start);
  while (at >= 0 && at < span.end && (NAME_CHAR.test(text[at - 1] ?? "") || NAME_CHAR.test(text[at + name.length] ?? ""))) {
    at = text.indexOf(name, at + 1);
  }
  if (at < 0 || at >= span.end) return spanRange(span);
  // Declarations start on their line; the name sits on the same line.
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const col = at - lineStart + 1;
  const line = span.line + countNewlines(text, span.start, at);
  return { line, col, endLine: line, endCol: col + name.length };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}


function boundsOf(e: Expr | undefined, lang: Lang, out: BoundInfo[]): void {
  walkExpr(e, (x) => {
    if (x.kind !== "Compare") return;
    const subject = printExpr(x.left, lang);
    for (const b of x.bounds) {
      const op = b.op ?? (b.word ? boundaryOp(b.word, b.marker) : undefined);
      if (!op) continue;
      out.push({
        range: spanRange(b.span),
        ...(b.word ? { word: b.word } : {}),
        ...(b.marker ? { marker: b.marker } : {}),
        op,
        reading: mathReading(subject, op, printExpr(b.right, lang)),
      });
    }
  });
}

function conditionWalk(c: Condition, visit: (c: Extract<Condition, { kind: "Clause" }>) => void): void {
  if (c.kind === "Clause") visit(c);
  else if (c.kind === "NotCond") conditionWalk(c.item, visit);
  else c.items.forEach((i) => conditionWalk(i, visit));
}

function measureArticles(items: MeasureItem[], out: ArticleText[]): void {
  for (const m of items) {
    out.push({ article: m.article, text: m.text, kind: "measure", range: spanRange(m.span) });
    measureArticles(m.items, out);
  }
}

/** The quoted texts and boundary readings of a condition's clauses. */
function conditionSymbols(c: Condition, lang: Lang, articles: ArticleText[], bounds: BoundInfo[]): void {
  conditionWalk(c, (clause) => {
    if (clause.text !== undefined) articles.push({ article: clause.article, text: clause.text, kind: "clause", range: spanRange(clause.span) });
    for (const n of clause.notes) if (n.article) articles.push({ article: n.article, text: n.text, kind: "note", range: spanRange(n.span) });
    boundsOf(clause.when, lang, bounds);
  });
}

function valueSymbols(v: ValueDecl, lang: Lang, articles: ArticleText[], bounds: BoundInfo[]): void {
  for (const n of v.notes) if (n.article) articles.push({ article: n.article, text: n.text, kind: "note", range: spanRange(n.span) });
  const a = v.value;
  if (a.kind === "Aggregate") {
    boundsOf(a.where, lang, bounds);
    boundsOf(a.of, lang, bounds);
  } else boundsOf(a, lang, bounds);
}

function measureSymbols(m: MeasureGroup, articles: ArticleText[]): void {
  if (m.text !== undefined) articles.push({ article: m.article, text: m.text, kind: "measure", range: spanRange(m.span) });
  measureArticles(m.items, articles);
}

function categorySymbols(c: CategoryDecl, lang: Lang, articles: ArticleText[], bounds: BoundInfo[]): void {
  const clause = c.condition;
  // A category of one clause quotes the category's text; its clause is the category.
  if (clause.kind === "Clause" && clause.text !== undefined) articles.push({ article: clause.article, text: clause.text, kind: "category", range: spanRange(c.span) });
  if (clause.kind === "Clause") {
    for (const n of clause.notes) if (n.article) articles.push({ article: n.article, text: n.text, kind: "note", range: spanRange(n.span) });
    boundsOf(clause.when, lang, bounds);
  } else conditionSymbols(clause, lang, articles, bounds);
}

function obligationSymbols(o: ObligationDecl, lang: Lang, articles: ArticleText[], bounds: BoundInfo[]): void {
  articles.push({ article: o.article, text: o.text, kind: "obligation", range: spanRange(o.span) });
  boundsOf(o.where, lang, bounds);
}

/** What a summary holds when the source does not parse. */
export const NO_SYMBOLS: Symbols = { values: [], params: [], filters: [], outputs: [], itemValues: [], grades: [], articles: [], bounds: [] };

/**
 * Derived values, parameters, named filters, per-item outputs and values, grades, quoted article
 * texts and boundary readings of a parsed policy; `ir`, when it compiled, gives the types.
 */
export function symbolsOf(policy: Policy, text: string, lang: Lang, ir?: IRPolicy): Symbols {
  const valueSymbol = (v: ValueDecl): ValueSymbol => ({
    name: v.name,
    range: spanRange(v.span),
    nameRange: nameRange(text, v.span, v.name),
    source: printValue(v.value, lang),
    notes: v.notes.map((n) => n.text),
  });
  const values = policy.values.map(valueSymbol);
  const articles: ArticleText[] = [];
  const bounds: BoundInfo[] = [];
  for (const n of policy.notes) if (n.article) articles.push({ article: n.article, text: n.text, kind: "note", range: spanRange(n.span) });
  if (policy.disregard?.text) {
    articles.push({ article: policy.disregard.article, text: policy.disregard.text, kind: "disregard", range: spanRange(policy.disregard.span) });
  }
  for (const v of policy.values) valueSymbols(v, lang, articles, bounds);
  for (const g of policy.grades) conditionSymbols(g.condition, lang, articles, bounds);
  for (const m of policy.measures) measureSymbols(m, articles);
  for (const n of policy.notices) articles.push({ article: n.article, text: n.text, kind: "notice", range: spanRange(n.span) });
  for (const r of policy.recordKeeping) articles.push({ article: r.article, text: r.text, kind: "record-keeping", range: spanRange(r.span) });
  for (const c of policy.categories ?? []) categorySymbols(c, lang, articles, bounds);
  for (const o of policy.obligations ?? []) obligationSymbols(o, lang, articles, bounds);

  const params: ParamSymbol[] = (policy.params ?? []).map((p) => {
    if (p.article !== undefined && p.text !== undefined) articles.push({ article: p.article, text: p.text, kind: "param", range: spanRange(p.span) });
    const type = ir?.params.find((x) => x.name === p.name)?.type.t;
    return {
      name: p.name,
      range: spanRange(p.span),
      nameRange: nameRange(text, p.span, p.name),
      value: printPrimary(p.value, lang),
      ...(p.article !== undefined ? { article: p.article } : {}),
      ...(p.text !== undefined ? { text: p.text } : {}),
      ...(type ? { type } : {}),
    };
  });
  const filters = (policy.filters ?? []).map((f) => {
    boundsOf(f.when, lang, bounds);
    return { name: f.name, range: spanRange(f.span), nameRange: nameRange(text, f.span, f.name), source: printExpr(f.when, lang) };
  });

  const outputs: OutputSymbol[] = [];
  const itemValues: ItemValueSymbol[] = [];
  for (const r of policy.itemRules ?? []) {
    const ruleRange = spanRange(r.span);
    const partId = findPart(r.part)?.id;
    const irRule = ir?.itemRules.find((x) => x.name === r.name);
    if (r.article !== undefined && r.text !== undefined) articles.push({ article: r.article, text: r.text, kind: "item-rule", range: ruleRange });
    for (const n of r.notes) if (n.article) articles.push({ article: n.article, text: n.text, kind: "note", range: spanRange(n.span) });
    for (const v of r.values) {
      valueSymbols(v, lang, articles, bounds);
      itemValues.push({ ...valueSymbol(v), rule: r.name, part: r.part, ruleRange });
    }
    for (const o of r.outputs) {
      conditionSymbols(o.condition, lang, articles, bounds);
      const article = o.article ?? (o.condition.kind === "Clause" ? o.condition.article : undefined);
      const irType = irRule?.outputs.find((x) => x.name === o.name)?.type.t;
      // A block of clauses is yes/no whatever compiles; one clause's type is its expression's.
      const type = irType ?? (o.condition.kind !== "Clause" ? "bool" : undefined);
      outputs.push({
        name: o.name,
        rule: r.name,
        part: r.part,
        ...(partId ? { partId } : {}),
        ...(article ? { article } : {}),
        ...(type ? { type } : {}),
        range: spanRange(o.span),
        nameRange: nameRange(text, o.span, o.name),
      });
    }
    for (const c of r.categories) categorySymbols(c, lang, articles, bounds);
    for (const m of r.measures) measureSymbols(m, articles);
    for (const o of r.obligations) obligationSymbols(o, lang, articles, bounds);
  }
  return {
    values,
    params,
    filters,
    outputs,
    itemValues,
    grades: gradeSymbols(policy, text),
    articles,
    bounds,
  };
}

/** Grades with the place their id is written: a grade's declaration, or a band of a score scale. */
function gradeSymbols(policy: Policy, text: string): GradeSymbol[] {
  const out: GradeSymbol[] = policy.grades.map((g) => ({ id: g.id, label: g.label, range: spanRange(g.span), idRange: idRange(text, g.span, g.id) }));
  for (const b of policy.bands ?? []) {
    for (const i of b.items) if (!out.some((g) => g.id === i.grade)) out.push({ id: i.grade, label: i.label, range: spanRange(i.span), idRange: idRange(text, i.span, i.grade) });
  }
  return out;
}

/** A grade id inside its declaration: the first whole-word occurrence after the keyword. */
function idRange(text: string, span: Span, id: string): Range {
  const re = new RegExp(`(?<![A-Za-z0-9_\\u3400-\\u9fff])${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_\\u3400-\\u9fff])`, "g");
  re.lastIndex = span.start;
  const m = re.exec(text);
  if (!m || m.index >= span.end) return spanRange(span);
  return offsetRange(text, m.index, m.index + id.length);
}
