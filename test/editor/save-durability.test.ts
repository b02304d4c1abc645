// D17, durability: an editor save fsyncs its temporary file before the rename puts it in place, and
// then the folder (so the rename survives a power cut). Every fsync of a file handle is recorded
// with the path the kernel names for its descriptor (/proc/self/fd: Linux, as CI) and what the target held then.
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { savePolicy, sha256Hex } from "../../editor/server/file-api.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("an editor save", () => {
  it("fsyncs the temporary file before the rename, then the folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "cpe-durable-"));
    dirs.push(root);
    mkdirSync(join(root, "p"));
    const target = join(root, "p", "p.policy");
    writeFileSync(target, "# before\n");

    // FileHandle's prototype, reached through a handle (the class is not exported).
    const probe = await open(target, "r");
    const proto = Object.getPrototypeOf(probe) as FileHandle & { sync: () => Promise<void> };
    await probe.close();
    const original = proto.sync;
    const synced: { path: string; targetHeld: string; bytes: string | null }[] = [];
    proto.sync = function (this: FileHandle) {
      const path = readlinkSync(`/proc/self/fd/${this.fd}`);
      let bytes: string | null = null;
      try {
        bytes = readFileSync(path, "utf8");
      } catch {
        // a folder
      }
      synced.push({ path, targetHeld: readFileSync(target, "utf8"), bytes });
      return original.call(this);
    };
    try {
      const r = await savePolicy(root, { path: "p/p.policy", text: "# after\n", baseSha256: sha256Hex("# before\n") });
      expect(r).toMatchObject({ ok: true });
    } finally {
      proto.sync = original;
    }

    expect(readFileSync(target, "utf8")).toBe("# after\n");
    expect(readdirSync(join(root, "p"))).toEqual(["p.policy"]);
    // The temporary file, beside the target and holding the new text, is synced while the target
    // still holds the old text; the folder is synced after.
    const tmp = synced.findIndex((s) => s.path !== target && s.path.startsWith(join(root, "p") + "/") && basename(s.path).includes("p.policy"));
    expect(tmp).toBeGreaterThanOrEqual(0);
    expect(synced[tmp]).toMatchObject({ targetHeld: "# before\n", bytes: "# after\n" });
    const dir = synced.findIndex((s) => s.path === join(root, "p"));
    expect(dir).toBeGreaterThan(tmp);
  });
});
