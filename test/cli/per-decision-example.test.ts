// The per-decision example's sample records through the built command: both engines give the
// lines beside the records (examples/per-decision/expected.jsonl, rewritten by
// `npm run fixtures:update`), and a parameter given per run changes the results it should and is
// stamped into every line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "./run-cli.js";

const dir = join(ROOT, "examples", "per-decision");
const policy = "examples/per-decision/per-decision-example.policy";
const input = "examples/per-decision/records.jsonl";
const expected = readFileSync(join(dir, "expected.jsonl"), "utf8").split("\n").filter(Boolean);
const records = readFileSync(join(dir, "records.jsonl"), "utf8").split("\n").filter(Boolean);

type Item = { rule: string; pointer: string; outputs: Record<string, unknown>; obligations?: { obligation: string; due: string | null; status: string }[] };
const items = (line: string): Item[] => (JSON.parse(line) as { items: Item[] }).items;

describe("examples/per-decision: sample records", () => {
  for (const engine of ["compiled", "interpreter"]) {
    it(`${engine}: one line per record, the lines in expected.jsonl`, () => {
      const r = cli(["eval", policy, "--input", input, "--as-of", "2022-06-30", "--engine", engine, "--quiet"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.lines).toHaveLength(records.length);
      expect(r.lines).toEqual(expected);
    });
  }

  it("reports each decision once, by its id and pointer, with its own duties", () => {
    const lines = expected.map((l) => JSON.parse(l) as { id: string; items: Item[] });
    const byId = new Map(lines.map((l) => [l.id, l.items]));
    // Two decisions, two per-item results in record order; only the unpublished one owes anything.
    expect(byId.get("pd-07-two-decisions")?.map((i) => i.pointer)).toEqual(["/sanctions/0", "/sanctions/1"]);
    expect(byId.get("pd-06-not-yet-published")?.[0]?.obligations).toEqual([expect.objectContaining({ obligation: "上网公示", due: "2022-07-05", status: "open" })]);
    expect(byId.get("pd-01-ordinary-warning")?.[0]?.obligations).toEqual([]);
    expect(byId.get("pd-09-no-decisions")).toEqual([]);
  });

  it("--param 最短公示期=6个月 moves the earliest stop day, and every line names the value", () => {
    const base = cli(["eval", policy, "--input", input, "--as-of", "2022-06-30", "--quiet"]);
    const six = cli(["eval", policy, "--input", input, "--as-of", "2022-06-30", "--param", "最短公示期=6个月", "--quiet"]);
    expect(six.code, six.stderr).toBe(0);
    for (const l of six.lines) expect(JSON.parse(l).policy.params).toEqual({ 最短公示期: "6个月" });
    for (const l of base.lines) expect(JSON.parse(l).policy.params).toBeUndefined();
    const first = (r: typeof base) => items(r.lines[0] as string)[0]?.outputs;
    expect(first(base)?.["最早可停止公示日"]).toBe("2022-06-01");
    expect(first(six)?.["最早可停止公示日"]).toBe("2022-09-01");
    // Fulfilled on 2022-01-20, decided 2022-01-05: repairable after three months, not yet after six.
    const fulfilled = (r: typeof base) => items(r.lines[3] as string)[0]?.outputs["可申请修复"];
    expect([fulfilled(base), fulfilled(six)]).toEqual([true, false]);
  });

  it("rejects a parameter the policy lacks or a value of the wrong type, before reading any record (exit 2)", () => {
    const unknown = cli(["eval", policy, "--input", input, "--as-of", "2022-06-30", "--param", "不存在=6个月"]);
    const wrongType = cli(["eval", policy, "--input", input, "--as-of", "2022-06-30", "--param", "最短公示期=6万元"]);
    for (const r of [unknown, wrongType]) {
      expect(r.code).toBe(2);
      expect(r.lines).toEqual([]);
    }
    expect(unknown.stderr).toContain("不存在");
    expect(wrongType.stderr).toContain("最短公示期");
  });
});
