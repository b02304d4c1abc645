// The generated module, loaded in this process: the same code `compile --target js` writes, as a
// function body that receives the runtime support module. `credit-policy eval` grades with it (in
// every worker thread). The policy's text is in it only as string literals (js-literals.ts).
import * as support from "./support.js";
import type { IRPolicy } from "../compiler/ir.js";
import { generateModule } from "../compiler/backends/js-module.js";
import type { PolicyRef } from "../compiler/backends/result-shape.js";

export interface LoadedModule {
  policy: PolicyRef;
  gradeIds: readonly string[];
  evaluate(record: unknown, asOf: string): unknown;
  validate(record: unknown): support.RecordError[];
  grade(record: unknown, asOf: string): unknown;
}

/** The generated module for `ir`; throws CodegenUnsupported when the generator cannot translate the policy. */
export function instantiate(ir: IRPolicy, ref: PolicyRef): LoadedModule {
  const body = generateModule(ir, { flavor: "js", form: "function", ref, source: ir.id });
  // The body is generated code only; policy text is in it as inert string literals.
  const factory = new Function("support", body) as (s: typeof support) => LoadedModule;
  return factory(support);
}
