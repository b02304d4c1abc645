// The HTML diff report an auditor archives: opened from a file:// URL in Debian's Chromium
// (headless, playwright-core, no network), it loads nothing but itself, logs no console error,
// applies its inline styles, and shows every change, witness and moved record of the report.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiffReport } from "../../analysis/diff/model.js";
import { launchChromium, type EditorBrowser } from "../../editor/server/harness.js";
import { cli } from "../cli/run-cli.js";

const FIXTURE = "test/fixtures/versions/pinglu-fgj";

let chromium: EditorBrowser;
let page: Page;
let report: DiffReport;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cp-html-"));
  const html = join(dir, "report.html");
  const args = ["diff", `${FIXTURE}/pinglu-fgj-2021.policy`, `${FIXTURE}/pinglu-fgj-2023.policy`, "--cases", "examples/records.jsonl", "--as-of", "2021-12-31"];
  // One generation time for both runs, so the HTML's embedded data equals the JSON report.
  const env = { SOURCE_DATE_EPOCH: "1764633600" };
  const r = cli([...args, "--format", "html", "--output", html], { env });
  expect(r.code, r.stderr).toBe(0);
  report = JSON.parse(cli([...args, "--format", "json"], { env }).stdout) as DiffReport;
  chromium = await launchChromium();
  // A fresh context: nothing cached, and any request it makes is seen here.
  const context = await chromium.browser.newContext({ offline: true });
  context.on("request", (req) => requests.push(req.url()));
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
  expect(readFileSync(html, "utf8")).toContain("<!DOCTYPE html>");
}, 120_000);

afterAll(async () => {
  await chromium?.close();
});

describe("the HTML diff report in Chromium", () => {
  it("loads nothing but itself and logs no error", () => {
    expect(requests.length).toBe(1);
    expect(requests[0]).toMatch(/^file:\/\/.*report\.html$/);
    expect(problems).toEqual([]);
  });

  it("shows every change grouped by article, with its word diff and styles applied", async () => {
    expect(await page.title()).toBe("政策差异报告 pinglu-fgj 2021-121 → pinglu-fgj 2023-test");
    const headings = await page.$$eval("#changes > h3", (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(expect.arrayContaining(["文件信息", "第八条", "第十三条"]));
    const kinds = await page.$$eval("ol.changes > li", (lis) => lis.map((li) => li.getAttribute("data-kind")));
    expect(kinds).toEqual(report.changes.map((c) => c.kind));
    expect(await page.$$eval("del", (ds) => ds.map((d) => d.textContent))).toContain("50");
    expect(await page.$$eval("ins", (is) => is.map((i) => i.textContent))).toEqual(expect.arrayContaining(["30", "限制新增项目审批、核准；"]));
    // The inline stylesheet applies: insertions are green, not the browser's default underline.
    const ins = await page.$eval("ins", (i) => ({ color: getComputedStyle(i).color, line: getComputedStyle(i).textDecorationLine }));
    expect(ins).toEqual({ color: "rgb(27, 110, 32)", line: "none" });
  });

  it("shows the witnesses, the transition matrix and every moved record", async () => {
    const pre = await page.$$eval("pre code", (cs) => cs.map((c) => JSON.parse(c.textContent ?? "null")));
    expect(pre).toEqual(report.witnesses.map((w) => w.record));
    const moved = await page.$$eval("table.moved tbody tr", (trs) => trs.map((tr) => tr.querySelector("td:nth-child(2) .hash")?.textContent));
    expect(moved).toEqual(report.impact?.moved.map((m) => m.id));
    const bold = await page.$$eval("td.moved", (tds) => tds.map((td) => Number(td.textContent)));
    expect(bold).toEqual([report.impact?.moved.length]);
    // The data block holds the whole report for tools reading the archive.
    const data = await page.$eval("#credit-policy-diff", (s) => JSON.parse(s.textContent ?? "null"));
    expect(data).toEqual(report);
  });
});
