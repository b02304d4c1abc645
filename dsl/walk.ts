// One walk over expression trees, for every pass and tool that looks for names in expressions.
import { assertNever } from "../diagnostics/never.js";
import type { Expr } from "./ast.js";

/** Visits `e` and its sub-expressions, parents first; a visit that returns false skips the children. */
export function walkExpr(e: Expr | undefined, visit: (e: Expr) => boolean | void): void {
  if (!e || visit(e) === false) return;
  switch (e.kind) {
    case "Member":
      return walkExpr(e.object, visit);
    case "Call":
      return e.args.forEach((a) => walkExpr(a, visit));
    case "And":
    case "Or":
      return e.operands.forEach((a) => walkExpr(a, visit));
    case "Not":
      return walkExpr(e.operand, visit);
    case "Compare":
      walkExpr(e.left, visit);
      return e.bounds.forEach((b) => walkExpr(b.right, visit));
    case "In":
      walkExpr(e.left, visit);
      return e.items.forEach((a) => walkExpr(a, visit));
    case "Arith":
      walkExpr(e.left, visit);
      return walkExpr(e.right, visit);
    case "Paren":
      return walkExpr(e.expr, visit);
    case "Aggregate":
      walkExpr(e.of, visit);
      return walkExpr(e.where, visit);
    case "Quantity":
    case "Date":
    case "String":
    case "Bool":
    case "None":
    case "Name":
    case "Placeholder":
      return;
    default:
      return assertNever(e, "expression");
  }
}
