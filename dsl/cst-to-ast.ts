// CST → AST. Tolerates the holes error recovery leaves (a missing token yields no node or an
// empty value) so the editor still gets an AST to work with; the parse errors say what is wrong.
import type { CstElement, CstNode, IToken } from "chevrotain";
import type {
  Aggregate,
  BandsDecl,
  CategoryDecl,
  ItemRuleDecl,
  ObligationDecl,
  ModelDecl,
  ModelItem,
  Requirement,
  Bound,
  Clause,
  Condition,
  Expectation,
  Expr,
  GradeDecl,
  Json,
  MeasureGroup,
  MeasureItem,
  MeasureKindId,
  MetaKeyId,
  MetaValue,
  Note,
  NotEncodedReason,
  Policy,
  RequirementKind,
  Quantity,
  TestCase,
  ValueDecl,
} from "./ast.js";
import type { Marker } from "./boundary.js";
import { diag, withRelated, type Diagnostic } from "../diagnostics/diagnostics.js";
import { joinSpans, type Span } from "../diagnostics/span.js";
import { tokenSpan } from "./token-span.js";
import { AGGREGATES, aggregateOfKeyword } from "./aggregates.js";
import { BOUNDARY_ID_BY_TOKEN, KEYWORD_ID_BY_TOKEN, KEYWORDS } from "./tokens.js";
import { UNIT_SPELLINGS } from "./units.js";
import { writtenNumber } from "./json-number.js";

type Children = Record<string, CstElement[] | undefined>;

/** A keyword token's name as the messages show it: its Chinese and English spellings. */
const KEYWORD_LABELS = new Map(KEYWORDS.map((k) => [k.name, [k.zh[0], k.en[0]].filter(Boolean).join(" / ")]));

function isToken(e: CstElement | undefined): e is IToken {
  return !!e && "image" in e;
}

/** A real token (not one error recovery invented). */
function real(t: IToken | undefined): t is IToken {
  return !!t && !t.isInsertedInRecovery && !Number.isNaN(t.startOffset);
}

export function normalizeArticle(image: string): string {
  return image.replace(/\(/g, "（").replace(/\)/g, "）");
}

export function stringValue(image: string): string {
  if (image.startsWith('"')) {
    try {
      return JSON.parse(image) as string;
    } catch {
      return image.slice(1, -1);
    }
  }
  return image.slice(1, -1);
}

export function unitId(image: string): string | undefined {
  const text = image.trim().replace(/\s+/g, " ");
  return UNIT_SPELLINGS.find((u) => u.text === text)?.unit.id;
}

export class CstToAst {
  readonly diagnostics: Diagnostic[] = [];
  /** Where each metadata key was first written: a duplicate points back at it. */
  private readonly metaKeySpans = new Map<MetaKeyId, Span>();
  /** Where each statement that may occur once was first written (by its keyword, or keyword and what it names). */
  private readonly onceSpans = new Map<string, Span>();

  /**
   * A statement that may occur once (优先顺序, 默认等级, 严重程度, 不予计入, 评价时点 …) written again:
   * CP-E0110 at the repeat, pointing back at the first. The first stays in force, as the formatter
   * would otherwise silently keep only one.
   */
  private once(n: CstNode, key = ""): boolean {
    const kw = Object.values(n.children as Children)
      .flat()
      .filter(isToken)
      .filter(real)
      .sort((a, b) => a.startOffset - b.startOffset)[0];
    const what = kw ? (KEYWORD_LABELS.get(kw.tokenType.name) ?? kw.image) + (key ? ` ${key}` : "") : key;
    const id = `${kw?.tokenType.name ?? n.name}\u0000${key}`;
    const first = this.onceSpans.get(id);
    if (first) {
      this.diagnostics.push(withRelated(diag("CP-E0110", this.span(n), [what]), first, "note/first-written"));
      return false;
    }
    this.onceSpans.set(id, this.span(n));
    return true;
  }

  constructor(private readonly file: string) {}

  private span(node: CstNode): Span {
    const loc = node.location;
    if (!loc || Number.isNaN(loc.startOffset)) return { file: this.file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 };
    return {
      file: this.file,
      line: loc.startLine ?? 1,
      col: loc.startColumn ?? 1,
      endLine: loc.endLine ?? loc.startLine ?? 1,
      endCol: loc.endColumn ?? loc.startColumn ?? 1,
      start: loc.startOffset,
      end: (Number.isNaN(loc.endOffset ?? NaN) ? loc.startOffset : (loc.endOffset as number)) + 1,
    };
  }

  private tspan(t: IToken): Span {
    return tokenSpan(this.file, t);
  }

