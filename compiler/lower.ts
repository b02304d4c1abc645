// AST → IR, in one place (Catala's from_<previous> shape): the checked AST and what the passes
// learnt about it (context.ts: each expression's type, what each name stands for) become the plain
// IR policy. It runs only when the passes reported no error, so it never reports: every case it
// meets was checked, and a construct the passes did not annotate is a bug (assertNever).
import { AGGREGATES } from "../dsl/aggregates.js";
import type {
  Aggregate,
  BandsDecl,
  CategoryDecl,
  Condition,
  Expectation,
  Expr,
  ItemRuleDecl,
  Json,
  MeasureGroup,
  MeasureItem,
  ModelDecl,
  Note,
  ObligationDecl,
  Quantity,
} from "../dsl/ast.js";
import { formatYuan } from "../record/money.js";
import type { Span } from "../diagnostics/span.js";
import { findEnumValue, findPart, type PartDef } from "../record/registry.js";
import type { CompileContext } from "./context.js";
import {
  IR_VERSION,
  type IRBands,
  type IRCategory,
  type IRCondition,
  type IRItemRule,
  type IRMeasureGroup,
  type IRObligation,
  type IRTest,
  type IRExpr,
  type IRMeasureItem,
  type IRModel,
  type IRModelItem,
  type IRNote,
  type IRPolicy,
  type IRRule,
  type IRType,
  type IRWindow,
} from "./ir.js";
import { assertNever } from "../diagnostics/never.js";
import { irValueReads } from "./ir-walk.js";
import { boundCmp, declaredField, quantityValue, windowOf } from "./passes/check-expr.js";
import { pointsOf } from "./passes/models.js";
import { bandInterval, snapshotMonthDays, snapshotPart } from "./passes/plans.js";
import { quantityType } from "./types.js";

const NULL: IRType = { t: "null" };

class Lowering {
  constructor(private readonly ctx: CompileContext) {}

  private type(e: Expr | Aggregate): IRType {
    return this.ctx.types.get(e) ?? NULL;
  }

  private quantity(q: Quantity): IRExpr {
    const v = quantityValue(q);
    return { op: "lit", type: quantityType(q), value: "value" in v ? v.value : null, span: q.span };
  }

  window(q: Quantity, span: Span): IRWindow | undefined {
    const w = windowOf(q);
    return w ? { ...w, span } : undefined;
  }

  expr(e: Expr): IRExpr {
    switch (e.kind) {
      case "Quantity":
        return this.quantity(e);
      case "Date":
        return { op: "lit", type: { t: "date" }, value: e.value, span: e.span };
      case "String":
        return { op: "lit", type: { t: "string" }, value: e.value, span: e.span };
      case "Bool":
        return { op: "lit", type: { t: "bool" }, value: e.value, span: e.span };
      case "None":
      case "Placeholder":
        return { op: "lit", type: NULL, value: null, span: e.span };
      case "Paren":
        return this.expr(e.expr);
      case "Name":
      case "Member":
      case "Call":
        return this.resolved(e);
      case "And":
      case "Or":
        return { op: e.kind === "And" ? "and" : "or", args: e.operands.map((o) => this.expr(o)), span: e.span };
      case "Not":
        return { op: "not", arg: this.expr(e.operand), span: e.span };
      case "Compare": {
        const left = this.expr(e.left);
        const cmps: IRExpr[] = e.bounds.map((b) => ({
          op: "cmp",
          cmp: boundCmp(b) ?? "=",
          left,
          right: this.expr(b.right),
          ...(b.word ? { word: b.word } : {}),
          ...(b.marker ? { marker: b.marker } : {}),
          span: b.span,
        }));
        return cmps.length === 1 ? (cmps[0] as IRExpr) : { op: "and", args: cmps, span: e.span };
      }
      case "In":
        return { op: "in", left: this.expr(e.left), items: e.items.map((i) => this.expr(i)), span: e.span };
      case "Arith": {
        const left = this.expr(e.left);
        if (this.type(e.left).t === "date") return { op: "shift", date: left, by: this.expr(e.right), sign: e.op === "-" ? -1 : 1, span: e.span };
        return { op: e.op === "+" ? "add" : "sub", left, right: this.expr(e.right), type: this.type(e), span: e.span };
      }
      case "Aggregate":
        return this.aggregate(e);
      default:
        return assertNever(e, "expression");
    }
  }

