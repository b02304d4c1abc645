// The differential corpus through the SQL backend on DuckDB (embedded) and PostgreSQL as PGlite
// (PostgreSQL compiled to WebAssembly, in this process). A real PostgreSQL server runs the same
// corpus in postgres-server.test.ts. Figures go to the test output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSeed, loadCorpus, rejectedDifferences, SEEDS, type Loaded } from "./corpus.js";

for (const [engine, url] of [
  ["DuckDB", "duckdb::memory:"],
  ["PostgreSQL (PGlite)", "pglite::memory:"],
] as const) {
  describe(`${engine}: the SQL query grades the differential corpus as the evaluator does`, () => {
    let loaded: Loaded;
    beforeAll(async () => {
      loaded = await loadCorpus(url);
    }, 300_000);
    afterAll(async () => {
      await loaded?.db.close();
    });

    it("loads every valid record and rejects the others with eval's error lines", () => {
      const { rejected, differences } = rejectedDifferences(loaded);
      expect(rejected).toBeGreaterThan(5);
      expect(loaded.records.size).toBeGreaterThan(1500);
      expect(differences).toEqual([]);
    });

    it.each(SEEDS.map((s) => [s.file, s] as const))("%s: 0 differences on every corpus day", async (_file, seed) => {
      const f = await gradeSeed(loaded, seed);
      console.log(`${engine} ${f.policy}: ${f.gradings} gradings, ${f.differences.length} differences, ${f.fallbacks} left to the evaluator (${f.needlessFallbacks} without an error)`);
      expect(f.differences).toEqual([]);
      expect(f.gradings).toBeGreaterThan(5000);
      // The query itself grades every record the evaluator grades without an error.
      expect(f.needlessFallbacks).toBe(0);
    });
  });
}