  private toks(n: CstNode, name: string): IToken[] {
    return ((n.children as Children)[name] ?? []).filter(isToken).filter(real);
  }

  private tok(n: CstNode, name: string, i = 0): IToken | undefined {
    return this.toks(n, name)[i];
  }

  private nodes(n: CstNode, name: string): CstNode[] {
    return ((n.children as Children)[name] ?? []).filter((e): e is CstNode => !isToken(e));
  }

  private node(n: CstNode, name: string, i = 0): CstNode | undefined {
    return this.nodes(n, name)[i];
  }

  private str(n: CstNode, i = 0): string | undefined {
    const t = this.tok(n, "StringLit", i);
    return t ? stringValue(t.image) : undefined;
  }

  private article(n: CstNode, i = 0): string | undefined {
    const t = this.tok(n, "Article", i);
    return t ? normalizeArticle(t.image) : undefined;
  }

  policyFile(root: CstNode): Policy | undefined {
    const header = this.node(root, "policyHeader");
    if (!header) return undefined;
    const idTok = this.tok(header, "StringLit") ?? this.tok(header, "Identifier");
    const policy: Policy = {
      kind: "Policy",
      id: idTok ? (idTok.tokenType.name === "StringLit" ? stringValue(idTok.image) : idTok.image) : "",
      meta: {},
      notes: [],
      values: [],
      grades: [],
      measures: [],
      notices: [],
      recordKeeping: [],
      tests: [],
      span: this.span(root),
    };
    for (const entry of this.nodes(header, "metaEntry")) this.metaEntry(entry, policy);
    for (const decl of this.nodes(root, "declaration")) this.declaration(decl, policy);
    return policy;
  }

  private metaEntry(n: CstNode, policy: Policy): void {
    const keyTok = this.tok(n, "MetaKey");
    if (!keyTok) return;
    const key = KEYWORD_ID_BY_TOKEN.get(keyTok.tokenType.name) as MetaKeyId;
    let value: MetaValue | undefined;
    const s = this.tok(n, "StringLit");
    const d = this.tok(n, "DateLit");
    const b = this.tok(n, "BoolLit");
    const u = this.tok(n, "Unstated");
    if (s) value = { kind: "string", value: stringValue(s.image), span: this.tspan(s) };
    else if (d) value = { kind: "date", value: d.image, span: this.tspan(d) };
    else if (b) value = { kind: "bool", value: b.tokenType.name === "True", span: this.tspan(b) };
    else if (u) value = { kind: "unstated", span: this.tspan(u) };
    else if (this.tok(n, "Todo")) value = { kind: "todo", span: this.tspan(this.tok(n, "Todo") as IToken) };
    if (!value) return;
    if (policy.meta[key]) this.diagnostics.push(withRelated(diag("CP-E0106", this.tspan(keyTok), [keyTok.image]), this.metaKeySpans.get(key)));
    else this.metaKeySpans.set(key, this.tspan(keyTok));
    policy.meta[key] = value;
  }

