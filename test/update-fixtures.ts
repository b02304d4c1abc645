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

// The solver's warnings on the analysis fixtures (runs Z3).
{
  const { analyzeFixture } = await import("./fixtures/analyze-fixture.js");
  const adir = join(import.meta.dirname, "fixtures", "analysis");
  for (const name of readdirSync(adir).filter((f) => f.endsWith(".policy")).sort()) {
    const out = await analyzeFixture(join(adir, name), name);
    writeFileSync(join(adir, name.replace(/\.policy$/, ".expected")), out);
    process.stdout.write(`analysis/${name}: ${out.split("\n").filter(Boolean).length} warnings\n`);
  }
}

// The per-decision example's sample records, graded as its README says, through the command line.
{
  const { execFileSync } = await import("node:child_process");
  const root = join(import.meta.dirname, "..");
  const example = join(root, "examples", "per-decision");
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", join(root, "cli", "bin.ts"), "eval", join(example, "per-decision-example.policy"), "--input", join(example, "records.jsonl"), "--as-of", "2022-06-30", "--quiet"],
    { encoding: "utf8" },
  );
  writeFileSync(join(example, "expected.jsonl"), out);
  process.stdout.write(`examples/per-decision/expected.jsonl: ${out.split("\n").filter(Boolean).length} lines\n`);
}
