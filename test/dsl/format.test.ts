import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Condition, Policy } from "../../dsl/ast.js";
import { commentText } from "../../dsl/comments.js";
import { hasErrors } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../../dsl/parse.js";
import { detectLang, formatPolicy, formatSource, type Lang } from "../../dsl/print/index.js";
import { stripSpans } from "../../diagnostics/span.js";

const POLICIES = join(import.meta.dirname, "../../policies");

/** Every policies/<dir>/<file>.policy that exists when the tests run. */
function policyFiles(): string[] {
  return readdirSync(POLICIES)
    .map((d) => join(POLICIES, d))
    .filter((d) => statSync(d).isDirectory())
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".policy")).map((f) => join(d, f)))
    .sort();
}

/** Structural AST: no spans, and no record positions (recordSpans holds spans under JSON paths). */
function shape(policy: Policy | undefined): unknown {
  const s = stripSpans(policy) as (Policy & { tests: { recordSpans?: unknown }[] }) | undefined;
  for (const t of s?.tests ?? []) delete t.recordSpans;
  return s;
}

function parseOk(text: string, file: string) {
  const r = parsePolicy(text, file);
  expect(r.diagnostics.filter((d) => d.severity === "error"), text).toEqual([]);
  return r;
}

function format(text: string, file: string, lang?: Lang): string {
  const r = formatSource(text, file, lang);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(r.text).toBeDefined();
  return r.text as string;
}

/** The comments' texts, without their markers (`//` comes out as `#`). */
function commentTexts(comments: { image: string }[]): string[] {
  return comments.map((c) => commentText(c.image)).sort();
}

/** The properties every formatted policy has, in its own language and the other. */
function checkFormatting(text: string, file: string): void {
  const original = parseOk(text, file);
  const own = detectLang(original.tokens);
  const formatted = format(text, file);
  expect(format(formatted, file), "idempotent").toBe(formatted);
  const re = parseOk(formatted, file);
  // The comments are in the AST, each on the node it was before, so this covers their places too.
  expect(shape(re.policy)).toEqual(shape(original.policy));
  expect(detectLang(re.tokens)).toBe(own);
  expect(commentTexts(re.comments)).toEqual(commentTexts(original.comments));

  const other: Lang = own === "zh" ? "en" : "zh";
  const translated = format(text, file, other);
  const tr = parseOk(translated, file);
  expect(shape(tr.policy)).toEqual(shape(original.policy));
  expect(commentTexts(tr.comments)).toEqual(commentTexts(original.comments));
  expect(format(translated, file, other), "idempotent in the other language").toBe(translated);
  expect(format(translated, file, own), "back to the original language").toBe(formatted);
}

describe("formatting the policies in policies/", () => {
  const files = policyFiles();
  it("finds at least one policy", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(file.slice(POLICIES.length + 1), () => {
      const text = readFileSync(file, "utf8");
      const parsed = parsePolicy(text, file);
      if (!parsed.policy || hasErrors(parsed.diagnostics)) {
        // A policy with syntax errors is refused, with the parse diagnostics.
        const r = formatSource(text, file);
        expect(r.text).toBeUndefined();
        expect(hasErrors(r.diagnostics)).toBe(true);
        return;
      }
      checkFormatting(text, file);
    });
  }
});

// Every construct and comment placement the layout handles, written untidily in English.
const SAMPLE_EN = `// leading comment
# second leading comment
policy sample {
  version "1"   // inside the header
  title "Sample"
  trial no
  effective 2024-01-01
  issued unstated
}
let n = count violations where kind in (fine, warning) and not severe in last 2 years
  note "no article"
severity { a < b = c < d }
# before the grade
grade A "good" 第七条 all {
  not 第八条（一）1 "one": n at least 1 times
  any {
    第八条（一）2: (n > 1 or x.y = "s") and fines not over 50 wan yuan (inclusive)
      note 第八条 "clause note"
    // inside a nested block
    第八条（一）3 "three": f(a, b) - 1 >= 2 at most 10 times
  }
  any {}
}
grade B "bare" 第七条 第九条(二) "bare clause": n 3 times (exclusive) within
grade C "negated" not any { 第十条: yes }
disregard revoked, repaired 第十六条
note 第一条 "top-level note after lets"
let fines = sum amount(fine) of violations
precedence C > B > A
default A
measures A incentive 第十一条 {
  第十一条（一） "x" tag a = b tag c = d {
    第十一条（一）1 "nested"  # trailing comment on a measure item
    第十一条（一）2 "nested 2" { }
  }
}
measures B management 第十二条 "empty" {}
notice B 第十四条 "n" options "a"
record keeping 第十四条 "r"
test "small" as of 2024-06-30 { record {"a": [1, -2.5, true, null, {}], "b": []} expect grade none expect matched expect measures 第十一条（一）, 第十一条（一）1 }
test "big" as of 2024-06-30 {
  record {"id": "a-long-identifier-for-this-test-record", "violations": [{"kind": "fine", "amount": 100000, "date": "2024-01-01", "severe": false}], "nested": {"deep": {"deeper": [[], [1, 2]]}}}
  expect grade A
}
# trailing comment at the end
`;

