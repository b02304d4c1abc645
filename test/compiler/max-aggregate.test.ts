// The `最大` / `max` aggregate end to end: grammar (both keyword languages), checker, evaluator,
// IR printer, input schema, formatter and YAML form, diff, editor hover. The generated module's
// agreement with the evaluator is in the differential corpus (test/fixtures/differential/largest.policy).
import { describe, expect, it } from "vitest";
import { AGGREGATES } from "../../dsl/aggregates.js";
import { AGGREGATE_TYPES } from "../../compiler/aggregates.js";
import { JS_FOLDS } from "../../compiler/backends/js-aggregates.js";
import { inputSchema } from "../../compiler/backends/input-schema.js";
import { printIr } from "../../compiler/print-ir.js";
import { parsePolicy } from "../../dsl/parse.js";
import { formatPolicy } from "../../dsl/print/format.js";
import { parseYamlPolicy } from "../../dsl/yaml/parse-yaml.js";
import { policyToYaml } from "../../dsl/yaml/emit-yaml.js";
import { stripSpans } from "../../diagnostics/span.js";
import { diffPolicies } from "../../analysis/diff/index.js";
import { FOLDS } from "../../runtime/aggregates.js";
import { analyzeDocument } from "../../analysis/lsp/analyze.js";
import { hoverAt } from "../../analysis/lsp/hover.js";
import { codes, compileOk } from "../helpers.js";

const SEVERITY = `severity 第九条 { order_to_correct < warning < criticism < fine = confiscation < suspend_license = downgrade_qualification = revoke_license = restrict_operations = order_suspension = order_closure = restrict_practice = detention }
disregard revoked, repaired 第十六条`;

function policy(lets: string, when: string, header = `policy "t" { title "t" }`): string {
  return `${header}
${SEVERITY}
${lets}
grade B "b" any {
  第一条 "t": ${when}
}
measures B management 第二条 { 第二条（一） "m" }
`;
}

const ZH = policy("let largest = 最大 金额 来自 处罚 满足 种类 = 罚款 近 1年", "largest 超过 10万元");
const EN = policy("let largest = max amount of penalties where kind = fine in last 1 year", "largest over 10 wan yuan");

const fine = (date: string, amount: string, status = "in_force") => ({ date, status, violations: [{ penalties: [{ kind: "fine", amount }] }] });

