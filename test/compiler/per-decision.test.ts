// The constructs that decide about each decision, not only each subject: per-item rules and their
// outputs read back by grades, parameters (and a run's own values for them), declared fields,
// named filters, date values (较晚/较早, a date plus a named duration), aggregates over an item's
// own sub-items and 全部/all, categories with cited blocks, duties without a due day. Parser,
// checker, evaluator and the generated module; the byte-for-byte agreement on the differential
// corpus (examples/per-decision/) is test/codegen/differential.test.ts.
import { describe, expect, it } from "vitest";
import { withParams } from "../../compiler/params.js";
import { instantiate } from "../../runtime/instantiate.js";
import { diffPolicies } from "../../analysis/diff/index.js";
import { parsePolicy } from "../../dsl/parse.js";
import { stripSpans } from "../../diagnostics/span.js";
import { makeGrader, type GradeResult } from "../../runtime/evaluate.js";
import { codes, compileOk } from "../helpers.js";

const ZH = `政策 "t" { 标题 "t" 版本 "1" }
严重程度 第九条 { order_to_correct < warning < criticism < fine = confiscation < suspend_license = downgrade_qualification = revoke_license = restrict_operations = order_suspension = order_closure = restrict_practice = detention }
不予计入 已撤销, 已修复 第十六条
参数 门槛 = 3万元 第五条 "由省级确定。"
参数 公示期 = 6个月 第五条 "公示六个月。"
字段 处理决定.整改说明 文字 "整改情况"
条件 轻微 = 种类 属于 (警告, 通报批评, 罚款)
定义 应公示数 = 计数 处理决定 满足 应公示
等级 B "有应公示决定" 第七条
  第七条第一款 "有应公示的决定的。"： 应公示数 1次 以上
优先顺序 B
措施 B 管理措施 第八条 { 第八条（一） "公示。" }
逐项 公示 针对 处理决定 第三条 "逐项公示。" {
  定义 罚款合计 = 合计 金额 来自 处罚 满足 种类 = 罚款
  定义 处罚数 = 计数 处罚
  输出 应公示 第三条 任一 {
    第三条第一款 "罚款超过门槛的。"： 罚款合计 超过 门槛
    第三条第二款 "非轻微处罚的。"： 非 (全部 处罚 满足 轻微)
  }
  输出 截止日 第四条 "公示截止。"： 较晚(日期 + 公示期, (最大 限制期限届满日 来自 处罚))
  输出 最早日 第四条 "最早。"： 较早(日期 + 公示期, 2099-01-01)
  类别 重 "较重" 第三条第二款 "非轻微。"： 非 (全部 处罚 满足 轻微)
  措施 重 管理措施 第九条 { 第九条（一） "重点关注。" }
  义务 撤下 第六条 "撤销的撤下。" 满足 状态 = 已撤销
  义务 上网 第四条 "七个工作日内。" 满足 应公示 期限 日期 + 7个工作日
}
`;

// The same policy in English keywords (names and articles as in Chinese).
const EN = `policy "t" { title "t" version "1" }
severity 第九条 { order_to_correct < warning < criticism < fine = confiscation < suspend_license = downgrade_qualification = revoke_license = restrict_operations = order_suspension = order_closure = restrict_practice = detention }
disregard revoked, repaired 第十六条
param 门槛 = 3 wan yuan 第五条 "由省级确定。"
param 公示期 = 6 months 第五条 "公示六个月。"
record field sanctions.整改说明 text "整改情况"
filter 轻微 = kind in (warning, criticism, fine)
let 应公示数 = count sanctions where 应公示
grade B "有应公示决定" 第七条
  第七条第一款 "有应公示的决定的。": 应公示数 at least 1 time
precedence B
measures B management 第八条 { 第八条（一） "公示。" }
item rule 公示 for each sanctions 第三条 "逐项公示。" {
  let 罚款合计 = sum amount of penalties where kind = fine
  let 处罚数 = count penalties
  output 应公示 第三条 any {
    第三条第一款 "罚款超过门槛的。": 罚款合计 over 门槛
    第三条第二款 "非轻微处罚的。": not (all penalties where 轻微)
  }
  output 截止日 第四条 "公示截止。": later(date + 公示期, (max restriction_until of penalties))
  output 最早日 第四条 "最早。": earlier(date + 公示期, 2099-01-01)
  category 重 "较重" 第三条第二款 "非轻微。": not (all penalties where 轻微)
  measures 重 management 第九条 { 第九条（一） "重点关注。" }
  obligation 撤下 第六条 "撤销的撤下。" where status = revoked
  obligation 上网 第四条 "七个工作日内。" where 应公示 due date + 7 working days
}
`;

