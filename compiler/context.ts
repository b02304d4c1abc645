// What the checking passes learn about the AST, for the passes after them and for lower.ts: names
// resolved, every expression's type, the severity order. The passes annotate; none builds IR.
import type { Aggregate, Expr, FilterDecl, ItemRuleDecl, ModelDecl, OutputDecl, ParamDecl, Policy, ValueDecl } from "../dsl/ast.js";
import type { Diagnostic } from "../diagnostics/diagnostics.js";
import type { Span } from "../diagnostics/span.js";
import type { PartDef, PartId } from "../record/registry.js";
import type { BuiltinFn } from "./builtins.js";
import type { IRType } from "./ir.js";

/** A derived value: a `let`, or a weighted model whose total is a score. */
export type ValueLike = ValueDecl | ModelDecl;

/** What a name (or a call, or a member) in an expression stands for. */
export type Resolution =
  | { kind: "field"; field: string; type: IRType }
  | { kind: "value"; name: string }
  | { kind: "local"; rule: string; name: string; type: IRType }
  | { kind: "param"; name: string; type: IRType }
  | { kind: "output"; rule: string; name: string; type: IRType }
  /** A named filter, checked at this use on its own copy of the filter's expression. */
  | { kind: "filter"; name: string; body: Expr }
  | { kind: "subject"; field: string; type: IRType }
  | { kind: "enum"; type: IRType; id: string }
  | { kind: "indicator"; key: string }
  | { kind: "amount"; kinds: string[] }
  | { kind: "call"; fn: BuiltinFn; type: IRType };

/**
 * The text a policy's 来源文件 names, as the caller found it: the CLI reads it beside the policy
 * file; the core never reads files (it runs in a browser too).
 */
export type SourceLookup = { text: string } | { missing: string };

/** Finds the source text a policy names (its 来源文件 value); undefined: not looked for. */
export type SourceProvider = (name: string) => SourceLookup | undefined;

export interface CompileContext {
  policy: Policy;
  diagnostics: Diagnostic[];
  /** The source text, when the caller supplied a way to find it and the policy names one. */
  source?: { name: string; span: Span } & SourceLookup;
  /** resolve: values by name, and in dependency order. */
  values: Map<string, ValueLike>;
  valueOrder: ValueLike[];
  grades: Set<string>;
  /** resolve: grades that come from score bands (they exclude each other by construction). */
  bandGrades: Set<string>;
  categories: Set<string>;
  /** resolve: penalty kind → severity rank. */
  severity: Record<string, number>;
  /** typecheck: each derived value's type. */
  valueTypes: Map<string, IRType>;
  /** typecheck and plans: the type of every expression checked. */
  types: Map<Expr | Aggregate, IRType>;
  /** typecheck and plans: what names, calls and members stand for. */
  resolved: Map<Expr, Resolution>;
  /** typecheck and plans: the record part each aggregate and obligation reads. */
  parts: Map<Aggregate | object, PartDef>;
  /** typecheck: an aggregate over the current element's own sub-items, by the element's part. */
  within: Map<Aggregate, PartId>;
  /** resolve: parameters, named filters and per-item rules by name. */
  params: Map<string, ParamDecl>;
  filters: Map<string, FilterDecl>;
  itemRules: Map<string, ItemRuleDecl>;
  /** typecheck: each parameter's type; each per-item rule's values and outputs with their types. */
  paramTypes: Map<string, IRType>;
  localTypes: Map<ItemRuleDecl, Map<string, IRType>>;
  outputTypes: Map<OutputDecl, IRType>;
  /** resolve: a per-item rule's values in dependency order. */
  localOrder: Map<ItemRuleDecl, ValueDecl[]>;
  /** typecheck: how long a chain of per-item values and outputs each one ends (by rule and name). */
  itemChains: Map<string, number>;
}

export function newContext(policy: Policy, sources?: SourceProvider): CompileContext {
  const meta = policy.meta.source;
  const found = sources && meta?.kind === "string" ? sources(meta.value) : undefined;
  return {
    policy,
    diagnostics: [],
    ...(found && meta?.kind === "string" ? { source: { name: meta.value, span: meta.span, ...found } } : {}),
    values: new Map(),
    valueOrder: [],
    grades: new Set(),
    bandGrades: new Set(),
    categories: new Set(),
    severity: {},
    valueTypes: new Map(),
    types: new Map(),
    resolved: new Map(),
    parts: new Map(),
    within: new Map(),
    params: new Map(),
    filters: new Map(),
    itemRules: new Map(),
    paramTypes: new Map(),
    localTypes: new Map(),
    outputTypes: new Map(),
    localOrder: new Map(),
    itemChains: new Map(),
  };
}
