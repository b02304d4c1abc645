import { describe, expect, it } from "vitest";
import { checkCoverage } from "../../compiler/bands.js";
import type { Interval as IRBand } from "../../compiler/bands.js";
import { compilePolicy } from "../../compiler/compile.js";

const band = (grade: string, lo: string | null, loIncl: boolean, hi: string | null, hiIncl: boolean): IRBand => ({ grade, lo, loIncl, hi, hiIncl });
const plan = [band("优", "85", false, null, false), band("良", "70", false, "85", true), band("中", "50", false, "70", true), band("差", null, false, "50", true)];

describe("score band coverage", () => {
  it("accepts the plan's own bands: 0–100 covered once", () => {
    expect(checkCoverage(plan, "0", "100")).toEqual([]);
  });
  it("finds a gap at a single point: 70 in no band", () => {
    const broken = [plan[0], plan[1], band("中", "50", false, "70", false), plan[3]] as IRBand[];
    expect(checkCoverage(broken, "0", "100")).toEqual([{ kind: "gap", where: "70", grades: [] }]);
  });
  it("finds an overlap at a single point: 85 in 优 and 良", () => {
    const broken = [band("优", "85", true, null, false), plan[1], plan[2], plan[3]] as IRBand[];
    expect(checkCoverage(broken, "0", "100")).toEqual([{ kind: "overlap", where: "85", grades: ["优", "良"] }]);
  });
  it("reports intervals with the right open and closed ends", () => {
    const broken = [plan[0], band("良", "70", false, "80", true), plan[2], band("差", null, false, "60", true)] as IRBand[];
    expect(checkCoverage(broken, "0", "100")).toEqual([
      { kind: "overlap", where: "(50, 60]", grades: ["中", "差"] },
      { kind: "gap", where: "(80, 85]", grades: [] },
    ]);
  });
  it("tells 85 from 85.01 exactly and checks the range ends", () => {
    const broken = [band("优", "85.01", true, null, false), plan[1], plan[2], band("差", "0", false, "50", true)] as IRBand[];
    expect(checkCoverage(broken, "0", "100")).toEqual([
      { kind: "gap", where: "0", grades: [] },
      { kind: "gap", where: "(85, 85.01)", grades: [] },
    ]);
  });
});

describe("check rejects broken band tables at the bands declaration", () => {
  const policy = (bands: string) => `政策 "b" { 标题 "t" }
分档 评价 二（四） 依据 公共信用综合评价得分 范围 0分 至 100分 {
${bands}
}
`;
  const errors = (text: string) =>
    compilePolicy(text, "b.policy").diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`);
  it("a gap at 70", () => {
    expect(errors(policy(`优 "优" 二（四）： 高于 85分\n良 "良" 二（四）： 85分（含）以下 高于 70分\n中 "中" 二（四）： 70分（不含）以下 高于 50分\n差 "差" 二（四）： 50分（含）以下`))).toEqual(["CP-E0510@2:1"]);
  });
  it("an overlap at 85", () => {
    expect(errors(policy(`优 "优" 二（四）： 85分 以上\n良 "良" 二（四）： 85分（含）以下 高于 70分\n中 "中" 二（四）： 70分（含）以下 高于 50分\n差 "差" 二（四）： 50分（含）以下`))).toEqual(["CP-E0511@2:1"]);
  });
  it("a band that is not a bound on the score", () => {
    expect(errors(policy(`优 "优" 二（四）： = 85分\n差 "差" 二（四）： 85分 以下`))).toContain("CP-E0512@3:13");
  });
});
