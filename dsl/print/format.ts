// The canonical layout of a whole policy, in either keyword language. Declarations come out in a
// fixed order (header, notes, severity, disregard, snapshot, collects, parameters, declared
// fields, named filters, lets, models, grades, bands, overrides, categories, precedence, default,
// grade maps, measures, notices, record keeping, obligations, per-item rules, requires, annexes,
// not-encoded statements, tests; a period beside the snapshot, exception claims after collects). Comments are AST content (`comments` on the nodes, see
// dsl/comments.ts): each node's comments are printed as `# text` lines before the node's line, at
// its indentation, and the policy's trailing comments at the end. A `//` comment comes out as `#`:
// the AST keeps a comment's text, not its marker, and `#` is the canonical one.
import type { IToken } from "chevrotain";
import type {
  AnnexDecl,
  BandsDecl,
  CategoryDecl,
  CollectsDecl,
  Commented,
  Condition,
  Expr,
  FieldDecl,
  FilterDecl,
  ItemRuleDecl,
  Json,
  MeasureGroup,
  MeasureItem,
  MetaValue,
  ModelDecl,
  ModelItem,
  Note,
  NotEncodedDecl,
  ObligationDecl,
  OverrideDecl,
  ParamDecl,
  Policy,
  RequirementKind,
  RequiresDecl,
  SnapshotDecl,
  TestCase,
  ValueDecl,
} from "../ast.js";
import { META_KEYS } from "../ast.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../parse.js";
import { printNumber } from "../json-number.js";
import { isKeywordToken, KEYWORDS } from "../tokens.js";
import {
  keyword,
  printAdditive,
  printBounds,
  printCalendar,
  printExpr,
  printPrimary,
  printQuantity,
  printValue,
  type Lang,
} from "./expr.js";

export interface FormatOptions {
  lang: Lang;
}

/** Records printed on one line up to this many characters. */
const JSON_LINE_WIDTH = 100;
/** Severity chains wrap past this width. */
const LINE_WIDTH = 100;

/** One output line: its indentation, text, and the comments of the nodes it starts. */
interface Line {
  indent: number;
  text: string;
  comments: string[];
}

const KEY_NAME_BY_ID: ReadonlyMap<string, string> = new Map(
  KEYWORDS.filter((k) => k.id).map((k) => [k.id as string, k.name]),
);

class Printer {
  readonly lines: (Line | null)[] = []; // null: a blank line
  constructor(private readonly lang: Lang) {}

  kw(name: string): string {
    return keyword(name, this.lang);
  }

  get colon(): string {
    return this.lang === "zh" ? "：" : ":";
  }

