// The audit report as an archived PDF: `diff --format pdf` prints the HTML report with Debian's
// Chromium (playwright-core, never a downloaded browser) at A4, portrait and landscape. The PDF is
// read back with poppler's pdfinfo and pdftotext (Debian's poppler-utils, installed by .ci/run):
// the page count and size, and that every column and the whole provenance block are on the pages,
// the sha256 values whole (not clipped at the page edge).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DiffReport } from "../../analysis/diff/model.js";
import { WORDS } from "../../analysis/diff/labels.js";
import { cli } from "../cli/run-cli.js";

const FIXTURE = "test/fixtures/versions/pinglu-fgj";
const ARGS = ["diff", `${FIXTURE}/pinglu-fgj-2021.policy`, `${FIXTURE}/pinglu-fgj-2023.policy`, "--cases", "examples/records.jsonl", "--as-of", "2021-12-31"];
const env = { SOURCE_DATE_EPOCH: "1764633600" };
const dir = mkdtempSync(join(tmpdir(), "cp-pdf-"));

function poppler(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: "utf8" });
  if (r.error) throw new Error(`${tool} is missing: apt-get install poppler-utils (as .ci/run does)`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function pdf(name: string, ...extra: string[]): { pages: number; width: number; height: number; text: string } {
  const out = join(dir, name);
  const r = cli([...ARGS, "--format", "pdf", "--output", out, ...extra], { env });
  expect(r.code, r.stderr).toBe(0);
  expect(readFileSync(out).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const info = poppler("pdfinfo", [out]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    width: Number(size?.[1]),
    height: Number(size?.[2]),
    // -raw: the text in drawing order, so a value wrapped within its cell stays together.
    text: poppler("pdftotext", ["-raw", out, "-"]),
  };
}

describe("diff --format pdf", () => {
  const report = JSON.parse(cli([...ARGS, "--format", "json"], { env }).stdout) as DiffReport;
  const impact = report.impact!;

  it("prints A4 portrait pages holding the provenance block, every column and every moved record", () => {
    const { pages, width, height, text } = pdf("report-en.pdf", "--lang", "en");
    // A4 is 595 × 842 pt; Chromium rounds to its own pixel grid.
    expect(Math.abs(width - 595.3)).toBeLessThan(2);
    expect(Math.abs(height - 841.9)).toBeLessThan(2);
    expect(pages).toBeGreaterThanOrEqual(2);
    // pdftotext separates pages with a form feed: the page count agrees with the text.
    expect(text.split("\f").filter((p) => p.trim()).length).toBe(pages);
    // Long values may wrap inside their cell; none may be cut off: compare without white space.
    const flat = text.replace(/\s+/g, "");
    for (const v of [report.old.sha256, report.new.sha256, impact.sha256!, report.old.source, report.new.source, impact.source]) expect(flat).toContain(v);
    expect(flat).toContain(`${report.provenance!.tool.name}${report.provenance!.tool.version}`);
    expect(flat).toContain(report.provenance!.generatedAt);
    expect(flat).toContain(report.asOf);
    for (const key of ["provenance", "tool", "generatedAt", "asOf", "asOfWhy", "casesSha", "records", "line", "subject", "before", "after", "values", "movedBy"] as const) {
      expect(flat, key).toContain(WORDS[key].en.replace(/\s+/g, ""));
    }
    expect(flat).toContain(String(impact.records));
    // The moved-records table: every record's id, and its last column (the changes that moved it).
    for (const m of impact.moved) expect(flat).toContain(m.id!);
    const refs = new Set(impact.moved.flatMap((m) => m.changes.map((i) => `change${i + 1}`)));
    expect(refs.size).toBeGreaterThan(0);
    for (const r of refs) expect(flat).toContain(r);
  }, 120_000);

  it("prints A4 landscape with --landscape, and the Chinese report by default", () => {
    const { pages, width, height, text } = pdf("report-zh.pdf", "--landscape");
    expect(width).toBeGreaterThan(height);
    expect(Math.abs(width - 841.9)).toBeLessThan(2);
    expect(pages).toBeGreaterThanOrEqual(1);
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain(WORDS.provenance.zh);
    expect(flat).toContain(report.new.sha256);
    expect(flat).not.toContain(WORDS.provenance.en);
  }, 120_000);

  it("writes the PDF to standard output when that is a pipe (a terminal gets a usage error instead)", () => {
    const r = cli([...ARGS, "--format", "pdf"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith("%PDF-")).toBe(true);
  }, 120_000);
});
