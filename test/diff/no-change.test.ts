// The diff compares meaning, not text: for every policy, reformatting, switching keyword language
// and converting DSL ⇄ YAML (compiler/convert.ts, what `fmt --lang` and `convert` run; the
// command line once end to end), renaming a derived value, reordering, and spelling a number
// another way all diff as "no change". And a real change is still seen.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { convertSource } from "../../compiler/convert.js";
import { diffPolicies } from "../../analysis/diff/index.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { cli, ROOT } from "../cli/run-cli.js";

const POLICIES = readdirSync(join(ROOT, "policies"))
  .flatMap((id) => readdirSync(join(ROOT, "policies", id)).filter((f) => f.endsWith(".policy")).map((f) => `policies/${id}/${f}`))
  .sort();

function ir(text: string, file: string): IRPolicy {
  const r = compilePolicy(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.ir || errors.length) throw new Error(`${file} does not compile: ${errors.map((d) => `${d.code} ${d.span?.line}:${d.span?.col}`).join(", ")}`);
  return r.ir;
}

function changes(oldText: string, newText: string, newFile = "new.policy") {
  const report = diffPolicies(ir(oldText, "old.policy"), ir(newText, newFile), { asOf: "2021-12-31" });
  return { changes: report.changes.map((c) => c.summary), witnesses: report.witnesses.length };
}

const NONE = { changes: [], witnesses: 0 };

