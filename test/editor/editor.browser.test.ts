// The browser editor, end to end: the Vite dev server on a free localhost port serving a
// temporary copy of policies/ (the real ones are never touched), driven in Debian's Chromium by
// playwright-core, headless, no network. One page walks through the editor as a clerk would;
// waits poll the page for the expected state (functional waits, not timings). Screenshots of each
// main view go to test-artifacts/editor/ for a reviewer.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startEditorServer, type EditorBrowser, type EditorServer } from "../../editor/server/harness.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "editor");
const POLICY = "pinglu-fgj/pinglu-fgj.policy";
/** How long a functional wait may poll before the test fails. */
const WAIT = 10_000;
/** The bound for a syntax error's marker to appear after typing it. */
const MARKER_WAIT = 1_000;

interface MarkerLike {
  severity: number;
  startLineNumber: number;
  startColumn: number;
  code?: string | { value: string };
}

let server: EditorServer;
let chromium: EditorBrowser;
let page: Page;
let policies: string;
const consoleErrors: string[] = [];

/** Calls into the page's test handle (window.__cpEditor). */
function handle<T>(fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, a]) => {
    const h = (window as unknown as { __cpEditor: Record<string, (...x: unknown[]) => unknown> }).__cpEditor;
    return h[name as string]!(...(a as unknown[])) as never;
  }, [fn, args] as const);
}

async function lineOf(fragment: string): Promise<{ line: number; text: string }> {
  const text = await handle<string>("text");
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`no line holds ${fragment}`);
  return { line: i + 1, text: lines[i] as string };
}

/** Put the cursor at (line, col) and type, as a person does. */
async function typeAt(line: number, col: number, text: string): Promise<void> {
  await handle("setCursor", line, col);
  await page.keyboard.type(text);
}

/** Select `length` characters from (line, col) and type over them. */
async function replaceAt(line: number, col: number, length: number, text: string): Promise<void> {
  await handle("setCursor", line, col);
  for (let i = 0; i < length; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.type(text);
}

/** Replace an editor's whole text by pasting from the clipboard (Ctrl+A, Ctrl+V). */
async function paste(selector: string, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click(`${selector} .view-lines`);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
}

/** The language button reloads the page in the other language; wait until it is ready again. */
async function switchLanguage(): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.click("#btn-lang")]);
  await page.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
}

