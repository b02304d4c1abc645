import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT, STACK_TRACE } from "./run-cli.js";

const examples = join(ROOT, "examples");
const records = readFileSync(join(examples, "records.jsonl"), "utf8").split("\n").filter(Boolean);
const expected = JSON.parse(readFileSync(join(examples, "expected-grades.json"), "utf8")) as Record<string, Record<string, string | null>>;

describe("eval: the contract's fields, order and exit codes", () => {
  it("grades every shipped example like the independent reference does, for every policy", () => {
    for (const policy of ["pinglu-fgj", "wugang-sfj", "yuncheng-kjj"]) {
      const r = cli(["eval", policy, "--input", "examples/records.jsonl", "--as-of", "2021-12-31"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.lines).toHaveLength(records.length);
      r.lines.forEach((l, i) => {
        const out = JSON.parse(l);
        const input = JSON.parse(records[i] as string);
        expect(out.id).toBe(input.id);
        expect([policy, out.id, out.grade]).toEqual([policy, input.id, expected[input.id]?.[policy]]);
      });
    }
  });

  it("writes the fields in the contract's order, with policy id, version and sha256", () => {
    const r = cli(["eval", "pinglu-fgj", "--input", "examples/records.jsonl", "--as-of", "2021-12-31"]);
    const first = JSON.parse(r.lines[0] as string);
    expect(Object.keys(first)).toEqual(["id", "as_of", "policy", "grade", "label", "matched", "measures", "notifications"]);
    expect(Object.keys(first.policy)).toEqual(["id", "version", "sha256"]);
    expect(first.policy.id).toBe("pinglu-fgj");
    expect(first.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.as_of).toBe("2021-12-31");
    const b = r.lines.map((l) => JSON.parse(l)).find((o) => o.grade === "B");
    expect(b.label).toBe("一般失信");
    expect(b.matched[0]).toMatchObject({ grade: "B", article: expect.stringMatching(/^第八条（二）[123]$/) });
    expect(Object.keys(b.matched[0])).toEqual(["grade", "article", "text", "values"]);
    expect(b.measures.map((m: { article: string }) => m.article)).toContain("第十二条（一）");
    expect(b.notifications[0]).toMatchObject({ article: "第十四条", options: ["口头信用提醒", "书面信用提醒"] });
  });

  it("gives one line per input line, in order, with errors for bad lines, and exits 3", () => {
    const r = cli(["eval", "pinglu-fgj", "--input", "examples/bad-records.jsonl", "--as-of", "2021-12-31"]);
    const input = readFileSync(join(examples, "bad-records.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(r.code).toBe(3);
    expect(r.lines).toHaveLength(input.length);
    const outs = r.lines.map((l) => JSON.parse(l));
    const errors = outs.filter((o) => o.error).map((o) => [o.error.code, o.error.path]);
    expect(errors).toEqual([
      ["CP-R000", ""],
      ["CP-R002", "/id"],
      ["CP-R004", "/sanctions/0/date"],
      ["CP-R005", "/sanctions/0/violations/0/penalties/0/amount"],
      ["CP-R005", "/sanctions/0/violations/0/penalties/0/amount"],
      ["CP-R006", "/sanctions/0/status"],
      ["CP-R001", ""],
      ["CP-R007", "/id"],
      ["CP-R004", "/lists/0/from"],
    ]);
    expect(outs.filter((o) => !o.error)).toHaveLength(3);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("reads a JSON array and standard input", () => {
    const arr = cli(["eval", "wugang-sfj", "--input", "examples/records.json", "--as-of", "2021-12-31"]);
    expect(arr.code).toBe(0);
    expect(arr.lines).toHaveLength(50);
    const stdin = cli(["eval", "wugang-sfj", "--input", "-", "--as-of", "2021-12-31"], { input: records.slice(0, 7).join("\n") + "\n" });
    expect(stdin.code).toBe(0);
    expect(stdin.lines.map((l) => JSON.parse(l).id)).toEqual(records.slice(0, 7).map((l) => JSON.parse(l).id));
    expect(arr.lines.slice(0, 7)).toEqual(stdin.lines);
  });

  it("keeps going in a JSON array with a malformed element", () => {
    const text = '[{"id":"a"}, {"id": "b", "lists": [}, {"id":"c"}]';
    const r = cli(["eval", "yuncheng-kjj", "--input", "-", "--as-of", "2021-12-31"], { input: text });
    expect(r.code).toBe(3);
    expect(r.lines.map((l) => JSON.parse(l)).map((o) => [o.id, o.error?.code ?? o.grade])).toEqual([
      ["a", null],
      ["b", "CP-R000"],
      ["c", null],
    ]);
  });

  it("writes to --output", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-"));
    const out = join(dir, "out.jsonl");
    const r = cli(["eval", "pinglu-fgj", "--input", "examples/records.json", "--as-of", "2021-12-31", "--output", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8").split("\n").filter(Boolean)).toHaveLength(50);
  });

  it("exits 2 with diagnostics on stderr when the policy does not compile", () => {
    const r = cli(["eval", "test/fixtures/diagnostics/five-syntax-errors.policy", "--input", "examples/records.json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").filter((l) => / error CP-E01\d\d: /.test(l))).toHaveLength(5);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 on usage errors: missing input file, bad --as-of, unknown policy", () => {
    for (const args of [
      ["eval", "pinglu-fgj", "--input", "no-such-file.jsonl"],
      ["eval", "pinglu-fgj", "--input", "examples/records.json", "--as-of", "2021-02-29"],
      ["eval", "no-such-policy", "--input", "examples/records.json"],
      ["eval", "pinglu-fgj"],
      ["frobnicate"],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^credit-policy: /);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it("is reproducible: same record, day and policy give the same bytes", () => {
    const a = cli(["eval", "pinglu-fgj", "--input", "examples/records.json", "--as-of", "2021-12-31"]);
    const b = cli(["eval", "pinglu-fgj", "--input", "examples/records.json", "--as-of", "2021-12-31"]);
    expect(a.stdout).toBe(b.stdout);
  });

  it("takes a policy by file path and by folder as well as by id", () => {
    const byId = cli(["eval", "pinglu-fgj", "--input", "examples/records.json", "--as-of", "2021-12-31"]).stdout;
    expect(cli(["eval", "policies/pinglu-fgj", "--input", "examples/records.json", "--as-of", "2021-12-31"]).stdout).toBe(byId);
    expect(cli(["eval", "policies/pinglu-fgj/pinglu-fgj.policy", "--input", "examples/records.json", "--as-of", "2021-12-31"]).stdout).toBe(byId);
  });

  it("handles a blank-free empty input with no output and exit 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-"));
    writeFileSync(join(dir, "empty.jsonl"), "");
    const r = cli(["eval", "pinglu-fgj", "--input", join(dir, "empty.jsonl")]);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([]);
  });
});