describe("formatting a sample with every construct", () => {
  it("keeps the AST and the comments, in both languages, idempotently", () => {
    checkFormatting(SAMPLE_EN, "sample.policy");
  });

  it("detects English and lays the policy out canonically", () => {
    const text = format(SAMPLE_EN, "sample.policy");
    expect(text).toMatchInlineSnapshot(`
      "# leading comment
      # second leading comment
      policy "sample" {
        # inside the header
        title "Sample"
        issued unstated
        effective 2024-01-01
        trial false
        version "1"
      }

      note 第一条 "top-level note after lets"

      severity {
        a < b = c < d
      }

      disregard revoked, repaired 第十六条

      let n = count violations where kind in (fine, warning) and not severe in last 2 years
        note "no article"
      let fines = sum amount(fine) of violations

      # before the grade
      grade A "good" 第七条 all {
        not 第八条（一）1 "one":
          n at least 1 time
        any {
          第八条（一）2:
            (n > 1 or x.y = "s") and fines not over 50 wan yuan (inclusive)
            note 第八条 "clause note"
          # inside a nested block
          第八条（一）3 "three":
            f(a, b) - 1 >= 2 at most 10 times
        }
        any {}
      }

      grade B "bare" 第七条
        第九条（二） "bare clause":
          n within 3 times (exclusive)

      grade C "negated" not any {
        第十条:
          true
      }

      precedence C > B > A
      default A

      measures A incentive 第十一条 {
        第十一条（一） "x" tag a = b tag c = d {
          第十一条（一）1 "nested"
          # trailing comment on a measure item
          第十一条（一）2 "nested 2"
        }
      }

      measures B management 第十二条 "empty" {}

      notice B 第十四条 "n" options "a"
      record keeping 第十四条 "r"

      test "small" as of 2024-06-30 {
        record {"a": [1, -2.5, true, null, {}], "b": []}
        expect grade none
        expect matched
        expect measures 第十一条（一）, 第十一条（一）1
      }
      test "big" as of 2024-06-30 {
        record {
          "id": "a-long-identifier-for-this-test-record",
          "violations": [{"kind": "fine", "amount": 100000, "date": "2024-01-01", "severe": false}],
          "nested": {"deep": {"deeper": [[], [1, 2]]}}
        }
        expect grade A
      }

      # trailing comment at the end
      "
    `);
  });

  it("translates to Chinese keywords", () => {
    const text = format(SAMPLE_EN, "sample.policy", "zh");
    expect(text).toMatchInlineSnapshot(`
      "# leading comment
      # second leading comment
      政策 "sample" {
        # inside the header
        标题 "Sample"
        发布日期 未载明
        生效日期 2024-01-01
        试行 否
        版本 "1"
      }

      解释说明 第一条 "top-level note after lets"

      严重程度 {
        a < b = c < d
      }

      不予计入 revoked, repaired 第十六条

      定义 n = 计数 violations 满足 kind 属于 (fine, warning) 且 非 severe 近 2年
        解释说明 "no article"
      定义 fines = 合计 amount(fine) 来自 violations

      # before the grade
      等级 A "good" 第七条 全部 {
        非 第八条（一）1 "one"：
          n 1次 以上
        任一 {
          第八条（一）2：
            (n > 1 或 x.y = "s") 且 fines 不超过 50万元（含）
            解释说明 第八条 "clause note"
          # inside a nested block
          第八条（一）3 "three"：
            f(a, b) - 1 >= 2 10次 以下
        }
        任一 {}
      }

      等级 B "bare" 第七条
        第九条（二） "bare clause"：
          n 3次（不含）以内

      等级 C "negated" 非 任一 {
        第十条：
          是
      }

      优先顺序 C > B > A
      默认等级 A

      措施 A 激励措施 第十一条 {
        第十一条（一） "x" 标记 a = b 标记 c = d {
          第十一条（一）1 "nested"
          # trailing comment on a measure item
          第十一条（一）2 "nested 2"
        }
      }

      措施 B 管理措施 第十二条 "empty" {}

      告知 B 第十四条 "n" 方式 "a"
      登记留存 第十四条 "r"

      测试 "small" 评价日 2024-06-30 {
        记录 {"a": [1, -2.5, true, null, {}], "b": []}
        预期 等级 无
        预期 条款
        预期 措施 第十一条（一）, 第十一条（一）1
      }
      测试 "big" 评价日 2024-06-30 {
        记录 {
          "id": "a-long-identifier-for-this-test-record",
          "violations": [{"kind": "fine", "amount": 100000, "date": "2024-01-01", "severe": false}],
          "nested": {"deep": {"deeper": [[], [1, 2]]}}
        }
        预期 等级 A
      }

      # trailing comment at the end
      "
    `);
  });
});