const sanction = (extra: Record<string, unknown>, penalties: unknown[]) => ({ date: "2022-03-01", status: "in_force", violations: [{ penalties }], ...extra });

describe("per-item rules and the constructs around them", () => {
  it("parse the same from Chinese and English keywords", () => {
    const zh = parsePolicy(ZH, "zh.policy");
    const en = parsePolicy(EN, "en.policy");
    expect(zh.diagnostics).toEqual([]);
    expect(en.diagnostics).toEqual([]);
    const shape = (p: typeof zh) => {
      const { id: _i, meta: _m, span: _s, ...rest } = stripSpans(p.policy) as unknown as Record<string, unknown>;
      return JSON.stringify(rest).replace(/"(处理决定|sanctions|处罚|penalties)"/g, '"P"').replace(/"(种类|kind)"|"(警告|warning)"|"(通报批评|criticism)"|"(罚款|fine)"|"(日期|date)"|"(状态|status)"|"(已撤销|revoked)"|"(金额|amount)"|"(限制期限届满日|restriction_until)"|"(较晚|later)"|"(较早|earlier)"|"(已修复|repaired)"|"(文字|text)"/g, '"N"');
    };
    expect(shape(en)).toBe(shape(zh));
  });

  it("compile, and the generated module grades item by item as the evaluator does", () => {
    const { ir, grader } = compileOk(ZH);
    const module = instantiate(ir, grader.ref) as { grade(r: unknown, d: string): unknown };
    const record = {
      id: "s",
      sanctions: [
        sanction({ id: "轻微决定", procedure: "ordinary" }, [{ kind: "warning" }]),
        sanction({}, [{ kind: "fine", amount: "40000" }]),
        sanction({}, [{ kind: "restrict_practice", restriction_until: "2024-01-01" }]),
        sanction({ status: "revoked" }, [{ kind: "warning" }]),
      ],
    };
    const r = grader.grade(record, "2022-06-30") as GradeResult;
    expect(JSON.stringify(module.grade(record, "2022-06-30"))).toBe(JSON.stringify(r));
    expect(r.grade).toBe("B");
    expect(r.matched.map((m) => [m.article, m.values])).toEqual([["第七条第一款", { 应公示数: 2 }]]);
    const items = r.items ?? [];
    // Every item on the day, whatever its status, named by its id or its pointer.
    expect(items.map((i) => [i.ref, i.outputs["应公示"]])).toEqual([
      ["轻微决定", false],
      ["/sanctions/1", true],
      ["/sanctions/2", true],
      ["/sanctions/3", false],
    ]);
    expect(items[1]?.matched.filter((m) => m.output === "应公示").map((m) => m.article)).toEqual(["第三条第一款"]);
    // 较晚: the restriction's end beats the six months; 较早 takes the earlier date.
    expect(items.map((i) => i.outputs["截止日"])).toEqual(["2022-09-01", "2022-09-01", "2024-01-01", "2022-09-01"]);
    expect(items.map((i) => i.outputs["最早日"])).toEqual(["2022-09-01", "2022-09-01", "2022-09-01", "2022-09-01"]);
    expect(items[2]?.categories?.map((c) => c.id)).toEqual(["重"]);
    expect(items[2]?.measures?.map((m) => m.article)).toEqual(["第九条（一）"]);
    // A duty with no due day is open; the revoked decision must be withdrawn.
    expect(items[3]?.obligations).toEqual([
      { obligation: "撤下", article: "第六条", text: "撤销的撤下。", source: "sanctions", ref: "/sanctions/3", date: "2022-03-01", due: null, status: "open" },
    ]);
    expect(items[1]?.obligations?.map((o) => [o.obligation, o.due, o.status])).toEqual([["上网", "2022-03-10", "overdue"]]);
  });

  it("reads the run's own parameter values, and says so in the policy reference", () => {
    const { ir } = compileOk(ZH);
    const given = withParams(ir, new Map([["门槛", "5万元"]]));
    if (!("ir" in given)) throw new Error("refused");
    const grader = makeGrader(given.ir, "x");
    const record = { id: "s", sanctions: [sanction({}, [{ kind: "fine", amount: "40000" }])] };
    const r = grader.grade(record, "2022-06-30") as GradeResult;
    expect(r.items?.[0]?.outputs["应公示"]).toBe(false);
    expect(r.policy).toEqual({ id: "t", version: "1", sha256: "x", params: { 门槛: "5万元" } });
    const refused = withParams(ir, new Map([["门槛", "6个月"], ["无此参数", "1"]]));
    expect("problems" in refused && refused.problems.map((p) => p.name)).toEqual(["无此参数", "门槛"]);
  });

  it("reports what cannot be written, each at its place", () => {
    const cases: [string, string][] = [
      // An item rule reading a subject-level value.
      [ZH.replace("定义 处罚数 = 计数 处罚", "定义 处罚数 = 应公示数"), "CP-E0312"],
      [ZH.replace("文字 \"整改情况\"", "颜色 \"整改情况\""), "CP-E0313"],
      [ZH.replace("参数 门槛 = 3万元", "参数 门槛 = 罚款合计"), "CP-E0314"],
      [ZH.replace("条件 轻微 = 种类 属于 (警告, 通报批评, 罚款)", "条件 轻微 = 轻微"), "CP-E0315"],
      [ZH.replace("较早(日期 + 公示期, 2099-01-01)", "较早(日期)"), "CP-E0316"],
      [ZH.replace("义务 撤下 第六条 \"撤销的撤下。\"", "义务 撤下 第六条 \"撤销的撤下。\" 针对 名单"), "CP-E0518"],
      [ZH.replace("措施 重 管理措施", "措施 无此类别 管理措施"), "CP-E0519"],
    ];
    for (const [text, code] of cases) expect(codes(text).map((c) => c.split("@")[0]), code).toContain(code);
    // A top-level duty must say which part it is for.
    expect(codes(`${ZH}\n义务 无部分 第一条 "t" 期限 评价当日\n`).map((c) => c.split("@")[0])).toContain("CP-E0517");
  });

  it("names the parameter, old and new, in the diff, and finds a record it moves", () => {
    const policy = (limit: string, version: string) => `policy "p" { title "p" version "${version}" }
disregard revoked, repaired 第十六条
param 罚款上限 = ${limit} 第八条 "由省级确定。"
let fines = sum amount(fine) of violations in last 1 year
let cases = count violations in last 1 year
grade B "一般" 第七条 any {
  第八条（二）2 "罚款累计不超过上限的。": cases at least 1 time and fines not over 罚款上限
}
precedence B
measures B management 第十二条 { 第十二条（一） "m" }
`;
    const a = compileOk(policy("50 wan yuan", "1")).ir;
    const b = compileOk(policy("30 wan yuan", "2")).ir;
    const report = diffPolicies(a, b, { asOf: "2021-12-31" });
    expect(report.changes.filter((c) => c.kind !== "metadata").map((c) => [c.kind, c.key, c.old, c.new])).toEqual([["parameter", "罚款上限", "50万元", "30万元"]]);
    expect(report.witnesses.map((w) => [w.grade, w.old.grade, w.new.grade])).toEqual([["B", "B", null]]);
  });
});
