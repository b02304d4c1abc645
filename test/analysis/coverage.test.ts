// `test --coverage`: what each seed policy's own cases leave uncovered (conditions both ways, MC/DC,
// boundaries), and for pinglu-fgj the cases it proposes, once pasted into the policy, bring every
// measure to 100% — also when the policy starts with no case at all.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { coverage, type CoverageReport } from "../../analysis/smt/coverage.js";
import { loadZ3 } from "../../analysis/smt/z3.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { runCases } from "../../runtime/test-runner.js";
import { cli } from "../cli/run-cli.js";
import { ROOT, seed, SEEDS } from "./helpers.js";

const PINGLU = readFileSync(join(ROOT, "policies/pinglu-fgj/pinglu-fgj.policy"), "utf8");

function ir(text: string) {
  const r = compilePolicy(text, "p.policy");
  if (!r.ir || r.diagnostics.some((d) => d.severity === "error")) throw new Error(`does not compile: ${r.diagnostics.map((d) => d.code).join(", ")}`);
  return r.ir;
}

function full(r: Pick<CoverageReport, "conditionCoverage" | "mcdc" | "boundaries" | "clauseCoverage">): void {
  expect(r.conditionCoverage.covered).toBe(r.conditionCoverage.total);
  expect(r.clauseCoverage.covered).toBe(r.clauseCoverage.total);
  expect(r.mcdc.covered).toBe(r.mcdc.possible);
  expect(r.boundaries.covered).toBe(r.boundaries.possible);
}

/** The policy with the proposed cases pasted at its end; every case passes, coverage is complete. */
async function pasteAndCheck(text: string, r: CoverageReport): Promise<CoverageReport> {
  const extended = `${text.trimEnd()}\n\n${r.proposals.map((p) => p.text).join("\n")}`;
  const next = ir(extended);
  expect(next.tests.length).toBe(ir(text).tests.length + r.proposals.length);
  const outcomes = runCases(makeGrader(next, ""));
  expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.join("; ")}`)).toEqual([]);
  const again = await coverage(next, { lang: "zh" }, loadZ3);
  expect(again.uncovered.filter((u) => !u.impossible)).toEqual([]);
  full(again);
  return again;
}

describe("test --coverage", () => {
  for (const id of SEEDS) {
    it(`${id}: lists what its cases leave uncovered, each with a proposed case or a proof that none can`, async () => {
      const r = await coverage(seed(id), { lang: "zh" }, loadZ3);
      expect(r.cases).toBe(seed(id).tests.length);
      expect(r.grades.every((g) => g.exercised)).toBe(true);
      for (const u of r.uncovered) expect(u.impossible || u.by !== null).toBe(true);
      if (r.withProposals) full(r.withProposals);
      if (id === "pinglu-fgj") {
        // Its cases never show 第八条（二）3 deciding at exactly one breach of a commitment.
        expect(r.uncovered.map((u) => `${u.article} ${u.text} ${u.side}`)).toEqual(["第八条（二）3 一年内违反许可承诺次数 ≥ 1次 boundaryAt"]);
        expect(r.proposals.length).toBe(1);
      }
    });
  }

  it("pinglu-fgj: the proposed cases, pasted into the policy, reach 100% coverage", async () => {
    const r = await coverage(seed("pinglu-fgj"), { lang: "zh" }, loadZ3);
    await pasteAndCheck(PINGLU, r);
  });

  it("pinglu-fgj with no case at all: the proposed cases alone reach 100% coverage and every grade", async () => {
    const bare = PINGLU.slice(0, PINGLU.search(/^测试 /m));
    expect(ir(bare).tests).toEqual([]);
    const r = await coverage(ir(bare), { lang: "zh" }, loadZ3);
    expect(r.conditionCoverage.covered).toBe(0);
    expect(r.proposals.length).toBeGreaterThan(5);
    const again = await pasteAndCheck(bare, r);
    expect(again.grades.every((g) => g.exercised)).toBe(true);
  });

  it("through the command line: the report before the summary line; json; --format without --coverage is a usage error", () => {
    const text = cli(["test", "pinglu-fgj", "--coverage"]);
    expect(text.code).toBe(0);
    expect(text.lines[text.lines.length - 1]).toMatch(/^\d+ passed, 0 failed$/);
    expect(text.stdout).toContain("第八条（二）3");
    const json = cli(["test", "yuncheng-kjj", "--coverage", "--format", "json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.lines[0] as string) as CoverageReport;
    expect(report.policy.id).toBe("yuncheng-kjj");
    expect(report.conditionCoverage.total).toBeGreaterThan(0);
    expect(cli(["test", "pinglu-fgj", "--format", "json"]).code).toBe(2);
  });
});
