// The compiler's entry point: source → AST → checked AST → IR, through a named, ordered list of
// passes. Check once, evaluate many: the result's IR feeds the evaluator and other backends.
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Policy } from "../dsl/ast.js";
import { hasErrors, renderRecordError, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostics.js";
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

export interface Pass {
  name: string;
  run(ctx: CompileContext): void;
}

/** The passes, in order. A pass runs only when the ones before it reported no error. */
export const PASSES: readonly Pass[] = [
  { name: "drafting", run: drafting },
  { name: "resolve", run: resolve },
  { name: "typecheck", run: typecheck },
  { name: "plans", run: plans },
  // CP-E0504 quotes the record error, in the English of eval's output lines.
  { name: "check-tests", run: (ctx) => checkTestRecords(ctx, (r) => validateRecord(r).map((e) => ({ path: e.path, message: renderRecordError(e, "en") }))) },
  { name: "lint", run: lint },
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

export function checkAst(policy: Policy): { ir?: IRPolicy; diagnostics: Diagnostic[] } {
  const ctx = newContext(policy);
  for (const pass of PASSES) {
    pass.run(ctx);
    if (hasErrors(ctx.diagnostics)) return { diagnostics: sortDiagnostics(ctx.diagnostics) };
  }
  return { ir: lower(ctx), diagnostics: sortDiagnostics(ctx.diagnostics) };
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
