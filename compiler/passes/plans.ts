// Pass "plans" (after typecheck): the constructs city plans need. Score bands (and the proof that
// they cover their range exactly once), overrides, categories, weighted models, obligations with
// due dates, the snapshot day, annex tables, the collection scope and a plan's requirements.
import type { BandsDecl, Expr, ModelDecl, Quantity } from "../../dsl/ast.js";
import { boundaryOp } from "../../dsl/boundary.js";
import { diag } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { findSource } from "../../record/vocabulary.js";
import { checkCoverage, compareDecimal } from "../bands.js";
import type { CompileContext } from "../context.js";
import type { IRBand, IRExpr, IRModel, IRModelItem, IRRule, IRType } from "../ir.js";
import { irValueReads, lowerExpr, lowerWindow, typeName } from "./typecheck.js";

const SCORE_LIKE = new Set(["score", "number", "count"]);

/** A plain number written with or without 分 (a score, a weight, a bound). */
function points(ctx: CompileContext, e: Expr, what: string): string | undefined {
  if (e.kind === "Placeholder") {
    ctx.diagnostics.push(diag("CP-E0508", e.span, [what]));
    return undefined;
  }
  if (e.kind !== "Quantity" || (e.unit !== undefined && e.unit !== "points")) {
    ctx.diagnostics.push(diag("CP-E0402", e.span, ["分数 points (85分)", e.kind === "Quantity" ? `${e.value}${e.unit ?? ""}` : e.kind]));
    return undefined;
  }
  return e.value;
}

function lowerBands(ctx: CompileContext, decl: BandsDecl): void {
  const env = { ctx };
  const subject = lowerExpr(env, decl.subject);
  if (!SCORE_LIKE.has(subject.type.t) && subject.type.t !== "null") {
    ctx.diagnostics.push(diag("CP-E0402", decl.subject.span, ["分数 score", typeName(subject.type)]));
  }
  const min = points(ctx, decl.range.min, "分档范围 range");
  const max = points(ctx, decl.range.max, "分档范围 range");
  const bands: IRBand[] = [];
  let complete = min !== undefined && max !== undefined;
  for (const item of decl.items) {
    const band: IRBand = { grade: item.grade, lo: null, loIncl: false, hi: null, hiIncl: false };
    const cmps: IRExpr[] = [];
    for (const b of item.bounds) {
      const value = points(ctx, b.right, `${item.grade} 的分档界限 band bound`);
      const op = b.op ?? (b.word ? boundaryOp(b.word, b.marker) : undefined);
      if (value === undefined || !op || op === "=" || op === "!=") {
        if (value !== undefined) ctx.diagnostics.push(diag("CP-E0512", b.span, [decl.name]));
        complete = false;
        continue;
      }
      if (op === ">" || op === ">=") {
        band.lo = value;
        band.loIncl = op === ">=";
      } else {
        band.hi = value;
        band.hiIncl = op === "<=";
      }
      const type: IRType = { t: "score" };
      cmps.push({
        op: "cmp",
        cmp: op,
        left: subject.ir,
        right: { op: "lit", type, value, span: b.right.span },
        ...(b.word ? { word: b.word } : {}),
        ...(b.marker ? { marker: b.marker } : {}),
        span: b.span,
      });
    }
    bands.push(band);
    const expr: IRExpr = cmps.length === 1 ? (cmps[0] as IRExpr) : { op: "and", args: cmps, span: item.span };
    ctx.typedGrades.set(item.grade, {
      kind: "clause",
      article: item.article,
      text: item.text ?? "",
      expr,
      reads: irValueReads(expr),
      notes: [],
      span: item.span,
    });
  }
  if (complete && min !== undefined && max !== undefined) {
    for (const p of checkCoverage(bands, min, max)) {
      const where = `分数 score ${p.where}`;
      if (p.kind === "gap") ctx.diagnostics.push(diag("CP-E0510", decl.span, [decl.name, where]));
      else ctx.diagnostics.push(diag("CP-E0511", decl.span, [decl.name, where, p.grades.join(", ")]));
    }
  }
  ctx.plans.bands.push({
    name: decl.name,
    ...(decl.article ? { article: decl.article } : {}),
    subject: subject.ir,
    min: min ?? "0",
    max: max ?? "0",
    bands,
    span: decl.span,
  });
}

function rule(ctx: CompileContext, id: string, label: string | undefined, article: string, text: string | undefined, when: Expr, span: Span): IRRule {
  const t = lowerExpr({ ctx }, when);
  if (t.type.t !== "bool" && t.type.t !== "null") ctx.diagnostics.push(diag("CP-E0402", when.span, ["条件 condition (yes/no)", typeName(t.type)]));
  return { id, ...(label !== undefined ? { label } : {}), article, text: text ?? "", expr: t.ir, reads: irValueReads(t.ir), span };
}

