// A department's project (test/fixtures/consumer: its own package.json and strict tsconfig) using
// generated code: `tsc` accepts its calls against the declarations `compile --target js` writes,
// accepts every generated TypeScript module (all seed policies and the adversarial one) under the
// strictest options, the compiled program runs and grades; a misspelt grade id fails to type-check.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { cli } from "../cli/run-cli.js";
import { adversarialPolicy } from "./adversarial-policy.js";
import { projectDir, ROOT, seedPolicies, writeTarget } from "./generated.js";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

function tsc(dir: string, config: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [TSC, "-p", join(dir, config)], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe("a department's TypeScript project using generated policy code", () => {
  let dir: string;

  beforeAll(async () => {
    dir = projectDir("cp-consumer-");
    cpSync(join(ROOT, "test", "fixtures", "consumer"), dir, { recursive: true });
    const r = cli(["compile", "pinglu-fgj", "--target", "js", "--output", join(dir, "generated")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines.map((l) => l.slice(dir.length + 1))).toEqual(["generated/pinglu-fgj.js", "generated/pinglu-fgj.d.ts"]);
    mkdirSync(join(dir, "generated-ts"));
    for (const seed of seedPolicies()) await writeTarget(join(dir, "generated-ts"), seed, "ts");
    const adv = compilePolicy(adversarialPolicy(), "adversarial.policy");
    await writeTarget(join(dir, "generated-ts"), { ir: adv.ir!, sha256: adv.sha256, file: "adversarial.policy" }, "ts");
    await writeTarget(join(dir, "generated"), { ir: adv.ir!, sha256: adv.sha256, file: "adversarial.policy" }, "js");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("type-checks under --strict (and stricter options), and the compiled program grades", () => {
    const r = tsc(dir, "tsconfig.json");
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
    // tsc compiles the department's sources; the generated JavaScript is shipped beside them.
    cpSync(join(dir, "generated"), join(dir, "out", "generated"), { recursive: true, filter: (f) => !f.endsWith(".d.ts") });
    const run = spawnSync(process.execPath, [join(dir, "out", "src", "grade-city.js")], { cwd: dir, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      policy: "pinglu-fgj",
      grade: "B",
      label: "一般失信",
      letter: true,
      inspection: "increased",
      articles: ["第八条（二）2", "第八条（一）1"],
      fines: ["20000.00"],
      order: ["C", "B", "A"],
      valid: true,
      error: ["CP-R004", "/sanctions/0/date"],
    });
  });

  it("rejects a misspelt grade id, at the place it is written", () => {
    const r = tsc(dir, "tsconfig.misspelt.json");
    expect(r.code).not.toBe(0);
    const errors = r.out.split("\n").filter((l) => / error TS\d+:/.test(l)).map((l) => l.replace(/: error (TS\d+):.*/, " $1"));
    expect(errors).toEqual(["misspelt/grade-typo.ts(5,32) TS2367", "misspelt/grade-typo.ts(6,14) TS2322"]);
  });
});
