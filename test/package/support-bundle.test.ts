// The runtime support of generated modules (`credit-policy/support`, dist/support/): one file per
// module system that imports nothing else — no compiler, no ajv, no Node built-in — and holds no
// `new Function` or `eval`, so a browser bundle of a generated module runs under a strict
// Content-Security-Policy. Here a generated module is bundled for the browser with esbuild (as a
// department's build would) and the bundle is read: its inputs and its text. How fast the support
// module loads is measured in the benchmark (`npm run bench`, start-up table), not here.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { compileTarget } from "../../compiler/backends/targets.js";
import { ROOT } from "../cli/run-cli.js";

const SUPPORT_ESM = join(ROOT, "dist", "support", "index.js");
const SUPPORT_CJS = join(ROOT, "dist", "support", "index.cjs");
/** What must not be in code a strict CSP runs: code made from strings. */
const STRING_CODE = /\bnew\s+Function\b|\bFunction\s*\(|(?<![.\w$])eval\s*\(/;

describe("credit-policy/support", () => {
  it("is one self-contained file per module system: no import, no require, nothing of the compiler or ajv", () => {
    const esm = readFileSync(SUPPORT_ESM, "utf8");
    const cjs = readFileSync(SUPPORT_CJS, "utf8");
    expect(esm).not.toMatch(/^\s*import\b|\bimport\s*\(|\brequire\s*\(/m);
    expect(cjs).not.toMatch(/\brequire\s*\(|\bimport\s*\(/);
    for (const text of [esm, cjs]) {
      expect(text).not.toMatch(/chevrotain|ajv|node:/i);
      expect(text).not.toMatch(STRING_CODE);
    }
  });

  it("is all a browser bundle of a generated module takes in, and the bundle runs no string as code", async () => {
    const source = "policies/pinglu-fgj/pinglu-fgj.policy";
    const compiled = compilePolicy(readFileSync(join(ROOT, source), "utf8"), source);
    const [mod] = await compileTarget(compiled.ir!, "js", { sha256: compiled.sha256, source });
    const dir = mkdtempSync(join(tmpdir(), "cp-bundle-"));
    const entry = join(dir, "pinglu-fgj.js");
    writeFileSync(entry, mod!.text);
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      metafile: true,
      logLevel: "silent",
      // As a department's bundler resolves the package's "./support" export.
      alias: { "credit-policy/support": SUPPORT_ESM },
    });
    const inputs = Object.keys(out.metafile.inputs).map((f) => relative(process.cwd(), join(process.cwd(), f)));
    expect(inputs.map((f) => join(process.cwd(), f)).sort()).toEqual([entry, SUPPORT_ESM].sort());
    const text = out.outputFiles[0]!.text;
    expect(text).not.toMatch(STRING_CODE);
    expect(text).toMatch(/function evaluate\(/);
  });
});
