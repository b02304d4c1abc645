// Fuzzing in npm test (issue 12): short runs of every target with a fresh seed each time (so CI,
// running every day, explores new inputs; FUZZ_SEED repeats a run). `npm run fuzz -- --runs N` runs
// them long; a failure there is kept in test/fixtures/fuzz-regressions/ and replayed by
// regressions.test.ts. fast-check prints the seed and the shrunk counterexample of a failure.
import fc from "fast-check";
import { describe, it } from "vitest";
import { batchProperty, policyProperty, recordProperty } from "./targets.js";

const seed = process.env["FUZZ_SEED"] !== undefined ? Number(process.env["FUZZ_SEED"]) : undefined;
const options = (numRuns: number) => ({ numRuns, ...(seed !== undefined ? { seed } : {}) });

describe("fuzzing (short runs)", () => {
  it("records: one line each, the same from both engines, errors with a code and a path", () => {
    fc.assert(recordProperty(), options(400));
  });

  it("batches of JSON Lines, JSON arrays and CSV read in random pieces: one line per record, in order", async () => {
    await fc.assert(batchProperty(), options(150));
  });

  it("policies from the grammar and mutated: diagnostics with positions, fmt idempotent, DSL → YAML → DSL the same AST, engines agree", () => {
    fc.assert(policyProperty(), options(60));
  });
});
