// The editor as a Chinese policy office uses it all day, in Chromium: completion by context, why /
// why not for a record and a case, coverage, plan checks on a department's draft, the fixes of the
// small breakages (format shortcut, unsaved mark, record panel height, JSON Lines paste, did you
// mean, the compare view's moved list, the first edit), a walk through every panel in Chinese that
// fails on English UI text, and the same answers from the worker's language server as from
// `credit-policy lsp --stdio`. Functional waits poll the page; screenshots go to test-artifacts/.
import { isDeepStrictEqual } from "node:util";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTINS } from "../../compiler/builtins.js";
import { draftDepartmentPolicy } from "../../compiler/draft.js";
import type { Policy } from "../../dsl/ast.js";
import { BOUNDARY_WORDS } from "../../dsl/boundary.js";
import { parsePolicy } from "../../dsl/parse.js";
import { MEASURE_TAGS } from "../../dsl/tags.js";
import { KEYWORDS } from "../../dsl/tokens.js";
import { UNITS } from "../../dsl/units.js";
import { ENUMS, PARTS, SUBJECT_FIELDS } from "../../record/registry.js";
import { launchChromium, startEditorServer, type EditorBrowser, type EditorServer } from "../../editor/server/harness.js";
import { fill } from "../plans/fill-draft.js";
import { startServer as startStdio, type Server } from "../lsp/stdio-client.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "editor");
const PINGLU = "pinglu-fgj/pinglu-fgj.policy";
const DRAFT = "wugang-dept-09/wugang-dept-09.policy";
const RAW_DRAFT = "wugang-dept-01/wugang-dept-01.policy";
const WAIT = 15_000;

let server: EditorServer;
let chromium: EditorBrowser;
let page: Page;
let policies: string;
const consoleErrors: string[] = [];

function handle<T>(fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, a]) => {
    const h = (window as unknown as { __cpEditor: Record<string, (...x: unknown[]) => unknown> }).__cpEditor;
    return h[name as string]!(...(a as unknown[])) as never;
  }, [fn, args] as const);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function open(path: string): Promise<void> {
  await page.click(`#file-list li[data-path="${path}"]`);
  await page.waitForFunction((p) => (window as unknown as { __cpEditor: { activePath(): string } }).__cpEditor.activePath() === p, path, { timeout: WAIT });
  await settle();
}

/** Until the editor has drawn the summary of the model's current version. */
async function settle(): Promise<void> {
  await page.waitForFunction(
    () => {
      const h = (window as unknown as { __cpEditor: { rendered(): { version: number }; version(): number } }).__cpEditor;
      return h.rendered().version === h.version();
    },
    null,
    { timeout: WAIT, polling: 20 },
  );
}

async function lineOf(fragment: string): Promise<{ line: number; text: string }> {
  const lines = (await handle<string>("text")).split("\n");
  const i = lines.findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`no line holds ${fragment}`);
  return { line: i + 1, text: lines[i] as string };
}

/** The text as the file on disk holds it (the tests leave every file as they found it). */
const disk = (path: string) => readFileSync(join(policies, path), "utf8");

/** Replace the whole text of the active model (one undoable edit, as a paste does). */
async function setText(text: string): Promise<void> {
  await page.evaluate((t) => {
    const ed = (window as unknown as { __cpEditor: { editor: { getModel(): { getFullModelRange(): unknown }; executeEdits(s: string, e: unknown[]): void } } }).__cpEditor.editor;
    ed.executeEdits("test", [{ range: ed.getModel().getFullModelRange(), text: t }]);
  }, text);
  await settle();
}

async function typeAt(line: number, col: number, text: string): Promise<void> {
  await handle("setCursor", line, col);
  await page.keyboard.type(text);
}

async function suggestions(): Promise<string[]> {
  await page.waitForSelector(".suggest-widget.visible", { timeout: WAIT });
  return page.$$eval(".suggest-widget .monaco-list-row .label-name", (els) => els.map((e) => e.textContent ?? ""));
}

async function paste(selector: string, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click(`${selector} .view-lines`);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
}

// ---- The Chinese walk: every Latin-script word on screen must be code, an id or user data. ----