describe("the max aggregate", () => {
  it("is one row of every aggregate table (the build fails where one is missing; this checks the rows at run time too)", () => {
    const fns = Object.keys(AGGREGATES).sort();
    for (const table of [AGGREGATE_TYPES, FOLDS, JS_FOLDS]) expect(Object.keys(table).sort()).toEqual(fns);
    expect(fns).toContain("max");
  });

  it("parses from 最大 and from English max to the same AST", () => {
    const zh = parsePolicy(ZH, "zh.policy");
    const en = parsePolicy(EN, "en.policy");
    expect(zh.diagnostics).toEqual([]);
    expect(en.diagnostics).toEqual([]);
    const value = (p: typeof zh) => stripSpans(p.policy?.values[0]?.value);
    expect(value(zh)).toMatchObject({ kind: "Aggregate", fn: "max", source: "处罚" });
    expect(value(en)).toMatchObject({ kind: "Aggregate", fn: "max", source: "penalties" });
    expect((value(zh) as { window: unknown }).window).toEqual((value(en) as { window: unknown }).window);
  });

  it("keeps `max` as the model cap's keyword in English", () => {
    const model = `policy "m" { title "m" }
let cases = count commitment_breaches in last 1 year
model 行业 满分 100 points missing as 0 points {
  deduct 违约 5 points each max 30 points = cases
}
bands 结果 based on 行业 range 0 points to 100 points {
  A "a" 第一条 "t": above 60 points
  B "b" 第一条 "t": 60 points (inclusive) at most
}
measures A management 第二条 { 第二条（一） "m" }
measures B management 第二条 { 第二条（二） "m" }
`;
    expect(codes(model).filter((c) => c.startsWith("CP-E"))).toEqual([]);
  });

  it("prints as 最大 in Chinese and max in English, and round-trips through the formatter and YAML", () => {
    for (const [text, lang, word] of [[ZH, "zh", "最大 金额 来自 处罚"], [EN, "en", "max amount of penalties"]] as const) {
      const ast = parsePolicy(text, "t.policy").policy!;
      const printed = formatPolicy(ast, { lang });
      expect(printed).toContain(word);
      expect(stripSpans(parsePolicy(printed, "t.policy").policy)).toEqual(stripSpans(ast));
      const yaml = policyToYaml(ast, lang);
      const back = parseYamlPolicy(yaml, "t.policy.yaml");
      expect(back.diagnostics).toEqual([]);
      expect(stripSpans(back.policy?.values)).toEqual(stripSpans(ast.values));
    }
  });

  it("types as what it reads: money, a date; a yes/no field is an error at the field", () => {
    const { ir } = compileOk(policy("let latest = 最大 日期 来自 处理决定", "latest > 评价当日 - 6个月"));
    expect(ir.values[0]?.type).toEqual({ t: "date" });
    expect(compileOk(ZH).ir.values[0]?.type).toEqual({ t: "money" });
    const bad = policy("let x = 最大 严重 来自 违法行为", "x = 是");
    expect(codes(bad)).toEqual([`CP-E0402@4:${"let x = 最大 ".length + 1}`]);
    const mixed = policy("let latest = 最大 日期 来自 处理决定", "latest 超过 10万元");
    expect(codes(mixed).map((c) => c.split("@")[0])).toEqual(["CP-E0401"]);
  });

  it("grades by the largest fine in the window, none when there is none, ignoring disregarded decisions", () => {
    const { grader } = compileOk(ZH);
    const grade = (sanctions: unknown[]) => grader.grade({ id: "x", sanctions }, "2021-12-31") as { grade: string | null; matched: { values: Record<string, unknown> }[] };
    expect(grade([fine("2021-03-01", "5000"), fine("2021-04-01", "100000.01")])).toMatchObject({ grade: "B", matched: [{ values: { largest: "100000.01" } }] });
    expect(grade([fine("2021-03-01", "100000")]).grade).toBeNull();
    expect(grade([fine("2020-12-31", "900000")]).grade).toBeNull();
    expect(grade([fine("2021-06-01", "900000", "repaired")]).grade).toBeNull();
    expect(grade([]).grade).toBeNull();
  });

  it("reads the latest date and shows it in the IR printer", () => {
    const { ir, grader } = compileOk(policy("let latest = 最大 日期 来自 处理决定", "latest > 评价当日 - 6个月"));
    expect(printIr(ir)).toContain("latest : date = max(.date over sanctions; date ≤ D)");
    const r = grader.grade({ id: "x", sanctions: [fine("2020-01-01", "1"), fine("2022-01-01", "1")] }, "2022-06-30") as { grade: string; matched: { values: unknown }[] };
    expect(r.grade).toBe("B");
    expect(r.matched[0]?.values).toEqual({ latest: "2022-01-01" });
  });

  it("projects the input schema onto the fields it reads, with the article", () => {
    const { ir } = compileOk(ZH);
    const schema = JSON.stringify(inputSchema(ir, "test"));
    expect(schema).toContain('"amount"');
    expect(schema).toContain("Read for: 第一条");
  });

  it("shows in the diff in the regulation's terms: a window change, and max replaced by sum", () => {
    const a = compileOk(ZH).ir;
    const wider = compileOk(ZH.replace("近 1年", "近 2年")).ir;
    const sum = compileOk(ZH.replace("最大 金额", "合计 金额")).ir;
    const window = diffPolicies(a, wider, { witnesses: false }).changes;
    expect(window.map((c) => c.kind)).toEqual(["window"]);
    const swapped = diffPolicies(a, sum, { witnesses: false }).changes;
    expect(swapped).toHaveLength(1);
    expect(JSON.stringify(swapped[0])).toContain("最大 金额 来自 处罚");
    expect(JSON.stringify(swapped[0])).toContain("合计 金额 来自 处罚");
  });

  it("has a hover in the editor naming what it computes", () => {
    const a = analyzeDocument({ uri: "file:///t.policy", version: 1, text: ZH, file: "t.policy" });
    const line = ZH.split("\n").findIndex((l) => l.includes("最大"));
    const text = ZH.split("\n")[line] as string;
    const hover = hoverAt(a, ZH, line + 1, text.indexOf("最大") + 1, "zh");
    expect(hover?.markdown).toContain("最大值");
    const en = EN.split("\n").find((l) => l.includes(" max ")) as string;
    expect(hoverAt(undefined, en, 1, en.indexOf("max") + 1, "en")?.markdown).toContain("largest value");
  });
});
