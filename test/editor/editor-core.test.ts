// The editor's browser-independent parts, in Node: the analysis the worker runs, highlighting
// built from the lexer's tables, completion, hover and go-to-definition data, record checking
// with positions, saving cases through the AST, the semantic diff wiring, and the file API's
// conflict check. The browser test drives the same code through Monaco.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { convertSource } from "../../compiler/convert.js";
import { renderMessage, renderRecordError, renderRelated } from "../../diagnostics/diagnostics.js";
import { allTokens, Article, KEYWORDS } from "../../dsl/tokens.js";
import { analyze } from "../../editor/src/analysis/analyze.js";
import { diffSources } from "../../editor/src/analysis/diff.js";
import { addTestCase, setExpectation } from "../../editor/src/analysis/edit-cases.js";
import { checkRecordText } from "../../editor/src/analysis/record-check.js";
import { policyItems, staticItems } from "../../editor/src/language/completion-items.js";
import { definitionAt, hoverAt } from "../../editor/src/language/hover-info.js";
import { highlightClass, KEYWORD_SPELLINGS, policyMonarch, policyYamlMonarch } from "../../editor/src/language/monarch.js";
import { listPolicies, readPolicy, savePolicy, sha256Hex } from "../../editor/server/file-api.js";

const ROOT = join(import.meta.dirname, "..", "..");
const FILE = "policies/pinglu-fgj/pinglu-fgj.policy";
const TEXT = readFileSync(join(ROOT, FILE), "utf8");
const summary = analyze(TEXT, FILE).summary;

function lineOf(text: string, fragment: string): { line: number; text: string } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`no line holds ${fragment}`);
  return { line: i + 1, text: lines[i] as string };
}

describe("analysis (what the worker computes on every change)", () => {
  it("compiles the policy and runs its cases", () => {
    expect(summary.ok).toBe(true);
    expect(summary.lang).toBe("zh");
    expect(summary.cases?.length).toBeGreaterThan(10);
    expect(summary.cases?.every((c) => c.passed)).toBe(true);
    const c = summary.cases?.find((x) => x.name === "一次责令改正：B");
    expect(c).toMatchObject({ grade: "B", asOf: "2021-12-31", matched: [{ grade: "B", article: "第八条（二）1" }] });
    expect(c?.measures.map((m) => m.article)).toContain("第十二条（一）");
  });

  it("reports a syntax error with its position and keeps the cases of no compile", () => {
    const bad = TEXT.replace("优先顺序 C > B > A", "优先顺序 C > B > A }");
    const s = analyze(bad, FILE).summary;
    const { line, text } = lineOf(bad, "优先顺序");
    expect(s.ok).toBe(false);
    expect(s.cases).toBeNull();
    expect(s.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.range.line, d.range.col])).toEqual([["CP-E0101", line, text.indexOf("}") + 1]]);
  });

  it("turns a case red when a threshold moves", () => {
    const edited = TEXT.replace("一年内责令改正警告次数 1次 以上 3次（不含）以内", "一年内责令改正警告次数 1次 以上 1次（不含）以内");
    const s = analyze(edited, FILE).summary;
    expect(s.ok).toBe(true);
    const c = s.cases?.find((x) => x.name === "一次责令改正：B");
    expect(c?.passed).toBe(false);
    expect(c?.grade).toBeNull();
  });

  it("collects derived values with the position of their name", () => {
    const v = summary.values.find((x) => x.name === "一年内罚款累计");
    const { line, text } = lineOf(TEXT, "定义 一年内罚款累计");
    expect(v?.nameRange).toEqual({ line, col: text.indexOf("一年内罚款累计") + 1, endLine: line, endCol: text.indexOf("一年内罚款累计") + 1 + "一年内罚款累计".length });
    expect(v?.source).toMatch(/^合计 金额\(罚款\) 来自 违法行为/);
  });

  it("reads boundary words as the compiler does", () => {
    const { line } = lineOf(TEXT, "一年内责令改正警告次数 1次 以上 3次（不含）以内");
    const onLine = summary.bounds.filter((b) => b.range.line === line);
    expect(onLine.map((b) => [b.word, b.marker, b.op, b.reading])).toEqual([
      ["yishang", undefined, ">=", "一年内责令改正警告次数 ≥ 1次"],
      ["yinei", "excl", "<", "一年内责令改正警告次数 < 3次"],
    ]);
    expect(onLine[1]?.basis).toMatch(/民法典第一千二百五十九条/);
    expect(onLine[1]?.basis).toMatch(/（不含）/);
  });
});

