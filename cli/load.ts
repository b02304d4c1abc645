// Node-side policy loading: a POLICY argument is a .policy / .policy.yaml file, a folder holding
// one policy, or a policy id under policies/ (of the working directory, else of this package).
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { createRequire } from "node:module";
import { compilePolicy, setYamlFrontEnd, type CompileResult } from "../compiler/compile-core.js";
import type { SourceProvider } from "../compiler/context.js";
import {
  buildRevisionSet,
  findRevision,
  latestRevision,
  revisionInForce,
  type Revision,
  type RevisionPeriod,
  type RevisionSet,
} from "../compiler/versions.js";
import type { IRPolicy } from "../compiler/ir.js";
import { decodeSource } from "../dsl/source.js";
import { diag, formatDiagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostics.js";
import { makeGrader, type Grader } from "../runtime/evaluate.js";
import { PolicyLoadError, UsageError } from "./errors.js";
import { isPolicyFile, listPolicyFolders, policiesDirs, resolvePolicyArg, revisionFiles } from "./policy-files.js";

export { isPolicyFile, listPolicyFolders, policiesDirs, resolvePolicyArg, revisionFiles };

export { PACKAGE_ROOT } from "./package-root.js";
export { PolicyLoadError, UsageError } from "./errors.js";

// The YAML front-end (the yaml library, and ajv for its schema: ≈100 ms to load) is loaded the
// first time a .policy.yaml file is compiled, synchronously (Node ≥ 20.19 requires ES modules).
const require = createRequire(import.meta.url);
setYamlFrontEnd((text, file) => (require("../dsl/yaml/parse-yaml.js") as typeof import("../dsl/yaml/parse-yaml.js")).parseYamlPolicy(text, file));

/** One policy from a POLICY argument: a folder must hold exactly one policy source for now. */
export function resolveSinglePolicy(arg: string): string {
  // The text form when a folder holds one policy in both forms (revisionFiles); of several
  // revisions, the latest, when they form one history.
  const files = revisionFiles(arg);
  if (files.length === 1) return files[0] as string;
  const { set } = compileRevisions(files);
  const latest = set && !hasErrors(set.diagnostics) ? latestRevision(set) : undefined;
  if (latest) return latest.revision.file;
  throw new UsageError(`${arg}: holds several policy files (${files.map((f) => basename(f)).join(", ")}) that are not one history of revisions; name one`);
}

export interface LoadedSource {
  file: string;
  text?: string;
  error?: Diagnostic;
}

export function readSource(file: string): LoadedSource {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { file, error: diag("CP-E0001", { file, line: 1, col: 1, endLine: 1, endCol: 1, start: 0, end: 0 }, [`(${(e as Error).message})`]) };
  }
  const decoded = decodeSource(bytes, file);
  return "error" in decoded ? { file, error: decoded.error } : { file, text: decoded.text };
}

/**
 * The regulation a policy's 来源文件 names, read beside the policy file (policies/<id>/<name>),
 * for the fidelity pass.
 */
export function sourceTextBeside(file: string): SourceProvider {
  return (name) => {
    const path = isAbsolute(name) ? name : join(dirname(file), name);
    const src = readSource(path);
    if (src.text !== undefined) return { text: src.text };
    return { missing: existsSync(path) ? `${path}: not UTF-8 text` : `${path}: no such file` };
  };
}

export function compileFile(file: string): CompileResult & { file: string } {
  const src = readSource(file);
  if (src.error || src.text === undefined) {
    return { file, diagnostics: src.error ? [src.error] : [], sha256: "", form: /\.ya?ml$/.test(file) ? "yaml" : "dsl" };
  }
  return { file, ...compilePolicy(src.text, file, undefined, { sources: sourceTextBeside(file) }) };
}

export type CompiledFile = CompileResult & { file: string };

function asRevision(c: CompiledFile): Revision {
  return { ir: c.ir as IRPolicy, sha256: c.sha256, file: c.file, ...(c.ast ? { ast: c.ast } : {}) };
}

/** Every revision compiled, and the revision set when they all compile. */
export function compileRevisions(files: readonly string[]): { compiled: CompiledFile[]; set?: RevisionSet } {
  const compiled = files.map(compileFile);
  if (compiled.some((c) => !c.ir || hasErrors(c.diagnostics))) return { compiled };
  return { compiled, set: buildRevisionSet(compiled.map(asRevision)) };
}

/** The history of compiled revisions, or a PolicyLoadError when one does not compile or they do not fit together. */
export function checkedHistory(compiled: readonly CompiledFile[], arg: string): RevisionSet {
  const broken = compiled.filter((c) => !c.ir || hasErrors(c.diagnostics));
  if (broken.length > 0) throw new PolicyLoadError(broken.flatMap((c) => c.diagnostics.map((d) => formatDiagnostic(d, c.file))));
  const set = buildRevisionSet(compiled.map(asRevision));
  if (hasErrors(set.diagnostics)) throw new PolicyLoadError(set.diagnostics.map((d) => formatDiagnostic(d, arg)));
  return set;
}

/** A policy's revisions, checked, with a grader per revision built on first use. */
export interface PolicyHistory {
  arg: string;
  set: RevisionSet;
  /** The revision `--revision` pinned, if any. */
  pinned?: RevisionPeriod;
  grader(period: RevisionPeriod): Grader;
  /** The pinned revision, else the one in force on `day`; or why there is none. */
  forDay(day: string): { grader: Grader; period: RevisionPeriod } | { error: Diagnostic };
}

export function loadHistory(arg: string, revision?: string): PolicyHistory {
  const set = checkedHistory(revisionFiles(arg).map(compileFile), arg);
  let pinned: RevisionPeriod | undefined;
  if (revision !== undefined) {
    const found = findRevision(set, revision);
    if ("error" in found) throw new PolicyLoadError([formatDiagnostic(found.error, arg)]);
    pinned = found.period;
  }
  const graders = new Map<RevisionPeriod, Grader>();
  const grader = (p: RevisionPeriod): Grader => {
    let g = graders.get(p);
    if (!g) graders.set(p, (g = makeGrader(p.revision.ir, p.revision.sha256)));
    return g;
  };
  return {
    arg,
    set,
    ...(pinned ? { pinned } : {}),
    grader,
    forDay(day) {
      const found = pinned ? { period: pinned } : revisionInForce(set, day);
      return "error" in found ? found : { grader: grader(found.period), period: found.period };
    },
  };
}

/** The grader for grading as of `day`: the revision in force then, or the one `revision` names. */
export function loadGraderForDay(arg: string, day: string, revision?: string): Grader {
  const found = loadHistory(arg, revision).forDay(day);
  if ("error" in found) throw new PolicyLoadError([formatDiagnostic(found.error, arg)]);
  return found.grader;
}

