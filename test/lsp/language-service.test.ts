// The language server's logic in-process (analysis/lsp/): the analysis of a document, completion by
// context, hover from the registry, definitions, references, rename, quick fixes, the outline,
// semantic tokens, why / why not and plan checks. The JSON-RPC suite (lsp-server.test.ts) drives
// the same functions through `credit-policy lsp --stdio`; the browser tests through the worker.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument, coverageOf, type DocumentAnalysis, type PlanInput } from "../../analysis/lsp/analyze.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { quickFixes } from "../../analysis/lsp/code-actions.js";
import { completeAt } from "../../analysis/lsp/completion.js";
import { toLspDiagnostic } from "../../analysis/lsp/convert.js";
import { explainRecord } from "../../analysis/lsp/explain-view.js";
import { hoverAt } from "../../analysis/lsp/hover.js";
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from "../../analysis/lsp/navigation.js";
import { outlineOf } from "../../analysis/lsp/outline.js";
import { semanticTokens, TOKEN_TYPES } from "../../analysis/lsp/semantic-tokens.js";
import { draftDepartmentPolicy } from "../../compiler/draft.js";
import type { Policy } from "../../dsl/ast.js";
import { parsePolicy } from "../../dsl/parse.js";
import { fill } from "../plans/fill-draft.js";

const ROOT = join(import.meta.dirname, "..", "..");
const FILE = "policies/pinglu-fgj/pinglu-fgj.policy";
const TEXT = readFileSync(join(ROOT, FILE), "utf8");
const PD_FILE = "examples/per-decision/per-decision-example.policy";
const PD_TEXT = readFileSync(join(ROOT, PD_FILE), "utf8");

function analyze(text: string, file = FILE, planFor?: (id: string) => PlanInput | undefined): DocumentAnalysis {
  return analyzeDocument({ uri: `file:///${file}`, version: 1, text, file }, planFor ? { planFor } : {});
}

const A = analyze(TEXT);
const PD = analyze(PD_TEXT, PD_FILE);

function lineOf(text: string, fragment: string): { line: number; text: string } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`no line holds ${fragment}`);
  return { line: i + 1, text: lines[i] as string };
}

/** The 1-based line and column just after `before` on the line holding `fragment`. */
function after(text: string, fragment: string, before: string): { line: number; col: number } {
  const { line, text: l } = lineOf(text, fragment);
  return { line, col: l.indexOf(before) + before.length + 1 };
}

/** A policy text with `insert` put on a new line after the line holding `fragment`. */
function withLine(text: string, fragment: string, insert: string): { text: string; line: number } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  lines.splice(i + 1, 0, insert);
  return { text: lines.join("\n"), line: i + 2 };
}

const labels = (a: DocumentAnalysis, line: number, col: number) => completeAt(a, line, col, "zh").items.map((i) => i.label);
const kinds = (a: DocumentAnalysis, line: number, col: number) => completeAt(a, line, col, "zh").context.kind;

