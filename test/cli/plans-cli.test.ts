// Issue 3 through the command line: band edges and the override via `eval`, and `new` followed
// by `check --against`.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

describe("wugang-credit-plan through eval", () => {
  it("grades every band edge and the blacklist override as the plan writes them", () => {
    const scores = [85, 85.01, 70, 70.01, 50, 50.01, 0, 100];
    const records = scores.map((score, i) => JSON.stringify({ id: `s${i}`, public_credit: { score, date: "2021-10-31" } }));
    records.push(JSON.stringify({ id: "black", public_credit: { score: 95, date: "2021-10-31" }, lists: [{ list: "black", from: "2021-03-01" }] }));
    const r = cli(["eval", "wugang-credit-plan", "--input", "-", "--as-of", "2021-12-31"], { input: records.join("\n") + "\n" });
    expect(r.code, r.stderr).toBe(0);
    const out = r.lines.map((l) => JSON.parse(l));
    expect(out.map((o) => o.grade)).toEqual(["良", "优", "中", "良", "差", "中", "差", "优", "差"]);
    expect(out[8].matched[0]).toMatchObject({ grade: "差", article: "二（四）", override: true });
    expect(out[0].data_as_of).toBe("2021-10-31");
  });
});

describe("new, then check --against", () => {
  it("drafts a department policy that check lists as unfilled", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-new-"));
    const made = cli(["new", "--department", "市交通运输局", "--output", dir]);
    expect(made.code, made.stderr).toBe(0);
    const file = made.lines[0] as string;
    expect(file).toBe(join(dir, "wugang-dept-05", "wugang-dept-05.policy"));
    expect(readFileSync(file, "utf8")).toContain('监管领域 "交通运输领域"');
    const checked = cli(["check", "--against", "wugang-credit-plan", file]);
    expect(checked.code).toBe(1);
    const codes = new Set(checked.lines.map((l) => / (CP-[EW]\d{4}):/.exec(l)?.[1]));
    expect(codes).toEqual(new Set(["CP-E0508"]));
    expect(cli(["fmt", "--check", file]).code).toBe(0);
  });
  it("refuses a department the annex does not list, and an existing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-new-"));
    expect(cli(["new", "--department", "市不存在局", "--output", dir]).code).toBe(2);
    expect(cli(["new", "--department", "市税务局", "--output", dir]).code).toBe(0);
    expect(cli(["new", "--department", "市税务局", "--output", dir]).code).toBe(2);
  });
});
