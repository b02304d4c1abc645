// The editor's browser-independent parts, in Node: diagnostics rendered in the interface language,
// highlighting built from the lexer's tables, record checking with positions, saving cases
// through the AST, the semantic diff wiring, and the file API's conflict check. The language
// features (completion, hover, definitions …) are the language server's: test/lsp/. The browser
// test drives the same code through Monaco.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { convertSource } from "../../compiler/convert.js";
import { renderMessage, renderRecordError, renderRelated } from "../../diagnostics/diagnostics.js";
import { allTokens, Article, KEYWORDS } from "../../dsl/tokens.js";
import { analyzeDocument } from "../../analysis/lsp/analyze.js";
import { diffSources } from "../../editor/src/analysis/diff.js";
import { addTestCase, setExpectation } from "../../editor/src/analysis/edit-cases.js";
import { checkRecordText } from "../../editor/src/analysis/record-check.js";
import { highlightClass, KEYWORD_SPELLINGS, policyMonarch, policyYamlMonarch } from "../../editor/src/language/monarch.js";
import { listPolicies, readPolicy, savePolicy, sha256Hex } from "../../editor/server/file-api.js";

const ROOT = join(import.meta.dirname, "..", "..");
const FILE = "policies/pinglu-fgj/pinglu-fgj.policy";
const TEXT = readFileSync(join(ROOT, FILE), "utf8");
/** The worker's analysis of a source, as the tests below read it. */
function analyze(text: string, file: string): { summary: ReturnType<typeof analyzeDocument> & { ok: boolean } } {
  const a = analyzeDocument({ uri: `file:///${file}`, version: 1, text, file });
  return { summary: Object.assign(a, { ok: !!a.ir }) };
}

function lineOf(text: string, fragment: string): { line: number; text: string } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`no line holds ${fragment}`);
  return { line: i + 1, text: lines[i] as string };
}

describe("the interface language", () => {
  it("renders a compiler diagnostic's data in Chinese or in English", () => {
    const bad = analyze(TEXT.replace("优先顺序 C > B > A", "优先顺序 C > B > A }"), FILE).summary.diagnostics[0]!;
    expect(bad).not.toHaveProperty("message");
    expect(renderMessage(bad, "en")).toMatch(/^unexpected "\}"; expected .*a declaration \(let, grade, measures …\) or the end of the file$/);
    expect(renderMessage(bad, "zh")).toMatch(/^此处不应出现 "\}"，应为 .*声明（定义、等级、措施 …）或文件结束$/);
    // Each language its own words: no English in the Chinese message, no Chinese in the English one.
    expect(renderMessage(bad, "zh")).not.toMatch(/[A-Za-z]{3,}/);
    expect(renderMessage(bad, "en")).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("renders type names and what a check expected in one language", () => {
    const file = join(ROOT, "test/fixtures/diagnostics/money-vs-count.policy");
    const diags = compilePolicy(readFileSync(file, "utf8"), file).diagnostics;
    expect(diags.length).toBeGreaterThan(0);
    for (const d of diags) {
      expect(renderMessage(d, "zh").replace(/\b[A-Za-z_]+\b(?=[^"]*")/g, "")).not.toMatch(/\b(?:money|count|number|score|yes\/no)\b/);
      expect(renderMessage(d, "en")).not.toMatch(/金额|次数|数值/);
    }
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

  it("takes several records pasted as JSON Lines one by one, not as malformed JSON", () => {
    const r = checkRecordText('{"id": "a", "honors": []}\n{"id": "b"}\n');
    expect(r.problems).toEqual([]);
    expect(r.several?.map((x) => x.id)).toEqual(["a", "b"]);
    expect(JSON.parse(r.several?.[1]?.text ?? "")).toEqual({ id: "b" });
  });

  it("names a JSON syntax error in the interface language", () => {
    const [p] = checkRecordText('{"id": "x"} {"id": "y"}').problems;
    expect(p).toMatchObject({ code: "CP-R000", args: [{ key: "json/EndOfFileExpected" }] });
    expect(renderRecordError(p!, "zh")).not.toContain("EndOfFileExpected");
    expect(renderRecordError(p!, "zh").replaceAll("JSON", "")).not.toMatch(/[A-Za-z]{3,}/);
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
    expect(s.cases?.length).toBe((analyze(TEXT, FILE).summary.cases?.length ?? 0) + 1);
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

describe("the newer constructs in the editor's highlighting", () => {
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
});
