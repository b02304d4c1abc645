// Helpers for the code generator's tests: the seed policies, compiled; a temporary folder laid out
// like a department's project (its own package.json, `credit-policy` installed as a link to this
// checkout) to write generated modules into and import them from.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { compilePolicy } from "../../compiler/compile.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { compileTarget, type Target } from "../../compiler/backends/targets.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface Seed {
  file: string;
  text: string;
  ir: IRPolicy;
  sha256: string;
}

const POLICY_FILE = /\.policy(\.ya?ml)?$/;

/**
 * Every policy source under policies/, then the differential corpus's own policies
 * (test/fixtures/differential/: constructs the seeds do not use; adding a policy there adds it to
 * every backend's corpus) and the per-decision illustration, compiled (each must compile).
 */
export function seedPolicies(): Seed[] {
  const dir = join(ROOT, "policies");
  const inFolder = (folder: string) =>
    readdirSync(folder)
      .filter((f) => POLICY_FILE.test(f))
      .sort()
      .map((f) => join(folder, f));
  return [
    ...readdirSync(dir)
      .sort()
      .flatMap((id) => inFolder(join(dir, id))),
    ...inFolder(join(ROOT, "test", "fixtures", "differential")),
    ...inFolder(join(ROOT, "examples", "per-decision")),
  ].map((path) => {
      const text = readFileSync(path, "utf8");
      const file = relative(ROOT, path);
      const r = compilePolicy(text, file);
      if (!r.ir) throw new Error(`${file} does not compile: ${r.diagnostics.map((d) => d.code).join(", ")}`);
      return { file, text, ir: r.ir, sha256: r.sha256 };
    });
}

/** A fresh folder where `import … from "credit-policy/support"` resolves to this checkout. */
export function projectDir(prefix = "cp-gen-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "credit-policy"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "department-project", private: true, type: "module" }));
  return dir;
}

/** Writes a target's files for a policy into `dir`; returns their paths. */
export async function writeTarget(dir: string, seed: Pick<Seed, "ir" | "sha256" | "file">, target: Target): Promise<string[]> {
  const files = await compileTarget(seed.ir, target, { sha256: seed.sha256, source: seed.file });
  return files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.text);
    return path;
  });
}

/** The days the corpus grades on: year ends, the snapshot day and the days around it, a leap-year end of February. */
export const CORPUS_DAYS = ["2021-12-31", "2021-10-31", "2021-11-01", "2022-03-01", "2021-02-28"];
