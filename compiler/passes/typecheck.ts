// Pass 2, typecheck: derived values in dependency order (a model's total is a score; models.ts
// checks its items), grades' conditions, and the citations measures need. Annotates the AST in the
// context (check-expr.ts); lower.ts builds the IR from it.
import { diag } from "../../diagnostics/diagnostics.js";
import type { CompileContext } from "../context.js";
import { checkAggregate, checkCondition, checkExpr, type Env } from "./check-expr.js";
import { checkModel } from "./models.js";

export function typecheck(ctx: CompileContext): void {
  const env: Env = { ctx };
  for (const v of ctx.valueOrder) {
    if (v.kind === "Model") {
      checkModel(ctx, v);
      ctx.valueTypes.set(v.name, { t: "score" });
      continue;
    }
    const value = v.value;
    ctx.valueTypes.set(v.name, value.kind === "Aggregate" ? checkAggregate(env, value) : checkExpr(env, value));
  }
  for (const g of ctx.policy.grades) checkCondition(env, g.condition);
  for (const group of ctx.policy.measures) {
    const check = (items: typeof group.items): void => {
      for (const item of items) {
        if (!item.text) ctx.diagnostics.push(diag("CP-E0502", item.span));
        if (!item.article) ctx.diagnostics.push(diag("CP-E0501", item.span));
        check(item.items);
      }
    };
    check(group.items);
  }
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