describe("comments in the AST", () => {
  const p = parseOk(SAMPLE_EN, "s").policy as Policy;

  it("puts each comment on the first node starting after it, without its marker and one space", () => {
    expect(p.comments).toEqual(["leading comment", "second leading comment"]);
    // After `version "1"` on its line: the next node is the `title` entry.
    expect(p.meta.title?.comments).toEqual(["inside the header"]);
    expect(p.meta.version?.comments).toBeUndefined();
    expect(p.grades[0]?.comments).toEqual(["before the grade"]);
    const any = (p.grades[0]?.condition as Extract<Condition, { kind: "AllOf" }>).items[1] as Extract<Condition, { kind: "AnyOf" }>;
    expect(any.items.map((c) => c.comments)).toEqual([undefined, ["inside a nested block"]]);
    // At the end of a measure item's line: the next measure item.
    const items = p.measures[0]?.items[0]?.items ?? [];
    expect(items.map((i) => i.comments)).toEqual([undefined, ["trailing comment on a measure item"]]);
    expect(p.trailingComments).toEqual(["trailing comment at the end"]);
  });

  it("goes to the next node outside a block with nothing after it, or to the trailing comments", () => {
    const q = parseOk('policy x {\n  title "t"\n  # end of header\n}\nlet n = 1 #a\n  note "x" #b\nlet m = 2\n#c\n', "t").policy as Policy;
    expect(q.values.map((v) => v.comments)).toEqual([["end of header"], ["b"]]);
    expect(q.values[0]?.notes[0]?.comments).toEqual(["a"]);
    expect(q.trailingComments).toEqual(["c"]);
    expect(parseOk("#   indented\n#\npolicy x {}\n", "t").policy?.comments).toEqual(["  indented", ""]);
  });

  it("is part of the structural AST (stripSpans keeps it)", () => {
    const a = parseOk("policy x {}\n# one\nlet n = 1\n", "t").policy;
    const b = parseOk("policy x {}\n# two\nlet n = 1\n", "t").policy;
    expect(shape(a)).not.toEqual(shape(b));
    expect(shape(a)).toEqual(shape(parseOk("policy x {}\n// one\nlet n = 1\n", "t").policy));
  });
});

describe("formatPolicy", () => {
  it("prints the comments the AST carries, and none when it carries none", () => {
    const r = parseOk(SAMPLE_EN, "s");
    const text = formatPolicy(r.policy as Policy, { lang: "en" });
    expect(text).toBe(format(SAMPLE_EN, "s"));
    expect(text).toContain("# trailing comment at the end\n");
    const bare = JSON.parse(JSON.stringify(r.policy), (k, v: unknown) => (k === "comments" || k === "trailingComments" ? undefined : v)) as Policy;
    expect(formatPolicy(bare, { lang: "en" })).not.toContain("#");
  });

  it("writes // comments as #, at the node's indentation", () => {
    expect(format("// a\npolicy x {\n// b\ntitle \"t\"}\n// c\n", "t")).toBe('# a\npolicy "x" {\n  # b\n  title "t"\n}\n\n# c\n');
  });
});

