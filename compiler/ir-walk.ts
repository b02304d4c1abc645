// One walker over IR expressions and conditions, beside dsl/walk.ts for the AST. Every switch over
// IR kinds is exhaustive (assertNever), so a new op fails the build here first; the passes, the
// backends and the analyses that only need "the sub-expressions" or "the values read" use this and
// never write their own traversal.
import { assertNever } from "../diagnostics/never.js";
import type { PartId } from "../record/registry.js";
import type { IRClause, IRCondition, IRExpr, IRPolicy } from "./ir.js";

/**
 * The direct sub-expressions of `e`, each with the record part its fields are read on: inside an
 * aggregate's `of` and `where` that is the aggregate's part; elsewhere the enclosing one.
 */
export function irChildren(e: IRExpr, part: PartId | undefined): { expr: IRExpr; part: PartId | undefined }[] {
  const here = (x: IRExpr) => ({ expr: x, part });
  switch (e.op) {
    case "lit":
    case "value":
    case "field":
    case "subject":
    case "amount":
    case "indicator":
    case "model":
    case "param":
    case "local":
    case "output":
      return [];
    case "call":
      return e.args.map(here);
    case "and":
    case "or":
      return e.args.map(here);
    case "not":
      return [here(e.arg)];
    case "cmp":
    case "add":
    case "sub":
      return [here(e.left), here(e.right)];
    case "in":
      return [here(e.left), ...e.items.map(here)];
    case "shift":
      return [here(e.date), here(e.by)];
    case "agg":
      return [...(e.of ? [e.of] : []), ...(e.where ? [e.where] : [])].map((x) => ({ expr: x, part: e.source }));
    default:
      return assertNever(e);
  }
}

/**
 * Visits `e` and its sub-expressions, parents first, with the part whose fields they read; a visit
 * that returns false skips the children.
 */
export function walkIR(e: IRExpr | undefined, visit: (e: IRExpr, part: PartId | undefined) => boolean | void, part?: PartId): void {
  if (!e || visit(e, part) === false) return;
  for (const c of irChildren(e, part)) walkIR(c.expr, visit, c.part);
}

/** The derived values an expression reads, in order of first use. */
export function irValueReads(e: IRExpr | undefined, out: string[] = []): string[] {
  walkIR(e, (x) => {
    if (x.op === "value" && !out.includes(x.name)) out.push(x.name);
  });
  return out;
}

/** The leaf clauses of a condition, in order. */
export function clausesOf(c: IRCondition, out: IRClause[] = []): IRClause[] {
  switch (c.kind) {
    case "clause":
      out.push(c);
      return out;
    case "not":
      return clausesOf(c.item, out);
    case "any":
    case "all":
      for (const i of c.items) clausesOf(i, out);
      return out;
    default:
      return assertNever(c, "IR condition");
  }
}

/** Where an expression sits in a policy: what it decides and the article that decides it. */
export interface PolicyExpr {
  expr: IRExpr;
  /** The record part whose fields it reads (obligation filters and due dates, per-item rules), if any. */
  part?: PartId;
  role:
    | "value"
    | "clause"
    | "override"
    | "category"
    | "model-item"
    | "band-subject"
    | "obligation-where"
    | "obligation-due"
    | "item-value"
    | "item-output"
    | "item-category";
  /** The article of the rule it belongs to (a value's articles come from the rules that read it). */
  article?: string;
  /** The value, grade, rule, model or obligation it belongs to. */
  owner: string;
}

/** Every top-level expression of a policy, once each: the one list analyses iterate. */
export function policyExprs(ir: IRPolicy): PolicyExpr[] {
  const out: PolicyExpr[] = [];
  for (const v of ir.values) out.push({ expr: v.expr, role: "value", owner: v.name });
  for (const g of ir.grades) for (const c of clausesOf(g.condition)) out.push({ expr: c.expr, role: "clause", article: c.article, owner: g.id });
  for (const o of ir.overrides) out.push({ expr: o.expr, role: "override", article: o.article, owner: o.id });
  for (const c of ir.categories) for (const k of clausesOf(c.condition)) out.push({ expr: k.expr, role: "category", article: k.article, owner: c.id });
  for (const m of ir.models) {
    for (const i of m.items) out.push({ expr: i.value, role: "model-item", ...(m.article ? { article: m.article } : {}), owner: m.name });
  }
  for (const b of ir.bands) out.push({ expr: b.subject, role: "band-subject", ...(b.article ? { article: b.article } : {}), owner: b.name });
  const obligation = (o: IRPolicy["obligations"][number]) => {
    if (o.where) out.push({ expr: o.where, part: o.source, role: "obligation-where", article: o.article, owner: o.name });
    if (o.due) out.push({ expr: o.due, part: o.source, role: "obligation-due", article: o.article, owner: o.name });
  };
  ir.obligations.forEach(obligation);
  for (const r of ir.itemRules) {
    for (const v of r.values) out.push({ expr: v.expr, part: r.part, role: "item-value", ...(r.article ? { article: r.article } : {}), owner: `${r.name}.${v.name}` });
    for (const o of r.outputs) {
      for (const k of clausesOf(o.condition)) out.push({ expr: k.expr, part: r.part, role: "item-output", article: k.article, owner: `${r.name}.${o.name}` });
    }
    for (const c of r.categories) for (const k of clausesOf(c.condition)) out.push({ expr: k.expr, part: r.part, role: "item-category", article: k.article, owner: `${r.name}.${c.id}` });
    r.obligations.forEach(obligation);
  }
  return out;
}