describe("the analysis of a document", () => {
  it("compiles the policy, runs its cases and measures their coverage", () => {
    expect(A.ir).toBeDefined();
    expect(A.lang).toBe("zh");
    expect(A.cases?.length).toBeGreaterThan(10);
    expect(A.cases?.every((c) => c.passed)).toBe(true);
    expect(A.cases?.find((x) => x.name === "一次责令改正：B")).toMatchObject({ grade: "B", asOf: "2021-12-31", matched: [{ grade: "B", article: "第八条（二）1" }] });
    expect(A.coverage?.grades.map((g) => [g.id, g.cases.length > 0])).toEqual([
      ["A", true],
      ["B", true],
      ["C", true],
    ]);
    expect(A.coverage?.articles.map((x) => x.article)).toContain("第八条（二）2");
  });

  it("reports a coverage gap when no case reaches a grade", () => {
    const outcomes = (A.outcomes ?? []).filter((o) => !("grade" in o.output) || o.output.grade !== "A");
    const cov = coverageOf(A.ir as IRPolicy, outcomes);
    expect(cov.grades.find((g) => g.id === "A")?.cases).toEqual([]);
    // An article counts as exercised when its clause held in a case, whichever grade the case got.
    const none = coverageOf(A.ir as IRPolicy, []);
    expect(none.articles.every((x) => x.cases.length === 0)).toBe(true);
    expect(none.articles.length).toBe(A.coverage?.articles.length);
  });

  it("reports a syntax error with its position and has no cases", () => {
    const bad = TEXT.replace("优先顺序 C > B > A", "优先顺序 C > B > A }");
    const a = analyze(bad);
    const { line, text } = lineOf(bad, "优先顺序");
    expect(a.ir).toBeUndefined();
    expect(a.cases).toBeNull();
    expect(a.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.range.line, d.range.col])).toEqual([["CP-E0101", line, text.indexOf("}") + 1]]);
  });

  it("gives a failing case's differences as catalogue messages", () => {
    const a = analyze(TEXT.replace("一年内责令改正警告次数 1次 以上 3次（不含）以内", "一年内责令改正警告次数 1次 以上 1次（不含）以内"));
    const c = a.cases?.find((x) => x.name === "一次责令改正：B");
    expect(c).toMatchObject({ passed: false, grade: null });
    expect(c?.failures.map((f) => f.key)).toContain("case/grade");
  });

  it("collects derived values with the position of their name, and boundary readings", () => {
    const v = A.symbols.values.find((x) => x.name === "一年内罚款累计");
    const { line, text } = lineOf(TEXT, "定义 一年内罚款累计");
    expect(v?.nameRange).toEqual({ line, col: text.indexOf("一年内罚款累计") + 1, endLine: line, endCol: text.indexOf("一年内罚款累计") + 1 + "一年内罚款累计".length });
    const b = lineOf(TEXT, "一年内责令改正警告次数 1次 以上 3次（不含）以内");
    expect(A.symbols.bounds.filter((x) => x.range.line === b.line).map((x) => [x.word, x.marker, x.op, x.reading])).toEqual([
      ["yishang", undefined, ">=", "一年内责令改正警告次数 ≥ 1次"],
      ["yinei", "excl", "<", "一年内责令改正警告次数 < 3次"],
    ]);
  });

  it("collects parameters, filters, per-item outputs and values with their types", () => {
    expect(PD.symbols.params.find((p) => p.name === "较低数额罚款上限")).toMatchObject({ value: "3万元", article: "第五条第三款", type: "money" });
    expect(PD.symbols.filters.map((f) => [f.name, f.source])).toEqual([["轻微处罚", "种类 属于 (警告, 通报批评, 罚款)"]]);
    expect(PD.symbols.outputs.map((o) => [o.name, o.partId, o.type])).toEqual([
      ["应公示", "sanctions", "bool"],
      ["仅轻微处罚", "sanctions", "bool"],
      ["公示截止日", "sanctions", "date"],
      ["最早可停止公示日", "sanctions", "date"],
      ["可申请修复", "sanctions", "bool"],
    ]);
  });
});

