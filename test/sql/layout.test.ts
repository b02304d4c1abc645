// The relational layout is generated from the record registry (record/registry.ts) and the record
// schema, not written by hand: one table per registry part, keyed by the subject and an index per
// level of the part's chain, nested as the registry nests the parts; and a record shredded into
// rows and rebuilt from them is the same record to every policy (the evaluator's fallbacks in the
// database grade rebuilt records).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { layoutDdl } from "../../compiler/backends/sql/ddl.js";
import { DIALECT_IDS } from "../../compiler/backends/sql/dialect.js";
import { PART_IDS, PARTS, partChain } from "../../record/registry.js";
import { historyTable, indexColumn, partTable, rebuildRecord, shredRecord, TABLES, type RowObject, type Rows } from "../../record/relational.js";
import { validateRecord } from "../../record/validate.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { CORPUS_DAYS, seedPolicies } from "../codegen/generated.js";
import { randomRecords } from "../codegen/random-records.js";

describe("the relational layout follows the registry", () => {
  it.each(PART_IDS.map((id) => [id]))("%s: its table, keys and parent", (id) => {
    const t = partTable(id);
    const part = PARTS[id];
    expect(t.part).toBe(id);
    expect(t.arrayKey).toBe(part.key);
    expect(t.parent).toBe(part.parent ?? "subjects");
    expect(t.keys.map((k) => k.name)).toEqual(["subject", ...partChain(id).map((p) => indexColumn(p.id))]);
    const history = historyTable(id);
    if (history) expect(history.parent).toBe(id);
  });

  it("has no table the registry does not explain, and DDL for every table in every dialect", () => {
    const explained = new Set(["subjects", "indicators", ...PART_IDS, ...PART_IDS.flatMap((id) => historyTable(id)?.name ?? [])]);
    expect(TABLES.map((t) => t.name).filter((n) => !explained.has(n))).toEqual([]);
    for (const dialect of DIALECT_IDS) {
      const ddl = layoutDdl(dialect).join("\n");
      for (const t of TABLES) expect(ddl).toContain(`CREATE TABLE IF NOT EXISTS "${t.name}"`);
    }
  });
});

/** Rows as a database gives them back: by column name. */
function asObjects(rows: Rows): Map<string, RowObject[]> {
  return new Map(
    [...rows].map(([name, list]) => {
      const t = TABLES.find((x) => x.name === name);
      if (!t) throw new Error(name);
      return [name, list.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])))];
    }),
  );
}

describe("shredding a record into rows and rebuilding it", () => {
  const examples = readFileSync("examples/records.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const records = [...examples, ...randomRecords(400)].filter((r) => validateRecord(r).length === 0);
  const rebuilt = records.map((r, i) => {
    const rows: Rows = new Map();
    shredRecord(r, i + 1, rows);
    return rebuildRecord(asObjects(rows));
  });

  it("gives valid records", () => {
    expect(records.length).toBeGreaterThan(500);
    expect(rebuilt.filter((r) => validateRecord(r).length > 0)).toEqual([]);
  });

  it.each(seedPolicies().map((s) => [s.file, s] as const))("%s grades every rebuilt record as the original", (_file, seed) => {
    const grader = makeGrader(seed.ir, seed.sha256);
    const day = CORPUS_DAYS[0] as string;
    const differ = records.filter((r, i) => JSON.stringify(grader.grade(r, day)) !== JSON.stringify(grader.grade(rebuilt[i], day)));
    expect(differ.map((r) => r["id"])).toEqual([]);
  });
});