  private declaration(n: CstNode, policy: Policy): void {
    const [child] = Object.values(n.children as Children).flat().filter((e): e is CstNode => !isToken(e));
    if (!child) return;
    switch (child.name) {
      case "noteDecl":
        policy.notes.push(this.note(child));
        break;
      case "severityDecl": {
        if (!this.once(child)) break;
        const chain = this.node(child, "severityChain");
        policy.severity = {
          kind: "Severity",
          ...opt("article", this.article(child)),
          ranks: chain ? this.severityChain(chain) : [],
          span: this.span(child),
        };
        break;
      }
      case "disregardDecl":
        if (!this.once(child)) break;
        policy.disregard = {
          kind: "Disregard",
          statuses: this.toks(child, "Identifier").map((t) => t.image),
          article: this.article(child) ?? "",
          ...opt("text", this.str(child)),
          span: this.span(child),
        };
        break;
      case "valueDecl":
        policy.values.push(this.valueDecl(child));
        break;
      case "gradeDecl":
        policy.grades.push(this.gradeDecl(child));
        break;
      case "precedenceDecl":
        if (!this.once(child)) break;
        policy.precedence = {
          kind: "Precedence",
          order: this.toks(child, "Identifier").map((t) => ({ id: t.image, span: this.tspan(t) })),
          span: this.span(child),
        };
        break;
      case "defaultDecl": {
        if (!this.once(child)) break;
        const id = this.tok(child, "Identifier");
        policy.default = { kind: "Default", grade: id ? id.image : null, span: this.span(child) };
        break;
      }
      case "gradeMapDecl":
        if (!this.once(child, JSON.stringify(this.str(child) ?? ""))) break;
        (policy.gradeMaps ??= []).push({
          kind: "GradeMap",
          from: this.str(child) ?? "",
          pairs: this.nodes(child, "gradeMapEntry").map((e) => {
            const [from, to] = this.toks(e, "Identifier");
            return { from: from?.image ?? "", to: to ? to.image : null, span: this.span(e) };
          }),
          span: this.span(child),
        });
        break;
      case "measuresDecl":
        policy.measures.push(this.measuresDecl(child));
        break;
      case "noticeDecl":
        policy.notices.push({
          kind: "Notice",
          grade: this.tok(child, "Identifier")?.image ?? "",
          article: this.article(child) ?? "",
          text: this.str(child) ?? "",
          options: this.toks(child, "StringLit").slice(1).map((t) => stringValue(t.image)),
          span: this.span(child),
        });
        break;
      case "recordKeepingDecl":
        policy.recordKeeping.push({
          kind: "RecordKeeping",
          article: this.article(child) ?? "",
          text: this.str(child) ?? "",
          span: this.span(child),
        });
        break;
      case "testDecl":
        policy.tests.push(this.testDecl(child));
        break;
      case "bandsDecl":
        (policy.bands ??= []).push(this.bandsDecl(child));
        break;
      case "overrideDecl":
        (policy.overrides ??= []).push({
          kind: "Override",
          grade: this.tok(child, "Identifier")?.image ?? "",
          article: this.article(child) ?? "",
          ...opt("text", this.str(child)),
          when: this.exprOf(child),
          span: this.span(child),
        });
        break;
      case "categoryDecl":
        (policy.categories ??= []).push(this.categoryDecl(child));
        break;
      case "modelDecl":
        (policy.models ??= []).push(this.modelDecl(child));
        break;
      case "obligationDecl":
        (policy.obligations ??= []).push(this.obligationDecl(child));
        break;
      case "paramDecl":
        (policy.params ??= []).push({
          kind: "Param",
          name: this.tok(child, "Identifier")?.image ?? "",
          value: this.primaryOf(child),
          ...opt("article", this.article(child)),
          ...opt("text", this.str(child)),
          span: this.span(child),
        });
        break;
      case "fieldDecl": {
        const [part, name, type] = this.toks(child, "Identifier");
        (policy.fields ??= []).push({
          kind: "Field",
          part: part?.image ?? "",
          name: name?.image ?? "",
          type: type?.image ?? "",
          ...opt("description", this.str(child)),
          span: this.span(child),
        });
        break;
      }
      case "filterDecl":
        (policy.filters ??= []).push({ kind: "Filter", name: this.tok(child, "Identifier")?.image ?? "", when: this.exprOf(child), span: this.span(child) });
        break;
      case "itemRuleDecl":
        (policy.itemRules ??= []).push(this.itemRuleDecl(child));
        break;
      case "snapshotDecl": {
        if (!this.once(child)) break;
        const [month, day] = this.nodes(child, "primary").map((p) => this.primary(p));
        const none: Expr = { kind: "None", span: this.span(child) };
        policy.snapshot = {
          kind: "Snapshot",
          ...opt("article", this.article(child)),
          ...opt("text", this.str(child)),
          month: month ?? none,
          day: day ?? none,
          span: this.span(child),
        };
        break;
      }
      case "annexDecl":
        (policy.annexes ??= []).push({
          kind: "Annex",
          title: this.str(child) ?? "",
          ...opt("article", this.article(child)),
          rows: this.nodes(child, "annexRow").map((r) => ({
            unit: this.str(r) ?? "",
            domain: this.str(r, 1) ?? "",
            span: this.span(r),
          })),
          span: this.span(child),
        });
        break;
      case "collectsDecl":
        if (!this.once(child)) break;
        policy.collects = {
          kind: "Collects",
          ...opt("article", this.article(child)),
          items: this.toks(child, "StringLit").map((t) => ({ text: stringValue(t.image), span: this.tspan(t) })),
          span: this.span(child),
        };
        break;
      case "requiresDecl": {
        if (!this.once(child)) break;
        const exceptions = this.nodes(child, "exceptionDecl").map((x) => ({
          kind: "Exception" as const,
          article: this.article(x) ?? "",
          ...opt("text", this.str(x)),
          exempts: this.exemptKinds(x),
          span: this.span(x),
        }));
        policy.requires = {
          kind: "Requires",
          article: this.article(child) ?? "",
          ...opt("text", this.str(child)),
          items: this.nodes(child, "requirement").map((r) => this.requirement(r)),
          ...(exceptions.length ? { exceptions } : {}),
          span: this.span(child),
        };
        break;
      }
      case "notEncodedDecl": {
        // The string before the reason is the quote, the one after it the reason's words.
        const reasonTok = this.tok(child, "ReasonKind");
        const at = reasonTok?.startOffset ?? Infinity;
        const strings = this.toks(child, "StringLit");
        const quote = strings.find((t) => t.startOffset < at);
        const note = strings.find((t) => t.startOffset > at);
        const citations = [...this.toks(child, "Article"), ...this.toks(child, "Annex")].sort((a, b) => a.startOffset - b.startOffset);
        (policy.notEncoded ??= []).push({
          kind: "NotEncoded",
          articles: citations.map((t) => ({ article: t.tokenType.name === "Annex" ? "附件" : normalizeArticle(t.image), span: this.tspan(t) })),
          ...opt("quote", quote ? stringValue(quote.image) : undefined),
          reason: (reasonTok ? KEYWORD_ID_BY_TOKEN.get(reasonTok.tokenType.name) : "procedural") as NotEncodedReason,
          ...opt("note", note ? stringValue(note.image) : undefined),
          span: this.span(child),
        });
        break;
      }
      case "periodDecl":
        if (policy.period) this.diagnostics.push(withRelated(diag("CP-E0302", this.span(child), ["period"]), policy.period.span));
        policy.period = { kind: "Period", ...opt("article", this.article(child)), text: this.str(child) ?? "", span: this.span(child) };
        break;
      case "claimDecl":
        (policy.claims ??= []).push({ kind: "Claim", article: this.article(child) ?? "", ...opt("text", this.str(child)), span: this.span(child) });
        break;
    }
  }

