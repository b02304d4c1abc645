// Every failure the fuzzer found, kept as a file in test/fixtures/fuzz-regressions/ and replayed
// here: policies (.policy, .policy.yaml) through every policy property; single records and batches
// (.case.json) through the reader and both engines. Adding a case is adding a file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkBatchCase, checkPolicyCase, checkRecordLine, REGRESSIONS, seedByFile } from "./targets.js";

const files = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => !f.endsWith(".md")).sort() : [];
const RECORDS: unknown[] = [{ id: "r" }, { id: "s", sanctions: [{ date: "2021-06-01", status: "in_force", violations: [{ severe: true, penalties: [{ kind: "fine", amount: 600000 }] }] }] }, "not an object"];

describe("fuzz regression cases", () => {
  it("are kept as files", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const name of files) {
    it(name, async () => {
      const text = readFileSync(join(REGRESSIONS, name), "utf8");
      if (/\.policy(\.ya?ml)?$/.test(name)) return checkPolicyCase(text, name, RECORDS);
      const c = JSON.parse(text) as { text?: string; input?: string; policy?: string; day: string };
      if (name.startsWith("record-")) return checkRecordLine(c.text as string, seedByFile(c.policy), c.day);
      const batch = JSON.parse(text) as Parameters<typeof checkBatchCase>[0] & { input: string };
      return checkBatchCase({ ...batch, input: Buffer.from(batch.input, "base64") }, seedByFile(c.policy), c.day);
    });
  }
});