describe("the interface language", () => {
  it("renders a compiler diagnostic's data in Chinese or in English", () => {
    const bad = analyze(TEXT.replace("优先顺序 C > B > A", "优先顺序 C > B > A }"), FILE).summary.diagnostics[0]!;
    expect(bad).not.toHaveProperty("message");
    expect(renderMessage(bad, "en")).toMatch(/^unexpected "\}"; expected .*\(定义 let, 等级 grade, 措施 measures …\) or the end of the file$/);
    expect(renderMessage(bad, "zh")).toMatch(/^此处不应出现 "\}"，应为 /);
    expect(renderMessage(bad, "zh")).not.toContain("unexpected");
  });

  it("places a duplicate's first definition as a related range, labelled in either language", () => {
    const text = TEXT.replace("优先顺序 C > B > A", "优先顺序 C > B > A\n定义 一年内罚款累计 = 1");
    const dup = analyze(text, FILE).summary.diagnostics.find((d) => d.code === "CP-E0302")!;
    const first = text.split("\n").findIndex((l) => l.startsWith("定义 一年内罚款累计")) + 1;
    expect(dup.related?.map((r) => r.range.line)).toEqual([first]);
    expect(dup.range.line).toBeGreaterThan(first);
    expect(renderRelated(dup.related![0]!, "zh")).toBe("首次定义于此");
    expect(renderRelated(dup.related![0]!, "en")).toBe("first defined here");
  });

  it("renders record errors in the interface language", () => {
    const [p] = checkRecordText('{"id": "x", "honors": [{"date": "2021-02-30"}]}').problems;
    expect(p).toMatchObject({ code: "CP-R004", path: "/honors/0/date", args: ['"2021-02-30"'] });
    expect(renderRecordError(p!, "en")).toBe('expected an ISO date YYYY-MM-DD, got "2021-02-30"');
    expect(renderRecordError(p!, "zh")).toBe('应为 ISO 日期 YYYY-MM-DD，实际为 "2021-02-30"');
    const [broken] = checkRecordText('{"id": }').problems;
    expect(renderRecordError(broken!, "zh")).toMatch(/^JSON 格式错误：/);
  });
});

describe("highlighting from the lexer's own tables", () => {
  it("has a rule for every lexer token", () => {
    expect(allTokens.filter((t) => highlightClass(t) === undefined).map((t) => t.name)).toEqual([]);
  });

  it("knows every keyword spelling of both languages", () => {
    for (const lang of [policyMonarch(), policyYamlMonarch()]) {
      const rules = JSON.stringify(lang.tokenizer, (_, v: unknown) => (v instanceof RegExp ? v.source : v));
      for (const k of KEYWORDS) {
        for (const s of [...k.zh, ...k.en]) {
          if (s.includes(" ")) expect(rules).toContain(s.split(" ").join("\\\\s+"));
          else expect(lang.keywords).toContain(s);
        }
      }
      expect(lang.boundaryWords).toEqual(expect.arrayContaining(["以内", "不满", "超过", "within", "under"]));
    }
  });
});