  private categoryDecl(n: CstNode): CategoryDecl {
    const c = this.node(n, "condition");
    return {
      kind: "Category",
      id: this.tok(n, "Identifier")?.image ?? "",
      label: this.str(n) ?? "",
      ...opt("article", this.article(n)),
      condition: c ? this.condition(c) : { kind: "AnyOf", items: [], span: this.span(n) },
      span: this.span(n),
    };
  }

  private obligationDecl(n: CstNode): ObligationDecl {
    const q = this.node(n, "quantity");
    const ids = this.toks(n, "Identifier");
    const where = this.node(n, "expression");
    const due = this.node(n, "additive");
    return {
      kind: "Obligation",
      name: ids[0]?.image ?? "",
      article: this.article(n) ?? "",
      text: this.str(n) ?? "",
      ...opt("source", ids[1]?.image),
      ...opt("where", where ? this.expression(where) : undefined),
      ...opt("window", q ? { amount: this.quantity(q), span: this.span(q) } : undefined),
      ...opt("due", due ? this.additive(due) : undefined),
      span: this.span(n),
    };
  }

  private itemRuleDecl(n: CstNode): ItemRuleDecl {
    const ids = this.toks(n, "Identifier");
    return {
      kind: "ItemRule",
      name: ids[0]?.image ?? "",
      part: ids[1]?.image ?? "",
      ...opt("article", this.article(n)),
      ...opt("text", this.str(n)),
      notes: this.nodes(n, "noteDecl").map((x) => this.note(x)),
      values: this.nodes(n, "valueDecl").map((x) => this.valueDecl(x)),
      outputs: this.nodes(n, "outputDecl").map((x) => {
        const c = this.node(x, "condition");
        return {
          kind: "Output" as const,
          name: this.tok(x, "Identifier")?.image ?? "",
          ...opt("article", this.article(x)),
          condition: c ? this.condition(c) : { kind: "AnyOf" as const, items: [], span: this.span(x) },
          span: this.span(x),
        };
      }),
      categories: this.nodes(n, "categoryDecl").map((x) => this.categoryDecl(x)),
      measures: this.nodes(n, "measuresDecl").map((x) => this.measuresDecl(x)),
      obligations: this.nodes(n, "obligationDecl").map((x) => this.obligationDecl(x)),
      span: this.span(n),
    };
  }

  private primaryOf(n: CstNode): Expr {
    const p = this.node(n, "primary");
    return p ? this.primary(p) : { kind: "None", span: this.span(n) };
  }

  private exprOf(n: CstNode): Expr {
    const e = this.node(n, "expression");
    return e ? this.expression(e) : { kind: "None", span: this.span(n) };
  }

