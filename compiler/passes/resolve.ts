// Pass 1, resolve: declarations and the names between them. Duplicate and unknown names, grade
// references, the severity order, the disregard rule, and the dependency order of derived values
// (cycles are errors, so evaluation always terminates).
import type { Aggregate, Expr } from "../../dsl/ast.js";
import { diag, withRelated } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { walkExpr } from "../../dsl/walk.js";
import { ENUMS, findEnumValue, findField, findSource, type SourceDef } from "../../record/vocabulary.js";
import type { CompileContext, ValueLike } from "../context.js";

export function resolve(ctx: CompileContext): void {
  const { policy } = ctx;

  // A name defined twice: the error at the second definition, pointing back at the first.
  const twice = (name: string, span: Span, first: Span | undefined) => ctx.diagnostics.push(withRelated(diag("CP-E0302", span, [name]), first));

  for (const v of [...policy.values, ...(policy.models ?? [])]) {
    const first = ctx.values.get(v.name);
    if (first) twice(v.name, v.span, first.span);
    else ctx.values.set(v.name, v);
  }

  // Grades, band grades and categories share one namespace.
  const defined = new Map<string, Span>();
  for (const g of policy.grades) {
    if (ctx.grades.has(g.id)) twice(g.id, g.span, defined.get(g.id));
    ctx.grades.add(g.id);
    if (!defined.has(g.id)) defined.set(g.id, g.span);
  }
  for (const b of (policy.bands ?? []).flatMap((x) => x.items)) {
    if (ctx.grades.has(b.grade)) twice(b.grade, b.span, defined.get(b.grade));
    ctx.grades.add(b.grade);
    ctx.bandGrades.add(b.grade);
    if (!defined.has(b.grade)) defined.set(b.grade, b.span);
  }
  for (const c of policy.categories ?? []) {
    if (ctx.grades.has(c.id) || ctx.categories.has(c.id)) twice(c.id, c.span, defined.get(c.id));
    ctx.categories.add(c.id);
    if (!defined.has(c.id)) defined.set(c.id, c.span);
  }
  // A city plan may attach measures to categories and duties to events without grading anyone.
  const gradesNothing = !policy.categories?.length && !policy.obligations?.length && !policy.requires;
  if (ctx.grades.size === 0 && gradesNothing) ctx.diagnostics.push(diag("CP-E0503", policy.span));

  const checkGrade = (id: string, span = policy.span) => {
    if (!ctx.grades.has(id)) ctx.diagnostics.push(diag("CP-E0305", span, [id]));
  };
  if (policy.precedence) {
    const seen = new Map<string, number>();
    for (const p of policy.precedence.order) {
      checkGrade(p.id, p.span);
      seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
    }
    // Band grades exclude each other; they need a place in the precedence only beside other grades.
    for (const g of policy.grades) {
      if (seen.get(g.id) !== 1) ctx.diagnostics.push(diag("CP-E0309", policy.precedence.span, [g.id]));
    }
    for (const [id, n] of seen) if (n > 1 && ctx.bandGrades.has(id)) ctx.diagnostics.push(diag("CP-E0309", policy.precedence.span, [id]));
  } else if (policy.grades.length > 1) {
    ctx.diagnostics.push(diag("CP-E0505", policy.span));
  }
  if (policy.default && policy.default.grade !== null) checkGrade(policy.default.grade, policy.default.span);
  // A grade map's left side names an earlier revision's grades: versions.ts checks those.
  for (const m of policy.gradeMaps ?? []) {
    const seen = new Map<string, Span>();
    for (const pair of m.pairs) {
      const first = seen.get(pair.from);
      if (first) twice(pair.from, pair.span, first);
      else seen.set(pair.from, pair.span);
      if (pair.to !== null) checkGrade(pair.to, pair.span);
    }
  }
  const checkGradeOrCategory = (what: string, id: string, span = policy.span) => {
    if (!ctx.grades.has(id) && !ctx.categories.has(id)) ctx.diagnostics.push(diag("CP-E0515", span, [what, id]));
  };
  for (const m of policy.measures) checkGradeOrCategory("措施 measures", m.grade, m.span);
  for (const n of policy.notices) checkGradeOrCategory("告知 notice", n.grade, n.span);
  for (const o of policy.overrides ?? []) checkGrade(o.grade, o.span);

  if (policy.severity) {
    policy.severity.ranks.forEach((rank, i) => {
      for (const k of rank.kinds) {
        const id = findEnumValue("penalty_kind", k);
        if (!id) ctx.diagnostics.push(diag("CP-E0308", rank.span, [k, "penalty_kind", enumList("penalty_kind")]));
        else ctx.severity[id] = i + 1;
      }
    });
    for (const v of ENUMS.penalty_kind.values) {
      if (!(v.id in ctx.severity)) ctx.diagnostics.push(diag("CP-E0310", policy.severity.span, [v.id]));
    }
  }

  if (policy.disregard) {
    for (const s of policy.disregard.statuses) {
      if (!findEnumValue("status", s)) ctx.diagnostics.push(diag("CP-E0308", policy.disregard.span, [s, "status", enumList("status")]));
    }
  }

  const names = new Map<string, Span>();
  for (const t of policy.tests) {
    const first = names.get(t.name);
    if (first) ctx.diagnostics.push(withRelated(diag("CP-E0506", t.span, [t.name]), first));
    else names.set(t.name, t.span);
  }

  ctx.valueOrder = orderValues(ctx);
}

function enumList(id: keyof typeof ENUMS): string {
  return ENUMS[id].values.map((v) => v.id).join(", ");
}

/** The derived values a value reads: names that are values and not shadowed by a record field. */
export function valueReads(value: Aggregate | Expr, isValue: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (e: Expr | undefined, source: SourceDef | undefined): void =>
    walkExpr(e, (x) => {
      // A function's arguments are enumeration values (amount(fine)), never derived values.
      if (x.kind === "Call") return false;
      if (x.kind === "Name" && !(source && findField(source, x.name)) && isValue(x.name) && !out.includes(x.name)) out.push(x.name);
      return true;
    });
  if (value.kind === "Count" || value.kind === "Exists" || value.kind === "Sum") {
    const source = findSource(value.source);
    if (value.kind === "Sum") visit(value.of, source);
    visit(value.where, source);
  } else visit(value, undefined);
  return out;
}

function reads(v: ValueLike, isValue: (name: string) => boolean): string[] {
  if (v.kind === "Model") return [...new Set(v.items.flatMap((i) => valueReads(i.value, isValue)))];
  return valueReads(v.value, isValue);
}

function orderValues(ctx: CompileContext): ValueLike[] {
  const order: ValueLike[] = [];
  const state = new Map<string, "visiting" | "done">();
  const isValue = (n: string) => ctx.values.has(n);
  const visit = (v: ValueLike, path: string[]): void => {
    const s = state.get(v.name);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...path.slice(path.indexOf(v.name)), v.name].join(" → ");
      ctx.diagnostics.push(diag("CP-E0306", v.span, [cycle]));
      return;
    }
    state.set(v.name, "visiting");
    for (const dep of reads(v, isValue)) {
      const d = ctx.values.get(dep);
      if (d) visit(d, [...path, v.name]);
    }
    state.set(v.name, "done");
    order.push(v);
  };
  for (const v of ctx.values.values()) visit(v, []);
  return order;
}
