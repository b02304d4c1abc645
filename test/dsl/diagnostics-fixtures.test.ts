import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnoseFile } from "../fixtures/diagnose.js";

const dir = join(import.meta.dirname, "..", "fixtures", "diagnostics");
const fixtures = readdirSync(dir).filter((f) => /\.policy(\.ya?ml)?$/.test(f)).sort();

describe("diagnostics fixtures (test/fixtures/diagnostics)", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });
  for (const name of fixtures) {
    it(name, () => {
      const expected = readFileSync(join(dir, name.replace(/\.policy(\.ya?ml)?$/, ".expected")), "utf8");
      expect(diagnoseFile(join(dir, name), name)).toBe(expected);
    });
  }
});
