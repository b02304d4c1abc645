// One pass over a policy source for the editor: the real compiler (compilePolicy) for diagnostics,
// the real test runner (runCases) for the cases panel, and from the AST the symbols the language
// features need (derived values, parameters, named filters, per-item outputs and values, grades,
// quoted article texts, boundary-word readings), with the checker's types from the IR when the
// policy compiles. Runs in the analysis worker; plain functions so node tests can call them too.
import { walkExpr } from "../../../dsl/walk.js";
import { compilePolicy, formOf } from "../../../compiler/compile.js";
import type { IRPolicy } from "../../../compiler/ir.js";
import { typeName } from "../../../compiler/types.js";
import type { CategoryDecl, Condition, Expr, MeasureGroup, MeasureItem, ObligationDecl, Policy, ValueDecl } from "../../../dsl/ast.js";
import { BOUNDARY_BY_ID, boundaryOp, mathReading } from "../../../dsl/boundary.js";
import type { Diagnostic } from "../../../diagnostics/diagnostics.js";
import { printExpr, printPrimary, printValue, type Lang } from "../../../dsl/print/expr.js";
import { findPart } from "../../../record/registry.js";
import type { Span } from "../../../diagnostics/span.js";
import { yamlExpressionLang } from "../../../dsl/yaml/parse-yaml.js";
import { isError, makeGrader, type Grader } from "../../../runtime/evaluate.js";
import { runCases } from "../../../runtime/test-runner.js";
import type { ArticleText, BoundInfo, CaseView, DiagnosticView, ItemValueSymbol, OutputSymbol, ParamSymbol, Range, Summary, ValueSymbol } from "./types.js";

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
function nameRange(text: string, span: Span, name: string): Range {
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


const MARKER_BASIS = {
  incl: "（含）：明确包括本数 (explicitly includes the number)",
  excl: "（不含）：明确不包括本数 (explicitly excludes the number)",
};

function boundsOf(e: Expr | undefined, lang: Lang, out: BoundInfo[]): void {
  walkExpr(e, (x) => {
    if (x.kind !== "Compare") return;
    const subject = printExpr(x.left, lang);
    for (const b of x.bounds) {
      const op = b.op ?? (b.word ? boundaryOp(b.word, b.marker) : undefined);
      if (!op) continue;
      const word = b.word ? BOUNDARY_BY_ID.get(b.word) : undefined;
      const basis = [word?.basis, b.marker ? MARKER_BASIS[b.marker] : undefined].filter(Boolean).join("；");
      out.push({
        range: spanRange(b.span),
        ...(b.word ? { word: b.word } : {}),
        ...(b.marker ? { marker: b.marker } : {}),
        op,
        reading: mathReading(subject, op, printExpr(b.right, lang)),
        ...(basis ? { basis } : {}),
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

type Symbols = Pick<Summary, "values" | "params" | "filters" | "outputs" | "itemValues" | "grades" | "articles" | "bounds">;

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
    const type = ir?.params.find((x) => x.name === p.name)?.type;
    return {
      name: p.name,
      range: spanRange(p.span),
      nameRange: nameRange(text, p.span, p.name),
      value: printPrimary(p.value, lang),
      ...(p.article !== undefined ? { article: p.article } : {}),
      ...(p.text !== undefined ? { text: p.text } : {}),
      ...(type ? { type: typeName(type) } : {}),
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
      const irType = irRule?.outputs.find((x) => x.name === o.name)?.type;
      // A block of clauses is yes/no whatever compiles; one clause's type is its expression's.
      const type = irType ? typeName(irType) : o.condition.kind !== "Clause" ? typeName({ t: "bool" }) : undefined;
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
    grades: policy.grades.map((g) => ({ id: g.id, label: g.label, range: spanRange(g.span) })),
    articles,
    bounds,
  };
}

export function caseViews(grader: Grader): CaseView[] {
  return runCases(grader).map((o) => {
    const base = {
      name: o.name,
      asOf: o.output.as_of ?? "",
      line: o.span.line,
      passed: o.passed,
      expected: o.expected,
      failures: o.failures,
    };
    if (isError(o.output)) return { ...base, matched: [], measures: [], error: o.output.error };
    return {
      ...base,
      grade: o.output.grade,
      label: o.output.label,
      matched: o.output.matched.map((m) => ({ grade: m.grade, article: m.article, ...(m.negated ? { negated: true } : {}) })),
      measures: o.output.measures.map((m) => ({ article: m.article, text: m.text })),
    };
  });
}

export interface Analysis {
  summary: Summary;
  /** The compiled grader when the policy compiles: the worker keeps it to grade pasted records. */
  grader?: Grader;
}

const now = (): number => globalThis.performance.now();

/** Compile `text` with the real compiler, run its cases, and collect the editor's symbols. */
export function analyze(text: string, file: string, version = 0): Analysis {
  const t0 = now();
  const form = formOf(file);
  const lang = sourceLang(text, form);
  const r = compilePolicy(text, file, form);
  const t1 = now();
  let grader: Grader | undefined;
  let cases: CaseView[] | null = null;
  if (r.ir) {
    grader = makeGrader(r.ir, r.sha256);
    cases = caseViews(grader);
  }
  const t2 = now();
  const symbols = r.ast ? symbolsOf(r.ast, text, lang, r.ir) : NO_SYMBOLS;
  const t3 = now();
  return {
    summary: {
      file,
      form,
      lang,
      version,
      ok: !!r.ir,
      parsed: !!r.ast,
      ...(r.ast ? { policyId: r.ast.id } : {}),
      diagnostics: r.diagnostics.map(diagnosticView),
      ...symbols,
      cases,
      timings: { compileMs: t1 - t0, casesMs: t2 - t1, totalMs: t3 - t0 },
    },
    ...(grader ? { grader } : {}),
  };
}
