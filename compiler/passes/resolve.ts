// Pass 1, resolve: declarations and the names between them. Duplicate and unknown names, grade
// references, the severity order, the disregard rule, and the dependency order of derived values
// (cycles are errors, so evaluation always terminates).
import type { Expr, ValueDecl } from "../../dsl/ast.js";
import { diag, withRelated } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { MAX_CHAIN, MAX_FILTER_DEPTH, MAX_FILTER_SIZE } from "../../dsl/limits.js";
import { exprChildren, walkExpr } from "../../dsl/walk.js";
import { ENUMS, findEnumValue, findField, findPart, PART_IDS, type PartDef } from "../../record/registry.js";
import type { CompileContext, ValueLike } from "../context.js";
import { FIELD_TYPES } from "./check-expr.js";

export function resolve(ctx: CompileContext): void {
  const { policy } = ctx;

  // A name defined twice: the error at the second definition, pointing back at the first.
  const twice = (name: string, span: Span, first: Span | undefined) => ctx.diagnostics.push(withRelated(diag("CP-E0302", span, [name]), first));

  // Values, models, parameters and named filters share one namespace.
  const top = new Map<string, Span>();
  const define = (name: string, span: Span): boolean => {
    const first = top.get(name);
    if (first) twice(name, span, first);
    else top.set(name, span);
    return !first;
  };
  for (const v of [...policy.values, ...(policy.models ?? [])]) if (define(v.name, v.span)) ctx.values.set(v.name, v);
  for (const p of policy.params ?? []) if (define(p.name, p.span)) ctx.params.set(p.name, p);
  for (const f of policy.filters ?? []) if (define(f.name, f.span)) ctx.filters.set(f.name, f);
  // Values are ordered only through usable filters (valueReads follows them).
  const filtersOk = checkFilters(ctx);
  resolveItems(ctx, twice, filtersOk);

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
  const gradesNothing = !policy.categories?.length && !policy.obligations?.length && !policy.requires && !policy.itemRules?.length;
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

  if (filtersOk) ctx.valueOrder = orderValues(ctx);
}

function enumList(id: keyof typeof ENUMS): string {
  return ENUMS[id].values.map((v) => v.id).join(", ");
}

/**
 * The derived values an expression reads: names that are values and not shadowed by a field of
 * the part in scope, seen through named filters (`filters`) and nested aggregates.
 */
export function valueReads(value: Expr, isValue: (name: string) => boolean, filters: ReadonlyMap<string, { when: Expr }> = new Map()): string[] {
  const out: string[] = [];
  const seenFilters = new Set<string>();
  const visit = (e: Expr | undefined, part: PartDef | undefined): void =>
    walkExpr(e, (x) => {
      // A function's arguments are enumeration values (amount(fine)), never derived values.
      if (x.kind === "Call") return false;
      if (x.kind === "Aggregate") {
        const inner = findPart(x.source);
        visit(x.of, inner);
        visit(x.where, inner);
        return false;
      }
      if (x.kind !== "Name" || (part && findField(part, x.name))) return true;
      if (isValue(x.name) && !out.includes(x.name)) out.push(x.name);
      const filter = filters.get(x.name);
      if (filter && !seenFilters.has(x.name)) {
        seenFilters.add(x.name);
        visit(filter.when, part);
      }
      return true;
    });
  visit(value, undefined);
  return out;
}

function reads(v: ValueLike, isValue: (name: string) => boolean, filters: ReadonlyMap<string, { when: Expr }>): string[] {
  if (v.kind === "Model") return [...new Set(v.items.flatMap((i) => valueReads(i.value, isValue, filters)))];
  return valueReads(v.value, isValue, filters);
}

/**
 * Values in dependency order (each after those it reads); a cycle is CP-E0306, a value building on
 * a chain of more than MAX_CHAIN others CP-E0317. Walked with a stack of its own: no chain of
 * values can exhaust the call stack here, and the limit keeps every later pass safe too.
 */
