// The canonical layout of a whole policy, in either keyword language. Declarations come out in a
// fixed order (header, notes, severity, disregard, lets, grades, precedence, default, measures,
// notices, record keeping, tests); comments are kept, each placed before the first node (metadata
// entry, declaration, condition, measure item, note) that followed it in the source.
import type { IToken } from "chevrotain";
import type {
  Condition,
  Json,
  MeasureGroup,
  MeasureItem,
  MetaValue,
  Note,
  Policy,
  TestCase,
  ValueDecl,
} from "../ast.js";
import { META_KEYS } from "../ast.js";
import { hasErrors, type Diagnostic } from "../diagnostics.js";
import { lex } from "../lexer.js";
import { parsePolicy } from "../parse.js";
import { isKeywordToken, KEYWORDS } from "../tokens.js";
import { keyword, printExpr, printValue, type Lang } from "./expr.js";

export interface FormatOptions {
  lang: Lang;
  /** Comment tokens (parsePolicy's `comments`); when absent, taken from `source` if given. */
  comments?: IToken[];
  /** The source text the policy was parsed from. */
  source?: string;
}

/** Records printed on one line up to this many characters. */
const JSON_LINE_WIDTH = 100;
/** Severity chains wrap past this width. */
const LINE_WIDTH = 100;

/** One output line: its indentation, text, and the source offsets of the nodes it starts. */
interface Line {
  indent: number;
  text: string;
  anchors: number[];
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

