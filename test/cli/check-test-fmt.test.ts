import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, STACK_TRACE } from "./run-cli.js";

const DIAG_LINE = /^(.+):(\d+):(\d+): (error|warning) (CP-[EW]\d{4}): .+$/;

describe("check", () => {
  it("reports no errors for the seed policies", () => {
    const r = cli(["check", "policies/pinglu-fgj", "policies/wugang-sfj", "policies/yuncheng-kjj"]);
    expect(r.code, r.stdout).toBe(0);
    for (const l of r.lines) expect(l).toMatch(DIAG_LINE);
    expect(r.lines.filter((l) => / error /.test(l))).toEqual([]);
    // The regulation's gaps (3+ events with no C condition) are reported as warnings.
    expect(r.lines.some((l) => l.includes("CP-W0603"))).toBe(true);
  });

  it("prints FILE:LINE:COL: error CODE for a policy with five syntax errors and exits 1", () => {
    const r = cli(["check", "test/fixtures/diagnostics/five-syntax-errors.policy"]);
    expect(r.code).toBe(1);
    const parsed = r.lines.map((l) => DIAG_LINE.exec(l)?.slice(1, 6));
    expect(parsed.map((p) => p && [p[1], p[2], p[4]])).toEqual([
      ["2", "23", "CP-E0101"],
      ["4", "32", "CP-E0101"],
      ["5", "13", "CP-E0101"],
      ["7", "15", "CP-E0101"],
      ["10", "1", "CP-E0101"],
    ]);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it("prints a duplicate's first definition as an indented note line after the error", () => {
    const file = "test/fixtures/diagnostics/duplicates.policy";
    const r = cli(["check", file]);
    expect(r.code).toBe(1);
    expect(r.lines.slice(0, 2)).toEqual([
      `${file}:6:1: error CP-E0302: 名称 n 重复定义 (n is defined twice)`,
      `  ${file}:5:1: note: 首次定义于此 (first defined here)`,
    ]);
    // Every diagnostic line keeps the contract's shape; every other line is a note under one.
    for (const l of r.lines) expect(l).toMatch(l.startsWith("  ") ? /^  .+:\d+:\d+: note: .+$/ : DIAG_LINE);
    expect(r.lines.filter((l) => DIAG_LINE.test(l))).toHaveLength(5);
    expect(r.lines.filter((l) => / note: /.test(l))).toHaveLength(5);
  });

  it("rejects an empty file and a binary file with a clear code", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-"));
    writeFileSync(join(dir, "empty.policy"), "");
    writeFileSync(join(dir, "binary.policy"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe]));
    writeFileSync(join(dir, "latin1.policy"), Buffer.from([0x70, 0x6f, 0x6c, 0x69, 0x63, 0x79, 0x20, 0xe9, 0xe8]));
    const r = cli(["check", join(dir, "empty.policy"), join(dir, "binary.policy"), join(dir, "latin1.policy")]);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => DIAG_LINE.exec(l)?.[5])).toEqual(["CP-E0003", "CP-E0004", "CP-E0005"]);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("test", () => {
  it("passes every case of the seed policies and ends with `N passed, N failed`", () => {
    const r = cli(["test"]);
    expect(r.code, r.stdout).toBe(0);
    const last = r.lines[r.lines.length - 1] as string;
    const m = /^(\d+) passed, (\d+) failed$/.exec(last);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThan(60);
    expect(Number(m?.[2])).toBe(0);
  });

  it("prints a failing case with its name, expected and actual grade, and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-"));
    const file = join(dir, "t.policy");
    writeFileSync(
      file,
      `policy "t" { title "t" }
let n = count honors in last 1 year
grade A "a" any { 第一条 "t": n at least 1 times }
measures A incentive 第二条 { 第二条（一） "m" }
test "wrong on purpose" as of 2021-12-31 { record {"id": "x"} expect grade A }
test "right" as of 2021-12-31 { record {"id": "y"} expect grade none }
`,
    );
    const r = cli(["test", file]);
    expect(r.code).toBe(1);
    expect(r.lines[r.lines.length - 1]).toBe("1 passed, 1 failed");
    const failure = r.lines.find((l) => l.startsWith("FAIL"));
    expect(failure).toContain("wrong on purpose");
    expect(failure).toContain("expected A, got null");
  });
});

describe("fmt and convert", () => {
  it("the seed policies are formatted (fmt --check exits 0)", () => {
    const r = cli(["fmt", "--check", "policies/pinglu-fgj", "policies/wugang-sfj", "policies/yuncheng-kjj"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("fmt rewrites an unformatted file once, then leaves it alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-"));
    const file = join(dir, "ugly.policy");
    writeFileSync(file, `policy "ugly" {title "t"}\nlet n=count honors in last 1 year\ngrade A "a" any {第一条 "t": n at least 1 times}\n`);
    expect(cli(["fmt", "--check", file]).code).toBe(1);
    expect(cli(["fmt", file]).code).toBe(0);
    const once = readFileSync(file, "utf8");
    expect(cli(["fmt", "--check", file]).code).toBe(0);
    expect(cli(["fmt", file]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(once);
  });

  it("convert goes DSL → YAML → DSL and grades the same", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-"));
    for (const id of ["pinglu-fgj", "wugang-sfj", "yuncheng-kjj"]) {
      const yaml = join(dir, `${id}.policy.yaml`);
      const back = join(dir, `${id}.policy`);
      expect(cli(["convert", `policies/${id}`, "--output", yaml]).code).toBe(0);
      expect(cli(["convert", yaml, "--to", "dsl", "--output", back]).code).toBe(0);
      const a = cli(["eval", id, "--input", "examples/records.jsonl", "--as-of", "2021-12-31"]).lines.map((l) => JSON.parse(l).grade);
      const b = cli(["eval", yaml, "--input", "examples/records.jsonl", "--as-of", "2021-12-31"]).lines.map((l) => JSON.parse(l).grade);
      expect(b).toEqual(a);
      const original = readFileSync(`policies/${id}/${id}.policy`, "utf8");
      expect(readFileSync(back, "utf8")).toBe(cli(["fmt", "--stdout", `policies/${id}`]).stdout || original);
    }
  });

  it("convert writes to standard output by default", () => {
    const r = cli(["convert", "pinglu-fgj"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^policy: pinglu-fgj$/m);
  });
});

describe("list", () => {
  it("lists the seed policies with id, document number and effective date", () => {
    const r = cli(["list", "--json"]);
    expect(r.code).toBe(0);
    const rows = r.lines.map((l) => JSON.parse(l));
    const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
    expect(byId["pinglu-fgj"]).toMatchObject({ document: "平发改发〔2021〕121号", effective: null });
    expect(byId["yuncheng-kjj"]).toMatchObject({ document: "运市科发〔2021〕29号" });
    expect(byId["wugang-sfj"]).toMatchObject({ document: "舞司〔2021〕10号" });
  });
});