describe("completion by context", () => {
  it("offers record parts after an aggregate keyword, not the derived values", () => {
    const { text, line } = withLine(TEXT, "优先顺序 C > B > A", "定义 x = 计数 ");
    const a = analyze(text);
    const col = "定义 x = 计数 ".length + 1;
    expect(kinds(a, line, col)).toBe("part");
    const got = labels(a, line, col);
    expect(got).toEqual(expect.arrayContaining(["违法行为", "violations", "名单", "处罚"]));
    expect(got).not.toContain("一年内罚款累计");
    // A Chinese spelling first for a Chinese policy.
    const items = completeAt(a, line, col, "zh").items.sort((x, y) => (x.sortText ?? "").localeCompare(y.sortText ?? ""));
    expect(/^[^A-Za-z]/.test(items[0]?.label ?? "")).toBe(true);
  });

  it("offers that part's fields after 满足", () => {
    const { text, line } = withLine(TEXT, "优先顺序 C > B > A", "定义 x = 计数 违法行为 满足 ");
    const a = analyze(text);
    const col = "定义 x = 计数 违法行为 满足 ".length + 1;
    expect(completeAt(a, line, col, "zh").context).toEqual({ kind: "fields", part: "violations" });
    const got = labels(a, line, col);
    expect(got).toEqual(expect.arrayContaining(["最重处罚", "class", "严重", "决定日期", "金额"]));
    // Fields of other parts are not offered: 授予方 is an honour's.
    expect(got).not.toContain("授予方");
    // Also after 且 within the same filter.
    const more = withLine(TEXT, "优先顺序 C > B > A", "定义 x = 计数 表彰 满足 诚实守信 且 ");
    expect(completeAt(analyze(more.text), more.line, "定义 x = 计数 表彰 满足 诚实守信 且 ".length + 1, "zh").context).toEqual({ kind: "fields", part: "honors" });
  });

  it("offers a field's values after the field and an operator", () => {
    const { text, line } = withLine(TEXT, "优先顺序 C > B > A", "定义 x = 计数 违法行为 满足 最重处罚 高于 ");
    const a = analyze(text);
    const col = "定义 x = 计数 违法行为 满足 最重处罚 高于 ".length + 1;
    expect(kinds(a, line, col)).toBe("values");
    const got = labels(a, line, col);
    expect(got).toEqual(expect.arrayContaining(["警告", "warning", "罚款", "fine", "行政拘留"]));
    expect(got).not.toContain("一年内罚款累计");
    const list = withLine(TEXT, "优先顺序 C > B > A", "定义 y = 存在 名单 满足 名单类型 属于 (红名单, ");
    expect(labels(analyze(list.text), list.line, "定义 y = 存在 名单 满足 名单类型 属于 (红名单, ".length + 1)).toEqual(expect.arrayContaining(["黑名单", "black"]));
    const yesNo = withLine(TEXT, "优先顺序 C > B > A", "定义 y = 计数 违法行为 满足 严重 = ");
    expect(labels(analyze(yesNo.text), yesNo.line, "定义 y = 计数 违法行为 满足 严重 = ".length + 1)).toEqual(expect.arrayContaining(["是", "否"]));
  });

  it("offers the units a number's type allows", () => {
    const win = withLine(TEXT, "优先顺序 C > B > A", "定义 x = 计数 违法行为 近 1");
    const a = analyze(win.text);
    const col = "定义 x = 计数 违法行为 近 1".length + 1;
    expect(completeAt(a, win.line, col, "zh").context).toEqual({ kind: "units", type: "window" });
    const got = labels(a, win.line, col);
    expect(got).toEqual(expect.arrayContaining(["年", "个月", "日", "years"]));
    expect(got).not.toContain("万元");
    // A number compared with money: money units, read from the compared value's type.
    const { line, text } = lineOf(TEXT, "一年内罚款累计 不超过 50万元");
    const money = TEXT.replace("一年内罚款累计 不超过 50万元", "一年内罚款累计 不超过 50");
    const at = { line, col: text.indexOf("不超过 50") + "不超过 50".length + 1 };
    expect(labels(analyze(money), at.line, at.col).sort()).toEqual(["wan yuan", "yuan", "万元", "元"].sort());
    // A number after a count in the same comparison: counts.
    const count = lineOf(TEXT, "1次 以上 3次（不含）以内");
    const c = TEXT.replace("1次 以上 3次（不含）以内", "1次 以上 3");
    expect(labels(analyze(c), count.line, count.text.indexOf("以上 3") + "以上 3".length + 1)).toEqual(expect.arrayContaining(["次", "times"]));
  });

  it("offers grades after 优先顺序 and tags after 标记, and nothing inside a string", () => {
    const g = withLine(TEXT, "优先顺序 C > B > A", "优先顺序 C > ");
    expect(labels(analyze(g.text), g.line, "优先顺序 C > ".length + 1).sort()).toEqual(["A", "B", "C"]);
    const tag = after(TEXT, "标记 inspection = increased", "标记 ");
    expect(labels(A, tag.line, tag.col)).toEqual(expect.arrayContaining(["inspection", "licensing", "market"]));
    const value = after(TEXT, "标记 inspection = increased", "标记 inspection = ");
    expect(labels(A, value.line, value.col)).toEqual(expect.arrayContaining(["increased", "maximum", "exempt"]));
    const quote = lineOf(TEXT, "第八条（二）1 \"");
    expect(labels(A, quote.line, quote.text.indexOf('"') + 3)).toEqual([]);
  });

  it("offers everything elsewhere, the policy's own names first", () => {
    const { text, line } = withLine(TEXT, "优先顺序 C > B > A", "定");
    const items = completeAt(analyze(text), line, 2, "zh").items.sort((x, y) => (x.sortText ?? "").localeCompare(y.sortText ?? ""));
    const names = items.map((i) => i.label);
    for (const l of ["计数", "count", "违法行为", "最重处罚", "红名单", "万元", "以内", "一年内罚款累计", "第八条（二）1"]) expect(names, l).toContain(l);
    expect(names.indexOf("一年内罚款累计")).toBeLessThan(names.indexOf("计数"));
  });
});