describe("no change", () => {
  it("finds the seed policies", () => {
    expect(POLICIES).toEqual(expect.arrayContaining(["policies/pinglu-fgj/pinglu-fgj.policy", "policies/wugang-sfj/wugang-sfj.policy", "policies/yuncheng-kjj/yuncheng-kjj.policy"]));
  });

  for (const file of POLICIES) {
    it(`${file}: in English keywords, in Chinese keywords, as YAML, and back`, () => {
      const text = readFileSync(join(ROOT, file), "utf8");
      const en = convertSource(text, file, "dsl", "en").text ?? "";
      const zh = convertSource(en, "en.policy", "dsl", "zh").text ?? "";
      const yaml = convertSource(text, file, "yaml", "en").text ?? "";
      const back = convertSource(yaml, "p.policy.yaml", "dsl", "zh").text ?? "";
      expect(en).not.toBe(zh);
      expect(changes(text, en)).toEqual(NONE);
      expect(changes(text, zh)).toEqual(NONE);
      expect(changes(text, yaml, "new.policy.yaml")).toEqual(NONE);
      expect(changes(text, back)).toEqual(NONE);
    });
  }

  it("through the command line too: fmt --lang en, then convert to YAML", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-nochange-"));
    const en = join(dir, "wugang-sfj.policy");
    const yaml = join(dir, "wugang-sfj.policy.yaml");
    writeFileSync(en, readFileSync(join(ROOT, "policies/wugang-sfj/wugang-sfj.policy")));
    expect(cli(["fmt", en, "--lang", "en"]).code).toBe(0);
    expect(readFileSync(en, "utf8")).toMatch(/^policy "wugang-sfj" \{$/m);
    expect(cli(["convert", en, "--to", "yaml", "--output", yaml]).code).toBe(0);
    const r = cli(["diff", "wugang-sfj", yaml, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ changes: [], witnesses: [] });
    const text = cli(["diff", "wugang-sfj", yaml, "--exit-code", "--lang", "en"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("No change");
  });

  const pinglu = readFileSync(join(ROOT, "policies/pinglu-fgj/pinglu-fgj.policy"), "utf8");
  const swap = (s: string, a: string, b: string) => {
    expect(s.includes(a) && s.includes(b)).toBe(true);
    return s.replace(a, "\u0000").replace(b, a).replace("\u0000", b);
  };

  it("when a derived value is renamed", () => {
    const renamed = pinglu.replaceAll("一年内罚款累计", "罚款合计").replaceAll("一年内诚信表彰次数", "诚信表彰");
    expect(renamed).not.toBe(pinglu);
    expect(changes(pinglu, renamed)).toEqual(NONE);
  });

  it("when layout, declarations, conditions and operands are reordered", () => {
    const a1 = '  第八条（一）1 "一年内因诚实守信行为而受到行政机关和法律、法规授权的具有公共事务管理职能的组织表彰、奖励和扶持；"：\n    一年内诚信表彰次数 1次 以上\n';
    const a2 = '  第八条（一）2 "一年内被有关部门实施信用分级分类监管确定的信用等级良好的；"：\n    一年内信用等级良好次数 1次 以上\n';
    let text = swap(pinglu, a1, a2);
    text = text.replace(
      "一年内行政处罚案件次数 1次 以上 3次（不含）以内 且 一年内罚款累计 不超过 50万元",
      "一年内罚款累计 不超过 50万元 且 一年内行政处罚案件次数 3次（不含）以内 且 一年内行政处罚案件次数 1次 以上",
    );
    text = swap(text, "定义 一年内认定严重失信次数 = 计数 认定 满足 种类 = 严重失信 近 1年", "定义 一年内诚信表彰次数 = 计数 表彰 满足 授予方 = 行政机关 且 诚实守信 近 1年");
    // The C grade's block before A's, and measures of C before those of A.
    const gradeC = text.slice(text.indexOf('等级 C "严重失信"'), text.indexOf("优先顺序"));
    text = text.replace(gradeC, "").replace('等级 A "信用优良"', `${gradeC}\n等级 A "信用优良"`);
    // Layout: every line indented further, blank lines doubled.
    text = text.replace(/\n(?=\S)/g, "\n   ").replace(/\n\n/g, "\n\n\n");
    expect(changes(pinglu, text)).toEqual(NONE);
  });

  it("when a number is written another way (50万元 = 500000元, 1年 = 12个月)", () => {
    const text = pinglu.replace("一年内罚款累计 不超过 50万元", "一年内罚款累计 不超过 500000.00元").replace("违反承诺 近 1年", "违反承诺 近 12个月");
    expect(text).not.toBe(pinglu);
    expect(changes(pinglu, text)).toEqual(NONE);
  });

  it("but sees a real change: an inclusive bound made exclusive", () => {
    const text = pinglu.replace("一年内罚款累计 不超过 50万元", "一年内罚款累计 低于 50万元");
    const report = diffPolicies(ir(pinglu, "old.policy"), ir(text, "new.policy"), { asOf: "2021-12-31" });
    expect(report.changes.map((c) => [c.kind, c.article, c.old, c.new, c.detail?.["inclusive"]])).toEqual([
      ["boundary", "第八条（二）2", "不超过 50万元", "低于 50万元", { old: true, new: false }],
    ]);
    expect(report.witnesses.map((w) => [w.grade, w.old.grade, w.new.grade])).toEqual([["B", "B", null]]);
  });

  it("and a window that changed length", () => {
    const text = pinglu.replace("违反承诺 近 1年", "违反承诺 近 2年");
    const report = diffPolicies(ir(pinglu, "old.policy"), ir(text, "new.policy"), { asOf: "2021-12-31" });
    expect(report.changes.map((c) => [c.kind, c.article, c.subject, c.old, c.new])).toEqual([
      ["window", "第八条（二）3", "一年内违反许可承诺次数", "近 1年", "近 2年"],
    ]);
    // The witness is a breach just outside the old window and inside the new one.
    expect(report.witnesses.map((w) => [w.grade, w.old.grade, w.new.grade, JSON.stringify(w.record)])).toEqual([
      ["B", null, "B", JSON.stringify({ id: "witness", commitment_breaches: [{ date: "2020-12-31" }] })],
    ]);
  });

  it("and precedence, default, a grade's conditions combined differently, notices and tags", () => {
    let text = pinglu.replace("优先顺序 C > B > A", "优先顺序 B > C > A").replace("默认等级 无", "默认等级 A");
    text = text.replace('等级 C "严重失信" 第七条 任一 {', '等级 C "严重失信" 第七条 全部 {');
    text = text.replace('方式 "口头信用提醒", "书面信用提醒"', '方式 "书面信用提醒"').replace("标记 market = ban", "标记 market = restricted");
    const report = diffPolicies(ir(pinglu, "old.policy"), ir(text, "new.policy"), { asOf: "2021-12-31" });
    expect(report.changes.map((c) => [c.kind, c.article, c.old, c.new])).toEqual([
      ["conditions-combined", "第七条", "任一(第八条（三）1, 第八条（三）2)", "全部(第八条（三）1, 第八条（三）2)"],
      ["measure-tags", "第十三条（一）4", "market=ban", "market=restricted"],
      ["notice-changed", "第十四条", "口头信用提醒、书面信用提醒", "书面信用提醒"],
      ["precedence", null, "C > B > A", "B > C > A"],
      ["default", null, "无", "A"],
    ]);
    // Precedence: a record with both a severe penalty (C) and a warning (B) now gets B.
    expect(report.witnesses.find((w) => w.grade === "B")).toBeDefined();
  });
});