describe("detectLang", () => {
  it("follows the majority of keyword spellings, Chinese when tied", () => {
    expect(detectLang(parsePolicy('政策 "x" { 标题 "t" }', "t").tokens)).toBe("zh");
    expect(detectLang(parsePolicy('policy "x" { title "t" }', "t").tokens)).toBe("en");
    expect(detectLang(parsePolicy('policy "x" { 标题 "t" }', "t").tokens)).toBe("zh");
    expect(detectLang(parsePolicy('policy "x" { title "t" 版本 "1" version "2" }', "t").tokens)).toBe("en");
    expect(detectLang([])).toBe("zh");
  });
});

describe("formatSource", () => {
  it("refuses to format a policy with syntax errors", () => {
    const r = formatSource('政策 "x" {\n  标题 \n}\n定义 = 1\n', "bad.policy");
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]?.code).toMatch(/^CP-E01/);
  });

  it("refuses an empty file", () => {
    const r = formatSource("", "empty.policy");
    expect(r.text).toBeUndefined();
    expect(hasErrors(r.diagnostics)).toBe(true);
  });

  it("formats a minimal policy", () => {
    expect(format('政策 x {}', "t")).toBe('政策 "x" {}\n');
    expect(format('policy x {} # done', "t")).toBe('policy "x" {}\n\n# done\n');
  });
});

describe("comments and odd input", () => {
  it("moves a comment inside a declaration before the next node, then stays put", () => {
    const src = '政策 x {\n  标题 "t"\n  # end of header\n}\n严重程度 {\n  a < b # mid-chain\n  < c\n}\n定义 n = 1 # trailing\n  解释说明 "n"\n';
    const out = format(src, "t");
    expect(out).toBe(
      '政策 "x" {\n  标题 "t"\n}\n\n# end of header\n严重程度 {\n  a < b < c\n}\n\n# mid-chain\n定义 n = 1\n  # trailing\n  解释说明 "n"\n',
    );
    expect(format(out, "t")).toBe(out);
    checkFormatting(src, "t");
  });

  it("accepts CRLF line ends and writes LF", () => {
    const src = '# c\r\npolicy x {\r\n  title "t" // c2\r\n}\r\nlet n = 1\r\n';
    const out = format(src, "t");
    expect(out).toBe('# c\npolicy "x" {\n  title "t"\n}\n\n# c2\nlet n = 1\n');
    checkFormatting(src, "t");
  });

  it("re-quotes strings and keeps record numbers exact", () => {
    const src =
      '政策 x { 标题 “含\\"引号”  }\n测试 「名」 评价日 2024-01-01 {\n  记录 {"big": 100000000000000000000000, "tiny": 0.0000001, "neg": -0, "s": "a\\u0001\\tb"}\n}\n';
    const out = format(src, "t");
    expect(out).toContain('标题 "含\\\\\\"引号"');
    expect(out).toContain('记录 {"big": 100000000000000000000000, "tiny": 0.0000001, "neg": -0, "s": "a\\u0001\\tb"}');
    checkFormatting(src, "t");
  });

  it("keeps grade, not and block layout in Chinese", () => {
    const src = '政策 x {}\n等级 A "甲" 第七条 非 第八条：x 1次 以上\n等级 B "乙" 全部 { 第八条（一）： 非 y  第八条（二）"文"： z 属于 (1, 2) }\n';
    expect(format(src, "t")).toBe(
      [
        '政策 "x" {}',
        "",
        '等级 A "甲" 第七条 非 第八条：',
        "  x 1次 以上",
        "",
        '等级 B "乙" 全部 {',
        "  第八条（一）：",
        "    非 y",
        '  第八条（二） "文"：',
        "    z 属于 (1, 2)",
        "}",
        "",
      ].join("\n"),
    );
    checkFormatting(src, "t");
  });
});

