// Pass 1, resolve: declarations and the names between them. Duplicate and unknown names, grade
// references, the severity order, the disregard rule, and the dependency order of derived values
// (cycles are errors, so evaluation always terminates).
import type { Aggregate, Expr } from "../../dsl/ast.js";
import { diag } from "../../diagnostics/diagnostics.js";
import { walkExpr } from "../../dsl/walk.js";
import { ENUMS, findEnumValue, findField, findPart, type PartDef } from "../../record/registry.js";
import type { CompileContext, ValueLike } from "../context.js";

export function resolve(ctx: CompileContext): void {
  const { policy } = ctx;

  for (const v of [...policy.values, ...(policy.models ?? [])]) {
    if (ctx.values.has(v.name)) ctx.diagnostics.push(diag("CP-E0302", v.span, [v.name]));
    else ctx.values.set(v.name, v);
  }

  for (const g of policy.grades) {
    if (ctx.grades.has(g.id)) ctx.diagnostics.push(diag("CP-E0302", g.span, [g.id]));
    ctx.grades.add(g.id);
  }
  for (const b of (policy.bands ?? []).flatMap((x) => x.items)) {
    if (ctx.grades.has(b.grade)) ctx.diagnostics.push(diag("CP-E0302", b.span, [b.grade]));
    ctx.grades.add(b.grade);
    ctx.bandGrades.add(b.grade);
  }
  for (const c of policy.categories ?? []) {
    if (ctx.grades.has(c.id) || ctx.categories.has(c.id)) ctx.diagnostics.push(diag("CP-E0302", c.span, [c.id]));
    ctx.categories.add(c.id);
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
    const seen = new Set<string>();
    for (const pair of m.pairs) {
      if (seen.has(pair.from)) ctx.diagnostics.push(diag("CP-E0302", pair.span, [pair.from]));
      seen.add(pair.from);
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

  const names = new Set<string>();
  for (const t of policy.tests) {
    if (names.has(t.name)) ctx.diagnostics.push(diag("CP-E0506", t.span, [t.name]));
    names.add(t.name);
  }

  ctx.valueOrder = orderValues(ctx);
}

function enumList(id: keyof typeof ENUMS): string {
  return ENUMS[id].values.map((v) => v.id).join(", ");
}

/** The derived values a value reads: names that are values and not shadowed by a record field. */
export function valueReads(value: Aggregate | Expr, isValue: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (e: Expr | undefined, source: PartDef | undefined): void =>
    walkExpr(e, (x) => {
      // A function's arguments are enumeration values (amount(fine)), never derived values.
      if (x.kind === "Call") return false;
      if (x.kind === "Name" && !(source && findField(source, x.name)) && isValue(x.name) && !out.includes(x.name)) out.push(x.name);
      return true;
    });
  if (value.kind === "Aggregate") {
    const part = findPart(value.source);
    visit(value.of, part);
    visit(value.where, part);
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
