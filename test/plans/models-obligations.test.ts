import { describe, expect, it } from "vitest";
import type { GradeResult } from "../../runtime/evaluate.js";
import { compileOk } from "../helpers.js";

const graded = (r: unknown): GradeResult => {
  if (!r || typeof r !== "object" || "error" in r) throw new Error(`not graded: ${JSON.stringify(r)}`);
  return r as GradeResult;
};

describe("weighted indicator models", () => {
  const policy = `policy "m" { title "t" }
let cases = count violations in last 1 year
model 行业信用评价 二（六） total 100 points missing as 0 points {
  indicator 监督检查 weight 60 points = indicators.inspection
  indicator 投诉举报 weight 40 points = indicators.complaints
  deduct 行政处罚 5 points each max 12 points = cases
  bonus 表彰 2 points each max 3 points = count_honours
}
let count_honours = count honors in last 1 year
bands 统一评价 二（六） based on 行业信用评价 range 0 points to 100 points {
  A "优秀" 二（六）: above 85 points
  B "良好" 二（六）: at most 85 points above 70 points
  C "中等" 二（六）: at most 70 points above 50 points
  D "差" 二（六）: at most 50 points
}
measures A incentive 三 { 三 "a" }
measures B incentive 三 { 三 "b" }
measures C management 三 { 三 "c" }
measures D punishment 三 { 三 "d" }
`;
  const { grader } = compileOk(policy);
  const sanction = (date: string) => ({ date, status: "in_force", violations: [{ penalties: [{ kind: "warning" }] }] });

  it("adds weighted indicators exactly: 60 × 85.5% + 40 × 84.25% = 85.0 is B, not A", () => {
    const r = graded(grader.grade({ id: "x", indicators: { inspection: 85.5, complaints: 84.25 } }, "2021-12-31"));
    expect(r.scores?.[0]?.total).toBe(85);
    expect(r.grade).toBe("B");
    expect(r.scores?.[0]?.items.map((i) => [i.name, i.contribution])).toEqual([
      ["监督检查", 51.3],
      ["投诉举报", 33.7],
      ["行政处罚", 0],
      ["表彰", 0],
    ]);
  });

  it("caps deductions and bonuses and clamps the total to [0, 100]", () => {
    const many = Array.from({ length: 4 }, () => sanction("2021-06-01"));
    const r = graded(grader.grade({ id: "x", indicators: { inspection: 100, complaints: 100 }, sanctions: many, honors: [{ date: "2021-05-01", grantor: "government" }, { date: "2021-05-02", grantor: "government" }] }, "2021-12-31"));
    expect(r.scores?.[0]?.items.map((i) => i.contribution)).toEqual([60, 40, -12, 3]);
    expect(r.scores?.[0]?.total).toBe(91);
  });

  it("counts a missing indicator as the model says (0 points here)", () => {
    const r = graded(grader.grade({ id: "x", indicators: { inspection: 100 } }, "2021-12-31"));
    expect(r.scores?.[0]?.items[1]).toMatchObject({ name: "投诉举报", value: null, contribution: 0 });
    expect(r.scores?.[0]?.total).toBe(60);
    expect(r.grade).toBe("C");
  });

  it("rejects weights that do not add up to the total", () => {
    expect(() => compileOk(policy.replace("weight 40 points", "weight 30 points"))).toThrow(/CP-E0513/);
  });
});

describe("obligations with working-day deadlines (State Council holiday arrangements)", () => {
  const policy = `政策 "o" { 标题 "t" }
不予计入 revoked, repaired 第一条
类别 受处罚 "受处罚" 第一条： 处罚次数 1次 以上
定义 处罚次数 = 计数 处理决定 近 1年
义务 公示 四（十三） "在 7 个工作日内上网公开" 针对 处理决定 近 1个月 期限 日期 + 7个工作日
义务 限期整改 三（八） "应当在规定期限内认真整改" 针对 失信警示 满足 整改日期 = 无 期限 整改期限
措施 受处罚 管理措施 第二条 { 第二条（一） "m" }
`;
  const { grader } = compileOk(policy);
  const dues = (record: Record<string, unknown>, asOf: string) =>
    graded(grader.grade({ id: "o", ...record }, asOf)).obligations?.map((o) => [o.obligation, o.ref, o.due, o.status]);

  it("counts 7 working days across the 2021 Spring Festival and its make-up Saturday", () => {
    expect(dues({ sanctions: [{ id: "s1", date: "2021-02-05", status: "in_force", violations: [] }] }, "2021-02-10")).toEqual([
      ["公示", "s1", "2021-02-20", "open"],
    ]);
  });

  it("counts 7 working days across National Day with the 9/26 and 10/9 make-up days", () => {
    expect(dues({ sanctions: [{ date: "2021-09-28", status: "in_force", violations: [] }, { date: "2021-09-30", status: "in_force", violations: [] }] }, "2021-10-14")).toEqual([
      ["公示", "/sanctions/0", "2021-10-13", "overdue"],
      ["公示", "/sanctions/1", "2021-10-15", "open"],
    ]);
  });

  it("lists unrectified warnings with their deadline, and not rectified ones", () => {
    const warnings = [
      { date: "2021-03-01", deadline: "2021-04-01" },
      { date: "2021-03-01", deadline: "2021-04-01", rectified_on: "2021-03-20" },
    ];
    expect(dues({ warnings }, "2021-04-02")).toEqual([["限期整改", "/warnings/0", "2021-04-01", "overdue"]]);
  });

  it("attaches a category's measures beside the grade", () => {
    const r = graded(grader.grade({ id: "o", sanctions: [{ date: "2021-06-01", status: "in_force", violations: [] }] }, "2021-12-31"));
    expect(r.grade).toBe(null);
    expect(r.categories?.map((c) => c.id)).toEqual(["受处罚"]);
    expect(r.measures.map((m) => m.article)).toEqual(["第二条（一）"]);
  });

  it("a deadline beyond the holiday calendar is an error line for that record, not a crash", () => {
    const r = grader.grade({ id: "o", sanctions: [{ date: "2026-12-28", status: "in_force", violations: [] }] }, "2026-12-30");
    expect("error" in r && r.error.code).toBe("CP-R008");
  });
});