  private resolved(e: Expr): IRExpr {
    const r = this.ctx.resolved.get(e);
    if (!r) return { op: "lit", type: NULL, value: null, span: e.span };
    switch (r.kind) {
      case "field":
        return { op: "field", field: r.field, type: r.type, span: e.span };
      case "value":
        return { op: "value", name: r.name, type: this.ctx.valueTypes.get(r.name) ?? NULL, span: e.span };
      case "subject":
        return { op: "subject", field: r.field, type: r.type, span: e.span };
      case "enum":
        return { op: "lit", type: r.type, value: r.id, span: e.span };
      case "indicator":
        return { op: "indicator", key: r.key, span: e.span };
      case "amount":
        return { op: "amount", kinds: r.kinds, span: e.span };
      case "local":
        return { op: "local", rule: r.rule, name: r.name, type: r.type, span: e.span };
      case "param":
        return { op: "param", name: r.name, type: r.type, span: e.span };
      case "output":
        return { op: "output", rule: r.rule, name: r.name, type: r.type, span: e.span };
      case "filter":
        // A named filter is its expression, read where it is used.
        return this.expr(r.body);
      case "call":
        return { op: "call", fn: r.fn, args: (e as Extract<Expr, { kind: "Call" }>).args.map((a) => this.expr(a)), type: r.type, span: e.span };
      default:
        return assertNever(r, "resolution");
    }
  }

  aggregate(a: Aggregate): IRExpr {
    const part = this.ctx.parts.get(a) as PartDef;
    const window = a.window ? this.window(a.window.amount, a.window.span) : undefined;
    const within = this.ctx.within.get(a);
    return {
      op: "agg",
      fn: a.fn,
      source: part.id,
      ...(within ? { within } : {}),
      ...(AGGREGATES[a.fn].of && a.of ? { of: this.expr(a.of) } : {}),
      ...(a.where ? { where: this.expr(a.where) } : {}),
      ...(window ? { window } : {}),
      type: this.type(a),
      span: a.span,
    };
  }

  condition(c: Condition): IRCondition {
    switch (c.kind) {
      case "AnyOf":
      case "AllOf":
        return { kind: c.kind === "AnyOf" ? "any" : "all", items: c.items.map((i) => this.condition(i)), span: c.span };
      case "NotCond":
        return { kind: "not", item: this.condition(c.item), span: c.span };
      case "Clause": {
        const expr = this.expr(c.when);
        return { kind: "clause", article: c.article, text: c.text ?? "", expr, reads: irValueReads(expr), notes: notes(c.notes), span: c.span };
      }
      default:
        return assertNever(c, "condition");
    }
  }

  category(c: CategoryDecl): IRCategory {
    const k = c.condition;
    const single = k.kind === "Clause" ? k : undefined;
    return {
      id: c.id,
      label: c.label,
      article: c.article ?? single?.article ?? "",
      text: single?.text ?? "",
      condition: this.condition(k),
      span: c.span,
    };
  }

  obligation(o: ObligationDecl): IRObligation {
    const part = this.ctx.parts.get(o) as PartDef;
    const window = o.window ? this.window(o.window.amount, o.window.span) : undefined;
    return {
      name: o.name,
      article: o.article,
      text: o.text,
      source: part.id,
      ...(o.where ? { where: this.expr(o.where) } : {}),
      ...(window ? { window } : {}),
      ...(o.due && o.due.kind !== "None" ? { due: this.expr(o.due) } : {}),
      span: o.span,
    };
  }