function ordered<V extends { name: string; span: Span }>(
  ctx: CompileContext,
  values: ReadonlyMap<string, V>,
  readsOf: (v: V) => string[],
  cycle: "CP-E0306" | "CP-E0315" = "CP-E0306",
): V[] {
  const order: V[] = [];
  const state = new Map<string, "visiting" | "done">();
  const chain = new Map<string, number>();
  let reported = false;
  for (const root of values.values()) {
    if (state.has(root.name)) continue;
    state.set(root.name, "visiting");
    const stack: { v: V; deps: string[]; next: number }[] = [{ v: root, deps: readsOf(root), next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      if (top.next < top.deps.length) {
        const d = values.get(top.deps[top.next++] as string);
        if (!d) continue;
        const s = state.get(d.name);
        if (s === "done") continue;
        if (s === "visiting") {
          const path = stack.map((f) => f.v.name);
          ctx.diagnostics.push(diag(cycle, d.span, [[...path.slice(path.indexOf(d.name)), d.name].join(" → ")]));
          continue;
        }
        state.set(d.name, "visiting");
        stack.push({ v: d, deps: readsOf(d), next: 0 });
        continue;
      }
      stack.pop();
      state.set(top.v.name, "done");
      order.push(top.v);
      const length = 1 + Math.max(0, ...top.deps.map((n) => chain.get(n) ?? 0));
      chain.set(top.v.name, length);
      if (length > MAX_CHAIN && !reported) {
        reported = true;
        ctx.diagnostics.push(diag("CP-E0317", top.v.span, [top.v.name, String(MAX_CHAIN)]));
      }
    }
  }
  return order;
}

function orderValues(ctx: CompileContext): ValueLike[] {
  return ordered(ctx, ctx.values, (v) => reads(v, (n) => ctx.values.has(n), ctx.filters));
}

/** The named filters `e` reads, each with how deep in `e` it is read; and how many nodes and levels `e` has itself. */
function filterUses(e: Expr, filters: ReadonlyMap<string, unknown>): { uses: [name: string, depth: number][]; size: number; depth: number } {
  const uses: [string, number][] = [];
  let size = 0;
  let deepest = 0;
  const stack: [Expr, number][] = [[e, 1]];
  while (stack.length) {
    const [x, depth] = stack.pop() as [Expr, number];
    size++;
    deepest = Math.max(deepest, depth);
    if (x.kind === "Name" && filters.has(x.name)) uses.push([x.name, depth]);
    for (const c of exprChildren(x)) stack.push([c, depth + 1]);
  }
  return { uses, size, depth: deepest };
}

/**
 * Named filters that read each other in a circle would never finish expanding: CP-E0315. A named
 * filter is copied into each place that reads it (compiler/lower.ts), so one whose expansion would
 * be deeper than MAX_FILTER_DEPTH or larger than MAX_FILTER_SIZE nodes (filters doubling each
 * other: f2 = f1 且 f1, f3 = f2 且 f2 …) is CP-E0318. True when the filters are usable.
 */
function checkFilters(ctx: CompileContext): boolean {
  const shape = new Map<string, ReturnType<typeof filterUses>>();
  for (const [name, f] of ctx.filters) shape.set(name, filterUses(f.when, ctx.filters));
  const before = ctx.diagnostics.length;
  const order = ordered(ctx, ctx.filters, (f) => [...new Set((shape.get(f.name) as ReturnType<typeof filterUses>).uses.map(([n]) => n))], "CP-E0315");
  if (ctx.diagnostics.length > before) return false;
  const expanded = new Map<string, { depth: number; size: number }>();
  for (const f of order) {
    const own = shape.get(f.name) as ReturnType<typeof filterUses>;
    let depth = own.depth;
    let size = own.size;
    for (const [name, at] of own.uses) {
      const inner = expanded.get(name) ?? { depth: 0, size: 0 };
      depth = Math.max(depth, at - 1 + inner.depth);
      size += inner.size;
    }
    expanded.set(f.name, { depth, size });
    if (depth > MAX_FILTER_DEPTH || size > MAX_FILTER_SIZE) {
      ctx.diagnostics.push(diag("CP-E0318", f.span, [f.name, String(MAX_FILTER_DEPTH), String(MAX_FILTER_SIZE)]));
      return false;
    }
  }
  return true;
}

/**
 * Per-item rules: unique names, a known part, outputs unique among the part's fields and other
 * rules' outputs, the rule's own values unique and in dependency order; declared fields on known
 * parts, not clashing with the registry's.
 */
function resolveItems(ctx: CompileContext, twice: (name: string, span: Span, first: Span | undefined) => void, filtersOk: boolean): void {
  const { policy } = ctx;
  const outputs = new Map<string, Span>();
  for (const f of policy.fields ?? []) {
    const part = findPart(f.part);
    if (!part) {
      ctx.diagnostics.push(diag("CP-E0303", f.span, [f.part, PART_IDS.join(", ")]));
      continue;
    }
    if (!FIELD_TYPES.some((t) => t.names.includes(f.type))) {
      ctx.diagnostics.push(diag("CP-E0313", f.span, [f.type, FIELD_TYPES.map((t) => t.names.join("/")).join(", ")]));
    }
    const key = `${part.id}.${f.name}`;
    if (findField(part, f.name)) twice(f.name, f.span, undefined);
    else if (outputs.has(key)) twice(f.name, f.span, outputs.get(key));
    else outputs.set(key, f.span);
  }
  for (const r of policy.itemRules ?? []) {
    const first = ctx.itemRules.get(r.name);
    if (first) twice(r.name, r.span, first.span);
    else ctx.itemRules.set(r.name, r);
    const part = findPart(r.part);
    if (!part) {
      ctx.diagnostics.push(diag("CP-E0303", r.span, [r.part, PART_IDS.join(", ")]));
      continue;
    }
    for (const o of r.outputs) {
      const key = `${part.id}.${o.name}`;
      if (findField(part, o.name)) twice(o.name, o.span, undefined);
      else if (outputs.has(key)) twice(o.name, o.span, outputs.get(key));
      else outputs.set(key, o.span);
    }
    const locals = new Map<string, ValueDecl>();
    for (const v of r.values) {
      const prior = locals.get(v.name);
      if (prior) twice(v.name, v.span, prior.span);
      else locals.set(v.name, v);
    }
    const categories = new Map<string, Span>();
    for (const c of r.categories) {
      const prior = categories.get(c.id);
      if (prior) twice(c.id, c.span, prior);
      else categories.set(c.id, c.span);
    }
    for (const m of r.measures) if (!categories.has(m.grade)) ctx.diagnostics.push(diag("CP-E0519", m.span, [m.grade]));
    if (filtersOk) ctx.localOrder.set(r, ordered(ctx, locals, (v) => valueReads(v.value, (n) => locals.has(n), ctx.filters)));
  }
}
