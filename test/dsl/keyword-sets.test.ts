// The two keyword sets are one language: the same policy written with English and with Chinese
// keywords (and Chinese or English record names) parses to the same AST and lowers to the same IR.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { parsePolicy } from "../../dsl/parse.js";
import { stripSpans } from "../../diagnostics/span.js";

const dir = join(import.meta.dirname, "..", "fixtures", "diagnostics");

/** Structure only: drop spans, comments and the policy's own id and title. */
function shape(value: unknown): unknown {
  const stripped = stripSpans(value) as Record<string, unknown>;
  const drop = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(drop);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== "comments" && k !== "trailingComments")
          .map(([k, x]) => [k, drop(x)]),
      );
    }
    return v;
  };
  const out = drop(stripped) as Record<string, unknown>;
  delete out["id"];
  delete out["meta"];
  return out;
}

describe("English and Chinese keywords", () => {
  it("parse to the same AST (the names are the same, only keywords differ)", () => {
    const en = readFileSync(join(dir, "ok-english.policy"), "utf8").replace("count violations where not severe", "count 违法行为 where not 严重");
    const zh = readFileSync(join(dir, "ok-chinese.policy"), "utf8");
    const a = parsePolicy(en, "en.policy");
    const b = parsePolicy(zh, "zh.policy");
    expect(a.diagnostics).toEqual([]);
    expect(b.diagnostics).toEqual([]);
    expect(shape(b.policy)).toEqual(shape(a.policy));
  });

  it("lower Chinese and English record names to the same IR", () => {
    const english = `policy "x" { title "t" }
severity 第九条 { order_to_correct < warning < criticism < fine = confiscation < suspend_license = downgrade_qualification = revoke_license = restrict_operations = order_suspension = order_closure = restrict_practice = detention }
disregard revoked, repaired 第十六条
let n = count violations where class in (order_to_correct, warning) and not severe in last 1 year
let f = sum amount(fine, confiscation) of violations where class > warning in last 1 year
let r = exists lists where list = red and active
grade B "b" any { 第一条 "t": n at least 1 times and f not over 50 wan yuan or r }
measures B management 第二条 { 第二条（一） "m" }
`;
    const chinese = `政策 "x" { 标题 "t" }
严重程度 第九条 { 责令改正 < 警告 < 通报批评 < 罚款 = 没收 < 暂扣许可证件 = 降低资质等级 = 吊销许可证件 = 限制开展生产经营活动 = 责令停产停业 = 责令关闭 = 限制从业 = 行政拘留 }
不予计入 已撤销, 已修复 第十六条
定义 n = 计数 违法行为 满足 最重处罚 属于 (责令改正, 警告) 且 非 严重 近 1年
定义 f = 合计 金额(罚款, 没收) 来自 违法行为 满足 最重处罚 高于 警告 近 1年
定义 r = 存在 名单 满足 名单类型 = 红名单 且 有效期内
等级 B "b" 任一 { 第一条 "t"： n 1次 以上 且 f 不超过 500000元 或 r }
措施 B 管理措施 第二条 { 第二条（一） "m" }
`;
    const a = compilePolicy(english, "en.policy");
    const b = compilePolicy(chinese, "zh.policy");
    expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(b.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Boundary words differ in spelling and are kept for explanations; the comparisons are equal.
    const withoutWords = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(withoutWords)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== "word").map(([k, x]) => [k, withoutWords(x)]))
          : v;
    const ir = (x: typeof a) => withoutWords(stripSpans(x.ir));
    expect(ir(b)).toEqual(ir(a));
  });
});