  line(indent: number, text: string, ...anchors: (number | undefined)[]): void {
    this.lines.push({ indent, text, anchors: anchors.filter((a): a is number => a !== undefined) });
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
    }
  }

  note(n: Note, indent: number): void {
    const parts = [this.kw("Note"), ...(n.article !== undefined ? [n.article] : []), str(n.text)];
    this.line(indent, parts.join(" "), n.span.start);
  }

  header(p: Policy): void {
    const entries = META_KEYS.flatMap((k) => {
      const v = p.meta[k];
      return v ? [{ k, v }] : [];
    });
    const head = `${this.kw("Policy")} ${str(p.id)} {`;
    if (entries.length === 0) {
      this.line(0, `${head}}`, p.span.start);
      return;
    }
    this.line(0, head, p.span.start);
    for (const { k, v } of entries) this.line(2, `${this.kw(KEY_NAME_BY_ID.get(k) as string)} ${this.meta(v)}`, v.span.start);
    this.line(0, "}");
  }

  severity(p: Policy): void {
    const s = p.severity;
    if (!s) return;
    this.line(0, `${this.kw("Severity")}${s.article !== undefined ? ` ${s.article}` : ""} {`, s.span.start);
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
    this.line(0, parts.join(" "), d.span.start);
  }

  value(v: ValueDecl): void {
    this.line(0, `${this.kw("Let")} ${v.name} = ${printValue(v.value, this.lang)}`, v.span.start);
    for (const n of v.notes) this.note(n, 2);
  }

  grade(g: GradeLike): void {
    const head = [this.kw("Grade"), g.id, str(g.label), ...(g.article !== undefined ? [g.article] : [])].join(" ");
    if (g.condition.kind === "Clause") {
      // A bare clause goes on its own line, like the clauses inside blocks.
      this.line(0, head, g.span.start);
      this.condition(g.condition, 2, "", []);
    } else this.condition(g.condition, 0, `${head} `, [g.span.start]);
  }

  /** Prints `c` starting on a line at `indent` whose text begins with `prefix`. */
  condition(c: Condition, indent: number, prefix: string, anchors: number[]): void {
    switch (c.kind) {
      case "AnyOf":
      case "AllOf": {
        const open = `${prefix}${this.kw(c.kind === "AnyOf" ? "Any" : "All")} {`;
        if (c.items.length === 0) {
          this.line(indent, `${open}}`, ...anchors, c.span.start);
          return;
        }
        this.line(indent, open, ...anchors, c.span.start);
        for (const item of c.items) this.condition(item, indent + 2, "", []);
        this.line(indent, "}");
        return;
      }
      case "NotCond":
        this.condition(c.item, indent, `${prefix}${this.kw("Not")} `, [...anchors, c.span.start]);
        return;
      case "Clause": {
        const head = [c.article, ...(c.text !== undefined ? [str(c.text)] : [])].join(" ");
        this.line(indent, `${prefix}${head}${this.colon}`, ...anchors, c.span.start);
        this.line(indent + 2, printExpr(c.when, this.lang));
        for (const n of c.notes) this.note(n, indent + 2);
        return;
      }
    }
  }

  measures(m: MeasureGroup): void {
    const head = [
      this.kw("Measures"),
      m.grade,
      this.kw(KEY_NAME_BY_ID.get(m.measureKind) as string),
      m.article,
      ...(m.text !== undefined ? [str(m.text)] : []),
    ].join(" ");
    this.block(head, m.items, 0, m.span.start);
  }

  private block(head: string, items: MeasureItem[], indent: number, anchor: number): void {
    if (items.length === 0) {
      this.line(indent, `${head} {}`, anchor);
      return;
    }
    this.line(indent, `${head} {`, anchor);
    for (const item of items) this.measureItem(item, indent + 2);
    this.line(indent, "}");
  }

  private measureItem(item: MeasureItem, indent: number): void {
    const head = [item.article, str(item.text), ...item.tags.map((t) => `${this.kw("Tag")} ${t.key} = ${t.value}`)].join(" ");
    if (item.items.length === 0) this.line(indent, head, item.span.start);
    else this.block(head, item.items, indent, item.span.start);
  }

  test(t: TestCase): void {
    this.line(0, `${this.kw("Test")} ${str(t.name)} ${this.kw("AsOf")} ${t.asOf} {`, t.span.start);
    const compact = jsonCompact(t.record);
    if (compact.length <= JSON_LINE_WIDTH) this.line(2, `${this.kw("RecordKw")} ${compact}`);
    else {
      const [first, ...rest] = jsonPretty(t.record, 0, JSON_LINE_WIDTH);
      this.line(2, `${this.kw("RecordKw")} ${first?.text ?? ""}`);
      for (const l of rest) this.line(2 + l.indent, l.text);
    }
    const e = t.expect;
    const expect = this.kw("Expect");
    if (e.grade !== undefined) this.line(2, `${expect} ${this.kw("Grade")} ${e.grade === null ? this.kw("None") : e.grade}`);
    if (e.matched !== undefined) this.line(2, [`${expect} ${this.kw("Matched")}`, e.matched.join(", ")].filter(Boolean).join(" "));
    if (e.measures !== undefined) this.line(2, [`${expect} ${this.kw("Measures")}`, e.measures.join(", ")].filter(Boolean).join(" "));
    this.line(0, "}");
  }
}

type GradeLike = Policy["grades"][number];

function str(s: string): string {
  return JSON.stringify(s);
}

/** A JSON number as the grammar's NumberLit accepts it: digits, an optional fraction, no exponent. */
function jsonNumber(n: number): string {
  if (Object.is(n, -0)) return "-0";
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const neg = n < 0;
  const [mant = "", expPart = "0"] = Math.abs(n).toExponential().split("e");
  const exp = Number(expPart);
  const digits = mant.replace(".", "");
  let out: string;
  if (exp >= 0) {
    out = digits.length - 1 <= exp ? digits + "0".repeat(exp - (digits.length - 1)) : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  } else out = `0.${"0".repeat(-exp - 1)}${digits}`;
  return neg ? `-${out}` : out;
}

