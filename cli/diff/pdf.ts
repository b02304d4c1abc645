// `diff --format pdf`: the HTML report printed to an A4 PDF by headless Chromium (Debian's
// /usr/bin/chromium, or CHROMIUM_PATH), driven with playwright-core — an optional peer dependency,
// as is the browser: without either the command says what to install and exits 2. The page is
// loaded from memory with the network off, so printing fetches nothing; a footer carries the
// report's title and page numbers, so each printed page says what it belongs to.
import { existsSync } from "node:fs";
import { UsageError } from "../load.js";

export const CHROMIUM = (): string => process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

export async function htmlToPdf(html: string, opts: { landscape: boolean; footer: string }): Promise<Uint8Array> {
  let playwright: typeof import("playwright-core");
  try {
    playwright = await import("playwright-core");
  } catch {
    throw new UsageError("--format pdf needs playwright-core (npm install playwright-core) and Chromium (apt-get install chromium, or CHROMIUM_PATH); --format html writes the same report for a browser to print");
  }
  const executablePath = CHROMIUM();
  if (!existsSync(executablePath)) {
    throw new UsageError(`--format pdf needs Chromium: none at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH); --format html writes the same report for a browser to print`);
  }
  const browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({
      format: "A4",
      landscape: opts.landscape,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:7pt;width:100%;margin:0 12mm;color:#555;display:flex;justify-content:space-between"><span>${esc(opts.footer)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await browser.close();
  }
}