  itemRule(r: ItemRuleDecl): IRItemRule {
    const locals = this.ctx.localTypes.get(r);
    return {
      name: r.name,
      part: (findPart(r.part) as PartDef).id,
      ...(r.article ? { article: r.article } : {}),
      ...(r.text !== undefined ? { text: r.text } : {}),
      notes: notes(r.notes),
      values: (this.ctx.localOrder.get(r) ?? []).map((v) => ({
        name: v.name,
        type: locals?.get(v.name) ?? NULL,
        expr: this.expr(v.value),
        notes: notes(v.notes),
        span: v.span,
      })),
      outputs: r.outputs.map((o) => ({
        name: o.name,
        type: this.ctx.outputTypes.get(o) ?? NULL,
        ...(o.article ? { article: o.article } : {}),
        condition: this.outputCondition(o.condition),
        span: o.span,
      })),
      categories: r.categories.map((c) => this.category(c)),
      measures: r.measures.map(measureGroup),
      obligations: r.obligations.map((o) => this.obligation(o)),
      span: r.span,
    };
  }

  /** An output's condition: a single clause keeps its expression whatever its type. */
  private outputCondition(c: Condition): IRCondition {
    if (c.kind !== "Clause") return this.condition(c);
    const expr = this.expr(c.when);
    return { kind: "clause", article: c.article, text: c.text ?? "", expr, reads: irValueReads(expr), notes: notes(c.notes), span: c.span };
  }

  rule(id: string, label: string | undefined, article: string, text: string | undefined, when: Expr, span: Span): IRRule {
    const expr = this.expr(when);
    return { id, ...(label !== undefined ? { label } : {}), article, text: text ?? "", expr, reads: irValueReads(expr), span };
  }

  model(m: ModelDecl): IRModel {
    const items: IRModelItem[] = m.items.map((item) => {
      const num = (e: Expr | undefined) => (e ? pointsOf(e) : undefined);
      const value = this.expr(item.value);
      if (item.kind === "Indicator") {
        const weight = num(item.weight);
        return { kind: "indicator", name: item.name, ...(weight !== undefined ? { weight } : {}), value, span: item.span };
      }
      const each = num(item.each);
      const max = num(item.max);
      return {
        kind: item.kind === "Deduct" ? "deduct" : "bonus",
        name: item.name,
        ...(each !== undefined ? { each } : {}),
        ...(max !== undefined ? { max } : {}),
        value,
        span: item.span,
      };
    });
    return {
      name: m.name,
      ...(m.article ? { article: m.article } : {}),
      total: pointsOf(m.total) ?? "100",
      missing: pointsOf(m.missing) ?? "0",
      items,
      span: m.span,
    };
  }

  bands(decl: BandsDecl): IRBands {
    return {
      name: decl.name,
      ...(decl.article ? { article: decl.article } : {}),
      subject: this.expr(decl.subject),
      min: pointsOf(decl.range.min) ?? "0",
      max: pointsOf(decl.range.max) ?? "0",
      bands: decl.items.map((item) => ({ ...bandInterval(item).band, span: item.span })),
      span: decl.span,
    };
  }

  /** A band as a grade: its bounds compared with the band's subject. */
  bandGrade(decl: BandsDecl, subject: IRExpr, item: BandsDecl["items"][number]): IRCondition {
    const cmps: IRExpr[] = item.bounds.map((b) => ({
      op: "cmp",
      cmp: b.op ?? boundCmp(b) ?? "=",
      left: subject,
      right: { op: "lit", type: { t: "score" }, value: pointsOf(b.right) ?? null, span: b.right.span },
      ...(b.word ? { word: b.word } : {}),
      ...(b.marker ? { marker: b.marker } : {}),
      span: b.span,
    }));
    const expr: IRExpr = cmps.length === 1 ? (cmps[0] as IRExpr) : { op: "and", args: cmps, span: item.span };
    return { kind: "clause", article: item.article, text: item.text ?? "", expr, reads: irValueReads(expr), notes: [], span: item.span };
  }
}

function notes(ns: readonly Note[]): IRNote[] {
  return ns.map((n) => ({ ...(n.article ? { article: n.article } : {}), text: n.text, span: n.span }));
}