/** A model's total as a derived value: typecheck calls this for models in dependency order. */
export function lowerModel(ctx: CompileContext, m: ModelDecl): { type: IRType; expr: IRExpr } {
  const total = points(ctx, m.total, `${m.name} 满分 total`);
  const missing = points(ctx, m.missing, `${m.name} 缺失按 missing`);
  const items: IRModelItem[] = [];
  let weights = "0";
  let weightsKnown = true;
  for (const item of m.items) {
    const value = lowerExpr({ ctx }, item.value);
    if (!SCORE_LIKE.has(value.type.t) && value.type.t !== "null") {
      ctx.diagnostics.push(diag("CP-E0402", item.value.span, ["数值 number", typeName(value.type)]));
    }
    const num = (e: Expr | undefined, what: string) => (e ? points(ctx, e, `${item.name} ${what}`) : undefined);
    if (item.kind === "Indicator") {
      const weight = num(item.weight, "权重 weight");
      if (weight === undefined) weightsKnown = false;
      else weights = addDecimal(weights, weight);
      items.push({ kind: "indicator", name: item.name, ...(weight !== undefined ? { weight } : {}), value: value.ir, span: item.span });
    } else {
      const each = num(item.each, "每次 each");
      const max = num(item.max, "最多 max");
      items.push({
        kind: item.kind === "Deduct" ? "deduct" : "bonus",
        name: item.name,
        ...(each !== undefined ? { each } : {}),
        ...(max !== undefined ? { max } : {}),
        value: value.ir,
        span: item.span,
      });
    }
  }
  if (total !== undefined && weightsKnown && items.some((i) => i.kind === "indicator") && compareDecimal(weights, total) !== 0) {
    ctx.diagnostics.push(diag("CP-E0513", m.span, [m.name, weights, total]));
  }
  const model: IRModel = {
    name: m.name,
    ...(m.article ? { article: m.article } : {}),
    total: total ?? "100",
    missing: missing ?? "0",
    items,
    span: m.span,
  };
  ctx.plans.models.push(model);
  return { type: { t: "score" }, expr: { op: "model", model: m.name, span: m.span } };
}

function addDecimal(a: string, b: string): string {
  const d = Math.max((a.split(".")[1] ?? "").length, (b.split(".")[1] ?? "").length);
  const s = (x: string) => BigInt(x.split(".")[0] + (x.split(".")[1] ?? "").padEnd(d, "0"));
  const v = (s(a) + s(b)).toString().padStart(d + 1, "0");
  return d ? `${v.slice(0, -d)}.${v.slice(-d)}` : v;
}

function integer(ctx: CompileContext, e: Expr, unit: string, lo: number, hi: number): number | undefined {
  if (e.kind === "Placeholder") {
    ctx.diagnostics.push(diag("CP-E0508", e.span, ["评价时点 snapshot"]));
    return undefined;
  }
  const q = e as Quantity;
  if (e.kind !== "Quantity" || !/^\d+$/.test(q.value) || (q.unit !== undefined && q.unit !== unit) || Number(q.value) < lo || Number(q.value) > hi) {
    ctx.diagnostics.push(diag("CP-E0514", e.span, [e.kind === "Quantity" ? `${q.value}` : e.kind]));
    return undefined;
  }
  return Number(q.value);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function plans(ctx: CompileContext): void {
  const p = ctx.policy;
  for (const b of p.bands ?? []) lowerBands(ctx, b);
  for (const o of p.overrides ?? []) ctx.plans.overrides.push(rule(ctx, o.grade, undefined, o.article, o.text, o.when, o.span));
  for (const c of p.categories ?? []) ctx.plans.categories.push(rule(ctx, c.id, c.label, c.article, c.text, c.when, c.span));
  for (const o of p.obligations ?? []) {
    const source = findSource(o.source);
    if (!source) {
      ctx.diagnostics.push(diag("CP-E0303", o.span, [o.source, "warnings, sanctions, …"]));
      continue;
    }
    const env = { ctx, source };
    const where = o.where ? lowerExpr(env, o.where) : undefined;
    const due = lowerExpr(env, o.due);
    if (due.type.t !== "date" && due.type.t !== "null") ctx.diagnostics.push(diag("CP-E0516", o.due.span, [typeName(due.type)]));
    const window = o.window ? lowerWindow(env, o.window.amount, o.window.span) : undefined;
    ctx.plans.obligations.push({
      name: o.name,
      article: o.article,
      text: o.text,
      source: source.id,
      ...(where ? { where: where.ir } : {}),
      ...(window ? { window } : {}),
      due: due.ir,
      span: o.span,
    });
  }
  if (p.snapshot) {
    const month = integer(ctx, p.snapshot.month, "month", 1, 12);
    const day = month !== undefined ? integer(ctx, p.snapshot.day, "day", 1, MONTH_DAYS[month - 1] as number) : undefined;
    if (month !== undefined && day !== undefined) {
      ctx.plans.snapshot = {
        month,
        day,
        ...(p.snapshot.article ? { article: p.snapshot.article } : {}),
        ...(p.snapshot.text ? { text: p.snapshot.text } : {}),
      };
    }
  }
  ctx.plans.annexes = (p.annexes ?? []).map((a) => ({
    title: a.title,
    ...(a.article ? { article: a.article } : {}),
    rows: a.rows.map((r) => ({ unit: r.unit, domain: r.domain })),
  }));
  if (p.collects) {
    ctx.plans.collects = { ...(p.collects.article ? { article: p.collects.article } : {}), items: p.collects.items.map((i) => i.text) };
  }
  if (p.requires) {
    const r = p.requires;
    const grades = r.items.find((i) => i.kind === "grades");
    const model = r.items.find((i) => i.kind === "model");
    ctx.plans.requires = {
      article: r.article,
      ...(r.text ? { text: r.text } : {}),
      collects: r.items.some((i) => i.kind === "collects"),
      period: r.items.some((i) => i.kind === "period"),
      measures: r.items.some((i) => i.kind === "measures"),
      grades: grades && grades.kind === "grades" ? grades.grades : null,
      modelTotal: model && model.kind === "model" ? (points(ctx, model.total, "部门要求 满分") ?? null) : null,
    };
  }
}