  /** A line starting `nodes` (outer first), whose comments go before it. */
  line(indent: number, text: string, ...nodes: Commented[]): void {
    this.lines.push({ indent, text, comments: nodes.flatMap((n) => n.comments ?? []) });
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== null) this.lines.push(null);
  }

  meta(v: MetaValue): string {
    switch (v.kind) {
      case "string":
        return str(v.value);
      case "date":
        return v.value;
      case "bool":
        return this.kw(v.value ? "True" : "False");
      case "unstated":
        return this.kw("Unstated");
      case "todo":
        return this.kw("Todo");
    }
  }

  note(n: Note, indent: number): void {
    const parts = [this.kw("Note"), ...(n.article !== undefined ? [n.article] : []), str(n.text)];
    this.line(indent, parts.join(" "), n);
  }

  header(p: Policy): void {
    const entries = META_KEYS.flatMap((k) => {
      const v = p.meta[k];
      return v ? [{ k, v }] : [];
    });
    const head = `${this.kw("Policy")} ${str(p.id)} {`;
    if (entries.length === 0) {
      this.line(0, `${head}}`, p);
      return;
    }
    this.line(0, head, p);
    for (const { k, v } of entries) this.line(2, `${this.kw(KEY_NAME_BY_ID.get(k) as string)} ${this.meta(v)}`, v);
    this.line(0, "}");
  }

  severity(p: Policy): void {
    const s = p.severity;
    if (!s) return;
    this.line(0, `${this.kw("Severity")}${s.article !== undefined ? ` ${s.article}` : ""} {`, s);
    // Greedy wrap: continuation lines start with the separator, as the documents' chains read.
    const pieces: string[] = [];
    s.ranks.forEach((r, i) => r.kinds.forEach((k, j) => pieces.push(i === 0 && j === 0 ? k : `${j === 0 ? "<" : "="} ${k}`)));
    let current = "";
    let indent = 2;
    for (const piece of pieces) {
      if (current && indent + current.length + 1 + piece.length > LINE_WIDTH) {
        this.line(indent, current);
        current = piece;
        indent = 4;
      } else current = current ? `${current} ${piece}` : piece;
    }
    if (current) this.line(indent, current);
    this.line(0, "}");
  }

  disregard(p: Policy): void {
    const d = p.disregard;
    if (!d) return;
    const parts = [this.kw("Disregard"), d.statuses.join(", "), d.article, ...(d.text !== undefined ? [str(d.text)] : [])];
    this.line(0, parts.join(" "), d);
  }

  value(v: ValueDecl, indent = 0): void {
    this.line(indent, `${this.kw("Let")} ${v.name} = ${printValue(v.value, this.lang)}`, v);
    for (const n of v.notes) this.note(n, indent + 2);
  }

  grade(g: GradeLike): void {
    // A bare clause goes on its own line, like the clauses inside blocks.
    this.conditioned([this.kw("Grade"), g.id, str(g.label), ...(g.article !== undefined ? [g.article] : [])].join(" "), g.condition, g);
  }

  /** Prints `c` starting on a line at `indent` whose text begins with `prefix`. */
  condition(c: Condition, indent: number, prefix: string, starts: Commented[]): void {
    switch (c.kind) {
      case "AnyOf":
      case "AllOf": {
        const open = `${prefix}${this.kw(c.kind === "AnyOf" ? "Any" : "All")} {`;
        if (c.items.length === 0) {
          this.line(indent, `${open}}`, ...starts, c);
          return;
        }
        this.line(indent, open, ...starts, c);
        for (const item of c.items) this.condition(item, indent + 2, "", []);
        this.line(indent, "}");
        return;
      }
      case "NotCond":
        this.condition(c.item, indent, `${prefix}${this.kw("Not")} `, [...starts, c]);
        return;
      case "Clause": {
        const head = [c.article, ...(c.text !== undefined ? [str(c.text)] : [])].join(" ");
        this.line(indent, `${prefix}${head}${this.colon}`, ...starts, c);
        this.line(indent + 2, printExpr(c.when, this.lang));
        for (const n of c.notes) this.note(n, indent + 2);
        return;
      }
    }
  }

  measures(m: MeasureGroup, indent = 0): void {
    const head = [
      this.kw("Measures"),
      m.grade,
      ...(m.measureKind ? [this.kw(KEY_NAME_BY_ID.get(m.measureKind) as string)] : []),
      m.article,
      ...(m.text !== undefined ? [str(m.text)] : []),
    ].join(" ");
    this.block(head, m.items, indent, m);
  }

  private block(head: string, items: MeasureItem[], indent: number, node: Commented): void {
    if (items.length === 0) {
      this.line(indent, `${head} {}`, node);
      return;
    }
    this.line(indent, `${head} {`, node);
    for (const item of items) this.measureItem(item, indent + 2);
    this.line(indent, "}");
  }

  private measureItem(item: MeasureItem, indent: number): void {
    const head = [item.article, str(item.text), ...item.tags.map((t) => `${this.kw("Tag")} ${t.key} = ${t.value}`)].join(" ");
    if (item.items.length === 0) this.line(indent, head, item);
    else this.block(head, item.items, indent, item);
  }

  /** `分档 名称 二（四） 依据 得分 范围 0分 至 100分 {` then one band a line: `优 "优级" 二（四） "…"： 高于 85分`. */
  bands(b: BandsDecl): void {
    const head = [
      this.kw("Bands"),
      b.name,
      ...opt(b.article),
      this.kw("BasedOn"),
      printAdditive(b.subject, this.lang),
      this.kw("Range"),
      printPrimary(b.range.min, this.lang),
      this.kw("To"),
      printPrimary(b.range.max, this.lang),
    ].join(" ");
    if (b.items.length === 0) {
      this.line(0, `${head} {}`, b);
      return;
    }
    this.line(0, `${head} {`, b);
    for (const item of b.items) {
      const itemHead = [item.grade, str(item.label), item.article, ...optStr(item.text)].join(" ");
      this.line(2, `${itemHead}${this.colon} ${printBounds(item.bounds, this.lang)}`, item);
    }
    this.line(0, "}");
  }

  /** An override or a category: its head ending in a colon, the condition on the next line (as a clause). */
  headed(head: string, when: Expr, node: Commented): void {
    this.line(0, `${head}${this.colon}`, node);
    this.line(2, printExpr(when, this.lang));
  }

  override(o: OverrideDecl): void {
    this.headed([this.kw("Override"), o.grade, o.article, ...optStr(o.text)].join(" "), o.when, o);
  }

  category(c: CategoryDecl, indent = 0): void {
    this.cited([this.kw("Category"), c.id, str(c.label)], c.article, c.condition, c, indent);
  }

  /**
   * A category or a per-item output. One cited clause keeps its citation on the head line and the
   * condition on the next (`类别 X "…" 三（七） "…"：`, `输出 X 第五条 "…"：`), as the regulations
   * read; one with its own citation, or a block, is laid out as a grade.
   */
  private cited(head: string[], article: string | undefined, condition: Condition, node: Commented, indent: number): void {
    if (condition.kind === "Clause" && article === undefined && condition.notes.length === 0 && !condition.comments?.length) {
      this.line(indent, `${[...head, condition.article, ...optStr(condition.text)].join(" ")}${this.colon}`, node);
      this.line(indent + 2, printExpr(condition.when, this.lang));
      return;
    }
    this.conditioned([...head, ...opt(article)].join(" "), condition, node, indent);
  }

  /** A head followed by its condition: a bare clause on its own line, a block after the head. */
  conditioned(head: string, condition: Condition, node: Commented, indent = 0): void {
    if (condition.kind === "Clause") {
      this.line(indent, head, node);
      this.condition(condition, indent + 2, "", []);
    } else this.condition(condition, indent, `${head} `, [node]);
  }

  /** `参数 名称 = 3万元 第十三条 "…"`. */
  param(p: ParamDecl): void {
    this.line(0, [this.kw("Param"), p.name, "=", printPrimary(p.value, this.lang), ...opt(p.article), ...optStr(p.text)].join(" "), p);
  }

  /** `字段 处理决定.名称 文字 "…"`. */
  field(f: FieldDecl): void {
    this.line(0, [this.kw("FieldKw"), `${f.part}.${f.name}`, f.type, ...optStr(f.description)].join(" "), f);
  }

  /** `条件 名称 = …`. */
  filter(f: FilterDecl): void {
    this.line(0, `${this.kw("Filter")} ${f.name} = ${printExpr(f.when, this.lang)}`, f);
  }

  /** `逐项 名称 针对 处理决定 第十三条 "…" {`, its notes, values, outputs, categories, measures, obligations. */
  itemRule(r: ItemRuleDecl): void {
    const head = [this.kw("ItemRule"), r.name, this.kw("ForEach"), r.part, ...opt(r.article), ...optStr(r.text)].join(" ");
    const empty = !r.notes.length && !r.values.length && !r.outputs.length && !r.categories.length && !r.measures.length && !r.obligations.length;
    if (empty) {
      this.line(0, `${head} {}`, r);
      return;
    }
    this.line(0, `${head} {`, r);
    for (const n of r.notes) this.note(n, 2);
    for (const v of r.values) this.value(v, 2);
    for (const o of r.outputs) this.cited([this.kw("Output"), o.name], o.article, o.condition, o, 2);
    for (const c of r.categories) this.category(c, 2);
    for (const m of r.measures) this.measures(m, 2);
    for (const o of r.obligations) this.obligation(o, 2);
    this.line(0, "}");
  }

  /** `评价模型 名称 二（六） "…" 满分 100分 缺失按 0分 {` then one item a line. */
  model(m: ModelDecl): void {
    const head = [
      this.kw("Model"),
      m.name,
      ...opt(m.article),
      ...optStr(m.text),
      this.kw("Total"),
      printPrimary(m.total, this.lang),
      this.kw("MissingAs"),
      printPrimary(m.missing, this.lang),
    ].join(" ");
    if (m.items.length === 0) {
      this.line(0, `${head} {}`, m);
      return;
    }
    this.line(0, `${head} {`, m);
    for (const item of m.items) this.line(2, this.modelItem(item), item);
    this.line(0, "}");
  }

  /**
   * `指标项 名称 权重 40分 = …`; deductions and bonuses in each language's word order:
   * `减分项 名称 每次 5分 最多 30分 = …`, `deduct name 5 points each max 30 points = …`.
   */
  private modelItem(i: ModelItem): string {
    const p = (e: Expr): string => printPrimary(e, this.lang);
    const parts: string[] = [];
    if (i.kind === "Indicator") {
      parts.push(this.kw("Indicator"), i.name);
      if (i.weight) parts.push(this.kw("Weight"), p(i.weight));
    } else {
      parts.push(this.kw(i.kind), i.name);
      // A missing `each` (an AST no parse produces) still prints something that reads back.
      const each = i.each ? p(i.each) : this.kw("Todo");
      if (this.lang === "zh") parts.push(this.kw("Each"), each);
      else parts.push(each, this.kw("Each"));
      if (i.max) parts.push(this.kw("Max"), p(i.max));
    }
    parts.push("=", printAdditive(i.value, this.lang));
    return parts.join(" ");
  }

  /** `义务 名称 三（八） "…"`, then `针对 来源 满足 … 近 1年` and `期限 …` on their own lines. */
  obligation(o: ObligationDecl, indent = 0): void {
    this.line(indent, [this.kw("Obligation"), o.name, o.article, str(o.text)].join(" "), o);
    const scope: string[] = o.source !== undefined ? [this.kw("ForEach"), o.source] : [];
    if (o.where) scope.push(this.kw("Where"), printExpr(o.where, this.lang));
    if (o.window) scope.push(this.kw("InLast"), printQuantity(o.window.amount, this.lang));
    if (scope.length) this.line(indent + 2, scope.join(" "));
    if (o.due) this.line(indent + 2, `${this.kw("Due")} ${printAdditive(o.due, this.lang)}`);
  }

  /** `评价时点 二（二） "…" 每年 10月 31日` / `snapshot … yearly 10 month 31 day`. */
  snapshot(s: SnapshotDecl): void {
    const parts = [
      this.kw("Snapshot"),
      ...opt(s.article),
      ...optStr(s.text),
      this.kw("Yearly"),
      printCalendar(s.month, this.lang),
      printCalendar(s.day, this.lang),
    ];
    this.line(0, parts.join(" "), s);
  }

  /** `归集范围 二 {` and one collected item a line. */
  collects(c: CollectsDecl): void {
    const head = [this.kw("Collects"), ...opt(c.article)].join(" ");
    if (c.items.length === 0) {
      this.line(0, `${head} {}`, c);
      return;
    }
    this.line(0, `${head} {`, c);
    for (const item of c.items) this.line(2, str(item.text));
    this.line(0, "}");
  }

  /** `部门要求 三 "…" {` and one requirement a line. */
  notEncoded(n: NotEncodedDecl): void {
    const articles = n.articles.map((a) => (a.article === "附件" ? this.kw("Annex") : a.article)).join(", ");
    const reason = this.kw(KEY_NAME_BY_ID.get(n.reason) as string);
    this.line(0, [this.kw("NotEncoded"), articles, ...optStr(n.quote), reason, ...optStr(n.note)].join(" "), n);
  }

  requires(r: RequiresDecl): void {
    const head = [this.kw("Requires"), r.article, ...optStr(r.text)].join(" ");
    if (r.items.length === 0 && !r.exceptions?.length) {
      this.line(0, `${head} {}`, r);
      return;
    }
    this.line(0, `${head} {`, r);
    for (const item of r.items) {
      switch (item.kind) {
        case "collects":
          this.line(2, this.kw("Collects"));
          break;
        case "period":
          this.line(2, this.kw("Period"));
          break;
        case "measures":
          this.line(2, this.kw("Measures"));
          break;
        case "model":
          this.line(2, `${this.kw("Model")} ${printPrimary(item.total, this.lang)}`);
          break;
        case "grades":
          this.line(2, `${this.kw("Grade")} ${item.grades.map((g) => `${g.id} ${str(g.label)}`).join(", ")}`);
          break;
      }
    }
    const words: Record<RequirementKind, string> = { collects: "Collects", grades: "Grade", model: "Model", period: "Period", measures: "Measures" };
    for (const x of r.exceptions ?? []) {
      const exempts = x.exempts.map((e) => this.kw(words[e.kind])).join(", ");
      this.line(2, [this.kw("Exception"), x.article, ...optStr(x.text), this.kw("Exempts"), exempts].join(" "), x);
    }
    this.line(0, "}");
  }

  /** `附件 "…" 二 {` and one row a line: `单位 "…" 监管领域 "…"`. */
  annex(a: AnnexDecl): void {
    const head = [this.kw("Annex"), str(a.title), ...opt(a.article)].join(" ");
    if (a.rows.length === 0) {
      this.line(0, `${head} {}`, a);
      return;
    }
    this.line(0, `${head} {`, a);
    for (const row of a.rows) this.line(2, `${this.kw("UnitKw")} ${str(row.unit)} ${this.kw("Domain")} ${str(row.domain)}`);
    this.line(0, "}");
  }

  test(t: TestCase): void {
    this.line(0, `${this.kw("Test")} ${str(t.name)} ${this.kw("AsOf")} ${t.asOf} {`, t);
    const numbers = t.recordNumbers ?? {};
    const compact = jsonCompact(t.record, numbers);
    if (compact.length <= JSON_LINE_WIDTH) this.line(2, `${this.kw("RecordKw")} ${compact}`);
    else {
      const [first, ...rest] = jsonPretty(t.record, 0, JSON_LINE_WIDTH, numbers, "");
      this.line(2, `${this.kw("RecordKw")} ${first?.text ?? ""}`);
      for (const l of rest) this.line(2 + l.indent, l.text);
    }
    const e = t.expect;
    const expect = this.kw("Expect");
    if (e.grade !== undefined) this.line(2, `${expect} ${this.kw("Grade")} ${e.grade === null ? this.kw("None") : e.grade}`);
    if (e.matched !== undefined) this.line(2, [`${expect} ${this.kw("Matched")}`, e.matched.join(", ")].filter(Boolean).join(" "));
    if (e.measures !== undefined) this.line(2, [`${expect} ${this.kw("Measures")}`, e.measures.join(", ")].filter(Boolean).join(" "));
    if (e.categories !== undefined) this.line(2, [`${expect} ${this.kw("Category")}`, e.categories.join(", ")].filter(Boolean).join(" "));
    if (e.obligations?.length === 0) this.line(2, `${expect} ${this.kw("Obligation")} ${this.kw("None")}`);
    for (const o of e.obligations ?? []) this.line(2, `${expect} ${this.kw("Obligation")} ${o.name} ${o.due ?? this.kw("None")} ${o.status}`);
    for (const s of e.scores ?? []) this.line(2, `${expect} ${this.kw("Model")} ${s.name} ${printQuantity({ kind: "Quantity", value: s.value, unit: "points", span: s.span }, this.lang)}`);
    for (const i of e.items ?? []) this.line(2, `${expect} ${this.kw("ItemRule")} ${str(i.pointer)} ${i.output} = ${printPrimary(i.value, this.lang)}`);
    this.line(0, "}");
  }
}