describe("completion, hover and definitions", () => {
  const items = [...policyItems(summary), ...staticItems("zh")];
  const labels = new Set(items.map((i) => i.label));

  it("offers keywords of both languages, the record's facts in English and Chinese, units and boundary words", () => {
    for (const l of ["计数", "count", "满足", "where", "违法行为", "violations", "最重处罚", "class", "红名单", "red", "万元", "wan yuan", "以内", "within", "金额"]) {
      expect(labels.has(l), l).toBe(true);
    }
    expect(items.find((i) => i.label === "以内")?.documentation).toMatch(/民法典第一千二百五十九条/);
  });

  it("offers the policy's derived values, grade ids and articles", () => {
    for (const l of ["一年内罚款累计", "A", "B", "C", "第八条（二）1"]) expect(labels.has(l), l).toBe(true);
    expect(items.find((i) => i.label === "第八条（二）1")?.documentation).toContain("一年内责令（限期）改正、警告累计次数3次（不含）以内的；");
    // Derived values sort before the language's keywords.
    const value = items.find((i) => i.label === "一年内罚款累计");
    const keyword = items.find((i) => i.label === "计数");
    expect(value && keyword && value.sortText < keyword.sortText).toBe(true);
  });

  it("hovers an article with its verbatim text", () => {
    const { line, text } = lineOf(TEXT, "  第八条（二）1 ");
    const h = hoverAt(summary, text, line, text.indexOf("第八条") + 2);
    expect(h?.markdown.join("\n")).toContain("一年内责令（限期）改正、警告累计次数3次（不含）以内的；");
    expect(h?.range).toEqual({ line, col: text.indexOf("第八条") + 1, endLine: line, endCol: text.indexOf("第八条") + 1 + "第八条（二）1".length });
  });

  it("hovers 以内（不含） with its mathematical reading and basis", () => {
    const { line, text } = lineOf(TEXT, "一年内责令改正警告次数 1次 以上 3次（不含）以内");
    const h = hoverAt(summary, text, line, text.indexOf("以内") + 1);
    expect(h?.markdown.join("\n")).toContain("一年内责令改正警告次数 < 3次");
    expect(h?.markdown.join("\n")).toContain("民法典第一千二百五十九条");
  });

  it("hovers a boundary word without an analysis with its default reading", () => {
    const h = hoverAt(undefined, "x 不满 3次", 1, 3);
    expect(h?.markdown.join("\n")).toContain("x < n");
  });

  it("goes to a derived value's definition", () => {
    const { line, text } = lineOf(TEXT, "一年内罚款累计 不超过 50万元");
    const target = definitionAt(summary, text, text.indexOf("一年内罚款累计") + 3);
    expect(target).toEqual(summary.values.find((v) => v.name === "一年内罚款累计")?.nameRange);
    expect(target?.line).not.toBe(line);
  });
});

describe("records typed or pasted as JSON", () => {
  it("places a bad date at its field", () => {
    const text = '{"id": "x",\n "honors": [{"date": "2021-02-30", "grantor": "government"}]}';
    const r = checkRecordText(text);
    expect(r.problems.map((p) => [p.code, p.path, p.range.line, p.range.col, p.range.endCol])).toEqual([
      ["CP-R004", "/honors/0/date", 2, 22, 22 + '"2021-02-30"'.length],
    ]);
  });

  it("marks a missing id at the object's brace and malformed JSON where it breaks", () => {
    expect(checkRecordText('  {"honors": []}').problems.map((p) => [p.code, p.path, p.range.col])).toEqual([["CP-R002", "/id", 3]]);
    const broken = checkRecordText('{"id": "x",\n  "honors": [}');
    expect(broken.problems[0]).toMatchObject({ code: "CP-R000", range: { line: 2, col: 14 } });
  });

  it("accepts a valid record", () => {
    expect(checkRecordText('{"id": "ok", "ratings": [{"date": "2021-04-01", "level": "good", "by": "x"}]}')).toMatchObject({ problems: [], value: { id: "ok" } });
  });
});