/** The language's own identifiers (English keyword spellings, record ids, units, tags …): code, not prose. */
const IDENTIFIERS = new Set<string>(
  [
    ...KEYWORDS.flatMap((k) => k.en.flatMap((e) => e.split(" "))),
    ...BOUNDARY_WORDS.flatMap((w) => w.en.flatMap((e) => e.split(" "))),
    ...UNITS.flatMap((u) => u.en.flatMap((e) => e.split(" "))),
    ...Object.values(PARTS).flatMap((p) => [p.id, ...p.fields.map((f) => f.id), ...(p.functions ?? []).map((f) => f.id)]),
    ...SUBJECT_FIELDS.map((f) => f.id),
    ...Object.values(ENUMS).flatMap((e) => [e.id, ...e.values.map((v) => v.id)]),
    ...MEASURE_TAGS.flatMap((t) => [t.key, ...t.values.map((v) => v.id)]),
    ...Object.values(BUILTINS).flatMap((b) => b.names.en),
  ].map((x) => x.toLowerCase()),
);
/** Keys on keyboard shortcuts Monaco's menus show, formats and our product name. */
const ALLOWED = /^(?:ctrl|shift|alt|meta|cmd|enter|esc|escape|tab|space|backspace|delete|del|home|end|pageup|pagedown|insert|up|down|left|right|f\d{1,2}|[a-z]|json|iso|yyyy-mm-dd|utf-8|credit-policy|cp-[ewr]\d{3,4}|[\w-]+\.policy(?:\.ya?ml)?|[a-z]+(?:-[a-z0-9]+)+)$/i;

/** Visible UI text outside code, the editors' text, file names and case names (user data). */
async function uiTexts(): Promise<string[]> {
  return page.evaluate(() => {
    // The language switch names the other language in that language (English / 中文), as switches do.
    const skip = "#btn-lang, [data-user], code, pre, .view-lines, .margin, .line-numbers, #file-list, #current-file, .case-name, select, option, input, textarea, .monaco-aria-container, [aria-live], .inputarea, .monaco-hover .rendered-markdown code, script, style";
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? "";
      if (!/[A-Za-z]/.test(text)) continue;
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || style.opacity === "0") continue;
      out.push(text.trim());
    }
    return out;
  });
}

/** The English words in what is on screen that are neither code, ids nor user data. */
async function englishOnScreen(extra: ReadonlySet<string> = new Set()): Promise<string[]> {
  const bad: string[] = [];
  for (const text of await uiTexts()) {
    for (const word of text.match(/[A-Za-z][A-Za-z0-9_.+-]*/g) ?? []) {
      const w = word.replace(/[.+]+$/, "").toLowerCase();
      if (IDENTIFIERS.has(w) || ALLOWED.test(w) || extra.has(w)) continue;
      // A keyboard shortcut (Alt+F8, Ctrl+Shift+I).
      if (w.includes("+") && w.split("+").every((k) => ALLOWED.test(k))) continue;
      // A dotted record path (violations.class) or an id with underscores is code.
      if (w.split(/[._]/).every((p) => p === "" || IDENTIFIERS.has(p) || /^\d+$/.test(p)) || /_/.test(w)) continue;
      bad.push(`${word} in “${text.slice(0, 80)}”`);
    }
  }
  return bad;
}

