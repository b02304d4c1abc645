// Revisions from the command line: eval and test pick the revision in force on the day and say
// which one (policy.version, policy.sha256); --revision pins one; a day before the first revision
// is an error; check rejects overlapping and gapped folders with codes and positions.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT, STACK_TRACE } from "../cli/run-cli.js";
import { smallPolicy } from "./small-policy.js";

const FOLDER = "test/fixtures/versions/pinglu-fgj";
const sha = (file: string) => createHash("sha256").update(readFileSync(join(ROOT, file))).digest("hex");

/** A fine of 400000 yuan on 2022-06-01: within 50万元 (2021 rules), over 30万元 (2023 test revision). */
const RECORD = JSON.stringify({
  id: "fine-40wan",
  sanctions: [{ date: "2022-06-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount: 400000 }] }] }],
});

function evalOn(day: string, extra: string[] = [], policy = FOLDER) {
  return cli(["eval", policy, "--input", "-", "--as-of", day, ...extra], { input: `${RECORD}\n` });
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cp-versions-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("eval and test over a folder of revisions", () => {
  it("grade the same record differently on 2022-12-31 and 2023-01-01, naming the revision used", () => {
    const before = evalOn("2022-12-31");
    const after = evalOn("2023-01-01");
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    const b = JSON.parse(before.stdout);
    const a = JSON.parse(after.stdout);
    expect(b.grade).toBe("B");
    expect(b.matched.map((m: { article: string }) => m.article)).toEqual(["第八条（二）2"]);
    expect(a.grade).toBeNull();
    expect(b.policy).toEqual({ id: "pinglu-fgj", version: "2021-121", sha256: sha(`${FOLDER}/pinglu-fgj-2021.policy`) });
    expect(a.policy).toEqual({ id: "pinglu-fgj", version: "2023-test", sha256: sha(`${FOLDER}/pinglu-fgj-2023.policy`) });
  });

  it("use the same revision as its file names it, and --revision pins one whatever the day", () => {
    expect(evalOn("2023-01-01", [], `${FOLDER}/pinglu-fgj-2023.policy`).stdout).toBe(evalOn("2023-01-01").stdout);
    const pinned = JSON.parse(evalOn("2023-01-01", ["--revision", "2021-121"]).stdout);
    expect(pinned.grade).toBe("B");
    expect(pinned.policy.version).toBe("2021-121");
    const byFile = JSON.parse(evalOn("2022-12-31", ["--revision", "pinglu-fgj-2023.policy"]).stdout);
    expect(byFile.policy.version).toBe("2023-test");
    const unknown = evalOn("2022-12-31", ["--revision", "2022"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^test\/fixtures\/versions\/pinglu-fgj: error CP-E0707: /);
  });

  it("is reproducible: same record, day and revision give the same bytes", () => {
    expect(evalOn("2023-01-01").stdout).toBe(evalOn("2023-01-01").stdout);
  });

  it("refuses a day before the first revision with CP-E0705 and exit 2", () => {
    const r = evalOn("2021-04-14", [], "wugang-sfj");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^wugang-sfj: error CP-E0705: .*2021-04-15/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(evalOn("2021-04-15", [], "wugang-sfj").code).toBe(0);
  });

  it("test grades each case by the revision in force on its day; --revision runs one revision's cases", () => {
    const all = cli(["test", FOLDER]);
    expect(all.code).toBe(0);
    const m = /^(\d+) passed, 0 failed$/.exec(all.lines[all.lines.length - 1] ?? "");
    const cases = (f: string) => (readFileSync(join(ROOT, FOLDER, f), "utf8").match(/^测试 /gm) ?? []).length;
    expect(Number(m?.[1])).toBe(cases("pinglu-fgj-2021.policy") + cases("pinglu-fgj-2023.policy"));
    const one = cli(["test", FOLDER, "--revision", "2023-test"]);
    expect(one.lines[one.lines.length - 1]).toBe(`${cases("pinglu-fgj-2023.policy")} passed, 0 failed`);
    // The 2023 cases under the 2021 rules: the fine of 300000.01 is a B there, and the added measure is missing.
    const wrong = cli(["test", `${FOLDER}/pinglu-fgj-2023.policy`, "--revision", "pinglu-fgj-2023.policy"]);
    expect(wrong.code).toBe(0);
  });

  it("test reports a case dated before the policy's first revision as a failure with CP-E0705", () => {
    const dir = folder({
      "p.policy": smallPolicy(`  effective 2023-01-01\n  version "1"`, {
        extra: `test "early" as of 2022-06-30 {\n  record {"id": "x"}\n  expect grade none\n}\ntest "on time" as of 2023-06-30 {\n  record {"id": "y"}\n  expect grade none\n}`,
      }),
    });
    const r = cli(["test", dir]);
    expect(r.code).toBe(1);
    expect(r.lines.find((l) => l.startsWith("FAIL"))).toMatch(/p\.policy:15:1 p "early": CP-E0705 /);
    expect(r.lines[r.lines.length - 1]).toBe("1 passed, 1 failed");
  });
});

describe("check over a folder of revisions", () => {
  it("accepts the test history of pinglu-fgj", () => {
    const r = cli(["check", FOLDER]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/CP-[EW]07/);
  });

  it("rejects overlapping revisions with CP-E0702 at the later one's effective date", () => {
    const dir = folder({
      "a.policy": smallPolicy(`  effective 2021-01-01\n  expires 2023-06-01\n  version "1"`),
      "b.policy": smallPolicy(`  effective 2023-01-01\n  version "2"`),
    });
    const r = cli(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.lines.filter((l) => / CP-E07/.test(l))).toEqual([expect.stringMatching(new RegExp(`^${dir}/b\\.policy:3:13: error CP-E0702: `))]);
    const e = cli(["eval", dir, "--input", "-", "--as-of", "2023-03-01"], { input: "" });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/b\.policy:3:13: error CP-E0702: /);
  });

  it("rejects a gap with CP-E0703 and revisions of different ids with CP-E0701", () => {
    const gap = folder({
      "a.policy": smallPolicy(`  effective 2021-01-01\n  expires 2022-07-01\n  version "1"`),
      "b.policy": smallPolicy(`  effective 2023-01-01\n  version "2"`),
    });
    const r = cli(["check", gap]);
    expect(r.code).toBe(1);
    expect(r.lines.filter((l) => / CP-E07/.test(l))).toEqual([expect.stringMatching(new RegExp(`^${gap}/b\\.policy:3:13: error CP-E0703: `))]);
    const ids = folder({
      "a.policy": smallPolicy(`  expires 2023-01-01\n  version "1"`),
      "b.policy": smallPolicy(`  effective 2023-01-01\n  version "2"`, { id: "other" }),
    });
    expect(cli(["check", ids]).lines.filter((l) => / CP-E07/.test(l))).toEqual([expect.stringMatching(/b\.policy:1:1: error CP-E0701: /)]);
  });

  it("counts a .policy beside its own .policy.yaml as one revision", () => {
    const text = smallPolicy(`  effective 2021-01-01\n  version "1"`);
    const dir = folder({ "p.policy": text });
    expect(cli(["convert", join(dir, "p.policy"), "--output", join(dir, "p.policy.yaml")]).code).toBe(0);
    const r = cli(["check", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/CP-E07/);
  });
});