function measureGroup(m: MeasureGroup): IRMeasureGroup {
  return {
    grade: m.grade,
    ...(m.measureKind ? { kind: m.measureKind } : {}),
    article: m.article,
    ...(m.text ? { text: m.text } : {}),
    items: m.items.map(measureItem),
    span: m.span,
  };
}

function measureItem(m: MeasureItem): IRMeasureItem {
  return {
    article: m.article,
    text: m.text,
    tags: Object.fromEntries(m.tags.map((t) => [t.key, t.value])),
    items: m.items.map(measureItem),
    span: m.span,
  };
}

/** A test's expectations as data: an item's expected output as the JSON a result shows. */
function expectation(e: Expectation): IRTest["expect"] {
  return {
    ...(e.grade !== undefined ? { grade: e.grade } : {}),
    ...(e.matched ? { matched: e.matched } : {}),
    ...(e.measures ? { measures: e.measures } : {}),
    ...(e.categories ? { categories: e.categories } : {}),
    ...(e.obligations ? { obligations: e.obligations.map((o) => ({ name: o.name, due: o.due, status: o.status })) } : {}),
    ...(e.scores ? { scores: e.scores.map((x) => ({ name: x.name, value: x.value })) } : {}),
    ...(e.items ? { items: e.items.map((i) => ({ pointer: i.pointer, output: i.output, value: literalJson(i.value) })) } : {}),
  };
}

/** A literal as a result's JSON shows it: money as "50000.00", a date or text as a string, 无 as null. */
function literalJson(e: Expr): Json {
  switch (e.kind) {
    case "Bool":
      return e.value;
    case "Date":
    case "String":
      return e.value;
    case "Quantity": {
      const v = quantityValue(e);
      if ("code" in v) return null;
      return quantityType(e).t === "money" ? formatYuan(BigInt(v.value)) : Number(v.value);
    }
    default:
      return null;
  }
}

