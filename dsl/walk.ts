// One walk over expression trees, for every pass and tool that looks for names in expressions.
import { assertNever } from "../diagnostics/never.js";
import type { Expr } from "./ast.js";

/** The direct sub-expressions of `e`, in source order. */
export function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case "Member":
      return [e.object];
    case "Call":
      return e.args;
    case "And":
    case "Or":
      return e.operands;
    case "Not":
      return [e.operand];
    case "Compare":
      return [e.left, ...e.bounds.map((b) => b.right)];
    case "In":
      return [e.left, ...e.items];
    case "Arith":
      return [e.left, e.right];
    case "Paren":
      return [e.expr];
    case "Aggregate":
      return [...(e.of ? [e.of] : []), ...(e.where ? [e.where] : [])];
    case "Quantity":
    case "Date":
    case "String":
    case "Bool":
    case "None":
    case "Name":
    case "Placeholder":
      return [];
    default:
      return assertNever(e, "expression");
  }
}

/**
 * Visits `e` and its sub-expressions, parents first; a visit that returns false skips the children.
 * Recursive: expressions are at most MAX_NESTING deep (dsl/limits.ts).
 */
export function walkExpr(e: Expr | undefined, visit: (e: Expr) => boolean | void): void {
  if (!e || visit(e) === false) return;
  for (const c of exprChildren(e)) walkExpr(c, visit);
}