describe("hover", () => {
  const hover = (a: DocumentAnalysis, text: string, fragment: string, target: string, lang: "zh" | "en" = "zh", offset = 1) => {
    const { line, text: l } = lineOf(text, fragment);
    return hoverAt(a, text, line, l.indexOf(target, l.indexOf(fragment)) + offset, lang);
  };

  it("shows a field's meaning, type, values and the articles that read it", () => {
    const h = hover(A, TEXT, "满足 最重处罚 高于 警告", "最重处罚");
    expect(h?.markdown).toContain("violations.class");
    expect(h?.markdown).toContain("第八条（二）1");
    expect(h?.markdown).toContain("警告（`warning`）");
    const en = hover(A, TEXT, "满足 最重处罚 高于 警告", "最重处罚", "en");
    expect(en?.markdown).toContain("most severe penalty kind");
  });

  it("shows an enumeration value rather than the operator before it", () => {
    const h = hover(A, TEXT, "满足 最重处罚 高于 警告", "警告");
    expect(h?.markdown).toContain("penalty_kind: warning");
    expect(h?.markdown).not.toContain("高于：严格大于");
    const { line, text } = lineOf(TEXT, "满足 最重处罚 高于 警告");
    expect(h?.range).toEqual({ line, col: text.indexOf("警告") + 1, endLine: line, endCol: text.indexOf("警告") + 3 });
  });

  it("shows a tag's meaning and a unit's", () => {
    const tag = hover(A, TEXT, "标记 inspection = increased", "increased");
    expect(tag?.markdown).toContain("inspection = increased");
    expect(tag?.markdown).toContain("第十二条（一）");
    const unit = hover(A, TEXT, "一年内罚款累计 不超过 50万元", "万元");
    expect(unit?.markdown).toContain("10000");
    const unitEn = hover(A, TEXT, "一年内罚款累计 不超过 50万元", "万元", "en");
    expect(unitEn?.markdown).toContain("yuan");
  });

  it("hovers an article with its verbatim text, and 以内（不含） with its reading and basis", () => {
    const art = hover(A, TEXT, "  第八条（二）1 ", "第八条", "zh", 2);
    expect(art?.markdown).toContain("一年内责令（限期）改正、警告累计次数3次（不含）以内的；");
    const b = hover(A, TEXT, "一年内责令改正警告次数 1次 以上 3次（不含）以内", "以内");
    expect(b?.markdown).toContain("一年内责令改正警告次数 < 3次");
    expect(b?.markdown).toContain("民法典第一千二百五十九条");
    expect(hoverAt(undefined, "x 不满 3次", 1, 3, "zh")?.markdown).toContain("x < n");
  });

  it("answers in one language: no English prose in Chinese, none of the Chinese labels in English", () => {
    const zh = [hover(A, TEXT, "满足 最重处罚 高于 警告", "最重处罚"), hover(A, TEXT, "一年内罚款累计 不超过 50万元", "一年内罚款累计")].map((h) => h?.markdown ?? "");
    for (const md of zh) expect(md.replace(/`[^`]*`|```[^]*?```|[\w.]+\.[\w]+|\([^)]*\)|（[^）]*）/g, "")).not.toMatch(/\b(?:field|read by|derived value|type)\b/i);
    const en = hover(A, TEXT, "满足 最重处罚 高于 警告", "最重处罚", "en")?.markdown ?? "";
    expect(en).not.toContain("读取它的条款");
    expect(en).toContain("Read by");
  });

  it("hovers parameters, outputs, filters, per-item values, built-ins and aggregates", () => {
    const p = hover(PD, PD_TEXT, "罚款合计 不超过 较低数额罚款上限", "较低数额罚款上限");
    expect(p?.markdown).toContain("较低数额罚款上限 = 3万元");
    expect(p?.markdown).toContain("第五条第三款");
    const o = hover(PD, PD_TEXT, "定义 公示中决定数", "公示截止日");
    expect(o?.markdown).toContain("第五条第一款");
    const f = hover(PD, PD_TEXT, "(全部 处罚 满足 轻微处罚)", "轻微处罚");
    expect(f?.markdown).toContain("种类 属于 (警告, 通报批评, 罚款)");
    const b = hover(PD, PD_TEXT, "较晚(日期 + 最长公示期, 限制届满日)", "较晚", "en");
    expect(b?.markdown).toContain("the latest of the dates");
    const l = hover(PD, PD_TEXT, "较晚(日期 + 最长公示期, 限制届满日)", "限制届满日");
    expect(l?.markdown).toContain("最大 限制期限届满日 来自 处罚");
    const agg = hover(PD, PD_TEXT, "(全部 处罚 满足 轻微处罚)", "全部");
    expect(agg?.markdown).toContain("全部** / `all`");
  });
});

describe("definitions, references and rename", () => {
  it("goes to a derived value's definition and finds every use", () => {
    const use = lineOf(TEXT, "一年内罚款累计 不超过 50万元");
    const col = use.text.indexOf("一年内罚款累计") + 3;
    const decl = A.symbols.values.find((v) => v.name === "一年内罚款累计")?.nameRange;
    expect(definitionAt(A, use.line, col)).toEqual(decl);
    const refs = referencesAt(A, use.line, col, true);
    expect(refs[0]).toEqual(decl);
    expect(refs.map((r) => r.line)).toContain(use.line);
    expect(referencesAt(A, use.line, col, false)).not.toContainEqual(decl);
  });

  it("finds a record field's readers and a grade's uses", () => {
    const f = lineOf(TEXT, "满足 最重处罚 高于 警告");
    const refs = referencesAt(A, f.line, f.text.indexOf("最重处罚") + 1, true);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    const g = lineOf(TEXT, '等级 B "一般失信"');
    const uses = referencesAt(A, g.line, g.text.indexOf("B") + 1, true).map((r) => r.line);
    expect(uses).toContain(lineOf(TEXT, "优先顺序 C > B > A").line);
    expect(uses.length).toBeGreaterThan(5);
  });

  it("renames a derived value everywhere, and refuses keywords, taken names and record fields", () => {
    const use = lineOf(TEXT, "一年内罚款累计 不超过 50万元");
    const col = use.text.indexOf("一年内罚款累计") + 1;
    expect(prepareRenameAt(A, use.line, col)).toBeDefined();
    const out = renameAt(A, use.line, col, "年度罚款累计", "zh");
    if ("error" in out) throw new Error(out.error);
    expect(out.edits.length).toBe(referencesAt(A, use.line, col, true).length);
    let text = TEXT;
    const lines = text.split("\n");
    for (const e of [...out.edits].sort((x, y) => y.range.line - x.range.line || y.range.col - x.range.col)) {
      const l = lines[e.range.line - 1] as string;
      lines[e.range.line - 1] = l.slice(0, e.range.col - 1) + e.newText + l.slice(e.range.endCol - 1);
    }
    text = lines.join("\n");
    const renamed = analyze(text);
    expect(renamed.ir).toBeDefined();
    expect(renamed.cases?.every((c) => c.passed)).toBe(true);
    expect(text).not.toContain("一年内罚款累计");
    expect(renameAt(A, use.line, col, "计数", "zh")).toHaveProperty("error");
    expect(renameAt(A, use.line, col, "一年内行政处罚案件次数", "zh")).toHaveProperty("error");
    const field = lineOf(TEXT, "满足 最重处罚 高于 警告");
    expect(prepareRenameAt(A, field.line, field.text.indexOf("最重处罚") + 1)).toBeUndefined();
  });

  it("renames a grade in its declaration, the precedence, measures and test expectations", () => {
    const g = lineOf(TEXT, '等级 B "一般失信"');
    const out = renameAt(A, g.line, g.text.indexOf("B") + 1, "乙", "zh");
    if ("error" in out) throw new Error(out.error);
    const lines = TEXT.split("\n");
    for (const e of [...out.edits].sort((x, y) => y.range.line - x.range.line || y.range.col - x.range.col)) {
      const l = lines[e.range.line - 1] as string;
      lines[e.range.line - 1] = l.slice(0, e.range.col - 1) + e.newText + l.slice(e.range.endCol - 1);
    }
    const a = analyze(lines.join("\n"));
    expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(a.cases?.every((c) => c.passed)).toBe(true);
    expect(a.symbols.grades.map((x) => x.id)).toEqual(["A", "乙", "C"]);
  });

  it("scopes a per-item value to its rule", () => {
    const text = ['政策 "p" {}', "逐项 甲 针对 处理决定 {", "  定义 额 = 1", "  输出 出 第一条：", "    额 > 0", "}", "逐项 乙 针对 处罚 {", "  定义 额 = 2", "  输出 另一值 第二条：", "    额 > 1", "}", ""].join("\n");
    const a = analyze(text, "scope.policy");
    expect(definitionAt(a, 10, 5)?.line).toBe(8);
    expect(definitionAt(a, 5, 5)?.line).toBe(3);
    expect(a.symbols.outputs[0]).toMatchObject({ name: "出", nameRange: { line: 4, col: 6, endCol: 7 } });
  });
});

describe("quick fixes", () => {
  const fixes = (text: string) => {
    const a = analyze(text);
    const diags = a.diagnostics.map((d) => toLspDiagnostic(d, a.uri, "zh"));
    return { a, actions: quickFixes(a, diags, "zh") };
  };
  const apply = (text: string, action: ReturnType<typeof quickFixes>[number]) => {
    const [edit] = Object.values(action.edit?.changes ?? {})[0] ?? [];
    if (!edit) throw new Error("no edit");
    const lines = text.split("\n");
    const l = lines[edit.range.start.line] as string;
    lines[edit.range.start.line] = l.slice(0, edit.range.start.character) + edit.newText + l.slice(edit.range.end.character);
    return lines.join("\n");
  };

  it("takes the value a did-you-mean suggests (fien → fine)", () => {
    const bad = TEXT.replace("最重处罚 高于 警告 且 非 严重 近 1年", "最重处罚 高于 warnig 且 非 严重 近 1年");
    const { a, actions } = fixes(bad);
    const d = a.diagnostics.find((x) => x.code === "CP-E0308");
    expect(d?.help).toEqual({ key: "help/did-you-mean", args: ["warning"] });
    const fixed = apply(bad, actions[0] as (typeof actions)[number]);
    expect(analyze(fixed).ir).toBeDefined();
  });

  it("inserts the space a glued keyword lacks", () => {
    const bad = TEXT.replace("= 计数 违法行为 满足 最重处罚 高于 警告 且 非 严重 近 1年", "= 计数违法行为 满足 最重处罚 高于 警告 且 非 严重 近 1年");
    const { actions } = fixes(bad);
    const fix = actions.find((x) => x.title.includes("计数 违法行为"));
    expect(fix).toBeDefined();
    expect(analyze(apply(bad, fix as (typeof actions)[number])).ir).toBeDefined();
  });

  it("types the ASCII character for a full-width one", () => {
    const bad = TEXT.replace("优先顺序 C > B > A", "优先顺序 C > B > A；");
    const { actions } = fixes(bad);
    expect(actions).toHaveLength(1);
    expect(apply(bad, actions[0] as (typeof actions)[number])).toBe(TEXT);
  });
});

describe("outline and semantic tokens", () => {
  it("lists the declarations in source order", () => {
    const outline = outlineOf(A.ast as Policy, A.symbols, "zh");
    const names = outline.map((s) => s.name);
    expect(names).toContain("一年内罚款累计");
    expect(names.some((n) => n.startsWith("等级 B"))).toBe(true);
    const b = outline.find((s) => s.name.startsWith("等级 B"));
    expect(b?.children?.map((c) => c.name)).toEqual(["第八条（二）1", "第八条（二）2", "第八条（二）3"]);
  });

  it("classes names by what they resolve to", () => {
    const data = semanticTokens(A);
    expect(data.length % 5).toBe(0);
    const decoded: { line: number; char: number; len: number; type: string }[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i] as number;
      char = data[i] === 0 ? char + (data[i + 1] as number) : (data[i + 1] as number);
      decoded.push({ line, char, len: data[i + 2] as number, type: TOKEN_TYPES[data[i + 3] as number] as string });
    }
    const l = lineOf(TEXT, "满足 最重处罚 高于 警告");
    const at = (word: string) => decoded.find((t) => t.line === l.line - 1 && t.char === l.text.indexOf(word))?.type;
    expect(at("最重处罚")).toBe("property");
    expect(at("警告")).toBe("enumMember");
    expect(at("违法行为")).toBe("namespace");
    expect(at("计数")).toBe("keyword");
    expect(at("高于")).toBe("operator");
  });
});

describe("why / why not", () => {
  const record = { id: "x", sanctions: [{ date: "2021-06-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount: "500000.50" }] }] }] };

  it("explains a record graded 无等级 by the clause that failed and its value", () => {
    const e = explainRecord(A, record, "2021-12-31", "zh");
    expect(e?.grade).toBeNull();
    const b = e?.grades?.find((g) => g.grade === "B");
    expect(b).toMatchObject({ holds: false, given: false });
    const clause = b?.clauses.find((c) => c.article === "第八条（二）2");
    expect(clause).toMatchObject({ holds: false, deciding: true });
    const failed = clause?.tests.find((t) => !t.holds);
    expect(failed?.left).toEqual({ source: "一年内罚款累计", value: "500000.50元" });
    expect(failed?.op).toBe("≤");
    expect(failed?.right?.[0]?.source).toBe("50万元");
    expect(e?.grades?.every((g) => !g.given)).toBe(true);
  });

  it("marks the clauses that decided the grade given", () => {
    const e = explainRecord(A, { id: "y", honors: [{ date: "2021-06-01", grantor: "government", for_integrity: true }] }, "2021-12-31", "en");
    const a = e?.grades?.find((g) => g.grade === "A");
    expect(a).toMatchObject({ given: true, holds: true });
    expect(a?.clauses.filter((c) => c.deciding).map((c) => c.article)).toEqual(["第八条（一）1"]);
    expect(a?.clauses.find((c) => c.deciding)?.tests[0]?.left.value).toBe("1 times");
  });
});

describe("plan checks", () => {
  const planText = readFileSync(join(ROOT, "policies/wugang-credit-plan/wugang-credit-plan.policy"), "utf8");
  const plan = parsePolicy(planText, "plan").policy as Policy;
  const planFor = (id: string): PlanInput | undefined => (id === plan.id ? { id, policy: plan, source: "policies/wugang-credit-plan" } : { id, missing: true });
  const draft = fill(draftDepartmentPolicy({ plan, department: "市税务局", id: "wugang-dept-09" }).text);

  it("checks a policy against the plan it names, as check --against does", () => {
    expect(analyze(draft, "wugang-dept-09.policy", planFor).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const noSnapshot = draft.replace(/评价时点 .*\n/, "");
    const a = analyze(noSnapshot, "wugang-dept-09.policy", planFor);
    expect(a.plan).toMatchObject({ id: "wugang-credit-plan", found: true });
    expect(a.diagnostics.filter((d) => d.plan).map((d) => [d.code, d.args])).toEqual([["CP-E0520", [{ key: "section/period" }]]]);
  });

  it("says when the plan it names is not found", () => {
    const a = analyze(draft.replace('上级方案 "wugang-credit-plan"', '上级方案 "no-such-plan"'), "x.policy", planFor);
    expect(a.plan).toEqual({ id: "no-such-plan", found: false });
  });
});