export function lower(ctx: CompileContext): IRPolicy {
  const p = ctx.policy;
  const l = new Lowering(ctx);
  const meta: Record<string, string | boolean | null> = {};
  for (const [k, v] of Object.entries(p.meta)) {
    if (!v) continue;
    meta[k] = v.kind === "unstated" || v.kind === "todo" ? null : v.value;
  }
  // Band grades exclude each other, so they follow the declared precedence in band order.
  const declared = p.precedence ? p.precedence.order.map((o) => o.id) : p.grades.map((g) => g.id);
  const bandGrades = (p.bands ?? []).flatMap((b) => b.items.map((i) => i.grade)).filter((g) => !declared.includes(g));
  const bands = (p.bands ?? []).map((b) => ({ decl: b, ir: l.bands(b) }));
  const models = ctx.valueOrder.filter((v): v is ModelDecl => v.kind === "Model").map((m) => l.model(m));
  const snapshotMonth = p.snapshot ? snapshotPart(p.snapshot.month, "month", 12) : undefined;
  const snapshotDay = p.snapshot && snapshotMonth !== undefined ? snapshotPart(p.snapshot.day, "day", snapshotMonthDays(snapshotMonth)) : undefined;
  const requiresModel = p.requires?.items.find((i) => i.kind === "model");
  const requiresGrades = p.requires?.items.find((i) => i.kind === "grades");
  return {
    irVersion: IR_VERSION,
    id: p.id,
    meta,
    notes: notes(p.notes),
    severity: ctx.severity,
    ...(p.severity?.article ? { severityArticle: p.severity.article } : {}),
    disregard: p.disregard
      ? {
          statuses: p.disregard.statuses.map((s) => findEnumValue("status", s) ?? s).sort(),
          article: p.disregard.article,
          ...(p.disregard.text ? { text: p.disregard.text } : {}),
          span: p.disregard.span,
        }
      : null,
    values: ctx.valueOrder.map((v) => ({
      name: v.name,
      type: ctx.valueTypes.get(v.name) ?? NULL,
      expr: v.kind === "Model" ? { op: "model", model: v.name, span: v.span } : v.value.kind === "Aggregate" ? l.aggregate(v.value) : l.expr(v.value),
      notes: v.kind === "Model" ? [] : notes(v.notes),
      span: v.span,
    })),
    grades: [
      ...p.grades.map((g) => ({ id: g.id, label: g.label, ...(g.article ? { article: g.article } : {}), condition: l.condition(g.condition), span: g.span })),
      ...bands.flatMap(({ decl, ir }) =>
        decl.items.map((b) => ({ id: b.grade, label: b.label, article: b.article, condition: l.bandGrade(decl, ir.subject, b), span: b.span })),
      ),
    ],
    precedence: [...declared, ...bandGrades],
    default: p.default?.grade ?? null,
    measures: p.measures.map(measureGroup),
    notices: p.notices.map((n) => ({ grade: n.grade, article: n.article, text: n.text, options: n.options, span: n.span })),
    recordKeeping: p.recordKeeping.map((r) => ({ article: r.article, text: r.text, span: r.span })),
    ...(p.gradeMaps?.length
      ? { gradeMaps: p.gradeMaps.map((m) => ({ from: m.from, map: Object.fromEntries(m.pairs.map((x) => [x.from, x.to])), span: m.span })) }
      : {}),
    bands: bands.map((b) => b.ir),
    overrides: (p.overrides ?? []).map((o) => l.rule(o.grade, undefined, o.article, o.text, o.when, o.span)),
    categories: (p.categories ?? []).map((c) => l.category(c)),
    models,
    obligations: (p.obligations ?? []).map((o) => l.obligation(o)),
    snapshot:
      p.snapshot && snapshotMonth !== undefined && snapshotDay !== undefined
        ? {
            month: snapshotMonth,
            day: snapshotDay,
            ...(p.snapshot.article ? { article: p.snapshot.article } : {}),
            ...(p.snapshot.text ? { text: p.snapshot.text } : {}),
            span: p.snapshot.span,
          }
        : null,
    annexes: (p.annexes ?? []).map((a) => ({
      title: a.title,
      ...(a.article ? { article: a.article } : {}),
      rows: a.rows.map((r) => ({ unit: r.unit, domain: r.domain, span: r.span })),
      span: a.span,
    })),
    collects: p.collects
      ? { ...(p.collects.article ? { article: p.collects.article } : {}), items: p.collects.items.map((i) => i.text), span: p.collects.span }
      : null,
    requires: p.requires
      ? {
          article: p.requires.article,
          ...(p.requires.text ? { text: p.requires.text } : {}),
          collects: p.requires.items.some((i) => i.kind === "collects"),
          period: p.requires.items.some((i) => i.kind === "period"),
          measures: p.requires.items.some((i) => i.kind === "measures"),
          grades: requiresGrades && requiresGrades.kind === "grades" ? requiresGrades.grades : null,
          modelTotal: requiresModel && requiresModel.kind === "model" ? (pointsOf(requiresModel.total) ?? null) : null,
          span: p.requires.span,
        }
      : null,
    params: (p.params ?? []).map((x) => {
      const v = l.expr(x.value);
      return {
        name: x.name,
        type: ctx.paramTypes.get(x.name) ?? NULL,
        value: v.op === "lit" && v.value !== null ? v.value : "",
        ...(x.article ? { article: x.article } : {}),
        ...(x.text !== undefined ? { text: x.text } : {}),
        span: x.span,
      };
    }),
    fields: (p.fields ?? []).flatMap((f) => {
      const part = findPart(f.part);
      const declared = part ? declaredField(ctx, part.id, f.name) : undefined;
      return part && declared ? [{ part: part.id, name: f.name, type: declared.type, ...(f.description ? { description: f.description } : {}), span: f.span }] : [];
    }),
    itemRules: (p.itemRules ?? []).map((r) => l.itemRule(r)),
    tests: p.tests.map((t) => ({ name: t.name, asOf: t.asOf, record: t.record, expect: expectation(t.expect), span: t.span })),
    span: p.span,
  };
}