  private bandsDecl(n: CstNode): BandsDecl {
    const prims = this.nodes(n, "primary").map((p) => this.primary(p));
    const subject = this.node(n, "additive");
    const none: Expr = { kind: "None", span: this.span(n) };
    return {
      kind: "Bands",
      name: this.tok(n, "Identifier")?.image ?? "",
      ...opt("article", this.article(n)),
      subject: subject ? this.additive(subject) : none,
      range: { min: prims[0] ?? none, max: prims[1] ?? none },
      items: this.nodes(n, "bandItem").map((b) => ({
        kind: "Band" as const,
        grade: this.tok(b, "Identifier")?.image ?? "",
        label: this.str(b) ?? "",
        article: this.article(b) ?? "",
        ...opt("text", this.str(b, 1)),
        bounds: this.nodes(b, "bound").map((x) => this.bound(x)),
        span: this.span(b),
      })),
      span: this.span(n),
    };
  }

  private modelDecl(n: CstNode): ModelDecl {
    const prims = this.nodes(n, "primary").map((p) => this.primary(p));
    const none: Expr = { kind: "None", span: this.span(n) };
    return {
      kind: "Model",
      name: this.tok(n, "Identifier")?.image ?? "",
      ...opt("article", this.article(n)),
      ...opt("text", this.str(n)),
      total: prims[0] ?? none,
      missing: prims[1] ?? none,
      items: this.nodes(n, "modelItem").map((m) => this.modelItem(m)),
      span: this.span(n),
    };
  }

  private modelItem(n: CstNode): ModelItem {
    const prims = this.nodes(n, "primary").map((p) => this.primary(p));
    const value = this.node(n, "additive");
    const base = {
      name: this.tok(n, "Identifier")?.image ?? "",
      value: value ? this.additive(value) : ({ kind: "None", span: this.span(n) } as Expr),
      span: this.span(n),
    };
    if (this.tok(n, "Indicator")) return { kind: "Indicator", ...base, ...opt("weight", prims[0]) };
    return {
      kind: this.tok(n, "Deduct") ? "Deduct" : "Bonus",
      ...base,
      ...opt("each", prims[0]),
      ...opt("max", prims[1]),
    };
  }

  private exemptKinds(n: CstNode): { kind: RequirementKind; span: Span }[] {
    const byToken: Record<string, RequirementKind> = { Collects: "collects", Grade: "grades", Model: "model", Period: "period", Measures: "measures" };
    return Object.entries(byToken)
      .flatMap(([tok, kind]) => this.toks(n, tok).map((t) => ({ kind, t })))
      .sort((a, b) => a.t.startOffset - b.t.startOffset)
      .map(({ kind, t }) => ({ kind, span: this.tspan(t) }));
  }

  private requirement(n: CstNode): Requirement {
    const span = this.span(n);
    if (this.tok(n, "Collects")) return { kind: "collects", span };
    if (this.tok(n, "Period")) return { kind: "period", span };
    if (this.tok(n, "Measures")) return { kind: "measures", span };
    const p = this.node(n, "primary");
    if (this.tok(n, "Model")) return { kind: "model", total: p ? this.primary(p) : { kind: "None", span }, span };
    const ids = this.toks(n, "Identifier");
    const labels = this.toks(n, "StringLit");
    return { kind: "grades", grades: ids.map((t, i) => ({ id: t.image, label: labels[i] ? stringValue((labels[i] as IToken).image) : "" })), span };
  }

  note(n: CstNode): Note {
    return { kind: "Note", ...opt("article", this.article(n)), text: this.str(n) ?? "", span: this.span(n) };
  }

  severityChain(n: CstNode): { kinds: string[]; span: Span }[] {
    // Tokens in source order: names separated by < (new rank) or = (same rank).
    const elems = [...this.toks(n, "Identifier"), ...this.toks(n, "Lt"), ...this.toks(n, "Eq")].sort(
      (a, b) => a.startOffset - b.startOffset,
    );
    const ranks: { kinds: string[]; span: Span }[] = [];
    let current: { kinds: string[]; span: Span } | undefined;
    for (const t of elems) {
      if (t.tokenType.name === "Identifier") {
        if (!current) {
          current = { kinds: [t.image], span: this.tspan(t) };
          ranks.push(current);
        } else {
          current.kinds.push(t.image);
          current.span = joinSpans(current.span, this.tspan(t));
        }
      } else if (t.tokenType.name === "Lt") current = undefined;
    }
    return ranks;
  }

  private valueDecl(n: CstNode): ValueDecl {
    const valueNode = this.node(n, "valueExpr");
    return {
      kind: "Value",
      name: this.tok(n, "Identifier")?.image ?? "",
      value: valueNode ? this.valueExpr(valueNode) : { kind: "None", span: this.span(n) },
      notes: this.nodes(n, "noteDecl").map((x) => this.note(x)),
      span: this.span(n),
    };
  }

