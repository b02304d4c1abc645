// State the passes share: the AST, the diagnostics, and what each pass learns for the next.
import type { Policy, ValueDecl } from "../dsl/ast.js";
import type { Diagnostic } from "../dsl/diagnostics.js";
import type { IRCondition, IRExpr, IRType } from "./ir.js";

export interface CompileContext {
  policy: Policy;
  diagnostics: Diagnostic[];
  /** resolve: values by name, and in dependency order. */
  values: Map<string, ValueDecl>;
  valueOrder: ValueDecl[];
  grades: Set<string>;
  /** resolve: penalty kind → severity rank. */
  severity: Record<string, number>;
  /** typecheck: each value's and each grade's lowered, typed form. */
  typedValues: Map<string, { type: IRType; expr: IRExpr }>;
  typedGrades: Map<string, IRCondition>;
}

export function newContext(policy: Policy): CompileContext {
  return {
    policy,
    diagnostics: [],
    values: new Map(),
    valueOrder: [],
    grades: new Set(),
    severity: {},
    typedValues: new Map(),
    typedGrades: new Map(),
  };
}
