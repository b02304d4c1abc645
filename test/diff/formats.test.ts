// The report's four forms — text (coloured only on request), Markdown, JSON (valid against its
// documented schema), HTML — and the command's options and errors.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { diffPolicies, renderHtml, renderJson, renderMarkdown, renderText, type DiffReport } from "../../analysis/diff/index.js";
import schema from "../../analysis/diff/diff-report.schema.json" with { type: "json" };
import { cli, ROOT, STACK_TRACE } from "../cli/run-cli.js";

const Ajv2020 = Ajv2020Module.default;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function ir(file: string) {
  const r = compilePolicy(readFileSync(join(ROOT, file), "utf8"), file);
  if (!r.ir) throw new Error(`${file} does not compile`);
  return r.ir;
}

const report: DiffReport = diffPolicies(ir("policies/pinglu-fgj/pinglu-fgj.policy"), ir("policies/wugang-sfj/wugang-sfj.policy"));

describe("diff report forms", () => {
  it("JSON: valid against diff-report.schema.json, with and without impact, and with no change", () => {
    const valid = (r: DiffReport) => {
      const ok = validate(JSON.parse(renderJson(r)));
      return ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`);
    };
    expect(valid(report)).toEqual([]);
    const cases = cli(["diff", "pinglu-fgj", "wugang-sfj", "--format", "json", "--cases", "examples/bad-records.jsonl", "--as-of", "2021-12-31"]);
    expect(cases.code).toBe(0);
    const withImpact = JSON.parse(cases.stdout) as DiffReport;
    expect(valid(withImpact)).toEqual([]);
    // Bad lines are counted as errors with their line and code, and the rest are graded.
    const lines = readFileSync(join(ROOT, "examples/bad-records.jsonl"), "utf8").split("\n").filter((l) => l.trim());
    expect(withImpact.impact?.records).toBe(lines.length);
    expect(withImpact.impact?.errors.length).toBeGreaterThan(0);
    expect(withImpact.impact?.errors.every((e) => /^CP-R\d{3}$/.test(e.code) && e.line >= 1)).toBe(true);
    const graded = withImpact.impact!.transitions.reduce((n, t) => n + t.count, 0);
    expect(graded + withImpact.impact!.errors.length).toBe(lines.length);
    const same = diffPolicies(ir("policies/wugang-sfj/wugang-sfj.policy"), ir("policies/wugang-sfj/wugang-sfj.policy"));
    expect(same.changes).toEqual([]);
    expect(valid(same)).toEqual([]);
  });

  it("text: word diffs as [-…-]{+…+} without colour, ANSI colours only when asked", () => {
    const plain = renderText(report);
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain).toContain("[-罚款-]{+罚没款+}");
    expect(plain).toMatch(/^第八条$/m);
    expect(plain).toContain("26 changes");
    const coloured = renderText(report, { color: true });
    expect(coloured).toMatch(/\x1b\[32;4m罚没款/);
    // The command writes no colour when its output is not a terminal.
    const r = cli(["diff", "pinglu-fgj", "wugang-sfj"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    // Past the two header lines (which name the files and their sha256), the same report.
    expect(r.stdout.split("\n").slice(2)).toEqual(plain.split("\n").slice(2));
    expect(r.stdout.split("\n")[0]).toMatch(/^old pinglu-fgj 2021-121 {2}policies\/pinglu-fgj\/pinglu-fgj\.policy {2}sha256 [0-9a-f]{12} /);
  });

  it("Markdown: headings by article, ~~deleted~~ **inserted**, tables for the impact", () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/^# 政策差异 Policy diff: pinglu-fgj 2021-121 → wugang-sfj 2021-10$/m);
    expect(md).toMatch(/^## 第八条$/m);
    expect(md).toContain("~~罚款~~**罚没款**");
    expect(md).toContain("国家、省~~、市~~和~~区~~**市、县**");
  });

  it("HTML: one self-contained page, no external resource, the report embedded as data", () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["'](?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\(/i);
    expect(html).toContain("<del>罚款</del><ins>罚没款</ins>");
    const data = /<script type="application\/json" id="credit-policy-diff">([\s\S]*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(data ?? "null")).toEqual(JSON.parse(renderJson(report)));
  });

  it("--output writes the report to a file, the same as standard output", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-diff-"));
    const out = join(dir, "report.md");
    const r = cli(["diff", "pinglu-fgj", "wugang-sfj", "--format", "markdown", "--output", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(cli(["diff", "pinglu-fgj", "wugang-sfj", "--format", "markdown"]).stdout);
  });

  it("--exit-code: 1 when something changed", () => {
    expect(cli(["diff", "pinglu-fgj", "wugang-sfj", "--exit-code", "--format", "json"]).code).toBe(1);
  });

  it("exits 2 with a clear message on usage errors and broken policies", () => {
    for (const args of [
      ["diff", "pinglu-fgj"],
      ["diff", "pinglu-fgj", "wugang-sfj", "--format", "xml"],
      ["diff", "pinglu-fgj", "wugang-sfj", "--as-of", "2021-02-29"],
      ["diff", "pinglu-fgj", "wugang-sfj", "--cases", "no-such-file.jsonl"],
      ["diff", "pinglu-fgj", "no-such-policy"],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^credit-policy: /);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    const broken = cli(["diff", "pinglu-fgj", "test/fixtures/diagnostics/five-syntax-errors.policy"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr.split("\n").filter((l) => / error CP-E01\d\d: /.test(l))).toHaveLength(5);
  });
});