describe("saving cases into the policy through the AST and the formatter", () => {
  const record = { id: "new", honors: [{ date: "2021-06-01", grantor: "government", for_integrity: true }] };

  it("adds a case that compiles and passes", () => {
    const out = addTestCase(TEXT, FILE, { name: "新用例：A", asOf: "2021-12-31", record, expect: { grade: "A", matched: ["第八条（一）1"] } });
    if (!("text" in out)) throw new Error(JSON.stringify(out));
    expect(out.text).toContain('测试 "新用例：A" 评价日 2021-12-31 {');
    const s = analyze(out.text, FILE).summary;
    expect(s.ok).toBe(true);
    expect(s.cases?.find((c) => c.name === "新用例：A")?.passed).toBe(true);
    expect(s.cases?.length).toBe((summary.cases?.length ?? 0) + 1);
  });

  it("refuses a duplicate name and a policy with syntax errors", () => {
    expect(addTestCase(TEXT, FILE, { name: "一次责令改正：B", asOf: "2021-12-31", record, expect: {} })).toEqual({ error: "duplicate-name", name: "一次责令改正：B" });
    const bad = addTestCase(`${TEXT}\n}`, FILE, { name: "x", asOf: "2021-12-31", record, expect: {} });
    expect("error" in bad && bad.error).toBe("has-errors");
  });

  it("rewrites a case's expectation", () => {
    const out = setExpectation(TEXT, FILE, "一次责令改正：B", { grade: null });
    if (!("text" in out)) throw new Error(JSON.stringify(out));
    const c = analyze(out.text, FILE).summary.cases?.find((x) => x.name === "一次责令改正：B");
    expect(c).toMatchObject({ passed: false, expected: { grade: null }, grade: "B" });
  });

  it("works on the YAML form too", () => {
    const yaml = convertSource(TEXT, FILE, "yaml").text as string;
    const yfile = "pinglu-fgj.policy.yaml";
    const ys = analyze(yaml, yfile).summary;
    expect(ys).toMatchObject({ form: "yaml", lang: "zh", ok: true });
    const out = addTestCase(yaml, yfile, { name: "新用例：A", asOf: "2021-12-31", record, expect: { grade: "A" } });
    if (!("text" in out)) throw new Error(JSON.stringify(out));
    expect(compilePolicy(out.text, yfile).ir?.tests.map((t) => t.name)).toContain("新用例：A");
  });
});

describe("the diff view's data", () => {
  it("lists a changed threshold under its article and counts the example records' transitions", () => {
    const after = TEXT.replace("一年内罚款累计 不超过 50万元", "一年内罚款累计 不超过 60万元");
    const records = readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8");
    const d = diffSources({ file: FILE, text: TEXT }, { file: FILE, text: after }, records, "2021-12-31");
    expect(d.leftErrors).toEqual([]);
    const threshold = d.report?.changes.filter((c) => c.kind === "threshold") ?? [];
    expect(threshold.map((c) => [c.article, c.old, c.new])).toEqual([["第八条（二）2", expect.stringContaining("50万元"), expect.stringContaining("60万元")]]);
    const impact = d.report?.impact;
    expect(impact?.records).toBe(records.split("\n").filter((l) => l.trim()).length);
    expect(impact?.transitions.reduce((n, t) => n + t.count, 0)).toBe(impact?.records);
  });

  it("reports the side that does not compile", () => {
    const d = diffSources({ file: FILE, text: TEXT }, { file: FILE, text: `${TEXT}\n}` }, "", "2021-12-31");
    expect(d.report).toBeUndefined();
    expect(d.rightErrors.map((e) => e.code)).toEqual(["CP-E0103"]);
  });
});