// Score models, city plans and drafting: every new construct, untidy and in mixed word orders.
const PLAN_UNTIDY = String.raw`# a department plan, drafted
policy "plan-sample" {
  title "Sample plan"
  parent "wugang-credit-plan"
  # still to fill
  department TODO
  domain "食品"
  version "TODO"
}
note "general note"
# the yearly data day
snapshot 二（二） "以10月31日时点数据为基准" yearly 10 months 31 days
# what is collected
collects 二 { "行政许可信息" "行政处罚信息" }
let 行政处罚次数 = count sanctions in last 1 year
let 在红名单 = exists 名单 where 名单类型 = 红名单
# the model
model 行业信用评价 二（六） "满分100分" total 100 points missing as 0 points {
  # an indicator
  indicator 基础信息 weight 40 points = 基础信息得分
  indicator 待定指标 weight TODO = TODO
  # a deduction
  deduct 行政处罚 5 points each max 30 points = 行政处罚次数
  bonus 表彰 each 2 points = 表彰次数 + 1
}
model 空模型 total 100 points missing as TODO {}
# the bands
bands 综合等级 二（四） based on 行业信用评价 range 0 points to 100 points {
  # the top band
  A "优秀" 二（四） "高于85分": above 85 points
  B "良好" 二（四）: 85分(含)以下 above 70 points
  C "中等" 二（四）: at most 70 points (inclusive) above 50 points
  D "差" 二（四）: at most 50 points (inclusive)
}
bands 空 based on x + 1 range 0 to TODO {}
# the blacklist
override D 二（四） "直接评为差级": 失信联合惩戒对象
# the red list
category 红名单 "守信联合激励对象" 二（一） "红名单": 在红名单
category 重点关注 "重点关注对象" 二（三）: TODO
measures A incentive 三 { 三 "降低抽查比例" }
# rectification
obligation 限期整改 三（八） "限期整改" for each 失信警示 where 状态 = 未整改 in last 1 year due 整改期限
obligation 公示 三（九） "7个工作日内公示" for each 行政处罚 due 决定日期 + 7 working days
# what every department must write
requires 三 "各部门应当明确" { collects grade A "优秀", B "良好", C "中等", D "差" model 100 points period measures }
# the annex
annex "分工" 三 { unit "市市场监管局" domain "食品" unit "市税务局" domain "纳税主体领域" }
annex "空" {}
test "t" as of 2021-12-31 { record {"id": "x"} expect grade A }
`;

// The canonical layout of PLAN_UNTIDY in English and in Chinese.
const PLAN_EN = String.raw`# a department plan, drafted
policy "plan-sample" {
  title "Sample plan"
  version "TODO"
  parent "wugang-credit-plan"
  # still to fill
  department TODO
  domain "食品"
}

note "general note"

# the yearly data day
snapshot 二（二） "以10月31日时点数据为基准" yearly 10 month 31 day

# what is collected
collects 二 {
  "行政许可信息"
  "行政处罚信息"
}

let 行政处罚次数 = count sanctions in last 1 year
let 在红名单 = exists 名单 where 名单类型 = 红名单

# the model
model 行业信用评价 二（六） "满分100分" total 100 points missing as 0 points {
  # an indicator
  indicator 基础信息 weight 40 points = 基础信息得分
  indicator 待定指标 weight TODO = TODO
  # a deduction
  deduct 行政处罚 5 points each max 30 points = 行政处罚次数
  bonus 表彰 2 points each = 表彰次数 + 1
}

model 空模型 total 100 points missing as TODO {}

# the bands
bands 综合等级 二（四） based on 行业信用评价 range 0 points to 100 points {
  # the top band
  A "优秀" 二（四） "高于85分": above 85 points
  B "良好" 二（四）: at most 85 points (inclusive) above 70 points
  C "中等" 二（四）: at most 70 points (inclusive) above 50 points
  D "差" 二（四）: at most 50 points (inclusive)
}

bands 空 based on x + 1 range 0 to TODO {}

# the blacklist
override D 二（四） "直接评为差级":
  失信联合惩戒对象

# the red list
category 红名单 "守信联合激励对象" 二（一） "红名单":
  在红名单
category 重点关注 "重点关注对象" 二（三）:
  TODO

measures A incentive 三 {
  三 "降低抽查比例"
}

# rectification
obligation 限期整改 三（八） "限期整改"
  for each 失信警示 where 状态 = 未整改 in last 1 year
  due 整改期限
obligation 公示 三（九） "7个工作日内公示"
  for each 行政处罚
  due 决定日期 + 7 working days

# what every department must write
requires 三 "各部门应当明确" {
  collects
  grade A "优秀", B "良好", C "中等", D "差"
  model 100 points
  period
  measures
}

# the annex
annex "分工" 三 {
  unit "市市场监管局" domain "食品"
  unit "市税务局" domain "纳税主体领域"
}

annex "空" {}

test "t" as of 2021-12-31 {
  record {"id": "x"}
  expect grade A
}
`;

