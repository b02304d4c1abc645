// What the import keeps until the end goes to a temporary file past a memory budget
// (cli/import/spill.ts): the texts read back are the texts put, and an import that spills
// everything writes the same records and rejects, byte for byte, as one that keeps all in memory.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { importCommand, type ImportOptions } from "../../cli/import/run-import.js";
import { SpillStore } from "../../cli/import/spill.js";
import { ROOT } from "../cli/run-cli.js";

const EX = join(ROOT, "examples", "shuanggongshi");
const TMP = mkdtempSync(join(tmpdir(), "cp-spill-"));

describe("SpillStore", () => {
  const texts = Array.from({ length: 500 }, (_, i) => `["平交罚〔2021〕${i}号",${i},"2021-06-0${i % 9}",${"x".repeat(i % 37)}]`);
  texts.push("长".repeat(300)); // longer than a block

  it.each([
    ["all in memory", { memoryBytes: 2 ** 20, blockBytes: 256 }, false],
    ["all but the last block in the file", { memoryBytes: 0, blockBytes: 256 }, true],
    ["some in memory, the rest in the file", { memoryBytes: 4096, blockBytes: 256 }, true],
  ] as const)("%s: every text read back as put", (_, options, spills) => {
    const store = new SpillStore({ ...options, dir: TMP });
    const handles = texts.map((t) => store.put(t));
    expect(store.spilled).toBe(spills);
    // Read back out of order, twice.
    for (const i of [...handles.keys()].reverse()) expect(store.get(handles[i] as number)).toBe(texts[i]);
    expect(handles.map((h) => store.get(h))).toEqual(texts);
    expect(() => store.get(handles.length)).toThrow(RangeError);
    store.close();
  });
});

async function runImport(name: string, spill: ImportOptions["spill"]) {
  const output = join(TMP, `${name}.jsonl`);
  const rejects = join(TMP, `${name}-rejects.jsonl`);
  const stderr = new PassThrough();
  let summary = "";
  stderr.on("data", (c) => (summary += String(c)));
  const files = ["penalties-2018.csv", "penalties-2016-gbk.csv", "lists.csv", "repairs.csv"].map((f) => join(EX, f));
  const code = await importCommand({ files, output, rejects, ...(spill ? { spill } : {}) }, { stdout: new PassThrough(), stderr });
  return { code, records: readFileSync(output, "utf8"), rejects: readFileSync(rejects, "utf8"), summary };
}

describe("an import that spills", () => {
  it("writes the same records and rejects as one kept in memory", async () => {
    const inMemory = await runImport("memory", undefined);
    const spilled = await runImport("spilled", { memoryBytes: 0, blockBytes: 512, dir: TMP });
    // The samples have rejects (exit 3), merged duplicates, list entries and status changes.
    expect(inMemory.code).toBe(3);
    expect(inMemory.records).toMatch(/"status_history"/);
    expect(inMemory.records).toMatch(/"lists"/);
    expect(inMemory.records.split("\n").some((l) => (l.match(/"rows":\[\{[^\]]*\},\{/g) ?? []).length > 0)).toBe(true);
    expect(spilled.code).toBe(inMemory.code);
    expect(spilled.records).toBe(inMemory.records);
    expect(spilled.rejects).toBe(inMemory.rejects);
    expect(spilled.summary.split("\n").pop()).toBe(inMemory.summary.split("\n").pop());
  });
});