describe("the file API", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "cpe-api-"));
    mkdirSync(join(root, "p"));
    writeFileSync(join(root, "p", "p.policy"), "政策 \"p\" {}\n");
    writeFileSync(join(root, "p", "notes.txt"), "not a policy");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lists policy files only", async () => {
    expect((await listPolicies(root)).map((f) => [f.path, f.id, f.form])).toEqual([["p/p.policy", "p", "dsl"]]);
  });

  it("saves when the file is the one opened, and refuses when it changed on disk", async () => {
    const opened = await readPolicy(root, "p/p.policy");
    expect(opened.sha256).toBe(sha256Hex(opened.text));
    const first = await savePolicy(root, { path: "p/p.policy", text: "# mine\n", baseSha256: opened.sha256 });
    expect(first).toMatchObject({ ok: true, sha256: sha256Hex("# mine\n") });
    expect(readFileSync(join(root, "p", "p.policy"), "utf8")).toBe("# mine\n");
    // A second save based on the old version: the disk changed since, so it is refused.
    const stale = await savePolicy(root, { path: "p/p.policy", text: "# stale\n", baseSha256: opened.sha256 });
    expect(stale).toMatchObject({ error: "conflict", code: "EDITOR-CONFLICT", diskSha256: sha256Hex("# mine\n") });
    expect(readFileSync(join(root, "p", "p.policy"), "utf8")).toBe("# mine\n");
    const forced = await savePolicy(root, { path: "p/p.policy", text: "# forced\n", baseSha256: opened.sha256, force: true });
    expect(forced).toMatchObject({ ok: true });
  });

  it("refuses paths outside the folder and files that are not policies", async () => {
    await expect(readPolicy(root, "../etc/passwd")).rejects.toMatchObject({ status: 403, code: "EDITOR-OUTSIDE" });
    await expect(readPolicy(root, "p/notes.txt")).rejects.toMatchObject({ status: 400, code: "EDITOR-BAD-PATH" });
    await expect(savePolicy(root, { path: "p/x.js", text: "", baseSha256: null })).rejects.toMatchObject({ code: "EDITOR-BAD-PATH" });
    await expect(readPolicy(root, "p/missing.policy")).rejects.toMatchObject({ status: 404 });
  });
});

// Per-item rules, parameters, declared fields, named filters, built-in functions: the example policy
// uses each of them once and compiles, so the types come from the checker.
const PD_FILE = "examples/per-decision/per-decision-example.policy";
const PD_TEXT = readFileSync(join(ROOT, PD_FILE), "utf8");
const pd = analyze(PD_TEXT, PD_FILE).summary;

