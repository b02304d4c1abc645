// The core (dsl/, compiler/, runtime/ except the CLI) must run unchanged in a browser.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const CORE = ["diagnostics", "record", "dsl", "compiler", "runtime", "analysis"];
const EXCLUDED: string[] = [];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (EXCLUDED.some((x) => relative(ROOT, p) === x)) return [];
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

describe("the core is browser-safe", () => {
  const files = CORE.flatMap((d) => sources(join(ROOT, d)));
  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(20);
  });
  for (const file of files) {
    it(relative(ROOT, file), () => {
      const text = readFileSync(file, "utf8");
      expect(text).not.toMatch(/from\s+["']node:|require\(|import\(["']node:/);
      expect(text).not.toMatch(/\bprocess\.(env|argv|exit|stdout|stderr|cwd)/);
      expect(text).not.toMatch(/from\s+["'](fs|path|os|child_process|stream|url|util)["']/);
      expect(text).not.toMatch(/from\s+["'][./]+\/(runtime\/)?cli\//);
    });
  }
});
