// Policies written to break the tools (issue 12, D6–D8, D15, D16): nesting and chains past the
// limits get a diagnostic with a code and a position from check, fmt, convert and compile, never an
// internal error; statements that may occur once are errors when repeated; numbers in test records
// keep their meaning and their spelling through fmt and the YAML form; impossible dates are errors.
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { convertSource, formatAnySource } from "../../compiler/convert.js";
import { stripSpans } from "../../diagnostics/span.js";
import { MAX_CHAIN, MAX_NESTING } from "../../dsl/limits.js";
import { parsePolicy } from "../../dsl/parse.js";
import { parseYamlPolicy } from "../../dsl/yaml/parse-yaml.js";
import { cli, STACK_TRACE } from "../cli/run-cli.js";

const HEAD = `政策 "deep" {\n  标题 "t"\n  版本 "1"\n}\n定义 n = 计数 违反承诺 近 1年\n`;
const grade = (when: string) => `等级 A "a" 第一条 任一 {\n  第一条 "x"：${when}\n}\n`;

/** The five reproductions of D6, and chains the parser reads in loops. */
const HOSTILE: Record<string, { text: string; code: string }> = {
  "500 nested parentheses": { text: HEAD + grade(`${"(".repeat(500)}n 1次 以上${")".repeat(500)}`), code: "CP-E0108" },
  "300 nested any {}": { text: HEAD + `等级 A "a" 第一条 ${"任一 { ".repeat(300)}第一条 "x"： n 1次 以上${" }".repeat(300)}\n`, code: "CP-E0108" },
  "10,000 not": { text: HEAD + grade(`${"非 ".repeat(10_000)}n 1次 以上`), code: "CP-E0108" },
  "a chain of 10,000 lets": {
    text: HEAD.replace("定义 n", "定义 v10000") + Array.from({ length: 10_000 }, (_, i) => `定义 v${i} = v${i + 1} + 1次\n`).join("") + grade("v0 1次 以上"),
    code: "CP-E0317",
  },
  "a test record nested 100,000 deep": {
    text: HEAD + grade("n 1次 以上") + `测试 "t" 评价日 2021-12-31 {\n  记录 {"id": "x", "d": ${"[".repeat(100_000)}${"]".repeat(100_000)}}\n  预期 等级 无\n}\n`,
    code: "CP-E0108",
  },
  "a sum of 10,000 terms": { text: HEAD + grade(`${Array(10_000).fill("n").join(" + ")} 1次 以上`), code: "CP-E0108" },
  "2,000 named filters in a chain": {
    text: HEAD.replace("近 1年", "满足 f1999 近 1年").replace("违反承诺", "违法行为") + `条件 f0 = 严重\n` + Array.from({ length: 1999 }, (_, i) => `条件 f${i + 1} = f${i}\n`).join("") + grade("n 1次 以上"),
    code: "CP-E0317",
  },
  "named filters doubling each other": {
    text: HEAD.replace("近 1年", "满足 f40 近 1年").replace("违反承诺", "违法行为") + `条件 f0 = 严重\n` + Array.from({ length: 40 }, (_, i) => `条件 f${i + 1} = f${i} 且 f${i}\n`).join("") + grade("n 1次 以上"),
    code: "CP-E0318",
  },
  "1,000 per-item outputs each reading the one before": {
    text:
      `政策 "deep" {\n  标题 "t"\n}\n逐项 r0 针对 处理决定 第三条 "x" {\n  输出 o0 第三条 "x"： 日期 = 2021-01-01\n}\n` +
      Array.from({ length: 999 }, (_, i) => `逐项 r${i + 1} 针对 处理决定 第三条 "x" {\n  输出 o${i + 1} 第三条 "x"： o${i}\n}\n`).join(""),
    code: "CP-E0317",
  },
};

