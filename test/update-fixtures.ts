// Rewrites every fixture's expected output from what the compiler now says. Review the diff.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diagnoseFile } from "./fixtures/diagnose.js";

const dir = join(import.meta.dirname, "fixtures", "diagnostics");
for (const name of readdirSync(dir).filter((f) => /\.policy(\.ya?ml)?$/.test(f)).sort()) {
  const out = diagnoseFile(join(dir, name), name);
  writeFileSync(join(dir, name.replace(/\.policy(\.ya?ml)?$/, ".expected")), out);
  process.stdout.write(`${name}: ${out.split("\n").filter((l) => l && !l.startsWith(" ")).length} diagnostics\n`);
}
