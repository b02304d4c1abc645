// The compiler's entry point: source → AST → checked AST → IR, through a named, ordered list of
// passes. Check once, evaluate many: the result's IR feeds the evaluator and other backends.
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Policy } from "../dsl/ast.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostics.js";
import { parsePolicy } from "../dsl/parse.js";
import { parseYamlPolicy } from "../dsl/yaml/parse-yaml.js";
import { validateRecord } from "../record/validate.js";
import { newContext, type CompileContext } from "./context.js";
import type { IRPolicy } from "./ir.js";
import { drafting } from "./passes/drafting.js";
import { lint } from "./passes/lint.js";
import { plans } from "./passes/plans.js";
import { resolve } from "./passes/resolve.js";
import { checkTestRecords, typecheck } from "./passes/typecheck.js";
import { lower } from "./lower.js";

/** A pass over the AST: checks and annotates the context; builds no IR. */
export interface AstPass {
  name: string;
  stage: "ast";
  run(ctx: CompileContext): void;
}

/** A pass over the lowered IR: lints that read the policy as it will run. */
export interface IrPass {
  name: string;
  stage: "ir";
  run(ctx: CompileContext, ir: IRPolicy): void;
}

export type Pass = AstPass | IrPass;

/**
 * The passes, in order. A pass runs only when the ones before it reported no error; between the
 * AST passes and the IR passes, lower.ts turns the checked AST into IR.
 */
export const PASSES: readonly Pass[] = [
  { name: "drafting", stage: "ast", run: drafting },
  { name: "resolve", stage: "ast", run: resolve },
  { name: "typecheck", stage: "ast", run: typecheck },
  { name: "plans", stage: "ast", run: plans },
  // CP-E0504 quotes the record error as a catalogue reference: eval's words, in the language shown.
  {
    name: "check-tests",
    stage: "ast",
    run: (ctx) => checkTestRecords(ctx, (r) => validateRecord(r).map((e) => ({ path: e.path, message: { key: e.key ?? e.code, args: e.args } }))),
  },
  { name: "lint", stage: "ir", run: lint },
];

export type SourceForm = "dsl" | "yaml";

export interface CompileResult {
  ast?: Policy;
  ir?: IRPolicy;
  diagnostics: Diagnostic[];
  /** sha256 of the source text (UTF-8), hex. */
  sha256: string;
  form: SourceForm;
}

export function formOf(file: string): SourceForm {
  return /\.ya?ml$/i.test(file) ? "yaml" : "dsl";
}

export function sourceHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Parse only: the AST of either form. */
export function parseAny(text: string, file: string, form: SourceForm = formOf(file)): { policy?: Policy; diagnostics: Diagnostic[] } {
  return form === "yaml" ? parseYamlPolicy(text, file) : parsePolicy(text, file);
}

/** Check a parsed policy and lower it; `ctx` may be given to keep what the passes learned (the editor's names and types). */
export function checkAst(policy: Policy, ctx: CompileContext = newContext(policy)): { ir?: IRPolicy; diagnostics: Diagnostic[] } {
  let ir: IRPolicy | undefined;
  for (const pass of PASSES) {
    if (pass.stage === "ast") pass.run(ctx);
    else pass.run(ctx, (ir ??= lower(ctx)));
    if (hasErrors(ctx.diagnostics)) return { diagnostics: sortDiagnostics(ctx.diagnostics) };
  }
  return { ir: ir ?? lower(ctx), diagnostics: sortDiagnostics(ctx.diagnostics) };
}

export function compilePolicy(text: string, file: string, form: SourceForm = formOf(file)): CompileResult {
  const hash = sourceHash(text);
  const parsed = parseAny(text, file, form);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) {
    return { ...(parsed.policy ? { ast: parsed.policy } : {}), diagnostics: sortDiagnostics(parsed.diagnostics), sha256: hash, form };
  }
  const checked = checkAst(parsed.policy);
  return {
    ast: parsed.policy,
    ...(checked.ir ? { ir: checked.ir } : {}),
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]),
    sha256: hash,
    form,
  };
}