describe("D6: nesting and chains past the limits", () => {
  for (const [name, { text, code }] of Object.entries(HOSTILE)) {
    it(`${name}: ${code} with a position from check, fmt and convert`, () => {
      const checked = compilePolicy(text, "deep.policy");
      const d = checked.diagnostics.find((x) => x.severity === "error");
      expect(d?.code).toBe(code);
      expect(d?.span?.line).toBeGreaterThan(0);
      expect(d?.span?.col).toBeGreaterThan(0);
      expect(checked.ir).toBeUndefined();
      for (const r of [formatAnySource(text, "deep.policy"), convertSource(text, "deep.policy", "yaml")]) {
        if (code === "CP-E0317" || code === "CP-E0318") continue; // a well-formed text: fmt and convert need no checking
        expect(r.text).toBeUndefined();
        expect(r.diagnostics.map((x) => x.code)).toContain(code);
      }
    });
  }

  it("accepts nesting up to the limit, and formats and converts it", () => {
    const text = HEAD + grade(`${"(".repeat(MAX_NESTING - 8)}n 1次 以上${")".repeat(MAX_NESTING - 8)}`);
    expect(compilePolicy(text, "ok.policy").ir).toBeDefined();
    const yaml = convertSource(text, "ok.policy", "yaml").text as string;
    expect(parseYamlPolicy(yaml, "ok.policy.yaml").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const lets = HEAD.replace("定义 n", "定义 v0") + Array.from({ length: MAX_CHAIN - 1 }, (_, i) => `定义 v${i + 1} = v${i}\n`).join("") + grade(`v${MAX_CHAIN - 1} 1次 以上`);
    expect(compilePolicy(lets, "ok.policy").ir).toBeDefined();
  });

  it("refuses YAML nested too deep to compose (CP-E0203), and a YAML condition nested too deep (CP-E0108)", () => {
    const flow = `policy: p\ntests: [{name: t, as_of: 2021-12-31, record: {id: x, d: ${"[".repeat(5000)}${"]".repeat(5000)}}}]\n`;
    expect(parseYamlPolicy(flow, "p.policy.yaml").diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["CP-E0203", 2]]);
    let when = "{article: 第一条, when: n at least 1 times}";
    for (let i = 0; i < 70; i++) when = `{any: [${when}]}`;
    const nested = `policy: p\nvalues: [{name: n, value: count commitment_breaches in last 1 year}]\ngrades: [{id: A, label: a, when: ${when}}]\n`;
    expect(parseYamlPolicy(nested, "p.policy.yaml").diagnostics.map((d) => d.code)).toContain("CP-E0108");
  });

  it("eval and compile exit 2 with the diagnostic, never an internal error", () => {
    const r = cli(["compile", "test/fixtures/diagnostics/chain-too-long.policy", "--target", "js"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CP-E0317/);
    expect(r.stdout + r.stderr).not.toMatch(/internal error/);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("D7: statements that may occur once", () => {
  const twice = `policy "p" { title "t" }
disregard revoked 第十六条
let n = count commitment_breaches in last 1 year
grade A "a" any {
  第一条 "t": n at least 1 times
}
grade C "c" any {
  第二条 "t": n at least 1 times
}
precedence C > A
precedence A > C
default none
`;

  it("reports a repeated precedence at the repeat, pointing at the first, and keeps the first", () => {
    const parsed = parsePolicy(twice, "p.policy");
    const d = parsed.diagnostics.find((x) => x.code === "CP-E0110");
    expect(d?.span?.line).toBe(11);
    expect(d?.related?.[0]?.span.line).toBe(10);
    expect(parsed.policy?.precedence?.order.map((o) => o.id)).toEqual(["C", "A"]);
    expect(compilePolicy(twice, "p.policy").ir).toBeUndefined();
  });

  it("does the same for default, severity, disregard and a case's expected grade; fmt keeps both by refusing", () => {
    for (const [extra, line] of [
      ["default A\n", 13],
      ["disregard repaired 第十六条\n", 13],
    ] as const) {
      const d = parsePolicy(twice.replace("precedence A > C\n", "") + extra, "p.policy").diagnostics.find((x) => x.code === "CP-E0110");
      expect(d?.span?.line).toBe(line - 1);
    }
    expect(formatAnySource(twice, "p.policy").text).toBeUndefined();
    const cases = twice.replace("precedence A > C\n", "") + `test "t" as of 2021-12-31 {\n  record {"id": "x"}\n  expect grade none\n  expect grade A\n}\n`;
    expect(parsePolicy(cases, "p.policy").diagnostics.map((x) => `${x.code}@${x.span?.line}`)).toEqual(["CP-E0110@15"]);
  });
});

describe("D8: numbers in test records", () => {
  const policy = (record: string) => `policy "p" { title "t" }
let n = count commitment_breaches in last 1 year
grade A "a" any {
  第一条 "t": n at least 1 times
}
test "t" as of 2021-12-31 {
  record ${record}
  expect grade none
}
`;

  it("refuses a 400-digit number and 85.000000000000000001 instead of printing Infinity or 85", () => {
    for (const n of ["9".repeat(400), "85.000000000000000001", "12345678901234567890"]) {
      const text = policy(`{"id": "x", "indicators": {"a": ${n}}}`);
      expect(parsePolicy(text, "p.policy").diagnostics.map((d) => d.code)).toEqual(["CP-E0109"]);
      expect(formatAnySource(text, "p.policy").text).toBeUndefined();
    }
  });

  it("keeps numbers as written through fmt and DSL → YAML → DSL", () => {
    const text = policy(`{"id": "x", "indicators": {"a": 1.0, "b": 85.10, "c": -0, "d": 0.1, "e": 1000000000000000000000}}`);
    const formatted = formatAnySource(text, "p.policy").text as string;
    expect(formatted).toContain('"a": 1.0, "b": 85.10, "c": -0, "d": 0.1, "e": 1000000000000000000000');
    const yaml = convertSource(formatted, "p.policy", "yaml").text as string;
    expect(yaml).toMatch(/a: 1\.0\b/);
    expect(yaml).toMatch(/b: 85\.10\b/);
    expect(yaml).toMatch(/e: 1000000000000000000000\b/);
    const back = convertSource(yaml, "p.policy.yaml", "dsl").text as string;
    expect(back).toBe(formatted);
    expect(stripSpans(parseYamlPolicy(yaml, "p.policy.yaml").policy)).toEqual(stripSpans(parsePolicy(formatted, "p.policy").policy));
  });

  it("refuses in YAML what the text form cannot hold exactly either", () => {
    const yaml = (n: string) => `policy: p\ntests: [{name: t, as_of: 2021-12-31, record: {id: x, n: ${n}}}]\n`;
    for (const n of ["85.000000000000000001", "1e400", "0x1F", ".inf"]) {
      expect(parseYamlPolicy(yaml(n), "p.policy.yaml").diagnostics.map((d) => d.code)).toContain("CP-E0109");
    }
  });
});

describe("D15, D16: a bare YAML key, impossible dates", () => {
  it("reports a flow mapping with a bare key as a schema error at its place, not an internal error", () => {
    const bare = parseYamlPolicy("{policy}\n", "p.policy.yaml").diagnostics;
    expect(bare.map((d) => [d.code, d.span?.line, d.span?.col])).toEqual([["CP-E0202", 1, 2]]);
    for (const text of ["{policy}\n", "policy: p\nmeta: {title}\n", "policy: p\ngrades: [{id}]\n", "policy: p\ntests: [{name, as_of, record: {id}}]\n"]) {
      for (const d of parseYamlPolicy(text, "p.policy.yaml").diagnostics) expect(d.args.join(" ")).not.toMatch(/internal error/);
    }
  });

  it("refuses issued 2021-02-30 in either form, at the date", () => {
    const dsl = parsePolicy(`policy "p" {\n  title "t"\n  issued 2021-02-30\n}\n`, "p.policy").diagnostics;
    expect(dsl.map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`)).toContain("CP-E0105@3:10");
    const yaml = parseYamlPolicy(`policy: p\nmeta:\n  title: t\n  issued: 2021-02-30\n`, "p.policy.yaml").diagnostics;
    expect(yaml.map((d) => `${d.code}@${d.span?.line}`)).toContain("CP-E0105@4");
    expect(parsePolicy(`policy "p" {\n  title "t"\n  issued 2020-02-29\n}\n`, "p.policy").diagnostics.map((d) => d.code)).not.toContain("CP-E0105");
  });
});
