// What an auditor relies on in a diff with --cases: the day the records are graded on and why, a
// warning when most records have no grade on that day, the cases file's hash and count, and for
// each moved record its name, the values that decided it under each policy and the changes that
// concern it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseAsOf, ungradedWarning, type DiffReport } from "../../analysis/diff/index.js";
import { compilePolicy } from "../../compiler/compile.js";
import { makeGrader, isError } from "../../runtime/evaluate.js";
import { cli, ROOT } from "../cli/run-cli.js";

const FIXTURE = "test/fixtures/versions/pinglu-fgj";
const OLD = `${FIXTURE}/pinglu-fgj-2021.policy`;
const NEW = `${FIXTURE}/pinglu-fgj-2023.policy`;
const CASES = "examples/records.jsonl";
const lines = readFileSync(join(ROOT, CASES), "utf8").split("\n").filter((l) => l.trim());

function ir(file: string) {
  const r = compilePolicy(readFileSync(join(ROOT, file), "utf8"), file);
  if (!r.ir) throw new Error(`${file} does not compile`);
  return r.ir;
}

function diffJson(...extra: string[]) {
  const r = cli(["diff", OLD, NEW, "--cases", CASES, "--format", "json", ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return { report: JSON.parse(r.stdout) as DiffReport, stderr: r.stderr };
}

describe("diff --cases: the as-of day and the ungraded warning", () => {
  it("without --as-of grades on the new revision's effective day, says so, and warns when most records are ungraded", () => {
    const { report, stderr } = diffJson();
    const effective = ir(NEW).meta["effective"];
    expect(report.asOf).toBe(effective);
    expect(report.asOfReason).toBe("new-effective");
    const impact = report.impact!;
    expect(impact.records).toBe(lines.length);
    expect(impact.ungraded * 2).toBeGreaterThan(impact.records - impact.errors.length);
    // The latest event in the data lies before that day: the warning offers it as the day to try.
    expect(impact.latestDate).not.toBeNull();
    expect(impact.latestDate! < report.asOf).toBe(true);
    expect(ungradedWarning(report)).toEqual({ ungraded: impact.ungraded, graded: impact.records - impact.errors.length, asOf: report.asOf, latestDate: impact.latestDate });
    // JSON on stdout stays clean; the warning goes to stderr, naming the day to try.
    const warnings = stderr.split("\n").filter(Boolean);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^credit-policy: /);
    expect(warnings[0]).toContain(`--as-of ${impact.latestDate}`);
    // The HTML and text reports carry the warning themselves.
    const html = cli(["diff", OLD, NEW, "--cases", CASES, "--format", "html"]);
    expect(html.stdout).toContain('id="ungraded-warning"');
    const text = cli(["diff", OLD, NEW, "--cases", CASES, "--lang", "en"]);
    expect(text.stdout).toContain(`--as-of ${impact.latestDate}`);
    expect(text.stderr).toBe("");
  });

  it("counts ungraded records exactly, and gives no warning when most records are graded", () => {
    const { report, stderr } = diffJson("--as-of", "2021-12-31");
    expect(report.asOfReason).toBe("given");
    expect(stderr).toBe("");
    const [a, b] = [makeGrader(ir(OLD), ""), makeGrader(ir(NEW), "")];
    let ungraded = 0;
    for (const l of lines) {
      const o = a.grade(JSON.parse(l), "2021-12-31");
      const n = b.grade(JSON.parse(l), "2021-12-31");
      if (!isError(o) && !isError(n) && o.grade === null && n.grade === null) ungraded++;
    }
    expect(report.impact!.ungraded).toBe(ungraded);
    expect(ungradedWarning(report)).toBeNull();
    expect(cli(["diff", OLD, NEW, "--cases", CASES, "--as-of", "2021-12-31", "--format", "html"]).stdout).not.toContain('id="ungraded-warning"');
  });

  it("the default day: given, else the new then the old effective day, else the new policy's test cases' day, else today", () => {
    const a = ir(OLD);
    const b = ir(NEW);
    const strip = (x: typeof a) => ({ ...x, meta: { ...x.meta, effective: null } });
    expect(chooseAsOf(a, b, "2020-01-01")).toEqual({ day: "2020-01-01", reason: "given" });
    expect(chooseAsOf(a, b).reason).toBe("new-effective");
    if (a.meta["effective"]) expect(chooseAsOf(a, strip(b))).toEqual({ day: a.meta["effective"], reason: "old-effective" });
    const noTests = { ...strip(b), tests: [] };
    expect(chooseAsOf({ ...strip(a), tests: [] }, noTests, undefined, () => "2026-12-02")).toEqual({ day: "2026-12-02", reason: "today" });
    const withTests = strip(b);
    if (withTests.tests.length > 0) {
      const counts = new Map<string, number>();
      for (const t of withTests.tests) counts.set(t.asOf, (counts.get(t.asOf) ?? 0) + 1);
      const most = Math.max(...counts.values());
      const day = [...counts].filter(([, n]) => n === most).map(([d]) => d).sort().at(-1);
      expect(chooseAsOf(strip(a), withTests)).toEqual({ day, reason: "policy-cases" });
    }
  });

  it("states the cases file's sha256, its record count and the tool that made the report", () => {
    const { report } = diffJson("--as-of", "2021-12-31");
    expect(report.impact!.sha256).toBe(createHash("sha256").update(readFileSync(join(ROOT, CASES))).digest("hex"));
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    expect(report.provenance?.tool).toEqual({ name: pkg.name, version: pkg.version });
    expect(Number.isNaN(Date.parse(report.provenance!.generatedAt))).toBe(false);
  });
});

describe("diff --cases: evidence for each moved record", () => {
  const { report } = diffJson("--as-of", "2021-12-31");
  const moved = report.impact!.moved;
  const [a, b] = [makeGrader(ir(OLD), ""), makeGrader(ir(NEW), "")];

  it("moves some records, each with its name from the record", () => {
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) {
      const record = JSON.parse(lines[m.line - 1]!) as { id: string; name?: string };
      expect(m.id).toBe(record.id);
      expect(m.name).toBe(record.name ?? null);
    }
  });

  it("gives the values each deciding clause read, as each policy computes them", () => {
    for (const m of moved) {
      const record = JSON.parse(lines[m.line - 1]!) as unknown;
      for (const [side, grader] of [["old", a], ["new", b]] as const) {
        const r = grader.grade(record, report.asOf);
        if (isError(r)) throw new Error(`line ${m.line} does not grade`);
        for (const clause of r.matched.filter((c) => c.grade === r.grade)) {
          for (const [name, value] of Object.entries(clause.values)) {
            const v = m.values.find((x) => x.name === name);
            expect(v, `line ${m.line} ${name}`).toBeDefined();
            expect(v![side]).toEqual(value);
          }
        }
      }
    }
    // At least one moved record is decided by a clause that reads values.
    expect(moved.some((m) => m.values.length > 0)).toBe(true);
  });

  it("links each moved record to changes that can move it: in its deciding articles, or global", () => {
    const global = new Set(["precedence", "default", "severity", "disregard"]);
    for (const m of moved) {
      const articles = [...m.old.articles, ...m.new.articles];
      for (const i of m.changes) {
        const c = report.changes[i];
        expect(c, `line ${m.line} change ${i}`).toBeDefined();
        const inArticle = c!.article !== null && articles.some((x) => x.startsWith(c!.article!) || c!.article!.startsWith(x));
        const ofGrade = (c!.kind === "grade-added" || c!.kind === "grade-removed") && [m.old.grade, m.new.grade].includes(c!.grade ?? null);
        const param = c!.kind === "parameter";
        expect(inArticle || ofGrade || param || global.has(c!.kind), `line ${m.line}: ${c!.kind} ${c!.article}`).toBe(true);
      }
    }
    // A threshold change in the article that decided a record is linked to it.
    expect(moved.some((m) => m.changes.some((i) => report.changes[i]!.kind === "threshold"))).toBe(true);
  });

  it("shows name, values and linked changes in the HTML report, each link pointing at its change", () => {
    const html = cli(["diff", OLD, NEW, "--cases", CASES, "--as-of", "2021-12-31", "--format", "html"]).stdout;
    const first = moved.find((m) => m.name !== null && m.changes.length > 0)!;
    expect(html).toContain(first.name!);
    for (const i of first.changes) {
      expect(html).toContain(`href="#change-${i + 1}"`);
      expect(html).toContain(`id="change-${i + 1}"`);
    }
  });
});
