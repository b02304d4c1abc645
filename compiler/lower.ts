// AST → IR, once the passes have checked and typed it: assembles the plain IR policy.
import type { MeasureItem } from "../dsl/ast.js";
import { findEnumValue } from "../record/vocabulary.js";
import type { CompileContext } from "./context.js";
import { IR_VERSION, type IRMeasureItem, type IRNote, type IRPolicy } from "./ir.js";

function notes(ns: { article?: string; text: string; span: IRNote["span"] }[]): IRNote[] {
  return ns.map((n) => ({ ...(n.article ? { article: n.article } : {}), text: n.text, span: n.span }));
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

export function lower(ctx: CompileContext): IRPolicy {
  const p = ctx.policy;
  const meta: Record<string, string | boolean | null> = {};
  for (const [k, v] of Object.entries(p.meta)) {
    if (!v) continue;
    meta[k] = v.kind === "unstated" || v.kind === "todo" ? null : v.value;
  }
  // Band grades exclude each other, so they follow the declared precedence in band order.
  const declared = p.precedence ? p.precedence.order.map((o) => o.id) : p.grades.map((g) => g.id);
  const bandGrades = (p.bands ?? []).flatMap((b) => b.items.map((i) => i.grade)).filter((g) => !declared.includes(g));
  const precedence = [...declared, ...bandGrades];
  const bandItems = (p.bands ?? []).flatMap((b) => b.items);
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
        }
      : null,
    values: ctx.valueOrder.map((v) => {
      const typed = ctx.typedValues.get(v.name);
      return {
        name: v.name,
        type: typed?.type ?? { t: "null" },
        expr: typed?.expr ?? { op: "lit", type: { t: "null" }, value: null, span: v.span },
        notes: v.kind === "Model" ? [] : notes(v.notes),
        span: v.span,
      };
    }),
    grades: [
      ...p.grades.map((g) => ({
        id: g.id,
        label: g.label,
        ...(g.article ? { article: g.article } : {}),
        condition: ctx.typedGrades.get(g.id) ?? { kind: "any" as const, items: [], span: g.span },
        span: g.span,
      })),
      ...bandItems.map((b) => ({
        id: b.grade,
        label: b.label,
        article: b.article,
        condition: ctx.typedGrades.get(b.grade) ?? { kind: "any" as const, items: [], span: b.span },
        span: b.span,
      })),
    ],
    precedence,
    default: p.default?.grade ?? null,
    measures: p.measures.map((m) => ({
      grade: m.grade,
      kind: m.measureKind,
      article: m.article,
      ...(m.text ? { text: m.text } : {}),
      items: m.items.map(measureItem),
      span: m.span,
    })),
    notices: p.notices.map((n) => ({ grade: n.grade, article: n.article, text: n.text, options: n.options, span: n.span })),
    recordKeeping: p.recordKeeping.map((r) => ({ article: r.article, text: r.text })),
    ...(p.gradeMaps?.length
      ? { gradeMaps: p.gradeMaps.map((m) => ({ from: m.from, map: Object.fromEntries(m.pairs.map((x) => [x.from, x.to])), span: m.span })) }
      : {}),
    ...ctx.plans,
    tests: p.tests.map((t) => ({ name: t.name, asOf: t.asOf, record: t.record, expect: t.expect, span: t.span })),
    span: p.span,
  };
}
