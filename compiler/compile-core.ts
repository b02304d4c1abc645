// The compiler: source → AST → checked AST → IR, through a named, ordered list of passes. Check
// once, evaluate many: the result's IR feeds the evaluator and other backends. The YAML front-end
// is plugged in (compile.ts does it; the command line does it on first use, so that checking a
// .policy file loads no YAML or JSON Schema library).
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Policy } from "../dsl/ast.js";
import { hasErrors, renderRecordError, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostics.js";
import { parsePolicy } from "../dsl/parse.js";
import { validateRecord } from "../record/validate.js";
import { newContext, type CompileContext, type SourceProvider } from "./context.js";
import type { IRPolicy } from "./ir.js";
import { drafting } from "./passes/drafting.js";
import { fidelity } from "./passes/fidelity.js";
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
  // CP-E0504 quotes the record error, in the English of eval's output lines.
  {
    name: "check-tests",
    stage: "ast",
    run: (ctx) => checkTestRecords(ctx, (r) => validateRecord(r).map((e) => ({ path: e.path, message: renderRecordError(e, "en") }))),
  },
  // Quotes verbatim, citations that name articles of the source, every article accounted for:
  // only when the caller supplied the source text (compiler/fidelity/).
  { name: "fidelity", stage: "ast", run: fidelity },
  { name: "lint", stage: "ir", run: lint },
];

export interface CompileOptions {
  /** Finds the text the policy's 来源文件 names, for the fidelity pass; without it the pass is skipped. */
  sources?: SourceProvider;
}

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

export type FrontEnd = (text: string, file: string) => { policy?: Policy; diagnostics: Diagnostic[] };

let yamlFrontEnd: FrontEnd | undefined;

/** The parser of the YAML form (dsl/yaml/parse-yaml.ts parseYamlPolicy, or a function that loads it). */
export function setYamlFrontEnd(parse: FrontEnd): void {
  yamlFrontEnd = parse;
}

/** Parse only: the AST of either form. */
export function parseAny(text: string, file: string, form: SourceForm = formOf(file)): { policy?: Policy; diagnostics: Diagnostic[] } {
  if (form === "dsl") return parsePolicy(text, file);
  if (!yamlFrontEnd) throw new Error("the YAML front-end is not loaded: import compiler/compile.ts, or call setYamlFrontEnd");
  return yamlFrontEnd(text, file);
}

export function checkAst(policy: Policy, opts: CompileOptions = {}): { ir?: IRPolicy; diagnostics: Diagnostic[] } {
  const ctx = newContext(policy, opts.sources);
  let ir: IRPolicy | undefined;
  for (const pass of PASSES) {
    if (pass.stage === "ast") pass.run(ctx);
    else pass.run(ctx, (ir ??= lower(ctx)));
    if (hasErrors(ctx.diagnostics)) return { diagnostics: sortDiagnostics(ctx.diagnostics) };
  }
  return { ir: ir ?? lower(ctx), diagnostics: sortDiagnostics(ctx.diagnostics) };
}

export function compilePolicy(text: string, file: string, form: SourceForm = formOf(file), opts: CompileOptions = {}): CompileResult {
  const hash = sourceHash(text);
  const parsed = parseAny(text, file, form);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) {
    return { ...(parsed.policy ? { ast: parsed.policy } : {}), diagnostics: sortDiagnostics(parsed.diagnostics), sha256: hash, form };
  }
  const checked = checkAst(parsed.policy, opts);
  return {
    ast: parsed.policy,
    ...(checked.ir ? { ir: checked.ir } : {}),
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]),
    sha256: hash,
    form,
  };
}
