// `credit-policy diff REV:PATH …` in a git repository made for the test: commit a policy, change
// it in the working tree, and diff the committed folder or file against the working one.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { DiffReport } from "../../analysis/diff/model.js";
import { cli, ROOT, STACK_TRACE } from "../cli/run-cli.js";

let repo: string;

function git(...args: string[]): string {
  return execFileSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_DATE: "2023-01-01T00:00:00+08:00", GIT_COMMITTER_DATE: "2023-01-01T00:00:00+08:00" },
  });
}

function diffJson(args: string[]): DiffReport {
  const r = cli(["diff", ...args, "--format", "json"], { cwd: repo });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as DiffReport;
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "cp-git-"));
  mkdirSync(join(repo, "policies", "pinglu-fgj"), { recursive: true });
  const file = join(repo, "policies", "pinglu-fgj", "pinglu-fgj.policy");
  const text = readFileSync(join(ROOT, "policies", "pinglu-fgj", "pinglu-fgj.policy"), "utf8");
  writeFileSync(file, text);
  git("init", "-q");
  git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "add", ".");
  git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "pinglu-fgj as issued");
  // The working tree: the fines bound lowered, as a later revision would.
  writeFileSync(file, text.replace("一年内罚款累计 不超过 50万元", "一年内罚款累计 不超过 30万元"));
});

describe("diff REV:PATH", () => {
  it("diffs the committed folder against the working one", () => {
    const report = diffJson(["HEAD:policies/pinglu-fgj", "policies/pinglu-fgj"]);
    expect(report.old.source).toBe("HEAD:policies/pinglu-fgj/pinglu-fgj.policy");
    expect(report.changes.map((c) => [c.kind, c.article, c.old, c.new])).toEqual([["threshold", "第八条（二）2", "不超过 50万元", "不超过 30万元"]]);
    expect(report.old.sha256).not.toBe(report.new.sha256);
  });

  it("takes a file path and a bare policy id in a revision too", () => {
    const byFile = diffJson(["HEAD:policies/pinglu-fgj/pinglu-fgj.policy", "policies/pinglu-fgj/pinglu-fgj.policy"]);
    const byId = diffJson(["HEAD:pinglu-fgj", "pinglu-fgj"]);
    expect(byFile.changes.map((c) => c.kind)).toEqual(["threshold"]);
    expect(byId.changes).toEqual(byFile.changes);
    // The committed policy against itself: no change.
    expect(diffJson(["HEAD:pinglu-fgj", "HEAD:policies/pinglu-fgj"]).changes).toEqual([]);
  });

  it("says clearly what is wrong with a bad revision or path (exit 2, no stack trace)", () => {
    for (const spec of ["NOPE:policies/pinglu-fgj", "HEAD:policies/no-such-policy"]) {
      const r = cli(["diff", spec, "pinglu-fgj"], { cwd: repo });
      expect(r.code, spec).toBe(2);
      expect(r.stderr).toMatch(/^credit-policy: /);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });
});