const PLAN_ZH = String.raw`# a department plan, drafted
政策 "plan-sample" {
  标题 "Sample plan"
  版本 "TODO"
  上级方案 "wugang-credit-plan"
  # still to fill
  部门 待填写
  监管领域 "食品"
}

解释说明 "general note"

# the yearly data day
评价时点 二（二） "以10月31日时点数据为基准" 每年 10月 31日

# what is collected
归集范围 二 {
  "行政许可信息"
  "行政处罚信息"
}

定义 行政处罚次数 = 计数 sanctions 近 1年
定义 在红名单 = 存在 名单 满足 名单类型 = 红名单

# the model
评价模型 行业信用评价 二（六） "满分100分" 满分 100分 缺失按 0分 {
  # an indicator
  指标项 基础信息 权重 40分 = 基础信息得分
  指标项 待定指标 权重 待填写 = 待填写
  # a deduction
  减分项 行政处罚 每次 5分 最多 30分 = 行政处罚次数
  加分项 表彰 每次 2分 = 表彰次数 + 1
}

评价模型 空模型 满分 100分 缺失按 待填写 {}

# the bands
分档 综合等级 二（四） 依据 行业信用评价 范围 0分 至 100分 {
  # the top band
  A "优秀" 二（四） "高于85分"： 高于 85分
  B "良好" 二（四）： 85分（含）以下 高于 70分
  C "中等" 二（四）： 70分（含）以下 高于 50分
  D "差" 二（四）： 50分（含）以下
}

分档 空 依据 x + 1 范围 0 至 待填写 {}

# the blacklist
直接评定 D 二（四） "直接评为差级"：
  失信联合惩戒对象

# the red list
类别 红名单 "守信联合激励对象" 二（一） "红名单"：
  在红名单
类别 重点关注 "重点关注对象" 二（三）：
  待填写

措施 A 激励措施 三 {
  三 "降低抽查比例"
}

# rectification
义务 限期整改 三（八） "限期整改"
  针对 失信警示 满足 状态 = 未整改 近 1年
  期限 整改期限
义务 公示 三（九） "7个工作日内公示"
  针对 行政处罚
  期限 决定日期 + 7个工作日

# what every department must write
部门要求 三 "各部门应当明确" {
  归集范围
  等级 A "优秀", B "良好", C "中等", D "差"
  评价模型 100分
  评价周期
  措施
}

# the annex
附件 "分工" 三 {
  单位 "市市场监管局" 监管领域 "食品"
  单位 "市税务局" 监管领域 "纳税主体领域"
}

附件 "空" {}

测试 "t" 评价日 2021-12-31 {
  记录 {"id": "x"}
  预期 等级 A
}
`;

