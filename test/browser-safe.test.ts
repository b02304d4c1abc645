// The browser-safe core (diagnostics, record, dsl, compiler, ingest, runtime, analysis, and the editor's page
// code) must run unchanged in a browser. Its imports — no node:* or Node builtin, nothing from cli/
// — are checked by the dependency rule (.dependency-cruiser.cjs, test/architecture/layers.test.ts).
// What an import graph cannot see is checked here: the Node globals `process` and CommonJS `require`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const CORE = ["diagnostics", "record", "dsl", "compiler", "ingest", "runtime", "analysis", "editor/src"];
const EXCLUDED: string[] = [];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (EXCLUDED.some((x) => relative(ROOT, p) === x)) return [];
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

describe("the core uses no Node globals", () => {
  const files = CORE.flatMap((d) => sources(join(ROOT, d)));
  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(20);
  });
  for (const file of files) {
    it(relative(ROOT, file), () => {
      const text = readFileSync(file, "utf8");
      expect(text).not.toMatch(/\brequire\(/);
      expect(text).not.toMatch(/\bprocess\.(env|argv|exit|stdout|stderr|cwd)/);
    });
  }
});