type GradeLike = Policy["grades"][number];

function str(s: string): string {
  return JSON.stringify(s);
}

/** An optional word (an article) as zero or one part of a line. */
function opt(s: string | undefined): string[] {
  return s === undefined ? [] : [s];
}

/** An optional quoted text as zero or one part of a line. */
function optStr(s: string | undefined): string[] {
  return s === undefined ? [] : [str(s)];
}

/** A record's JSON with its numbers as written (`numbers`, by JSON Pointer), one line. */
function jsonCompact(v: Json, numbers: Readonly<Record<string, string>> = {}, path = ""): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return printNumber(v, numbers[path]);
  if (typeof v === "string") return str(v);
  if (Array.isArray(v)) return `[${v.map((x, i) => jsonCompact(x, numbers, `${path}/${i}`)).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${str(k)}: ${jsonCompact(x, numbers, `${path}/${pointerSegment(k)}`)}`)
    .join(", ")}}`;
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Pretty JSON as lines, 2-space indented: a value that fits on its line (within JSON_LINE_WIDTH
 * from the record's indentation) stays compact, larger ones break one entry per line.
 */
function jsonPretty(v: Json, indent: number, lead: number, numbers: Readonly<Record<string, string>>, path: string): { indent: number; text: string }[] {
  const compact = jsonCompact(v, numbers, path);
  if (indent + lead + compact.length <= JSON_LINE_WIDTH) return [{ indent, text: compact }];
  const entries: [string, Json][] | undefined =
    v !== null && typeof v === "object"
      ? Array.isArray(v)
        ? v.map((x) => ["", x])
        : Object.entries(v)
      : undefined;
  if (!entries || entries.length === 0) return [{ indent, text: compact }];
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  const out = [{ indent, text: open }];
  entries.forEach(([k, x], i) => {
    const key = Array.isArray(v) ? "" : `${str(k)}: `;
    const lines = jsonPretty(x, indent + 2, key.length + 1, numbers, `${path}/${Array.isArray(v) ? i : pointerSegment(k)}`);
    const first = lines[0] as { indent: number; text: string };
    lines[0] = { indent: indent + 2, text: key + first.text };
    const last = lines[lines.length - 1] as { indent: number; text: string };
    if (i < entries.length - 1) lines[lines.length - 1] = { ...last, text: `${last.text},` };
    out.push(...lines);
  });
  out.push({ indent, text: close });
  return out;
}

/** The policy in its canonical layout, in `opts.lang`'s keywords, comments kept. */
export function formatPolicy(policy: Policy, opts: FormatOptions): string {
  const p = new Printer(opts.lang);
  p.header(policy);
  p.blank();
  for (const n of policy.notes) p.note(n, 0);
  p.blank();
  p.severity(policy);
  p.blank();
  p.disregard(policy);
  p.blank();
  if (policy.snapshot) p.snapshot(policy.snapshot);
  if (policy.period) p.line(0, [p.kw("Period"), ...(policy.period.article ? [policy.period.article] : []), str(policy.period.text)].join(" "), policy.period);
  p.blank();
  if (policy.collects) p.collects(policy.collects);
  p.blank();
  for (const c of policy.claims ?? []) p.line(0, [p.kw("ClaimsException"), c.article, ...optStr(c.text)].join(" "), c);
  p.blank();
  for (const x of policy.params ?? []) p.param(x);
  p.blank();
  for (const f of policy.fields ?? []) p.field(f);
  p.blank();
  for (const f of policy.filters ?? []) p.filter(f);
  p.blank();
  for (const v of policy.values) p.value(v);
  p.blank();
  for (const m of policy.models ?? []) {
    p.model(m);
    p.blank();
  }
  for (const g of policy.grades) {
    p.grade(g);
    p.blank();
  }
  for (const b of policy.bands ?? []) {
    p.bands(b);
    p.blank();
  }
  for (const o of policy.overrides ?? []) p.override(o);
  p.blank();
  for (const c of policy.categories ?? []) p.category(c);
  p.blank();
  if (policy.precedence) {
    p.line(0, `${p.kw("Precedence")} ${policy.precedence.order.map((o) => o.id).join(" > ")}`, policy.precedence);
  }
  if (policy.default) {
    p.line(0, `${p.kw("Default")} ${policy.default.grade === null ? p.kw("None") : policy.default.grade}`, policy.default);
  }
  for (const m of policy.gradeMaps ?? []) {
    const pairs = m.pairs.map((x) => `${x.from} = ${x.to === null ? p.kw("None") : x.to}`).join(", ");
    p.line(0, `${p.kw("GradeMap")} ${str(m.from)} {${pairs ? ` ${pairs} ` : ""}}`, m);
  }
  p.blank();
  for (const m of policy.measures) {
    p.measures(m);
    p.blank();
  }
  for (const n of policy.notices) {
    const parts = [p.kw("Notice"), n.grade, n.article, str(n.text), p.kw("Options"), n.options.map(str).join(", ")];
    p.line(0, parts.join(" "), n);
  }
  for (const r of policy.recordKeeping) p.line(0, `${p.kw("RecordKeeping")} ${r.article} ${str(r.text)}`, r);
  p.blank();
  for (const o of policy.obligations ?? []) p.obligation(o);
  p.blank();
  for (const r of policy.itemRules ?? []) {
    p.itemRule(r);
    p.blank();
  }
  if (policy.requires) p.requires(policy.requires);
  p.blank();
  for (const a of policy.annexes ?? []) {
    p.annex(a);
    p.blank();
  }
  for (const n of policy.notEncoded ?? []) p.notEncoded(n);
  p.blank();
  for (const t of policy.tests) p.test(t);

  const out: string[] = [];
  for (const l of p.lines) {
    if (l === null) {
      out.push("");
      continue;
    }
    const pad = " ".repeat(l.indent);
    // A comment group at the top level reads as a section heading: set it off by a blank line.
    const prev = out[out.length - 1];
    if (l.comments.length > 0 && l.indent === 0 && prev !== undefined && prev !== "" && !isComment(prev)) out.push("");
    for (const c of l.comments) out.push(pad + commentLine(c));
    out.push(pad + l.text);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  const trailing = policy.trailingComments ?? [];
  if (trailing.length > 0) {
    if (out.length > 0) out.push("");
    for (const c of trailing) out.push(commentLine(c));
  }
  return `${out.join("\n")}\n`;
}

/** One test case as the formatter prints it inside a policy: what `test --coverage` proposes to paste. */
export function formatTestCase(t: TestCase, lang: Lang): string {
  const p = new Printer(lang);
  p.test(t);
  return p.lines.map((l) => (l === null ? "" : " ".repeat(l.indent) + l.text)).join("\n") + "\n";
}

function isComment(line: string): boolean {
  return /^\s*#/.test(line);
}

/** A comment's text as a line: always `#` (canonical, whether it was written with `#` or `//`). */
function commentLine(text: string): string {
  return text === "" ? "#" : `# ${text}`;
}

/** The keyword language most keyword tokens are spelt in; "zh" when tied or none. */
export function detectLang(tokens: IToken[]): Lang {
  let en = 0;
  let zh = 0;
  for (const t of tokens) {
    if (!isKeywordToken(t)) continue;
    if (/^[A-Za-z]/.test(t.image)) en++;
    else zh++;
  }
  return en > zh ? "en" : "zh";
}

/** Parse and format; refuses (no `text`) when the source has errors, returning the diagnostics. */
export function formatSource(text: string, file: string, lang?: Lang): { text?: string; diagnostics: Diagnostic[] } {
  const parsed = parsePolicy(text, file);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  const out = formatPolicy(parsed.policy, { lang: lang ?? detectLang(parsed.tokens) });
  return { text: out, diagnostics: parsed.diagnostics };
}
