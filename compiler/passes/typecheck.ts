// Pass 2, typecheck: parameters, per-item rules (their values, outputs, categories, measures and
// duties, item by item), derived values in dependency order (a model's total is a score;
// models.ts checks its items), grades' conditions, and the citations measures need. Annotates the
// AST in the context (check-expr.ts); lower.ts builds the IR from it.
import type { Condition, Expr, ItemRuleDecl, MeasureGroup } from "../../dsl/ast.js";
import { MAX_CHAIN } from "../../dsl/limits.js";
import { walkExpr } from "../../dsl/walk.js";
import { diag } from "../../diagnostics/diagnostics.js";
import { findPart } from "../../record/registry.js";
import type { CompileContext } from "../context.js";
import type { IRType } from "../ir.js";
import { ERR } from "../types.js";
import { checkCondition, checkExpr, type Env } from "./check-expr.js";
import { checkModel } from "./models.js";
import { checkObligation } from "./plans.js";

export function typecheck(ctx: CompileContext): void {
  const env: Env = { ctx };
  for (const p of ctx.policy.params ?? []) {
    const literal = p.value.kind === "Quantity" || p.value.kind === "Date" || p.value.kind === "String" || p.value.kind === "Bool";
    if (!literal) {
      ctx.diagnostics.push(diag("CP-E0314", p.value.span, [p.name]));
      continue;
    }
    const t = checkExpr(env, p.value);
    if (t !== ERR) ctx.paramTypes.set(p.name, t);
  }
  for (const r of ctx.policy.itemRules ?? []) checkItemRule(ctx, r);
  for (const v of ctx.valueOrder) {
    if (v.kind === "Model") {
      checkModel(ctx, v);
      ctx.valueTypes.set(v.name, { t: "score" });
      continue;
    }
    ctx.valueTypes.set(v.name, checkExpr(env, v.value));
  }
  for (const g of ctx.policy.grades) checkCondition(env, g.condition);
  for (const group of ctx.policy.measures) checkMeasureCitations(ctx, group);
}

function checkMeasureCitations(ctx: CompileContext, group: MeasureGroup): void {
  const check = (items: typeof group.items): void => {
    for (const item of items) {
      if (!item.text) ctx.diagnostics.push(diag("CP-E0502", item.span));
      if (!item.article) ctx.diagnostics.push(diag("CP-E0501", item.span));
      check(item.items);
    }
  };
  check(group.items);
}

/**
 * A per-item rule, in the context of one item of its part: its values in dependency order, then
 * its outputs (a single clause's value, or yes/no of a block), categories, measures and duties.
 */
function checkItemRule(ctx: CompileContext, r: ItemRuleDecl): void {
  const part = findPart(r.part);
  if (!part) return;
  const env: Env = { ctx, part, rule: r };
  const locals = new Map<string, IRType>();
  ctx.localTypes.set(r, locals);
  for (const v of ctx.localOrder.get(r) ?? []) {
    locals.set(v.name, checkExpr(env, v.value));
    chainLimit(ctx, r, "local", v.name, [v.value], v.span);
  }
  for (const o of r.outputs) {
    if (o.condition.kind === "Clause") {
      if (!o.condition.article) ctx.diagnostics.push(diag("CP-E0501", o.condition.span));
      ctx.outputTypes.set(o, checkExpr(env, o.condition.when));
    } else {
      checkCondition(env, o.condition);
      ctx.outputTypes.set(o, { t: "bool" });
    }
    chainLimit(ctx, r, "output", o.name, conditionExprs(o.condition), o.span);
  }
  for (const c of r.categories) checkCondition(env, c.condition);
  for (const m of r.measures) checkMeasureCitations(ctx, m);
  for (const o of r.obligations) {
    const named = o.source !== undefined ? findPart(o.source) : part;
    if (named?.id !== part.id) ctx.diagnostics.push(diag("CP-E0518", o.span, [o.name, r.name, r.part]));
    checkObligation(ctx, o, part, r);
  }
}

function conditionExprs(c: Condition): Expr[] {
  switch (c.kind) {
    case "Clause":
      return [c.when];
    case "NotCond":
      return conditionExprs(c.item);
    default:
      return c.items.flatMap(conditionExprs);
  }
}

/**
 * Per-item values and outputs read the outputs of earlier rules, which read others before them: a
 * chain longer than MAX_CHAIN is CP-E0317 (each link is evaluated inside the one reading it, and
 * the generated module's code grows with the chain's length).
 */
function chainLimit(ctx: CompileContext, r: ItemRuleDecl, kind: "local" | "output", name: string, exprs: Expr[], span: Expr["span"]): void {
  let longest = 0;
  for (const e of exprs) {
    walkExpr(e, (x) => {
      const res = ctx.resolved.get(x);
      if (res?.kind === "output") longest = Math.max(longest, ctx.itemChains.get(`output\u0000${res.rule}\u0000${res.name}`) ?? 0);
      else if (res?.kind === "local") longest = Math.max(longest, ctx.itemChains.get(`local\u0000${res.rule}\u0000${res.name}`) ?? 0);
    });
  }
  ctx.itemChains.set(`${kind}\u0000${r.name}\u0000${name}`, longest + 1);
  if (longest + 1 > MAX_CHAIN && !ctx.diagnostics.some((d) => d.code === "CP-E0317")) ctx.diagnostics.push(diag("CP-E0317", span, [name, String(MAX_CHAIN)]));
}

/** Test records must be valid credit records: an error at the field, in the policy file. */
export function checkTestRecords(ctx: CompileContext, validate: (r: unknown) => { path: string; message: string }[]): void {
  for (const t of ctx.policy.tests) {
    for (const err of validate(t.record)) {
      const spans = t.recordSpans ?? {};
      let path = err.path;
      while (path && !(path in spans)) path = path.slice(0, path.lastIndexOf("/"));
      ctx.diagnostics.push(diag("CP-E0504", spans[path] ?? t.span, [t.name, err.path || "/", err.message]));
    }
  }
}
