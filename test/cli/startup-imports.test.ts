// Start-up loads only the option tables: every command's work is imported when it runs
// (cli/run/, cli/solver/, …). A command file that imports a module pulling in the compiler (for a
// mere error class, say) makes `--version` and `--help` of every command pay for it: this holds the
// command files to the small modules the dispatcher itself needs. Figures: BENCHMARKS.md, start-up.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./run-cli.js";

/** The modules a command's option table may load at start-up (relative to cli/commands/). */
const ALLOWED = new Set([
  "../command.js",
  "../errors.js",
  "../io.js",
  "../diff/formats.js",
  "../../compiler/backends/target-names.js",
  "../../compiler/backends/sql/dialect.js",
]);

const dir = join(ROOT, "cli", "commands");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("start-up imports of the command files", () => {
  it.each(files)("%s imports only option-table modules at the top level", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const imports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1] as string);
    expect(imports.filter((m) => !ALLOWED.has(m))).toEqual([]);
  });

  it("finds the command files", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
});
