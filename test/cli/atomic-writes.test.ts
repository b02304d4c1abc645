// D9: every command that writes a file writes it atomically. A write that fails half way (here a
// file-size limit, `ulimit -f`, which makes the kernel refuse writes past 1 KiB with EFBIG exactly
// as a full disk refuses them with ENOSPC) leaves the target as it was, no temporary file beside
// it, and exits 2 naming the file — never a policy cut mid-statement.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../cli/io.js";
import { cli, ROOT } from "./run-cli.js";

const BIN = join(ROOT, "dist", "cli", "bin.js");

/** The command with writes limited to 1 KiB per file. */
function limited(args: string[], cwd = ROOT): { code: number | null; stderr: string } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("bash", ["-c", `ulimit -f 1 && exec ${quoted}`], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stderr: r.stderr };
}

function fresh(): string {
  return mkdtempSync(join(tmpdir(), "cp-atomic-"));
}

describe("atomic writes", () => {
  it("fmt on a full disk leaves the policy whole and no temporary file", () => {
    const dir = fresh();
    const file = join(dir, "p.policy");
    // A policy well over 1 KiB that fmt must rewrite (its layout is not canonical).
    const text = readFileSync(join(ROOT, "policies", "pinglu-fgj", "pinglu-fgj.policy"), "utf8").replace(/^定义 /gm, "定义  ");
    writeFileSync(file, text);
    const r = limited(["fmt", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(readdirSync(dir)).toEqual(["p.policy"]);
    // Without the limit it is formatted in place, keeping the file's permissions.
    chmodSync(file, 0o640);
    expect(cli(["fmt", file]).code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toBe(text);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["p.policy"]);
  });

  it("convert --output, new --force and eval --output leave the earlier file as it was", () => {
    const dir = fresh();
    const yaml = join(dir, "p.policy.yaml");
    writeFileSync(yaml, "earlier\n");
    expect(limited(["convert", "policies/pinglu-fgj/pinglu-fgj.policy", "--output", yaml]).code).toBe(2);
    expect(readFileSync(yaml, "utf8")).toBe("earlier\n");

    cpSync(join(ROOT, "policies", "wugang-credit-plan"), join(dir, "plans", "wugang-credit-plan"), { recursive: true });
    const out = join(dir, "drafts");
    expect(cli(["new", "--department", "市市场监管局", "--plan", join(dir, "plans", "wugang-credit-plan"), "--output", out]).code).toBe(0);
    const [draftDir] = readdirSync(out);
    const draft = join(out, draftDir as string, `${draftDir}.policy`);
    writeFileSync(draft, "mine\n");
    expect(limited(["new", "--department", "市市场监管局", "--plan", join(dir, "plans", "wugang-credit-plan"), "--output", out, "--force"]).code).toBe(2);
    expect(readFileSync(draft, "utf8")).toBe("mine\n");

    const results = join(dir, "grades.jsonl");
    writeFileSync(results, "earlier results\n");
    expect(limited(["eval", "pinglu-fgj", "--input", "examples/records.jsonl", "--as-of", "2021-12-31", "--output", results, "--quiet"]).code).toBe(2);
    expect(readFileSync(results, "utf8")).toBe("earlier results\n");
    for (const d of [dir, join(out, draftDir as string)]) expect(readdirSync(d).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("eval may write its results over its own input: they replace it only once all are written", () => {
    const dir = fresh();
    const file = join(dir, "records.jsonl");
    writeFileSync(file, '{"id":"a"}\n{"id":"b"}\n');
    const r = cli(["eval", "pinglu-fgj", "--input", file, "--as-of", "2021-12-31", "--output", file, "--quiet"]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(["a", "b"]);
  });

  it("writes through a symbolic link to its target, and refuses a missing folder with exit 2", () => {
    const dir = fresh();
    writeFileAtomic(join(dir, "x.txt"), "one");
    symlinkSync(join(dir, "x.txt"), join(dir, "link.txt"));
    writeFileAtomic(join(dir, "link.txt"), "two");
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "x.txt"), "utf8")).toBe("two");
    expect(() => writeFileAtomic(join(dir, "no", "x.txt"), "two")).toThrow(/no.x\.txt is unchanged/);
    expect(cli(["convert", "pinglu-fgj", "--output", join(dir, "no", "p.policy.yaml")]).code).toBe(2);
  });
});
