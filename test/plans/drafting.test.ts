import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkAgainstPlan } from "../../compiler/against.js";
import { compilePolicy } from "../../compiler/compile.js";
import { draftDepartmentPolicy, listDepartments } from "../../compiler/draft.js";
import type { Policy } from "../../dsl/ast.js";
import { parsePolicy } from "../../dsl/parse.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { runCases } from "../../runtime/test-runner.js";
import { fill } from "./fill-draft.js";

const ROOT = join(import.meta.dirname, "..", "..");
const plan = parsePolicy(readFileSync(join(ROOT, "policies/wugang-credit-plan/wugang-credit-plan.policy"), "utf8"), "plan").policy as Policy;

function errors(text: string, file: string): string[] {
  const r = compilePolicy(text, file);
  const all = [...r.diagnostics, ...(r.ast ? checkAgainstPlan(r.ast, plan) : [])];
  return all.filter((d) => d.severity === "error").map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`);
}

describe("credit-policy new: a draft for every department of the annex", () => {
  const departments = listDepartments(plan);
  it("has the 26 departments of the annex", () => {
    expect(departments).toHaveLength(26);
  });
  departments.forEach((d, i) => {
    it(`${i + 1}. ${d.unit}: fails while unfilled, passes check and --against once filled`, () => {
      const id = `wugang-dept-${String(i + 1).padStart(2, "0")}`;
      const draft = draftDepartmentPolicy({ plan, department: d.unit, id });
      expect(draft.domain).toBe(d.domain);
      const unfilled = errors(draft.text, `${id}.policy`);
      expect(unfilled.length).toBeGreaterThanOrEqual(15);
      expect(new Set(unfilled.map((e) => e.split("@")[0]))).toEqual(new Set(["CP-E0508"]));
      const filled = fill(draft.text);
      expect(filled.split("\n").filter((l) => !l.startsWith("#") && l.includes("待填写"))).toEqual([]);
      expect(errors(filled, `${id}.policy`)).toEqual([]);
      const r = compilePolicy(filled, `${id}.policy`);
      const outcomes = runCases(makeGrader(r.ir as NonNullable<typeof r.ir>, r.sha256));
      expect(outcomes.map((o) => o.passed)).toEqual([true]);
    });
  });
});

describe("check --against lists what a department policy lacks", () => {
  const base = fill(draftDepartmentPolicy({ plan, department: "市税务局", id: "wugang-dept-09" }).text);
  it("a missing collection scope and snapshot", () => {
    const text = base.replace(/归集范围 二（五） \{[^}]*\}/, "").replace(/评价时点 .*\n/, "");
    expect(errors(text, "x.policy").filter((e) => e.startsWith("CP-E0520"))).toHaveLength(2);
  });
  it("grade ids other than the unified A/B/C/D", () => {
    const text = base.replace(/^(\s*)A "优秀"/m, '$1优 "优秀"').replace(/措施 A /, "措施 优 ");
    expect(errors(text, "x.policy").map((e) => e.split("@")[0])).toEqual(["CP-E0521"]);
  });
  it("a grade without measures", () => {
    const text = base.replace(/措施 D [^{]*\{[^}]*\}/, "");
    expect(errors(text, "x.policy").map((e) => e.split("@")[0])).toEqual(["CP-E0522"]);
  });
  it("bands that do not cover 0–100", () => {
    const text = base.replace("不高于 50分", "不高于 40分");
    expect(errors(text, "x.policy").map((e) => e.split("@")[0])).toEqual(["CP-E0510"]);
  });
  it("a model total other than the plan's 100 points", () => {
    const text = base.replace("满分 100分", "满分 120分").replace("权重 60分", "权重 80分");
    expect(errors(text, "x.policy").map((e) => e.split("@")[0])).toContain("CP-E0523");
  });
});
