// `list` keeps its rows in a cache keyed by the build and the policy files' text: a second run
// prints exactly what the first did, and a policy that changes is compiled again.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "cp-list-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function list(cwd: string): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), "list", "--json"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, XDG_CACHE_HOME: join(dir, "cache") },
  });
  return { code: r.status, stdout: r.stdout };
}

describe("list's row cache", () => {
  it("prints the same rows from the cache, and notices a changed policy", () => {
    const work = join(dir, "work");
    cpSync(join(ROOT, "policies", "pinglu-fgj"), join(work, "policies", "pinglu-fgj"), { recursive: true });
    const cold = list(work);
    expect(cold.code).toBe(0);
    expect(readFileSync(join(dir, "cache", "credit-policy", "list-rows.json"), "utf8")).toContain("pinglu-fgj");
    const warm = list(work);
    expect(warm).toEqual(cold);
    const rowsOf = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l) as { id: string; title: string | null; ok: boolean });
    const file = join(work, "policies", "pinglu-fgj", "pinglu-fgj.policy");
    // A title changed in the policy alone no longer matches its source text (fidelity); changed in
    // the source text too, it shows; a policy that no longer compiles says so.
    const source = join(work, "policies", "pinglu-fgj", "pinglu-fgj-2021-121.txt");
    const retitle = (f: string) => writeFileSync(f, readFileSync(f, "utf8").replaceAll("信用分级分类监管制度（试行）", "信用分级分类监管制度（修订）"));
    retitle(file);
    expect(rowsOf(list(work).stdout).find((r) => r.id === "pinglu-fgj")?.ok).toBe(false);
    retitle(source);
    const renamed = rowsOf(list(work).stdout).find((r) => r.id === "pinglu-fgj");
    expect(renamed?.title).toContain("（修订）");
    expect(renamed?.ok).toBe(true);
    writeFileSync(file, readFileSync(file, "utf8") + "\n这不是政策语言\n");
    expect(rowsOf(list(work).stdout).find((r) => r.id === "pinglu-fgj")?.ok).toBe(false);
  });
});
