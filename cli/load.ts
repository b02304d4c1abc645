// Node-side policy loading: a POLICY argument is a .policy / .policy.yaml file, a folder holding
// one policy, or a policy id under policies/ (of the working directory, else of this package).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePolicy, type CompileResult } from "../compiler/compile.js";
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

/** This package's folder (it holds the seed policies), from dist/ or from the sources. */
export const PACKAGE_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name":\s*"credit-policy"/.test(readFileSync(pkg, "utf8"))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
    dir = up;
  }
})();

export function isPolicyFile(name: string): boolean {
  return /\.policy$/.test(name) || /\.policy\.ya?ml$/.test(name);
}

export function policiesDirs(): string[] {
  const dirs = [resolve("policies"), join(PACKAGE_ROOT, "policies")];
  return [...new Set(dirs)].filter((d) => existsSync(d) && statSync(d).isDirectory());
}

export class UsageError extends Error {}

/** The policy source files a POLICY argument names. */
export function resolvePolicyArg(arg: string): string[] {
  if (existsSync(arg)) {
    const st = statSync(arg);
    if (st.isFile()) return [arg];
    if (st.isDirectory()) {
      const files = readdirSync(arg).filter(isPolicyFile).sort();
      if (files.length === 0) throw new UsageError(`${arg}: no .policy or .policy.yaml file in this folder`);
      return files.map((f) => join(arg, f));
    }
  }
  if (/^[\w-]+$/.test(arg)) {
    for (const dir of policiesDirs()) {
      const folder = join(dir, arg);
      if (existsSync(folder) && statSync(folder).isDirectory()) return resolvePolicyArg(relativeIfInside(folder));
    }
  }
  throw new UsageError(`${arg}: no such policy file, folder or policy id (looked in ${policiesDirs().join(", ") || "policies/"})`);
}

function relativeIfInside(p: string): string {
  const cwd = process.cwd();
  return p.startsWith(cwd + "/") ? p.slice(cwd.length + 1) : p;
}

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

/**
 * The revisions a POLICY argument names, one source file each: a file, or every policy file of a
 * folder (a `.policy` beside its own `.policy.yaml` — same name — is one revision, the text form).
 */
export function revisionFiles(arg: string): string[] {
  const byStem = new Map<string, string>();
  for (const f of resolvePolicyArg(arg)) {
    const stem = f.replace(/\.policy(?:\.ya?ml)?$/, "");
    const prev = byStem.get(stem);
    if (!prev || f.endsWith(".policy")) byStem.set(stem, f);
  }
  return [...byStem.values()];
}

/** A policy that cannot be used: its diagnostics as lines for stderr (exit 2). */
export class PolicyLoadError extends UsageError {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
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

/** Every policy folder under the policies/ directories, by id. */
export function listPolicyFolders(): { id: string; dir: string }[] {
  const out: { id: string; dir: string }[] = [];
  const seen = new Set<string>();
  for (const dir of policiesDirs()) {
    for (const id of readdirSync(dir).sort()) {
      const folder = join(dir, id);
      if (seen.has(id) || !statSync(folder).isDirectory()) continue;
      if (!readdirSync(folder).some(isPolicyFile)) continue;
      seen.add(id);
      out.push({ id, dir: relativeIfInside(folder) });
    }
  }
  return out;
}
