// The grade map declaration (等级对应 / grade map): both keyword languages, the formatter, the YAML
// form, and the checks on the grades it names.
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { parsePolicy } from "../../dsl/parse.js";
import { formatPolicy } from "../../dsl/print/format.js";
import { stripSpans } from "../../diagnostics/span.js";
import { policyToYaml } from "../../dsl/yaml/emit-yaml.js";
import { parseYamlPolicy } from "../../dsl/yaml/parse-yaml.js";

const ZH = `政策 "p" { 标题 "t" 生效日期 2023-01-01 版本 "2" }
定义 n = 计数 违反承诺 近 1年
等级 优 "优" 任一 { 第一条 "t"： n 1次 以上 }
等级 差 "差" 任一 { 第二条 "t"： n 3次 以上 }
优先顺序 差 > 优
默认等级 无
# 2021 年版的 A、B、C
等级对应 "2021-1" { A = 优, B = 无 C = 差 }
`;

const EN = `policy "p" { title "t" effective 2023-01-01 version "2" }
let n = count commitment_breaches in last 1 year
grade 优 "优" any { 第一条 "t": n at least 1 time }
grade 差 "差" any { 第二条 "t": n at least 3 times }
precedence 差 > 优
default none
# 2021 年版的 A、B、C
grade map "2021-1" { A = 优, B = none, C = 差 }
`;

const pairs = [
  { from: "A", to: "优" },
  { from: "B", to: null },
  { from: "C", to: "差" },
];

describe("grade maps", () => {
  it("parse the same in Chinese and English keywords, with the comment kept", () => {
    const zh = parsePolicy(ZH, "zh.policy");
    const en = parsePolicy(EN, "en.policy");
    expect(zh.diagnostics).toEqual([]);
    expect(en.diagnostics).toEqual([]);
    expect(stripSpans(zh.policy?.gradeMaps)).toEqual([{ kind: "GradeMap", from: "2021-1", pairs, comments: ["2021 年版的 A、B、C"] }]);
    expect(stripSpans(en.policy?.gradeMaps)).toEqual(stripSpans(zh.policy?.gradeMaps));
  });

  it("lower to the IR as a map from the earlier revision's grades", () => {
    const r = compilePolicy(ZH, "zh.policy");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(stripSpans(r.ir?.gradeMaps)).toEqual([{ from: "2021-1", map: { A: "优", B: null, C: "差" } }]);
  });

  it("format in either language and read back to the same AST", () => {
    const policy = parsePolicy(ZH, "zh.policy").policy!;
    const en = formatPolicy(policy, { lang: "en" });
    expect(en).toContain('grade map "2021-1" { A = 优, B = none, C = 差 }');
    const zh = formatPolicy(parsePolicy(en, "en.policy").policy!, { lang: "zh" });
    expect(zh).toContain('等级对应 "2021-1" { A = 优, B = 无, C = 差 }');
    expect(stripSpans(parsePolicy(zh, "zh2.policy").policy)).toEqual(stripSpans(parsePolicy(formatPolicy(policy, { lang: "zh" }), "zh3.policy").policy));
    expect(formatPolicy(parsePolicy(zh, "zh2.policy").policy!, { lang: "zh" })).toBe(zh);
  });

  it("go through the YAML form and back unchanged", () => {
    const policy = parsePolicy(ZH, "zh.policy").policy!;
    const yaml = policyToYaml(policy, "zh");
    expect(yaml).toContain("grade_maps:");
    const back = parseYamlPolicy(yaml, "p.policy.yaml");
    expect(back.diagnostics).toEqual([]);
    expect(stripSpans(back.policy?.gradeMaps)).toEqual(stripSpans(policy.gradeMaps));
    expect(stripSpans(compilePolicy(yaml, "p.policy.yaml").ir)).toEqual(stripSpans(compilePolicy(ZH, "zh.policy").ir));
  });

  it("reject a map to a grade this revision lacks, and an old grade named twice", () => {
    const bad = compilePolicy(ZH.replace("C = 差", "C = 中"), "zh.policy");
    expect(bad.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`)).toContain("CP-E0305@8:30");
    const twice = compilePolicy(ZH.replace("B = 无", "A = 无"), "zh.policy");
    expect(twice.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`)).toContain("CP-E0302@8:24");
  });

  it("reject a malformed YAML map with the schema's code and path", () => {
    const yaml = policyToYaml(parsePolicy(ZH, "zh.policy").policy!, "zh").replace("from: 2021-1", "from: [1]");
    const r = parseYamlPolicy(yaml, "p.policy.yaml");
    expect(r.diagnostics.map((d) => `${d.code} ${d.path}`)).toContain("CP-E0202 /grade_maps/0/from");
  });
});
