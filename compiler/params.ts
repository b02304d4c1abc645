// Parameters given for a run (eval --param NAME=VALUE): a new IR with the values replaced, each
// written in the policy's own language (5万元, 6个月, 2024-01-01, 是), checked against the type of
// the parameter's own value so a run cannot give money where a duration is meant. The policy
// reference of every result names the values given (result-shape.ts policyRef), so a line stays
// reproducible.
import { parseFragment } from "../dsl/parse.js";
import type { Expr } from "../dsl/ast.js";
import type { IRParam, IRPolicy } from "./ir.js";
import { quantityValue } from "./passes/check-expr.js";
import { quantityType, typeName } from "./types.js";

export interface ParamProblem {
  name: string;
  /** Why the value is refused, in English (a usage error of the command line). */
  reason: string;
}

function literalOf(text: string): Expr | undefined {
  const r = parseFragment<Expr>(text, "expressionOnly", { file: "--param", line: 1, col: 1, offset: 0 });
  if (!r.value || r.diagnostics.some((d) => d.severity === "error")) return undefined;
  return r.value;
}

/** The parameter's new value in the IR's form, or why the text does not give one of its type. */
export function paramValue(p: IRParam, text: string): { value: string | boolean } | { reason: string } {
  const e = literalOf(text.trim());
  if (!e) return { reason: `"${text}" is not a value the policy language reads` };
  switch (e.kind) {
    case "Quantity": {
      const t = quantityType(e);
      const v = quantityValue(e);
      if ("code" in v) return { reason: `"${text}" is not an exact ${typeName(t)}` };
      const same = t.t === p.type.t || (p.type.t === "number" && (t.t === "count" || t.t === "score")) || (t.t === "number" && ["count", "score", "number"].includes(p.type.t));
      return same ? { value: v.value } : { reason: `${p.name} is ${typeName(p.type)}, "${text}" is ${typeName(t)}` };
    }
    case "Date":
      return p.type.t === "date" ? { value: e.value } : { reason: `${p.name} is ${typeName(p.type)}, "${text}" is a date` };
    case "String":
      return p.type.t === "string" ? { value: e.value } : { reason: `${p.name} is ${typeName(p.type)}, "${text}" is a text` };
    case "Bool":
      return p.type.t === "bool" ? { value: e.value } : { reason: `${p.name} is ${typeName(p.type)}, "${text}" is yes/no` };
    default:
      return { reason: `"${text}" is not a literal (a quantity with its unit, a date, a quoted text or 是/否)` };
  }
}

/** The policy with the given parameters' values; every problem when any is refused. */
export function withParams(ir: IRPolicy, given: ReadonlyMap<string, string>): { ir: IRPolicy } | { problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  for (const name of given.keys()) {
    if (!ir.params.some((p) => p.name === name)) {
      const known = ir.params.map((p) => p.name).join(", ") || "none";
      problems.push({ name, reason: `policy ${ir.id} has no parameter ${name} (its parameters: ${known})` });
    }
  }
  const params = ir.params.map((p) => {
    const text = given.get(p.name);
    if (text === undefined) return p;
    const v = paramValue(p, text);
    if ("reason" in v) {
      problems.push({ name: p.name, reason: v.reason });
      return p;
    }
    return { ...p, value: v.value, given: text.trim() };
  });
  return problems.length ? { problems } : { ir: { ...ir, params } };
}