describe("the newer constructs in the editor", () => {
  it("analyses the per-decision example: it compiles and its cases pass", () => {
    expect(pd.ok).toBe(true);
    expect(pd.cases?.length).toBeGreaterThan(3);
    expect(pd.cases?.every((c) => c.passed)).toBe(true);
  });

  it("highlights the new keywords and paragraph citations from the lexer's tables", () => {
    for (const s of ["参数", "param", "字段", "record field", "条件", "filter", "逐项", "item rule", "输出", "output", "最大", "max", "全部", "all"]) {
      expect(KEYWORD_SPELLINGS, s).toContain(s);
    }
    for (const lang of [policyMonarch(), policyYamlMonarch()]) {
      for (const s of ["参数", "param", "字段", "条件", "filter", "逐项", "输出", "output", "最大", "max"]) expect(lang.keywords, s).toContain(s);
      const rules = JSON.stringify(lang.tokenizer, (_, v: unknown) => (v instanceof RegExp ? v.source : v));
      expect(rules).toContain("record\\\\s+field");
      expect(rules).toContain("item\\\\s+rule");
    }
    // The article rule is the lexer's Article pattern: a paragraph and an item of it are one citation.
    const article = new RegExp(`^(?:${(Article.PATTERN as RegExp).source})$`);
    for (const a of ["第十三条第一款（三）", "第五条第三款", "第十三条第一款(三)", "第八条（二）1"]) expect(a, a).toMatch(article);
  });

  it("collects parameters, filters, per-item outputs and values with their names' positions and types", () => {
    const param = pd.params.find((p) => p.name === "较低数额罚款上限");
    const { line, text } = lineOf(PD_TEXT, "参数 较低数额罚款上限");
    expect(param).toMatchObject({ value: "3万元", article: "第五条第三款", type: "金额 money" });
    expect(param?.text).toContain("较低数额罚款的具体标准由省级人民政府确定");
    expect(param?.nameRange).toEqual({ line, col: text.indexOf("较低数额罚款上限") + 1, endLine: line, endCol: text.indexOf("较低数额罚款上限") + 1 + "较低数额罚款上限".length });
    expect(pd.filters.map((f) => [f.name, f.source])).toEqual([["轻微处罚", "种类 属于 (警告, 通报批评, 罚款)"]]);
    expect(pd.outputs.map((o) => [o.name, o.rule, o.part, o.partId, o.article, o.type])).toEqual([
      ["应公示", "公示", "处理决定", "sanctions", "第三条", "是否 yes/no"],
      ["仅轻微处罚", "公示", "处理决定", "sanctions", "第五条第二款", "是否 yes/no"],
      ["公示截止日", "公示", "处理决定", "sanctions", "第五条第一款", "日期 date"],
      ["最早可停止公示日", "公示", "处理决定", "sanctions", "第五条第二款", "日期 date"],
      ["可申请修复", "公示", "处理决定", "sanctions", "第六条", "是否 yes/no"],
    ]);
    expect(pd.itemValues.map((v) => [v.name, v.rule, v.source])).toEqual([
      ["罚款合计", "公示", "合计 金额 来自 处罚 满足 种类 = 罚款"],
      ["限制届满日", "公示", "最大 限制期限届满日 来自 处罚"],
    ]);
    // A clause inside an output is quoted for the article hover; boundary words inside are read.
    expect(pd.articles.find((a) => a.article === "第三条第一款")?.text).toBe("适用普通程序作出的行政处罚决定，应当公示。");
    const { line: l53 } = lineOf(PD_TEXT, "罚款合计 不超过 较低数额罚款上限");
    expect(pd.bounds.filter((b) => b.range.line === l53).map((b) => b.reading)).toEqual(["罚款合计 ≤ 较低数额罚款上限"]);
  });

  it("completes the new keywords, the built-in functions and the policy's new symbols", () => {
    const items = [...policyItems(pd), ...staticItems("zh")];
    const byLabel = (l: string) => items.filter((i) => i.label === l);
    for (const l of ["参数", "param", "字段", "record field", "条件", "filter", "逐项", "item rule", "输出", "output", "最大", "max"]) {
      expect(byLabel(l).some((i) => i.kind === "keyword"), l).toBe(true);
    }
    for (const l of ["较晚", "later", "较早", "earlier"]) {
      const [f] = byLabel(l);
      expect(f?.kind, l).toBe("function");
      expect(f?.documentation, l).toMatch(/较(晚|早)\(日期 date, 日期 date, …\)/);
    }
    expect(byLabel("较晚")[0]?.documentation).toContain("各日期中较晚者");
    expect(byLabel("较低数额罚款上限")[0]).toMatchObject({ kind: "value", detail: "参数 parameter · 3万元" });
    expect(byLabel("较低数额罚款上限")[0]?.documentation).toContain("第五条第三款");
    expect(byLabel("轻微处罚")[0]).toMatchObject({ kind: "value", detail: "条件 filter" });
    expect(byLabel("应公示")[0]).toMatchObject({ kind: "field", detail: "输出 output of 处理决定 · 逐项 公示" });
    expect(byLabel("罚款合计")[0]).toMatchObject({ kind: "value", detail: "定义 per-item value · 逐项 公示" });
    // What the policy defines sorts before the language's words.
    const keyword = byLabel("计数")[0];
    for (const l of ["较低数额罚款上限", "轻微处罚", "罚款合计"]) expect((byLabel(l)[0]?.sortText ?? "") < (keyword?.sortText ?? ""), l).toBe(true);
  });

  it("hovers a parameter with its value, article and quoted basis", () => {
    const { line, text } = lineOf(PD_TEXT, "罚款合计 不超过 较低数额罚款上限");
    const h = hoverAt(pd, text, line, text.indexOf("较低数额罚款上限") + 2);
    const md = h?.markdown.join("\n") ?? "";
    expect(md).toContain("参数 parameter 较低数额罚款上限");
    expect(md).toContain("较低数额罚款上限 = 3万元");
    expect(md).toContain("第五条第三款");
    expect(md).toContain("> 较低数额罚款的具体标准由省级人民政府确定（示例取3万元）。");
    expect(md).toContain("金额 money");
    expect(h?.range).toEqual({ line, col: text.indexOf("较低数额罚款上限") + 1, endLine: line, endCol: text.indexOf("较低数额罚款上限") + 1 + "较低数额罚款上限".length });
  });

  it("hovers a per-item output with its rule, part, article and type, where it is read", () => {
    const { line, text } = lineOf(PD_TEXT, "定义 公示中决定数");
    const md = hoverAt(pd, text, line, text.indexOf("公示截止日") + 1)?.markdown.join("\n") ?? "";
    expect(md).toContain("输出 output 公示截止日");
    expect(md).toContain("逐项 item rule **公示** 针对 for each **处理决定 (sanctions)**");
    expect(md).toContain("第五条第一款");
    expect(md).toContain("日期 date");
  });

  it("hovers a built-in function, a filter, a per-item value and an aggregate keyword", () => {
    const { line, text } = lineOf(PD_TEXT, "较晚(日期 + 最长公示期, 限制届满日)");
    const fn = hoverAt(pd, text, line, text.indexOf("较晚") + 1)?.markdown.join("\n") ?? "";
    expect(fn).toContain("内置函数 built-in function **较晚 / later**");
    expect(fn).toContain("the latest of the dates");
    const local = hoverAt(pd, text, line, text.indexOf("限制届满日") + 1)?.markdown.join("\n") ?? "";
    expect(local).toContain("**定义 限制届满日** · 逐项 item rule 公示");
    expect(local).toContain("最大 限制期限届满日 来自 处罚");
    const f = lineOf(PD_TEXT, "(全部 处罚 满足 轻微处罚)");
    expect(hoverAt(pd, f.text, f.line, f.text.indexOf("轻微处罚") + 1)?.markdown.join("\n")).toContain("种类 属于 (警告, 通报批评, 罚款)");
    expect(hoverAt(pd, f.text, f.line, f.text.indexOf("全部") + 1)?.markdown.join("\n")).toContain("聚合 aggregate");
    const m = lineOf(PD_TEXT, "定义 限制届满日");
    expect(hoverAt(pd, m.text, m.line, m.text.indexOf("最大") + 1)?.markdown.join("\n")).toContain("最大 / max");
    // Without an analysis the built-in function still has its doc.
    expect(hoverAt(undefined, "later(a, b)", 1, 2)?.markdown.join("\n")).toContain("later");
  });

  it("hovers a paragraph citation with its quoted text", () => {
    const { line, text } = lineOf(PD_TEXT, "参数 较低数额罚款上限");
    const h = hoverAt(pd, text, line, text.indexOf("第五条第三款") + 4);
    expect(h?.range).toEqual({ line, col: text.indexOf("第五条第三款") + 1, endLine: line, endCol: text.indexOf("第五条第三款") + 1 + "第五条第三款".length });
    expect(h?.markdown.join("\n")).toContain("参数 parameter");
  });

  it("goes to the definition of a parameter, a filter, a per-item value and an output", () => {
    const at = (fragment: string, name: string) => {
      const { line, text } = lineOf(PD_TEXT, fragment);
      return definitionAt(pd, text, text.indexOf(name) + 1, line);
    };
    const decl = (fragment: string, name: string) => {
      const { line, text } = lineOf(PD_TEXT, fragment);
      const col = text.indexOf(name, text.indexOf(" ")) + 1;
      return { line, col, endLine: line, endCol: col + name.length };
    };
    expect(at("罚款合计 不超过 较低数额罚款上限", "较低数额罚款上限")).toEqual(decl("参数 较低数额罚款上限", "较低数额罚款上限"));
    expect(at("(全部 处罚 满足 轻微处罚)", "轻微处罚")).toEqual(decl("条件 轻微处罚", "轻微处罚"));
    expect(at("(全部 处罚 满足 轻微处罚)", "罚款合计")).toEqual(decl("定义 罚款合计", "罚款合计"));
    expect(at("定义 公示中决定数", "公示截止日")).toEqual(decl("输出 公示截止日", "公示截止日"));
    expect(at("应公示 且 非 仅轻微处罚", "仅轻微处罚")).toEqual(decl("输出 仅轻微处罚", "仅轻微处罚"));
  });

  it("works on the YAML form too", () => {
    const yaml = convertSource(PD_TEXT, PD_FILE, "yaml").text as string;
    const yfile = "per-decision-example.policy.yaml";
    const ys = analyze(yaml, yfile).summary;
    expect(ys).toMatchObject({ form: "yaml", lang: "zh", ok: true });
    expect(ys.cases?.every((c) => c.passed)).toBe(true);
    expect(ys.params.map((p) => p.name)).toEqual(pd.params.map((p) => p.name));
    expect(ys.outputs.map((o) => [o.name, o.type])).toEqual(pd.outputs.map((o) => [o.name, o.type]));
    const { line, text } = lineOf(yaml, "- name: 较低数额罚款上限");
    expect(ys.params[0]?.nameRange).toEqual({ line, col: text.indexOf("较低数额罚款上限") + 1, endLine: line, endCol: text.indexOf("较低数额罚款上限") + 1 + "较低数额罚款上限".length });
    const use = lineOf(yaml, "when: (全部 处罚 满足 轻微处罚)");
    expect(definitionAt(ys, use.text, use.text.indexOf("轻微处罚") + 1, use.line)).toEqual(ys.filters[0]?.nameRange);
    expect(hoverAt(ys, use.text, use.line, use.text.indexOf("罚款合计") + 1)?.markdown.join("\n")).toContain("合计 金额 来自 处罚");
  });

  it("scopes a per-item value to its rule, and finds a name inside a keyword only as a whole word", () => {
    const text = [
      '政策 "p" {}',
      "逐项 甲 针对 处理决定 {",
      "  定义 额 = 1",
      "  输出 出 第一条：",
      "    额 > 0",
      "}",
      "逐项 乙 针对 处罚 {",
      "  定义 额 = 2",
      "  输出 另一值 第二条：",
      "    额 > 1",
      "}",
      "",
    ].join("\n");
    const s = analyze(text, "scope.policy").summary;
    expect(s.itemValues.map((v) => [v.name, v.rule, v.nameRange.line, v.nameRange.col])).toEqual([
      ["额", "甲", 3, 6],
      ["额", "乙", 8, 6],
    ]);
    // 出 is the output's name, not the second character of 输出.
    expect(s.outputs[0]).toMatchObject({ name: "出", nameRange: { line: 4, col: 6, endCol: 7 } });
    const inB = "    额 > 1";
    expect(definitionAt(s, inB, 5, 10)?.line).toBe(8);
    expect(definitionAt(s, inB, 5, 5)?.line).toBe(3);
    expect(hoverAt(s, inB, 10, 5)?.markdown[0]).toBe("**定义 额** · 逐项 item rule 乙");
    expect(hoverAt(s, inB, 5, 5)?.markdown[0]).toBe("**定义 额** · 逐项 item rule 甲");
    expect(s.outputs.map((o) => o.type)).toEqual(["是否 yes/no", "是否 yes/no"]);
    // Without the checker's types, a block output is still yes/no; one clause's type is left out.
    const broken = analyze(text.replace("    额 > 0", "    未定义的名字").replace("  输出 另一值 第二条：\n    额 > 1", "  输出 另一值 任一 { 第二条： 额 > 1 }"), "scope.policy").summary;
    expect(broken.ok).toBe(false);
    expect(broken.outputs.map((o) => [o.name, o.type])).toEqual([
      ["出", undefined],
      ["另一值", "是否 yes/no"],
    ]);
  });

});