  valueExpr(n: CstNode): Expr {
    const agg = this.node(n, "aggregate");
    if (agg) return this.aggregate(agg);
    const e = this.node(n, "expression");
    return e ? this.expression(e) : { kind: "None", span: this.span(n) };
  }

  private aggregate(n: CstNode): Aggregate {
    const ids = this.toks(n, "Identifier");
    const exprs = this.nodes(n, "expression");
    const q = this.node(n, "quantity");
    const window = q ? { amount: this.quantity(q), span: this.span(q) } : undefined;
    const span = this.span(n);
    const source = ids[0]?.image ?? "";
    const word = this.tok(n, "AggregateOfWord") ?? this.tok(n, "AggregateWord");
    const fn = (word && aggregateOfKeyword(word.tokenType.name)) ?? "count";
    const takesOf = AGGREGATES[fn].of;
    const of = takesOf ? (exprs[0] ? this.expression(exprs[0]) : ({ kind: "None", span } as Expr)) : undefined;
    const whereNode = exprs[takesOf ? 1 : 0];
    const where = whereNode ? this.expression(whereNode) : undefined;
    return { kind: "Aggregate", fn, ...opt("of", of), source, ...opt("where", where), ...opt("window", window), span };
  }

  private gradeDecl(n: CstNode): GradeDecl {
    const c = this.node(n, "condition");
    return {
      kind: "Grade",
      id: this.tok(n, "Identifier")?.image ?? "",
      label: this.str(n) ?? "",
      ...opt("article", this.article(n)),
      condition: c ? this.condition(c) : { kind: "AnyOf", items: [], span: this.span(n) },
      span: this.span(n),
    };
  }

  condition(n: CstNode): Condition {
    const any = this.node(n, "anyBlock");
    if (any) return { kind: "AnyOf", items: this.nodes(any, "condition").map((c) => this.condition(c)), span: this.span(any) };
    const all = this.node(n, "allBlock");
    if (all) return { kind: "AllOf", items: this.nodes(all, "condition").map((c) => this.condition(c)), span: this.span(all) };
    const not = this.node(n, "notCondition");
    if (not) {
      const inner = this.node(not, "condition");
      return {
        kind: "NotCond",
        item: inner ? this.condition(inner) : { kind: "AnyOf", items: [], span: this.span(not) },
        span: this.span(not),
      };
    }
    const c = this.node(n, "clause");
    return c ? this.clause(c) : { kind: "AnyOf", items: [], span: this.span(n) };
  }

  private clause(n: CstNode): Clause {
    const e = this.node(n, "expression");
    return {
      kind: "Clause",
      article: this.article(n) ?? "",
      ...opt("text", this.str(n)),
      when: e ? this.expression(e) : { kind: "None", span: this.span(n) },
      notes: this.nodes(n, "noteDecl").map((x) => this.note(x)),
      span: this.span(n),
    };
  }

  private measuresDecl(n: CstNode): MeasureGroup {
    const kindTok = this.tok(n, "MeasureKind");
    const block = this.node(n, "measureBlock");
    return {
      kind: "Measures",
      grade: this.tok(n, "Identifier")?.image ?? "",
      ...opt("measureKind", kindTok ? (KEYWORD_ID_BY_TOKEN.get(kindTok.tokenType.name) as MeasureKindId) : undefined),
      article: this.article(n) ?? "",
      ...opt("text", this.str(n)),
      items: block ? this.nodes(block, "measureItem").map((i) => this.measureItem(i)) : [],
      span: this.span(n),
    };
  }

  private measureItem(n: CstNode): MeasureItem {
    const block = this.node(n, "measureBlock");
    return {
      kind: "MeasureItem",
      article: this.article(n) ?? "",
      text: this.str(n) ?? "",
      tags: this.nodes(n, "tag").map((t) => {
        const [k, v] = this.toks(t, "Identifier");
        return { key: k?.image ?? "", value: v?.image ?? "", span: this.span(t) };
      }),
      items: block ? this.nodes(block, "measureItem").map((i) => this.measureItem(i)) : [],
      span: this.span(n),
    };
  }