function jsonCompact(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return jsonNumber(v);
  if (typeof v === "string") return str(v);
  if (Array.isArray(v)) return `[${v.map(jsonCompact).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${str(k)}: ${jsonCompact(x)}`)
    .join(", ")}}`;
}

/**
 * Pretty JSON as lines, 2-space indented: a value that fits on its line (within JSON_LINE_WIDTH
 * from the record's indentation) stays compact, larger ones break one entry per line.
 */
function jsonPretty(v: Json, indent: number, lead = 0): { indent: number; text: string }[] {
  const compact = jsonCompact(v);
  if (indent + lead + compact.length <= JSON_LINE_WIDTH) return [{ indent, text: compact }];
  const entries: [string, Json][] | undefined =
    v !== null && typeof v === "object"
      ? Array.isArray(v)
        ? v.map((x) => ["", x])
        : Object.entries(v)
      : undefined;
  if (!entries || entries.length === 0) return [{ indent, text: jsonCompact(v) }];
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  const out = [{ indent, text: open }];
  entries.forEach(([k, x], i) => {
    const key = Array.isArray(v) ? "" : `${str(k)}: `;
    const lines = jsonPretty(x, indent + 2, key.length + 1);
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
  for (const v of policy.values) p.value(v);
  p.blank();
  for (const g of policy.grades) {
    p.grade(g);
    p.blank();
  }
  if (policy.precedence) {
    p.line(0, `${p.kw("Precedence")} ${policy.precedence.order.map((o) => o.id).join(" > ")}`, policy.precedence.span.start);
  }
  if (policy.default) {
    p.line(0, `${p.kw("Default")} ${policy.default.grade === null ? p.kw("None") : policy.default.grade}`, policy.default.span.start);
  }
  p.blank();
  for (const m of policy.measures) {
    p.measures(m);
    p.blank();
  }
  for (const n of policy.notices) {
    const parts = [p.kw("Notice"), n.grade, n.article, str(n.text), p.kw("Options"), n.options.map(str).join(", ")];
    p.line(0, parts.join(" "), n.span.start);
  }
  for (const r of policy.recordKeeping) p.line(0, `${p.kw("RecordKeeping")} ${r.article} ${str(r.text)}`, r.span.start);
  p.blank();
  for (const t of policy.tests) p.test(t);

  const comments = (opts.comments ?? (opts.source !== undefined ? lex(opts.source, "").comments : []))
    .filter((c) => !Number.isNaN(c.startOffset))
    .slice()
    .sort((a, b) => a.startOffset - b.startOffset);
  // Each comment goes before the first node that starts after it; those after the last node, last.
  const anchors = [...new Set(p.lines.flatMap((l) => (l ? l.anchors : [])))].sort((a, b) => a - b);
  const byAnchor = new Map<number, IToken[]>();
  const trailing: IToken[] = [];
  for (const c of comments) {
    const anchor = anchors.find((a) => a > c.startOffset);
    if (anchor === undefined) trailing.push(c);
    else byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), c]);
  }

  const out: string[] = [];
  for (const l of p.lines) {
    if (l === null) {
      out.push("");
      continue;
    }
    const pad = " ".repeat(l.indent);
    const before = l.anchors
      .flatMap((a) => byAnchor.get(a) ?? [])
      .sort((a, b) => a.startOffset - b.startOffset);
    // A comment group at the top level reads as a section heading: set it off by a blank line.
    const prev = out[out.length - 1];
    if (before.length > 0 && l.indent === 0 && prev !== undefined && prev !== "" && !isComment(prev)) out.push("");
    for (const c of before) out.push(pad + commentText(c));
    out.push(pad + l.text);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  if (trailing.length > 0) {
    if (out.length > 0) out.push("");
    for (const c of trailing) out.push(commentText(c));
  }
  return `${out.join("\n")}\n`;
}

function isComment(line: string): boolean {
  return /^\s*(?:#|\/\/)/.test(line);
}

function commentText(c: IToken): string {
  return c.image.trimEnd();
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
  const out = formatPolicy(parsed.policy, { lang: lang ?? detectLang(parsed.tokens), comments: parsed.comments, source: text });
  return { text: out, diagnostics: parsed.diagnostics };
}
