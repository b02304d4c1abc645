// The fidelity constructs in the language: 不予编码 / not encoded, 评价周期 / period, 适用例外 /
// claims exception and a plan's 例外 … 免除 / exception … exempts, in both keyword languages, the
// formatter, the YAML form, comments at their nodes, and the editor's highlighting.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { Policy } from "../../dsl/ast.js";
import { stripSpans } from "../../diagnostics/span.js";
import { parsePolicy } from "../../dsl/parse.js";
import { formatPolicy, formatSource } from "../../dsl/print/format.js";
import { KEYWORDS } from "../../dsl/tokens.js";
import { policyToYaml } from "../../dsl/yaml/emit-yaml.js";
import { parseYamlPolicy, policyYamlSchema } from "../../dsl/yaml/parse-yaml.js";
import { KEYWORD_SPELLINGS, policyMonarch, policyYamlMonarch } from "../../editor/src/language/monarch.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "every-construct");
const ZH = readFileSync(join(DIR, "fidelity.zh.policy"), "utf8");
const EN = readFileSync(join(DIR, "fidelity.en.policy"), "utf8");

function ast(text: string): Policy {
  const r = parsePolicy(text, "f.policy");
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.policy as Policy;
}

describe("the fidelity constructs", () => {
  it("read the same in both keyword languages, as data", () => {
    const p = ast(ZH);
    expect(stripSpans(ast(EN))).toEqual(stripSpans(p));
    expect(p.period).toMatchObject({ article: "第三条", text: "信用等级评定实行动态管理，实时更新信用等级。" });
    expect(p.claims?.map((c) => [c.article, c.text])).toEqual([["二（六）", "先前已开展信用分级分类监管。"]]);
    expect(p.requires?.exceptions?.map((x) => [x.article, x.exempts.map((e) => e.kind)])).toEqual([
      ["二（六）", ["grades", "model"]],
      ["二（七）", ["collects", "period", "measures"]],
    ]);
    expect(p.notEncoded?.map((n) => [n.articles.map((a) => a.article), n.quote ?? null, n.reason, n.note ?? null])).toEqual([
      [["第一条"], null, "explanatory", null],
      [["第五条", "第六条"], null, "organisational", "报送与定义。"],
      [["第十四条"], "采取书面信用提醒方式的，应当将失信信息书面通知当事人。", "procedural", "告知的程序。"],
      [["第十五条"], null, "undecidable", null],
      [["附件"], null, "absent", "原文只有标题。"],
    ]);
    expect(p.measures[0]?.measureKind).toBeUndefined();
  });

  it("are laid out canonically, translated either way, comments kept at their nodes", () => {
    expect(formatSource(ZH, "f.policy").text).toBe(ZH);
    expect(formatSource(ZH, "f.policy", "en").text).toBe(EN);
    expect(formatSource(EN, "f.policy", "zh").text).toBe(ZH);
    const p = ast(ZH);
    expect(p.notEncoded?.[2]?.comments).toEqual(["一句"]);
    expect(p.requires?.exceptions?.[0]?.comments).toEqual(["二（六）的例外"]);
    expect(p.claims?.[0]?.comments).toEqual(["适用上级方案的例外"]);
    expect(p.period?.comments).toEqual(["评价周期：原文的说法"]);
  });

  it("go to YAML and back, in the schema's order of sections", () => {
    const yaml = policyToYaml(ast(ZH), "zh");
    const back = parseYamlPolicy(yaml, "f.policy.yaml");
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(formatPolicy(back.policy as Policy, { lang: "zh" })).toBe(ZH);
    const keys = Object.keys(parseDocument(yaml).toJS() as object);
    expect(keys).toEqual(Object.keys(policyYamlSchema.properties).filter((k) => keys.includes(k)));
    expect(yaml).toContain("  - articles: [第十四条]\n    quote: 采取书面信用提醒方式的，应当将失信信息书面通知当事人。\n    reason: procedural\n");
    expect(yaml).toContain("    - article: 二（七）\n      exempts: [collects, period, measures]\n");
  });

  it("need a reason, one of the five", () => {
    // No reason at all: missing; a word that is not one of them: unexpected.
    expect(parsePolicy('政策 "x" {}\n不予编码 第一条 "原文"\n', "b.policy").diagnostics.map((d) => d.code)).toEqual(["CP-E0102"]);
    expect(parsePolicy('政策 "x" {}\n不予编码 第一条 忘记了\n', "b.policy").diagnostics.map((d) => d.code)).toContain("CP-E0101");
  });

  it("are highlighted from the lexer's tables, in both languages", () => {
    const words = ["不予编码", "not encoded", "程序性", "procedural", "组织性", "organisational", "不可判定", "undecidable", "说明性", "explanatory", "原文缺失", "absent"];
    for (const s of [...words, "例外", "exception", "免除", "exempts", "适用例外", "claims exception"]) expect(KEYWORD_SPELLINGS, s).toContain(s);
    for (const lang of [policyMonarch(), policyYamlMonarch()]) {
      for (const s of ["不予编码", "程序性", "procedural", "例外", "免除", "适用例外"]) expect(lang.keywords, s).toContain(s);
      const rules = JSON.stringify(lang.tokenizer, (_, v: unknown) => (v instanceof RegExp ? v.source : v));
      expect(rules).toContain("not\\\\s+encoded");
      expect(rules).toContain("claims\\\\s+exception");
    }
    expect(KEYWORDS.filter((k) => k.id && ["procedural", "organisational", "undecidable", "explanatory", "absent"].includes(k.id))).toHaveLength(5);
  });
});
