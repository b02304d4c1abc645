// Every solver fixture (test/fixtures/analysis/*.policy) reports exactly the warnings its .expected
// file lists: codes and positions.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeFixture } from "../fixtures/analyze-fixture.js";

const dir = join(import.meta.dirname, "..", "fixtures", "analysis");
const files = readdirSync(dir).filter((f) => f.endsWith(".policy")).sort();

describe("solver fixtures", () => {
  it("has fixtures", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const name of files) {
    it(name, async () => {
      const expected = readFileSync(join(dir, name.replace(/\.policy$/, ".expected")), "utf8");
      expect(await analyzeFixture(join(dir, name), name)).toBe(expected);
    });
  }
});
