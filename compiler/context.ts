// State the passes share: the AST, the diagnostics, and what each pass learns for the next.
import type { ModelDecl, Policy, ValueDecl } from "../dsl/ast.js";
import type { Diagnostic } from "../diagnostics/diagnostics.js";
import type { IRCondition, IRExpr, IRPlanExtras, IRType } from "./ir.js";

/** A derived value: a `let`, or a weighted model whose total is a score. */
export type ValueLike = ValueDecl | ModelDecl;

export interface CompileContext {
  policy: Policy;
  diagnostics: Diagnostic[];
  /** resolve: values by name, and in dependency order. */
  values: Map<string, ValueLike>;
  valueOrder: ValueLike[];
  grades: Set<string>;
  /** resolve: grades that come from score bands (they exclude each other by construction). */
  bandGrades: Set<string>;
  categories: Set<string>;
  /** resolve: penalty kind → severity rank. */
  severity: Record<string, number>;
  /** typecheck: each value's and each grade's lowered, typed form. */
  typedValues: Map<string, { type: IRType; expr: IRExpr }>;
  typedGrades: Map<string, IRCondition>;
  /** typecheck and plans: score models, bands, overrides, categories, obligations … */
  plans: IRPlanExtras;
}

export function newContext(policy: Policy): CompileContext {
  return {
    policy,
    diagnostics: [],
    values: new Map(),
    valueOrder: [],
    grades: new Set(),
    bandGrades: new Set(),
    categories: new Set(),
    severity: {},
    typedValues: new Map(),
    typedGrades: new Map(),
    plans: {
      bands: [],
      overrides: [],
      categories: [],
      models: [],
      obligations: [],
      snapshot: null,
      annexes: [],
      collects: null,
      requires: null,
    },
  };
}