describe("score models, city plans and drafting", () => {
  it("lays every new construct out canonically, in a fixed section order, in both languages", () => {
    expect(format(PLAN_UNTIDY, "plan.policy")).toBe(PLAN_EN);
    expect(format(PLAN_UNTIDY, "plan.policy", "zh")).toBe(PLAN_ZH);
    expect(format(PLAN_EN, "plan.policy", "zh")).toBe(PLAN_ZH);
    expect(format(PLAN_ZH, "plan.policy", "en")).toBe(PLAN_EN);
    expect(format(PLAN_ZH, "plan.policy")).toBe(PLAN_ZH);
  });

  it("prints and re-parses to the same AST, comments at their nodes, in both languages", () => {
    checkFormatting(PLAN_UNTIDY, "plan.policy");
    checkFormatting(PLAN_EN, "plan.policy");
    checkFormatting(PLAN_ZH, "plan.policy");
  });

  it("writes deductions and bonuses in each language's word order", () => {
    expect(PLAN_ZH).toContain("  减分项 行政处罚 每次 5分 最多 30分 = 行政处罚次数\n");
    expect(PLAN_EN).toContain("  deduct 行政处罚 5 points each max 30 points = 行政处罚次数\n");
    // `each` written before the number in English comes out after it.
    expect(PLAN_UNTIDY).toContain("bonus 表彰 each 2 points");
    expect(PLAN_EN).toContain("  bonus 表彰 2 points each = 表彰次数 + 1\n");
  });

  it("writes band bounds like other bounds and the snapshot day as a calendar day", () => {
    expect(PLAN_ZH).toContain('  B "良好" 二（四）： 85分（含）以下 高于 70分\n');
    expect(PLAN_EN).toContain('  B "良好" 二（四）: at most 85 points (inclusive) above 70 points\n');
    expect(PLAN_ZH).toContain(" 每年 10月 31日\n");
    expect(PLAN_EN).toContain(" yearly 10 month 31 day\n");
  });

  it("attaches comments to the new declarations, band rows and model items", () => {
    const p = parseOk(PLAN_UNTIDY, "plan.policy").policy as Policy;
    expect(p.meta.department).toMatchObject({ kind: "todo", comments: ["still to fill"] });
    expect(p.meta.version).toMatchObject({ kind: "string", value: "TODO" });
    expect(p.snapshot?.comments).toEqual(["the yearly data day"]);
    expect(p.collects?.comments).toEqual(["what is collected"]);
    expect(p.models?.[0]?.comments).toEqual(["the model"]);
    expect(p.models?.[0]?.items.map((i) => i.comments)).toEqual([["an indicator"], undefined, ["a deduction"], undefined]);
    expect(p.bands?.[0]?.comments).toEqual(["the bands"]);
    expect(p.bands?.[0]?.items.map((i) => i.comments)).toEqual([["the top band"], undefined, undefined, undefined]);
    expect(p.overrides?.[0]?.comments).toEqual(["the blacklist"]);
    expect(p.categories?.map((c) => c.comments)).toEqual([["the red list"], undefined]);
    expect(p.obligations?.map((o) => o.comments)).toEqual([["rectification"], undefined]);
    expect(p.requires?.comments).toEqual(["what every department must write"]);
    expect(p.annexes?.map((a) => a.comments)).toEqual([["the annex"], undefined]);
  });

  it("prints empty blocks as {} and optional parts only when present", () => {
    const src = 'policy x {}\ncollects {}\nrequires 四 {}\nannex "t" {}\nmodel m total 100 missing as 0 {}\nbands b based on s range 0 to 100 {}\n';
    const en = 'policy "x" {}\n\ncollects {}\n\nmodel m total 100 missing as 0 {}\n\nbands b based on s range 0 to 100 {}\n\nrequires 四 {}\n\nannex "t" {}\n';
    expect(format(src, "t")).toBe(en);
    expect(format(src, "t", "zh")).toBe(
      '政策 "x" {}\n\n归集范围 {}\n\n评价模型 m 满分 100 缺失按 0 {}\n\n分档 b 依据 s 范围 0 至 100 {}\n\n部门要求 四 {}\n\n附件 "t" {}\n',
    );
    checkFormatting(src, "t");
    const snap = format("policy x {}\nsnapshot 每年 待填写 TODO\n", "t");
    expect(snap).toBe('policy "x" {}\n\nsnapshot yearly TODO TODO\n');
    checkFormatting(snap, "t");
  });
});

// Per-item rules, parameters, declared fields, named filters and the newer expectations.
const EVERY = join(import.meta.dirname, "../fixtures/every-construct");
const PER_ITEM_ZH = readFileSync(join(EVERY, "per-item.zh.policy"), "utf8");
const PER_ITEM_EN = readFileSync(join(EVERY, "per-item.en.policy"), "utf8");
const EXAMPLE = join(import.meta.dirname, "../../examples/per-decision/per-decision-example.policy");