  private testDecl(n: CstNode): TestCase {
    const expect: Expectation = {};
    const expectOnce = new Map<string, Span>();
    /** `预期 等级` and the other single expectations of a case: CP-E0110 when written twice. */
    const onceIn = (e: CstNode, what: string): boolean => {
      const first = expectOnce.get(what);
      if (first) {
        this.diagnostics.push(withRelated(diag("CP-E0110", this.span(e), [what]), first, "note/first-written"));
        return false;
      }
      expectOnce.set(what, this.span(e));
      return true;
    };
    for (const e of this.nodes(n, "expectation")) {
      const single = this.tok(e, "Grade") ?? this.tok(e, "Matched") ?? this.tok(e, "Measures") ?? this.tok(e, "Category");
      if (single && !onceIn(e, `${KEYWORD_LABELS.get("Expect") ?? "预期"} ${KEYWORD_LABELS.get(single.tokenType.name) ?? single.image}`)) continue;
      if (this.tok(e, "Grade")) {
        const id = this.tok(e, "Identifier");
        expect.grade = id ? id.image : null;
      } else if (this.tok(e, "Matched")) {
        expect.matched = this.toks(e, "Article").map((t) => normalizeArticle(t.image));
      } else if (this.tok(e, "Measures")) {
        expect.measures = this.toks(e, "Article").map((t) => normalizeArticle(t.image));
      } else if (this.tok(e, "Category")) {
        expect.categories = this.toks(e, "Identifier").map((t) => t.image);
      } else if (this.tok(e, "Obligation")) {
        const [name, status] = this.toks(e, "Identifier");
        expect.obligations ??= [];
        if (!name) continue;
        expect.obligations.push({
          name: name?.image ?? "",
          due: this.tok(e, "DateLit")?.image ?? null,
          status: status?.image ?? "",
          span: this.span(e),
        });
      } else if (this.tok(e, "Model")) {
        const q = this.node(e, "quantity");
        (expect.scores ??= []).push({ name: this.tok(e, "Identifier")?.image ?? "", value: q ? this.quantity(q).value : "", span: this.span(e) });
      } else if (this.tok(e, "ItemRule")) {
        (expect.items ??= []).push({
          pointer: this.str(e) ?? "",
          output: this.tok(e, "Identifier")?.image ?? "",
          value: this.primaryOf(e),
          span: this.span(e),
        });
      }
    }
    const recordSpans: Record<string, Span> = {};
    const recordNumbers: Record<string, string> = {};
    const jsonNode = this.node(n, "json");
    return {
      kind: "Test",
      name: this.str(n) ?? "",
      asOf: this.tok(n, "DateLit")?.image ?? "",
      record: jsonNode ? this.json(jsonNode, "", recordSpans, recordNumbers) : null,
      recordSpans,
      ...(Object.keys(recordNumbers).length ? { recordNumbers } : {}),
      expect,
      span: this.span(n),
    };
  }

  json(n: CstNode, path: string, spans: Record<string, Span>, numbers: Record<string, string> = {}): Json {
    spans[path] = this.span(n);
    const obj = this.node(n, "jsonObject");
    if (obj) {
      const out: { [k: string]: Json } = {};
      const keys = this.toks(obj, "StringLit");
      const values = this.nodes(obj, "json");
      keys.forEach((k, i) => {
        const key = stringValue(k.image);
        const v = values[i];
        // defineProperty: a key "__proto__" is a key like any other.
        if (v) Object.defineProperty(out, key, { value: this.json(v, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, spans, numbers), enumerable: true, writable: true, configurable: true });
      });
      return out;
    }
    const arr = this.node(n, "jsonArray");
    if (arr) return this.nodes(arr, "json").map((v, i) => this.json(v, `${path}/${i}`, spans, numbers));
    const s = this.tok(n, "StringLit");
    if (s) return stringValue(s.image);
    const num = this.tok(n, "NumberLit");
    if (num) {
      const text = (this.tok(n, "Minus") ? "-" : "") + num.image;
      const read = writtenNumber(text);
      if ("refused" in read) {
        this.diagnostics.push(diag("CP-E0109", this.span(n), [text, String(Number(text))]));
        return Number(text);
      }
      if (read.written !== undefined) numbers[path] = read.written;
      return read.value;
    }
    const b = this.tok(n, "BoolLit");
    if (b) return b.tokenType.name === "True";
    return null;
  }

  expression(n: CstNode): Expr {
    const operands = this.nodes(n, "andExpr").map((a) => this.andExpr(a));
    if (operands.length === 1) return operands[0] as Expr;
    return { kind: "Or", operands, span: this.span(n) };
  }

  private andExpr(n: CstNode): Expr {
    const operands = this.nodes(n, "notExpr").map((a) => this.notExpr(a));
    if (operands.length === 1) return operands[0] as Expr;
    return { kind: "And", operands, span: this.span(n) };
  }

