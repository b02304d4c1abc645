// Policies from git history: `REV:PATH` names a policy file or folder as it was in any revision
// (`HEAD~3:policies/pinglu-fgj`), read with `git cat-file`, `git ls-tree` and `git show` in the
// working directory's repository. PATH is relative to the repository's top (git's rule; `./`
// makes it relative to the working directory); a bare policy id means policies/<id>.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostics.js";
import { decodeSource } from "../dsl/source.js";
import { isPolicyFile, UsageError } from "./load.js";

export interface GitSource {
  /** REV:PATH of the file, as diagnostics name it. */
  label: string;
  text?: string;
  error?: Diagnostic;
}

/** Whether an argument is `REV:PATH` rather than a file, folder or policy id. */
export function isGitSpec(arg: string): boolean {
  return !existsSync(arg) && /^[^:\s][^:]*:[^:]*$/.test(arg);
}

function git(args: string[]): Buffer {
  try {
    return execFileSync("git", args, { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string; code?: string };
    if (err.code === "ENOENT") throw new UsageError("git is not installed or not on PATH");
    const why = err.stderr?.toString("utf8").trim().split("\n")[0] || err.message;
    throw new UsageError(`git ${args.join(" ")}: ${why}`);
  }
}

function objectType(spec: string): string | undefined {
  try {
    return execFileSync("git", ["cat-file", "-t", spec], { stdio: ["ignore", "pipe", "pipe"] }).toString("utf8").trim();
  } catch {
    return undefined;
  }
}

/** The policy sources `REV:PATH` names: one file, or every policy file of a folder. */
export function readGitPolicy(spec: string): GitSource[] {
  const colon = spec.indexOf(":");
  const rev = spec.slice(0, colon);
  let path = spec.slice(colon + 1).replace(/\/+$/, "");
  let type = objectType(`${rev}:${path}`);
  if (type === undefined && /^[\w-]+$/.test(path) && objectType(`${rev}:policies/${path}`) !== undefined) {
    path = `policies/${path}`;
    type = objectType(`${rev}:${path}`);
  }
  if (type === undefined) {
    git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]); // a bad revision says so
    throw new UsageError(`${spec}: no such file or folder in ${rev}`);
  }
  const read = (p: string): GitSource => {
    const label = `${rev}:${p}`;
    const decoded = decodeSource(git(["show", label]), label);
    return "error" in decoded ? { label, error: decoded.error } : { label, text: decoded.text };
  };
  if (type === "blob") return [read(path)];
  if (type !== "tree") throw new UsageError(`${spec}: is a git ${type}, not a file or folder`);
  const names = git(["ls-tree", "--name-only", `${rev}:${path}`])
    .toString("utf8")
    .split("\n")
    .filter((n) => n && isPolicyFile(n))
    .sort();
  if (names.length === 0) throw new UsageError(`${spec}: no .policy or .policy.yaml file in this folder`);
  return names.map((n) => read(path ? `${path}/${n}` : n));
}