async function markers(): Promise<MarkerLike[]> {
  return handle<MarkerLike[]>("markers");
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function caseStatuses(): Promise<Record<string, string>> {
  return page.$$eval("#case-list li", (lis) => Object.fromEntries(lis.map((li) => [li.getAttribute("data-case") ?? "", li.getAttribute("data-status") ?? ""])));
}

describe("the browser editor", () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    policies = mkdtempSync(join(tmpdir(), "cpe-policies-"));
    cpSync(join(ROOT, "policies"), policies, { recursive: true });
    server = await startEditorServer({ policiesDir: policies });
    chromium = await launchChromium();
    const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}#${encodeURIComponent(POLICY)}`);
    await page.waitForSelector("body[data-ready='1']", { timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (policies) rmSync(policies, { recursive: true, force: true });
  });

  it("loads the policy and its cases with no console errors", async () => {
    expect(await handle<string>("activePath")).toBe(POLICY);
    await page.waitForFunction(() => document.querySelectorAll("#case-list li").length > 0, null, { timeout: WAIT });
    const statuses = await caseStatuses();
    expect(Object.keys(statuses).length).toBeGreaterThan(10);
    expect(Object.values(statuses).every((s) => s === "pass")).toBe(true);
    expect(await page.textContent("#tab-edit")).toBe("编辑");
    expect(consoleErrors).toEqual([]);
    await shot("1-editor");
  });

  it("highlights both keyword languages from the lexer's tables", async () => {
    const classes = async (line: string, yaml = false) =>
      (await handle<[number, string][]>("tokenize", line, yaml)).filter(([, c]) => c !== "white").map(([at, c]) => `${line.slice(at).split(/\s/)[0]}:${c}`);
    expect(await classes("定义 一年内罚款累计 = 合计 金额(罚款) 来自 违法行为 满足 最重处罚 高于 警告 近 1年")).toEqual(
      expect.arrayContaining(["定义:keyword", "一年内罚款累计:identifier", "合计:keyword", "高于:keyword.boundary", "近:keyword", "1年:number", "年:type.unit"]),
    );
    expect(await classes("第八条（二）1 \"…\": n at least 1 times within 3 times (exclusive) and m not over 50 wan yuan")).toEqual(
      expect.arrayContaining(["第八条（二）1:type.article", "at:keyword.boundary", "within:keyword.boundary", "(exclusive):keyword.marker", "and:keyword", "not:keyword.boundary"]),
    );
    // A keyword glued to a name is a name, as the lexer reads it.
    expect(await classes("计数违法行为 一年内")).toEqual(["计数违法行为:identifier", "一年内:identifier"]);
    expect(await classes("  - when: 一年内罚款累计 不超过 50万元", true)).toEqual(expect.arrayContaining(["when::type.key", "不超过:keyword.boundary"]));
    // Parameters, declared fields, named filters, per-item rules and paragraph citations.
    expect(await classes('参数 较低数额罚款上限 = 3万元 第五条第三款 "…"')).toEqual(
      expect.arrayContaining(["参数:keyword", "较低数额罚款上限:identifier", "第五条第三款:type.article"]),
    );
    expect(await classes("字段 处理决定.履行说明 文字")).toEqual(expect.arrayContaining(["字段:keyword", "处理决定.履行说明:identifier"]));
    expect(await classes("条件 轻微处罚 = 种类 属于 (警告)")).toEqual(expect.arrayContaining(["条件:keyword", "轻微处罚:identifier", "属于:keyword"]));
    expect(await classes("逐项 公示 针对 处理决定 第十三条第一款（三） {")).toEqual(
      expect.arrayContaining(["逐项:keyword", "针对:keyword", "第十三条第一款（三）:type.article"]),
    );
    expect(await classes("输出 截止日 第五条： 较晚(日期, 最大 限制期限届满日 来自 处罚)")).toEqual(
      expect.arrayContaining(["输出:keyword", "截止日:identifier", "最大:keyword", "来自:keyword"]),
    );
    expect(await classes("item rule r for each sanctions { output o: max amount of penalties }")).toEqual(
      expect.arrayContaining(["item:keyword", "for:keyword", "output:keyword", "max:keyword"]),
    );
    expect(await classes("record field sanctions.remark text")).toEqual(expect.arrayContaining(["record:keyword"]));
    expect(await classes("param limit = 3 wan yuan")).toEqual(expect.arrayContaining(["param:keyword", "limit:identifier"]));
    expect(await classes("filter light = kind in (warning)")).toEqual(expect.arrayContaining(["filter:keyword"]));
  });

  it("marks a syntax error at its line and column, and clears it when fixed", async () => {
    const { line, text } = await lineOf("优先顺序 C > B > A");
    expect((await markers()).filter((m) => m.severity === 8)).toEqual([]);
    await typeAt(line, text.length + 1, " }");
    const col = text.length + 2; // the "}"
    // Within a second of the last keystroke (a functional wait that polls, not a benchmark).
    const typed = Date.now();
    await page.waitForFunction(
      ([l, c]) =>
        (window as unknown as { __cpEditor: { markers(): MarkerLike[] } }).__cpEditor
          .markers()
          .some((m) => m.severity === 8 && m.startLineNumber === l && m.startColumn === c),
      [line, col],
      { timeout: MARKER_WAIT, polling: 20 },
    );
    console.log(`syntax error marker after ${Date.now() - typed} ms`);
    const errors = (await markers()).filter((m) => m.severity === 8);
    expect(errors.map((m) => [m.startLineNumber, m.startColumn, typeof m.code === "string" ? m.code : m.code?.value])).toEqual([[line, col, "CP-E0101"]]);
    expect(await page.$(`#problem-list li[data-code="CP-E0101"][data-line="${line}"][data-col="${col}"]`)).not.toBeNull();
    await shot("2-syntax-error");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.waitForFunction(
      () => !(window as unknown as { __cpEditor: { markers(): MarkerLike[] } }).__cpEditor.markers().some((m) => m.severity === 8),
      null,
      { timeout: WAIT, polling: 50 },
    );
    expect(await handle<string>("text")).toBe(readFileSync(join(policies, POLICY), "utf8"));
  });

  it("points a duplicate definition at the first one, in the interface language", async () => {
    type Related = { startLineNumber: number; message: string };
    const first = await lineOf("定义 一年内罚款累计 =");
    const { line, text } = await lineOf("优先顺序 C > B > A");
    const added = "\n定义 一年内罚款累计 = 1";
    await typeAt(line, text.length + 1, added);
    await page.keyboard.press("Escape");
    await page.waitForSelector(`#problem-list li[data-code="CP-E0302"][data-line="${line + 1}"]`, { timeout: WAIT });
    const dup = (await markers()).find((m) => (typeof m.code === "string" ? m.code : m.code?.value) === "CP-E0302") as MarkerLike & { message: string; relatedInformation?: Related[] };
    expect(dup.message).toBe("名称 一年内罚款累计 重复定义");
    expect(dup.relatedInformation?.map((r) => [r.startLineNumber, r.message])).toEqual([[first.line, "首次定义于此"]]);
    const item = `#problem-list li[data-code="CP-E0302"]`;
    expect(await page.textContent(item)).toContain(`名称 一年内罚款累计 重复定义 (首次定义于此 ${first.line}:1)`);
    // The switch reloads the page (Monaco's own words are set when it loads); the edit is kept.
    await switchLanguage();
    await page.waitForSelector(item, { timeout: WAIT });
    expect(await page.textContent(item)).toContain(`一年内罚款累计 is defined twice (first defined here ${first.line}:1)`);
    const english = (await markers()).find((m) => (typeof m.code === "string" ? m.code : m.code?.value) === "CP-E0302") as MarkerLike & { message: string };
    expect(english.message).toBe("一年内罚款累计 is defined twice");
    await switchLanguage();
    await page.waitForSelector(item, { timeout: WAIT });
    // Back to the end of the added line, then remove it.
    await handle("setCursor", line + 1, added.length);
    for (let i = 0; i < added.length; i++) await page.keyboard.press("Backspace");
    await page.waitForFunction(() => !(window as unknown as { __cpEditor: { markers(): MarkerLike[] } }).__cpEditor.markers().some((m) => m.severity === 8), null, { timeout: WAIT });
    expect(await handle<string>("text")).toBe(readFileSync(join(policies, POLICY), "utf8"));
  });

  it("completes a Chinese keyword and a fact name", async () => {
    const suggestions = () => page.$$eval(".suggest-widget .monaco-list-row .label-name", (els) => els.map((e) => e.textContent ?? ""));
    const { line, text } = await lineOf("优先顺序 C > B > A");
    await typeAt(line, text.length + 1, "\n计");
    await page.keyboard.press("Control+Space");
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".suggest-widget .monaco-list-row .label-name")).some((e) => e.textContent === "计数"), null, { timeout: WAIT });
    expect(await suggestions()).toContain("计数");
    await shot("3-completion");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("违法");
    await page.keyboard.press("Control+Space");
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".suggest-widget .monaco-list-row .label-name")).some((e) => e.textContent === "违法行为"), null, { timeout: WAIT });
    expect(await suggestions()).toContain("违法行为");
    await page.keyboard.press("Escape");
    // Remove the line typed above.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await page.waitForFunction(() => !(window as unknown as { __cpEditor: { markers(): MarkerLike[] } }).__cpEditor.markers().some((m) => m.severity === 8), null, { timeout: WAIT });
    expect(await handle<string>("text")).toBe(readFileSync(join(policies, POLICY), "utf8"));
  });

  it("turns a case red when a threshold is edited and green when it is restored", async () => {
    const { line, text } = await lineOf("一年内责令改正警告次数 1次 以上 3次（不含）以内");
    const col = text.indexOf("3次（不含）以内") + 1;
    await replaceAt(line, col, 1, "1");
    await page.waitForSelector('#case-list li[data-case="两次警告：B"][data-status="fail"]', { timeout: WAIT });
    const red = Object.entries(await caseStatuses()).filter(([, s]) => s === "fail").map(([n]) => n);
    expect(red).toContain("一次责令改正：B");
    await page.click("#cases-summary");
    await shot("4-cases-red");
    await replaceAt(line, col, 1, "3");
    await page.waitForSelector('#case-list li[data-case="两次警告：B"][data-status="pass"]', { timeout: WAIT });
    expect(Object.values(await caseStatuses()).every((s) => s === "pass")).toBe(true);
  });

  it("shows a pasted record's bad date at its field, and saves a good record as a test case", async () => {
    const bad = '{"id": "pasted", "honors": [{"date": "2021-02-30", "grantor": "government", "for_integrity": true}]}';
    await paste("#record-editor", bad);
    const col = bad.indexOf('"2021-02-30"') + 1;
    await page.waitForSelector('#record-problems li[data-path="/honors/0/date"][data-code="CP-R004"]', { timeout: WAIT });
    expect(await page.getAttribute('#record-problems li[data-path="/honors/0/date"]', "data-col")).toBe(String(col));
    const recordMarkers = await handle<MarkerLike[]>("recordMarkers");
    expect(recordMarkers.map((m) => [m.startLineNumber, m.startColumn])).toEqual([[1, col]]);
    await shot("5-record-error");
    // Fix the date: the record is graded under the policy.
    await paste("#record-editor", bad.replace("2021-02-30", "2021-06-01"));
    await page.waitForSelector('#record-result .chip[data-grade="A"]', { timeout: WAIT });
    expect(await page.$$("#record-problems li")).toHaveLength(0);
    await page.fill("#case-name", "浏览器新增用例：A");
    await page.click("#btn-add-case");
    await page.waitForSelector('#case-list li[data-case="浏览器新增用例：A"][data-status="pass"]', { timeout: WAIT });
    const text = await handle<string>("text");
    expect(text).toContain('测试 "浏览器新增用例：A" 评价日 2021-12-31 {');
    expect(text).toMatch(/测试 "浏览器新增用例：A"[^]*预期 等级 A\n\s*预期 条款 第八条（一）1\n\}/);
  });

  it("lists a changed threshold in the diff view", async () => {
    const { line, text } = await lineOf("一年内罚款累计 不超过 50万元");
    await replaceAt(line, text.indexOf("50万元") + 1, 2, "60");
    await page.click("#tab-diff");
    await page.waitForSelector('#semantic-panel .change[data-kind="threshold"]', { timeout: 60_000 });
    const changes = await page.$$eval('#semantic-panel .change[data-kind="threshold"]', (els) => els.map((e) => e.textContent ?? ""));
    expect(changes.some((c) => c.includes("第八条（二）2") && c.includes("50万元") && c.includes("60万元"))).toBe(true);
    expect(await page.$("#matrix-panel table.matrix")).not.toBeNull();
    await shot("6-diff");
    await page.click("#tab-edit");
  });

  it("saves to disk, and refuses to overwrite a file that changed on disk", async () => {
    const file = join(policies, POLICY);
    await page.click("#btn-save");
    await page.waitForSelector('#dirty-state[data-dirty="0"]', { timeout: WAIT });
    const saved = readFileSync(file, "utf8");
    expect(saved).toBe(await handle<string>("text"));
    expect(saved).toContain("不超过 60万元");
    expect(saved).toContain('测试 "浏览器新增用例：A"');
    // Someone else edits the file; our next save must not overwrite it.
    const theirs = `${saved}# 他人的修改\n`;
    writeFileSync(file, theirs);
    const { line, text } = await lineOf("优先顺序 C > B > A");
    await typeAt(line, text.length + 1, "\n# 我的修改");
    await page.click("#btn-save");
    await page.waitForSelector('#banner[data-code="EDITOR-CONFLICT"]:not([hidden])', { timeout: WAIT });
    expect(readFileSync(file, "utf8")).toBe(theirs);
    expect(await page.$("#conflict-compare")).not.toBeNull();
    await shot("7-save-conflict");
  });

  it("keeps unsaved work across a reload", async () => {
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("cpe:draft:")), null, { timeout: WAIT });
    await page.reload();
    await page.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
    expect(await handle<string>("text")).toContain("# 我的修改");
    expect(await page.$("#banner-discard")).not.toBeNull();
    expect(await page.getAttribute("#dirty-state", "data-dirty")).toBe("1");
  });

  it("switches the interface to English", async () => {
    await switchLanguage();
    expect(await page.textContent("#tab-edit")).toBe("Edit");
    expect(await page.textContent("#btn-save")).toBe("Save");
    expect(await page.textContent("#banner .msg")).toMatch(/^Restored unsaved edits/);
    await shot("8-english");
    await switchLanguage();
    expect(await page.textContent("#tab-edit")).toBe("编辑");
  });

  it("logged no errors but the refused save's 409", () => {
    expect(consoleErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