describe("the editor a policy office works in", () => {
  let stdio: Server;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    policies = mkdtempSync(join(tmpdir(), "cpe-features-"));
    cpSync(join(ROOT, "policies"), policies, { recursive: true });
    const plan = parsePolicy(readFileSync(join(ROOT, "policies/wugang-credit-plan/wugang-credit-plan.policy"), "utf8"), "plan").policy as Policy;
    // A department's draft, filled in but without its evaluation period; and one just drafted.
    mkdirSync(join(policies, "wugang-dept-09"));
    writeFileSync(join(policies, DRAFT), fill(draftDepartmentPolicy({ plan, department: "市税务局", id: "wugang-dept-09" }).text).replace(/评价时点 .*\n/, ""));
    mkdirSync(join(policies, "wugang-dept-01"));
    writeFileSync(join(policies, RAW_DRAFT), draftDepartmentPolicy({ plan, department: "市市场监管局", id: "wugang-dept-01" }).text);
    server = await startEditorServer({ policiesDir: policies });
    chromium = await launchChromium();
    const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}#${encodeURIComponent(PINGLU)}`);
    await page.waitForSelector("body[data-ready='1']", { timeout: 120_000 });
    stdio = await startStdio("zh-cn");
  }, 180_000);

  afterAll(async () => {
    stdio?.proc.kill();
    await chromium?.close();
    await server?.close();
    if (policies) rmSync(policies, { recursive: true, force: true });
  });

  it("completes by context: a part after 计数, its fields after 满足, a field's values after an operator, units after a number", async () => {
    const { line, text } = await lineOf("优先顺序 C > B > A");
    await typeAt(line, text.length + 1, "\n定义 甲 = 计数 ");
    // A space after an aggregate opens the list by itself; typing filters it.
    const parts = await suggestions();
    expect(parts.length).toBeGreaterThan(0);
    await page.keyboard.type("违");
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".suggest-widget .label-name")).some((e) => e.textContent === "违法行为"), null, { timeout: WAIT });
    await shot("10-complete-part");
    // No derived value is offered where a record part is due.
    await page.keyboard.press("Backspace");
    await page.keyboard.type("一年");
    await page.waitForFunction(() => !Array.from(document.querySelectorAll(".suggest-widget.visible .label-name")).some((e) => e.textContent === "一年内罚款累计"), null, { timeout: WAIT });
    for (let i = 0; i < 2; i++) await page.keyboard.press("Backspace");
    await page.keyboard.press("Escape");
    await page.keyboard.type("违法行为 满足 最");
    await page.keyboard.press("Control+Space");
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".suggest-widget .label-name")).some((e) => e.textContent === "最重处罚"), null, { timeout: WAIT });
    expect(await suggestions()).not.toContain("授予方");
    await page.keyboard.press("Escape");
    await page.keyboard.type("重处罚 高于 ");
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".suggest-widget .label-name")).some((e) => e.textContent === "警告" || e.textContent === "罚款"), null, { timeout: WAIT });
    const values = await suggestions();
    expect(values.every((v) => !v.startsWith("一年内"))).toBe(true);
    await shot("11-complete-value");
    await page.keyboard.type("警告");
    await page.keyboard.press("Escape");
    await page.keyboard.type(" 近 1");
    await page.keyboard.press("Control+Space");
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".suggest-widget .label-name")).some((e) => e.textContent === "年"), null, { timeout: WAIT });
    const units = await suggestions();
    expect(units).not.toContain("万元");
    await page.keyboard.press("Escape");
    await setText(disk(PINGLU));
  });

  it("says why a record gets no grade: the failing clause, its value, highlighted in the policy", async () => {
    const record = '{"id": "fines", "sanctions": [{"date": "2021-06-01", "status": "in_force", "violations": [{"penalties": [{"kind": "fine", "amount": "500000.50"}]}]}]}';
    await paste("#record-editor", record);
    await page.waitForSelector('#record-result .chip[data-grade="null"]', { timeout: WAIT });
    const clause = '#record-why .why-grade[data-grade="B"] .why-clause[data-article="第八条（二）2"]';
    await page.waitForSelector(clause, { timeout: WAIT });
    expect(await page.getAttribute(clause, "data-deciding")).toBe("1");
    expect(await page.getAttribute(clause, "data-holds")).toBe("0");
    expect(await page.textContent(clause)).toContain("500000.50元");
    expect(await page.getAttribute('#record-why .why-grade[data-grade="B"]', "data-given")).toBe("0");
    const b22 = await lineOf("第八条（二）2 \"");
    await page.waitForFunction((l) => (window as unknown as { __cpEditor: { decorations(): { line: number; className: string }[] } }).__cpEditor.decorations().some((d) => d.line === l && d.className === "why-failed-text"), b22.line, { timeout: WAIT });
    await shot("12-why-not");
  });

  it("explains a case on request, and shows which grades and articles the cases exercise", async () => {
    const li = '#case-list li[data-case="一次责令改正：B"]';
    await page.click(`${li} button.why`);
    await page.waitForSelector(`${li} .why-grade[data-grade="B"][data-given="1"] .why-clause[data-deciding="1"][data-article="第八条（二）1"]`, { timeout: WAIT });
    expect(await page.getAttribute("#coverage", "data-grades")).toBe("3/3");
    await page.click(`${li} button.why`);
    await page.waitForFunction((s) => !document.querySelector(`${s} .why-grade`), li, { timeout: WAIT });
  });

  it("checks a department's draft against the plan it names, and explains why a new draft has no cases yet", async () => {
    await open(DRAFT);
    await page.waitForSelector('#problem-list li[data-code="CP-E0520"][data-plan="1"]', { timeout: WAIT });
    expect(await page.getAttribute("#plan-status", "data-found")).toBe("1");
    await shot("13-plan-check");
    await open(RAW_DRAFT);
    await page.waitForSelector('#problem-list li[data-code="CP-E0508"]', { timeout: WAIT });
    expect((await page.textContent("#cases-note"))?.trim().length).toBeGreaterThan(0);
    expect(await page.$$("#case-list li")).toHaveLength(0);
    await open(PINGLU);
  });

  it("formats with Shift+Alt+F", async () => {
    const { line, text } = await lineOf("优先顺序 C > B > A");
    await typeAt(line, text.indexOf("C"), "   ");
    await settle();
    expect(await handle<string>("text")).not.toBe(disk(PINGLU));
    await page.keyboard.press("Shift+Alt+F");
    await page.waitForFunction((t) => (window as unknown as { __cpEditor: { text(): string } }).__cpEditor.text() === t, disk(PINGLU), { timeout: WAIT });
    await settle();
  });

  it("marks the file unsaved at the first edit", async () => {
    const { line, text } = await lineOf("优先顺序 C > B > A");
    await typeAt(line, text.length + 1, " ");
    // Read at once: the mark follows the document, not the draft written 300 ms later.
    expect(await page.getAttribute(`#file-list li[data-path="${PINGLU}"]`, "data-unsaved")).toBe("1");
    await page.keyboard.press("Backspace");
    expect(await page.getAttribute(`#file-list li[data-path="${PINGLU}"]`, "data-unsaved")).toBe("0");
    await settle();
  });

  it("gives the record panel room at 1366×768", async () => {
    const panel = await page.$eval("#record-panel", (e) => e.getBoundingClientRect().height);
    const editor = await page.$eval("#record-editor", (e) => e.getBoundingClientRect().height);
    expect(panel).toBeGreaterThanOrEqual(300);
    expect(editor).toBeGreaterThanOrEqual(150);
  });

  it("takes two records pasted as JSON Lines one by one", async () => {
    await paste("#record-editor", '{"id": "one", "honors": [{"date": "2021-06-01", "grantor": "government", "for_integrity": true}]}\n{"id": "two"}\n');
    await page.waitForSelector('#record-result .chip[data-grade="A"]', { timeout: WAIT });
    expect(await page.$$("#record-problems li")).toHaveLength(0);
    expect(await page.$$eval("#example-select optgroup:first-of-type option", (os) => os.map((o) => o.textContent))).toEqual(["1. one", "2. two"]);
  });

  it("suggests the value meant for a misspelt one, and fixes it", async () => {
    const { line, text } = await lineOf("满足 最重处罚 高于 警告 且 非 严重");
    const col = text.indexOf("警告") + 1;
    await handle("setCursor", line, col);
    for (let i = 0; i < 2; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.type("fien");
    await page.waitForSelector(`#problem-list li[data-code="CP-E0308"][data-line="${line}"]`, { timeout: WAIT });
    const diags = await handle<{ code: string; data: { help?: { key: string; args: string[] } } }[]>("diagnostics");
    expect(diags.find((d) => d.code === "CP-E0308")?.data.help).toEqual({ key: "help/did-you-mean", args: ["fine"] });
    await handle("setCursor", line, col + 1);
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget", { timeout: WAIT });
    await shot("14-quick-fix");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !(window as unknown as { __cpEditor: { text(): string } }).__cpEditor.text().includes("fien"), null, { timeout: WAIT });
    expect((await lineOf("满足 最重处罚 高于 fine 且 非 严重")).line).toBe(line);
    await setText(disk(PINGLU));
  });

  it("says how many moved records the compare view lists, and lists them all on request", async () => {
    const { line, text } = await lineOf("一年内责令改正警告次数 1次 以上 3次（不含）以内");
    const col = text.indexOf("1次 以上") + 1;
    await handle("setCursor", line, col);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.type("0");
    await settle();
    await page.click("#tab-diff");
    await page.waitForSelector("#moved-more", { timeout: 60_000 });
    const total = Number(await page.getAttribute("#moved-more", "data-total"));
    expect(total).toBeGreaterThan(30);
    expect(await page.$$("#matrix-panel ul.moved li")).toHaveLength(30);
    await page.click("#moved-all");
    await page.waitForFunction((n) => document.querySelectorAll("#matrix-panel ul.moved li").length === n, total, { timeout: WAIT });
    await page.click("#tab-edit");
    await setText(disk(PINGLU));
  });

  it("answers the first edit after opening a file as fast as any other", async () => {
    await page.click(`#file-list li[data-path="yuncheng-kjj/yuncheng-kjj.policy"]`);
    await page.waitForFunction(() => (window as unknown as { __cpEditor: { activePath(): string } }).__cpEditor.activePath() === "yuncheng-kjj/yuncheng-kjj.policy", null, { timeout: WAIT });
    await handle("setCursor", 3, 1);
    await page.keyboard.type(" ");
    const typed = Date.now();
    // Within a second of the keystroke, where it took up to 1.2 s (a functional wait that polls, not
    // a benchmark: npm run bench:editor measures it).
    await page.waitForFunction(
      () => {
        const h = (window as unknown as { __cpEditor: { rendered(): { version: number }; version(): number; summary(): { ok: boolean } } }).__cpEditor;
        return h.rendered().version === h.version() && h.summary().ok;
      },
      null,
      { timeout: 1_000, polling: 10 },
    );
    console.log(`first edit after opening: result after ${Date.now() - typed} ms`);
    await page.keyboard.press("Backspace");
    await settle();
    await open(PINGLU);
  });

  it("shows every panel in Chinese: no English words outside code, ids and user data", async () => {
    const seen: Record<string, string[]> = {};
    const check = async (state: string) => {
      await page.waitForTimeout(150);
      seen[state] = await englishOnScreen();
    };
    // The editor with a problem, a failing case with its differences, a case's why, coverage.
    const { line, text } = await lineOf("一年内责令改正警告次数 1次 以上 3次（不含）以内");
    await handle("setCursor", line, text.indexOf("3次（不含）") + 1);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.type("1");
    await page.waitForSelector('#case-list li[data-status="fail"] .case-failure', { timeout: WAIT });
    await page.click('#case-list li[data-status="fail"] button.why');
    await page.waitForSelector('#case-list li[data-status="fail"] .why-grade', { timeout: WAIT });
    await page.click("#coverage summary");
    await check("cases");
    await shot("15-chinese-cases");
    // A record with an error, one that is not JSON, then a valid one with its why / why not.
    await paste("#record-editor", '{"id": "x", "honors": [{"date": "2021-02-30"}]}');
    await page.waitForSelector('#record-problems li[data-code="CP-R004"]', { timeout: WAIT });
    await check("record error");
    await paste("#record-editor", '{"id": "x" "honors": []}');
    await page.waitForSelector('#record-problems li[data-code="CP-R000"]', { timeout: WAIT });
    await check("record JSON error");
    await paste("#record-editor", '{"id": "x", "sanctions": [{"date": "2021-06-01", "status": "in_force", "violations": [{"penalties": [{"kind": "fine", "amount": "500000.50"}]}]}]}');
    await page.waitForSelector('#record-why .why-grade[data-grade="B"] .why-clause', { timeout: WAIT });
    await check("record why");
    // Hover on a field, completion, Monaco's context menu, the problem hover and its quick fix menu.
    const field = await lineOf("满足 最重处罚 高于 警告");
    await page.keyboard.press("Escape");
    await handle("setCursor", field.line, field.text.indexOf("最重处罚") + 2);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    await page.waitForSelector(".monaco-hover .rendered-markdown", { timeout: WAIT });
    await check("hover");
    await shot("16-chinese-hover");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Space");
    await page.waitForSelector(".suggest-widget.visible", { timeout: WAIT });
    await check("completion");
    await page.keyboard.press("Escape");
    await page.click("#editor-host .view-lines", { button: "right" });
    await page.waitForSelector(".context-view .monaco-menu, .monaco-menu-container", { timeout: WAIT });
    await check("context menu");
    await shot("17-chinese-menu");
    await page.keyboard.press("Escape");
    await handle("setCursor", line, text.indexOf("1次（不含）") + 1);
    const problem = await page.evaluate(() => {
      const h = (window as unknown as { __cpEditor: { markers(): { startLineNumber: number; startColumn: number }[] } }).__cpEditor;
      return h.markers()[0];
    });
    // The seed policy's gap warnings (CP-W0603) have no quick fix: Monaco says so, in Chinese.
    expect(problem).toBeDefined();
    await handle("setCursor", problem!.startLineNumber, problem!.startColumn + 1);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    await page.waitForSelector(".monaco-hover", { timeout: WAIT });
    await check("problem hover");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget, .monaco-editor-overlaymessage", { timeout: WAIT });
    await check("quick fix menu");
    await page.keyboard.press("Escape");
    // The compare view with a reworded text and a metadata change.
    const title = await lineOf("标题 ");
    await handle("setCursor", title.line, title.text.length - 1);
    await page.keyboard.type("修订");
    await settle();
    await page.click("#tab-diff");
    await page.waitForSelector('#semantic-panel .change[data-kind="metadata"]', { timeout: 60_000 });
    await check("compare");
    await shot("18-chinese-compare");
    await page.click("#tab-edit");
    // A save refused because the file changed on disk.
    writeFileSync(join(policies, PINGLU), `${disk(PINGLU)}# 他人的修改\n`);
    await page.click("#btn-save");
    await page.waitForSelector('#banner[data-code="EDITOR-CONFLICT"]:not([hidden])', { timeout: WAIT });
    await check("save conflict");
    await page.click("#conflict-reload");
    await page.waitForFunction(() => !document.querySelector("#banner:not([hidden])"), null, { timeout: WAIT });
    await settle();
    for (const [state, words] of Object.entries(seen)) expect(words, state).toEqual([]);
    expect(Object.keys(seen)).toEqual(expect.arrayContaining(["cases", "record error", "record JSON error", "record why", "hover", "completion", "context menu", "problem hover", "quick fix menu", "compare", "save conflict"]));
  });

  it("gives the same answers in the browser as credit-policy lsp --stdio, on every seed policy", async () => {
    const files = (await page.$$eval("#file-list li", (ls) => ls.map((l) => l.getAttribute("data-path") ?? ""))).filter((p) => !p.startsWith("wugang-dept"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const path of files) {
      await open(path);
      const uri = await handle<string>("activeUri");
      const text = await handle<string>("text");
      await stdio.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "credit-policy", version: 1, text } });
      // A policy with a parent plan is published twice: at once, then with the plan's checks once the
      // plan is read. Compare the settled publications.
      const ours = await handle("diagnostics");
      let theirs = await stdio.diagnostics(uri, 1);
      for (let i = 0; i < 100 && !isDeepStrictEqual(ours, theirs.diagnostics); i++) {
        await new Promise((r) => setTimeout(r, 100));
        theirs = await stdio.diagnostics(uri, 1);
      }
      expect(ours, path).toEqual(theirs.diagnostics);
      const same = async (method: string, params: Record<string, unknown>) => {
        const p = { textDocument: { uri }, ...params };
        const [a, b] = await Promise.all([handle("lsp", method, p), stdio.conn.sendRequest(method, p)]);
        expect(a, `${path} ${method} ${JSON.stringify(params)}`).toEqual(b);
      };
      await same("textDocument/documentSymbol", {});
      await same("textDocument/semanticTokens/full", {});
      await same("textDocument/formatting", { options: { tabSize: 2, insertSpaces: true } });
      const lines = text.split("\n");
      for (let i = 0; i < lines.length; i += Math.max(1, Math.floor(lines.length / 25))) {
        const l = lines[i] as string;
        const m = /[\u4e00-\u9fffA-Za-z]/.exec(l.slice(2));
        if (!m) continue;
        const position = { line: i, character: m.index + 3 };
        await same("textDocument/hover", { position });
        await same("textDocument/definition", { position });
        await same("textDocument/references", { position, context: { includeDeclaration: true } });
        await same("textDocument/completion", { position });
      }
      await stdio.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
    }
  });

  it("logged no errors but the refused save's 409", () => {
    expect(consoleErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
