// The package as a department's developer gets it: `npm pack`, then an install of the tarball in an
// empty folder. The tarball holds what users need and no tests or benchmarks; the installed CLI
// runs; `import { compile, evaluate } from "credit-policy"` works from ESM and type-checks under
// `tsc --strict` (and a wrong call does not); a CommonJS project requires a generated module
// (`compile --target cjs`), which grades as the API does. Needs dist/ (npm test builds first) and
// the npm cache or registry for the package's dependencies.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { isError, makeGrader } from "../../runtime/evaluate.js";
import { ROOT } from "../cli/run-cli.js";

const POLICY = "policies/pinglu-fgj/pinglu-fgj.policy";
const AS_OF = "2021-12-31";
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const npm = (args: string[], cwd: string) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** A record from the shipped examples that the policy grades (not null) on AS_OF. */
const policyIr = compilePolicy(readFileSync(join(ROOT, POLICY), "utf8"), POLICY).ir!;
const grader = makeGrader(policyIr, "");
const RECORD = readFileSync(join(ROOT, "examples/records.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>)
  .find((r) => {
    const g = grader.grade(r, AS_OF);
    return !isError(g) && g.grade !== null;
  })!;
const expected = grader.grade(RECORD, AS_OF);

let files: string[];
let app: string;

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), "cp-pack-"));
  // dist/ is built already (npm test builds first); prepack would build it again.
  const packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", out], ROOT)) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path);
  app = join(out, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "department-app", private: true, type: "module" }));
  npm(["install", "--prefer-offline", join(out, packed[0]!.filename)], app);
}, 600_000);

describe("npm pack, then install in an empty project", () => {
  it("packs what users need, and no tests, benchmarks, editor, CI or source maps", () => {
    for (const f of ["package.json", "README.md", "LICENSE", "dist/cli/bin.js", "dist/api/index.js", "dist/api/index.d.ts", "dist/support/index.js", "dist/support/index.cjs", "dist/runtime/support.d.ts"]) {
      expect(files, f).toContain(f);
    }
    const bad = files.filter((f) => /^(test|bench|editor|\.ci|scripts)\/|^dist\/(test|bench|editor)\/|\.test\.|\.map$|tsbuildinfo/.test(f));
    expect(bad).toEqual([]);
    // Sources are not shipped twice: only the build output, the example policies and the report schema.
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("runs the installed command", () => {
    const bin = join(app, "node_modules", ".bin", "credit-policy");
    expect(run(bin, ["--version"], app).stdout.trim()).toBe(`credit-policy ${pkg.version}`);
    const policy = join(app, "node_modules", "credit-policy", POLICY);
    const r = spawnSync(bin, ["eval", policy, "--input", "-", "--as-of", AS_OF], { cwd: app, input: JSON.stringify(RECORD) + "\n", encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout) as { grade: string | null };
    expect(line.grade).toBe(isError(expected) ? undefined : expected.grade);
  });

  it("imports { compile, evaluate } from an ES module, with types that hold under tsc --strict", () => {
    const source = readFileSync(join(ROOT, POLICY), "utf8");
    writeFileSync(join(app, "data.ts"), `export const SOURCE: string = ${JSON.stringify(source)};\nexport const RECORD: unknown = ${JSON.stringify(RECORD)};\n`);
    writeFileSync(
      join(app, "main.ts"),
      [
        `import { compile, evaluate, check, diff, isGrade, type Policy, type EvalOutput, type DiffReport } from "credit-policy";`,
        `import { SOURCE, RECORD } from "./data.js";`,
        `const policy: Policy = compile(SOURCE, { file: "pinglu-fgj.policy" });`,
        `const result: EvalOutput = evaluate(policy, RECORD, "${AS_OF}");`,
        `if (!isGrade(result)) throw new Error(result.error.code);`,
        `const grade: string | null = result.grade;`,
        `const articles: string[] = result.matched.map((m) => m.article);`,
        `const report: DiffReport = diff(policy, policy);`,
        `console.log(JSON.stringify({ id: policy.id, grade, articles, result, ok: check(SOURCE).ok, broken: check("政策 {", {}).errors.map((e) => e.code), changes: report.changes.length }));`,
      ].join("\n"),
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", outDir: "out", types: [], skipLibCheck: false }, files: ["main.ts", "data.ts"] }),
    );
    const tsc = run(process.execPath, [TSC, "-p", "tsconfig.json"], app);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
    const r = run(process.execPath, ["out/main.js"], app);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { id: string; grade: string | null; result: unknown; ok: boolean; broken: string[]; changes: number };
    expect(got.id).toBe(policyIr.id);
    expect({ ...(got.result as object), policy: undefined }).toEqual({ ...expected, policy: undefined });
    expect(got.ok).toBe(true);
    expect(got.broken.length).toBeGreaterThan(0);
    expect(got.broken.every((c) => /^CP-E\d{4}$/.test(c))).toBe(true);
    expect(got.changes).toBe(0);
    // The types are real: a wrong call is a compile error, not `any`.
    writeFileSync(join(app, "wrong.ts"), `import { evaluate } from "credit-policy";\nevaluate("pinglu-fgj", {}, "${AS_OF}");\n`);
    writeFileSync(join(app, "tsconfig.wrong.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true }, files: ["wrong.ts"] }));
    const wrong = run(process.execPath, [TSC, "-p", "tsconfig.wrong.json"], app);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(2,10\): error TS2345/);
  });

  it("lets a CommonJS project require a generated module (compile --target cjs), grading as the API does", () => {
    const cjs = join(app, "cjs");
    mkdirSync(cjs, { recursive: true });
    writeFileSync(join(cjs, "package.json"), JSON.stringify({ name: "cjs-app", private: true }));
    const bin = join(app, "node_modules", ".bin", "credit-policy");
    const gen = run(bin, ["compile", join(app, "node_modules", "credit-policy", POLICY), "--target", "cjs", "--output", join(cjs, "gen")], app);
    expect(gen.code, gen.stderr).toBe(0);
    writeFileSync(join(cjs, "record.json"), JSON.stringify(RECORD));
    writeFileSync(
      join(cjs, "main.js"),
      `const policy = require("./gen/${policyIr.id}.cjs");\nconst support = require("credit-policy/support");\nconsole.log(JSON.stringify({ result: policy.grade(require("./record.json"), "${AS_OF}"), errors: support.validateRecord({}).length }));\n`,
    );
    const r = run(process.execPath, ["main.js"], cjs);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { result: { policy: unknown }; errors: number };
    expect({ ...got.result, policy: undefined }).toEqual({ ...expected, policy: undefined });
    expect(got.errors).toBeGreaterThan(0);
  });
});
