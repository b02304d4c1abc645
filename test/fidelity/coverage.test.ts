// Every article accounted for: `check` on the five seed policies passes with the fidelity checks
// on, and `coverage` lists every article of every seed text as cited or not encoded with a reason.
import { readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSource } from "../../compiler/fidelity/source-text.js";
import { cli, ROOT } from "../cli/run-cli.js";
import { copyPolicy, coverageJson, diagnosticsOf, replaceOnce, SEEDS } from "./helpers.js";

const SOURCES: Record<(typeof SEEDS)[number], string> = {
  "pinglu-fgj": "pinglu-fgj-2021-121.txt",
  "wugang-sfj": "wugang-sfj-2021-10.txt",
  "yuncheng-kjj": "yuncheng-kjj-2021-29.txt",
  "wugang-credit-plan": "wugang-credit-plan-2021-1.txt",
  "changzhi-plan": "changzhi-plan-2020-16.txt",
};

describe("the five seed policies", () => {
  it("pass check with the verbatim and coverage checks on", () => {
    const r = cli(["check", ...SEEDS.map((id) => `policies/${id}`)]);
    expect(r.code).toBe(0);
    const fidelity = diagnosticsOf(r.stdout).filter(([, , c]) => /^CP-[EW]08/.test(c));
    expect(fidelity).toEqual([]);
    expect(r.stderr).toMatch(/^checked 5 files: no errors/);
  });

  it.each(SEEDS)("%s: every article of its source text is cited or not encoded with a reason", (id) => {
    const { code, report } = coverageJson(id);
    expect(code).toBe(0);
    const units = readSource(readFileSync(join(ROOT, "policies", id, SOURCES[id]), "utf8")).units.map((u) => u.id);
    expect(report.rows.map((r) => r.article)).toEqual(units);
    expect([report.accounted, report.percent, report.quotes, report.unknown]).toEqual([units.length, 100, [], []]);
    for (const row of report.rows) {
      expect(row.accounted, row.article).toBe(true);
      expect(row.uncovered, row.article).toEqual([]);
      // A unit is cited, listed as not encoded (its own statement or its parent's), or a heading whose parts are.
      const cited = Object.values(row.cited).some((l) => l.length > 0);
      const parts = report.rows.filter((r) => r.article !== row.article && r.article.startsWith(row.article));
      expect(cited || row.not_encoded.length > 0 || parts.length > 0, row.article).toBe(true);
      for (const n of row.not_encoded) expect(["procedural", "organisational", "undecidable", "explanatory", "absent"]).toContain(n.reason);
    }
  });

  it("prints the table: each article once, what cites it, the summary line", () => {
    const r = cli(["coverage", "pinglu-fgj"]);
    expect(r.code).toBe(0);
    const articles = r.lines.slice(2, -1).map((l) => l.trim().split(/\s+/)[0]);
    expect(articles).toHaveLength(45);
    expect(new Set(articles).size).toBe(45);
    expect(r.lines.at(-1)).toBe("45 of 45 articles accounted for (100%)");
    const fifteen = r.lines.find((l) => l.startsWith("第十五条")) as string;
    expect(fifteen).toContain("organisational");
  });
});

describe("an article not accounted for", () => {
  it("is a warning of check, naming the article, and a row coverage marks (exit 1)", () => {
    const dir = copyPolicy("pinglu-fgj", (t) => replaceOnce(t, /^不予编码 第十五条 .*\n/m, ""));
    const r = cli(["check", dir]);
    expect(r.code).toBe(0);
    const w = r.lines.filter((l) => l.includes("CP-W0804"));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain("第十五条");
    const { code, report } = coverageJson(dir);
    expect(code).toBe(1);
    expect(report.rows.filter((x) => !x.accounted).map((x) => x.article)).toEqual(["第十五条"]);
    rmSync(dir, { recursive: true });
  });

  it("includes a cited article with a sentence neither quoted nor listed", () => {
    const dir = copyPolicy("wugang-sfj", (t) => replaceOnce(t, /^不予编码 第十四条 .*\n/m, ""));
    const r = cli(["check", dir]);
    expect(r.lines.filter((l) => l.includes("CP-W0805")).map((l) => l.includes("第十四条"))).toEqual([true]);
    const { report } = coverageJson(dir);
    const row = report.rows.find((x) => x.article === "第十四条");
    expect(row?.accounted).toBe(false);
    expect(row?.uncovered[0]).toBe("采取书面信用提醒方式的，应当将失信信息书面通知当事人，提醒其纠正和规范相关行为。");
    rmSync(dir, { recursive: true });
  });
});

describe("not encoded in the YAML form", () => {
  it("converts and checks the same: 100% accounted", () => {
    const dir = copyPolicy("changzhi-plan");
    const policy = join(dir, "changzhi-plan.policy");
    const yaml = join(dir, "changzhi-plan.policy.yaml");
    const conv = cli(["convert", policy, "--to", "yaml", "--output", yaml]);
    expect(conv.code).toBe(0);
    unlinkSync(policy);
    expect(readFileSync(yaml, "utf8")).toMatch(/^not_encoded:\n(?: {2}#.*\n)* {2}- articles: \[一（一）\]\n {4}quote: /m);
    const r = cli(["check", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(coverageJson(dir).report.percent).toBe(100);
    // A reason the schema does not know is rejected at its path.
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace("reason: absent", "reason: forgotten"));
    expect(cli(["check", dir]).stdout).toMatch(/CP-E0202/);
    rmSync(dir, { recursive: true });
  });
});