describe("per-item rules, parameters, declared fields and named filters", () => {
  it("lays every form out canonically in both languages and translates either way", () => {
    expect(format(PER_ITEM_ZH, "p.policy")).toBe(PER_ITEM_ZH);
    expect(format(PER_ITEM_EN, "p.policy")).toBe(PER_ITEM_EN);
    expect(format(PER_ITEM_ZH, "p.policy", "en")).toBe(PER_ITEM_EN);
    expect(format(PER_ITEM_EN, "p.policy", "zh")).toBe(PER_ITEM_ZH);
  });

  it("prints and re-parses to the same AST, comments at their nodes, in both languages", () => {
    checkFormatting(PER_ITEM_ZH, "p.policy");
    checkFormatting(PER_ITEM_EN, "p.policy");
    checkFormatting(readFileSync(EXAMPLE, "utf8"), "per-decision-example.policy");
  });

  it("keeps the example's outputs of one clause with their citation on the head line", () => {
    const text = format(readFileSync(EXAMPLE, "utf8"), "e.policy");
    expect(text).toContain('  输出 公示截止日 第五条第一款 "公示期自作出决定之日起计算；处罚含限制措施的，不早于限制期限届满之日。"：\n    较晚(日期 + 最长公示期, 限制届满日)\n');
  });

  it("writes an output of one cited clause with its citation on the head line, as a category", () => {
    const src = 'policy p {}\nitem rule r for each sanctions {\n  output o 第五条 "t": date + 3 years\n}\n';
    expect(format(src, "o.policy")).toBe('policy "p" {}\n\nitem rule r for each sanctions {\n  output o 第五条 "t":\n    date + 3 years\n}\n');
    // With its own citation, notes or a comment on the clause, the clause goes on its own lines.
    const own = 'policy p {}\nitem rule r for each sanctions {\n  output o 第五条 第五条第一款: yes\n    note "n"\n}\n';
    expect(format(own, "o.policy")).toBe('policy "p" {}\n\nitem rule r for each sanctions {\n  output o 第五条\n    第五条第一款:\n      true\n      note "n"\n}\n');
    checkFormatting(src, "o.policy");
    checkFormatting(own, "o.policy");
  });

  it("prints an empty rule as {} and a rule's parts in a fixed order", () => {
    const src = [
      "policy p {}",
      "item rule r for each sanctions 第三条 {",
      '  obligation o 第四条 "t" due none',
      '  category c "c" 第五条: shown',
      '  output shown 第三条: yes',
      "  let v = 1",
      '  note "n"',
      "}",
      "item rule e for each penalties { }",
      "",
    ].join("\n");
    expect(format(src, "r.policy")).toBe(
      [
        'policy "p" {}',
        "",
        "item rule r for each sanctions 第三条 {",
        "  let v = 1",
        '    note "n"',
        "  output shown 第三条:",
        "    true",
        '  category c "c" 第五条:',
        "    shown",
        '  obligation o 第四条 "t"',
        "    due none",
        "}",
        "",
        "item rule e for each penalties {}",
        "",
      ].join("\n"),
    );
    checkFormatting(src, "r.policy");
  });

  it("attaches comments to parameters, fields, filters, rules and everything inside a rule", () => {
    const p = parseOk(PER_ITEM_ZH, "p.policy").policy as Policy;
    expect(p.params?.[0]?.comments).toEqual(["参数：带单位、日期、文字、是否，有无条款与依据"]);
    expect(p.fields?.[0]?.comments).toEqual(["声明字段"]);
    expect(p.filters?.[0]?.comments).toEqual(["命名条件"]);
    const category = p.categories?.[0]?.condition as Extract<Condition, { kind: "AnyOf" }>;
    expect(category.items[0]?.comments).toEqual(["块中的条件"]);
    const rule = p.itemRules?.[0];
    expect(rule?.comments).toEqual(["逐项规则"]);
    expect(rule?.notes[0]?.comments).toEqual(["规则内的解释说明"]);
    expect(rule?.values[0]?.comments).toEqual(["规则内的定义"]);
    expect(rule?.outputs.map((o) => o.comments)).toEqual([["条件块输出"], ["单条输出"], undefined, undefined, undefined, undefined]);
    expect(rule?.categories[0]?.comments).toEqual(["规则内的类别"]);
    expect(rule?.measures[0]?.comments).toEqual(["规则内的措施"]);
    expect(rule?.obligations[0]?.comments).toEqual(["规则内的义务"]);
    expect(p.tests[0]?.comments).toEqual(["预期的各种写法"]);
  });

  it("writes every expectation in each language's words", () => {
    expect(PER_ITEM_ZH).toContain("  预期 类别 重点关注, 长期公示\n  预期 义务 上网公示 2022-03-10 overdue\n  预期 义务 撤下公示 无 open\n  预期 评价模型 行业信用评价 85分\n");
    expect(PER_ITEM_EN).toContain("  expect category 重点关注, 长期公示\n  expect obligation 上网公示 2022-03-10 overdue\n  expect obligation 撤下公示 none open\n  expect model 行业信用评价 85 points\n");
    expect(PER_ITEM_ZH).toContain('  预期 逐项 "/sanctions/0" 应公示 = 是\n');
    expect(PER_ITEM_EN).toContain('  expect item rule "/sanctions/0" 应公示 = true\n');
    expect(PER_ITEM_EN).toContain("  expect category\n}");
  });
});
