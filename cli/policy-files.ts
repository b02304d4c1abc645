// Where policies are on disk: a POLICY argument as files (a file, a folder of revisions, a policy id
// under policies/ of the working directory or of this package), and the policy folders. File
// system only: `list` reads these before (and, on a cached run, without) loading the compiler.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "./errors.js";
import { PACKAGE_ROOT } from "./package-root.js";

export function isPolicyFile(name: string): boolean {
  return /\.policy$/.test(name) || /\.policy\.ya?ml$/.test(name);
}

export function policiesDirs(): string[] {
  const dirs = [resolve("policies"), join(PACKAGE_ROOT, "policies")];
  return [...new Set(dirs)].filter((d) => existsSync(d) && statSync(d).isDirectory());
}

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