  private notExpr(n: CstNode): Expr {
    const inner = this.node(n, "notExpr");
    if (inner) return { kind: "Not", operand: this.notExpr(inner), span: this.span(n) };
    const c = this.node(n, "comparison");
    return c ? this.comparison(c) : { kind: "None", span: this.span(n) };
  }

  private comparison(n: CstNode): Expr {
    const adds = this.nodes(n, "additive");
    const left = adds[0] ? this.additive(adds[0]) : ({ kind: "None", span: this.span(n) } as Expr);
    if (this.tok(n, "In")) {
      return { kind: "In", left, items: adds.slice(1).map((a) => this.additive(a)), span: this.span(n) };
    }
    const bounds = this.nodes(n, "bound").map((b) => this.bound(b));
    if (bounds.length === 0) return left;
    return { kind: "Compare", left, bounds, span: this.span(n) };
  }

  bound(n: CstNode): Bound {
    const opTok = this.tok(n, "CmpOp");
    const wordTok = this.tok(n, "BoundaryWord");
    const markerTok = this.tok(n, "Marker");
    const marker: Marker | undefined = markerTok ? (markerTok.tokenType.name === "Inclusive" ? "incl" : "excl") : undefined;
    const add = this.node(n, "additive");
    const q = this.node(n, "quantity");
    const right: Expr = add ? this.additive(add) : q ? this.quantity(q) : { kind: "None", span: this.span(n) };
    const b: Bound = { right, span: this.span(n), ...opt("marker", marker) };
    if (opTok) b.op = OPS[opTok.tokenType.name] ?? "=";
    if (wordTok) {
      const id = BOUNDARY_ID_BY_TOKEN.get(wordTok.tokenType.name);
      if (id) b.word = id;
    }
    return b;
  }

  private additive(n: CstNode): Expr {
    const prims = this.nodes(n, "primary").map((p) => this.primary(p));
    const ops = [...this.toks(n, "Plus"), ...this.toks(n, "Minus")].sort((a, b) => a.startOffset - b.startOffset);
    let acc = prims[0] ?? ({ kind: "None", span: this.span(n) } as Expr);
    for (let i = 1; i < prims.length; i++) {
      const right = prims[i] as Expr;
      acc = { kind: "Arith", op: ops[i - 1]?.image === "-" ? "-" : "+", left: acc, right, span: joinSpans(acc.span, right.span) };
    }
    return acc;
  }

  private primary(n: CstNode): Expr {
    const span = this.span(n);
    const q = this.node(n, "quantity");
    if (q) return this.quantity(q);
    const d = this.tok(n, "DateLit");
    if (d) return { kind: "Date", value: d.image, span };
    const s = this.tok(n, "StringLit");
    if (s) return { kind: "String", value: stringValue(s.image), span };
    const b = this.tok(n, "BoolLit");
    if (b) return { kind: "Bool", value: b.tokenType.name === "True", span };
    if (this.tok(n, "None")) return { kind: "None", span };
    if (this.tok(n, "Todo")) return { kind: "Placeholder", span };
    const ref = this.node(n, "reference");
    if (ref) return this.reference(ref);
    const agg = this.node(n, "aggregate");
    if (agg) return this.aggregate(agg);
    const e = this.node(n, "expression");
    return e ? { kind: "Paren", expr: this.expression(e), span } : { kind: "None", span };
  }

  private reference(n: CstNode): Expr {
    const ids = this.toks(n, "Identifier");
    const head = ids[0];
    let expr: Expr;
    if (this.tok(n, "LParen")) {
      expr = {
        kind: "Call",
        callee: head?.image ?? "",
        args: this.nodes(n, "additive").map((a) => this.additive(a)),
        span: this.span(n),
      };
    } else {
      expr = { kind: "Name", name: head?.image ?? "", span: head ? this.tspan(head) : this.span(n) };
    }
    for (const member of ids.slice(1)) {
      expr = { kind: "Member", object: expr, name: member.image, span: joinSpans(expr.span, this.tspan(member)) };
    }
    return expr;
  }

  quantity(n: CstNode): Quantity {
    const num = this.tok(n, "NumberLit");
    const unit = this.tok(n, "Unit");
    const q: Quantity = { kind: "Quantity", value: num?.image ?? "0", span: this.span(n) };
    const id = unit ? unitId(unit.image) : undefined;
    if (id) q.unit = id;
    return q;
  }
}

const OPS: Record<string, Bound["op"]> = { Lt: "<", Le: "<=", Gt: ">", Ge: ">=", Eq: "=", Ne: "!=" };

/** `{key: value}` when value is defined, `{}` otherwise: keeps absent fields absent (exactOptional). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
