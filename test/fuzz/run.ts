// `npm run fuzz -- --runs N [--target records|batches|policies|all] [--seed S]`: the long fuzz runs.
// Records: N single records through the reader and both engines, and N/20 batches (JSON Lines,
// JSON arrays, CSV); policies: N policies. A failure is kept as a regression case file in
// test/fixtures/fuzz-regressions/ (test/fuzz/regressions.test.ts runs them all in npm test) and
// the run exits 1; the figures go to standard output (RELIABILITY.md quotes them).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { batchProperty, keepCase, policyProperty, recordProperty, seedPolicies, stats } from "./targets.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "1000" }, target: { type: "string", default: "all" }, seed: { type: "string" } },
});
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error("--runs takes a whole number");
const target = values.target ?? "all";
if (!["records", "batches", "policies", "all"].includes(target)) throw new Error("--target is records, batches, policies or all");
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() ^ (Math.random() * 0x7fffffff);

/** Runs in slices, so progress shows and memory of fast-check's bookkeeping stays small. */
async function run(name: "records" | "batches" | "policies", total: number, make: () => fc.IRawProperty<unknown[], boolean>): Promise<boolean> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const slice = Math.min(total, name === "policies" ? 500 : 10_000);
  for (let done = 0, k = 0; done < total; k++) {
    const n = Math.min(slice, total - done);
    const result = await fc.check(make() as fc.IAsyncPropertyWithHooks<unknown[]>, { numRuns: n, seed: seed + k, endOnFailure: false, verbose: 0 });
    if (result.failed) {
      const file = result.counterexample ? keepCase(name, result.counterexample) : "(no counterexample)";
      console.log(`${name}: FAILED after ${done + result.numRuns} runs (seed ${seed + k}, path ${result.counterexamplePath}): ${String(result.errorInstance).split("\n")[0]}`);
      console.log(`  kept as test/fixtures/fuzz-regressions/${file}`);
      return false;
    }
    done += n;
    if (process.stderr.isTTY) process.stderr.write(`\r${name}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`);
  }
  if (process.stderr.isTTY) process.stderr.write("\n");
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`${name}: ${total.toLocaleString("en")} runs, 0 failures, ${seconds.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU (seed ${seed})`);
  return true;
}

console.log(`credit-policy fuzz: ${runs.toLocaleString("en")} runs, target ${target}, node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
seedPolicies();
let ok = true;
if (target === "records" || target === "all") ok = (await run("records", runs, recordProperty)) && ok;
if (target === "batches" || target === "records" || target === "all") ok = (await run("batches", target === "batches" ? runs : Math.max(1, Math.ceil(runs / 20)), batchProperty)) && ok;
if (target === "policies" || target === "all") ok = (await run("policies", runs, policyProperty)) && ok;
console.log(
  `totals: ${stats.records.toLocaleString("en")} single records, ${stats.batches.toLocaleString("en")} batches (${stats.batchLines.toLocaleString("en")} lines), ` +
    `${stats.policies.toLocaleString("en")} policies (${stats.parsed.toLocaleString("en")} parsed, ${stats.compiled.toLocaleString("en")} compiled, ${stats.gradedPairs.toLocaleString("en")} gradings on both engines); ` +
    `load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`,
);
process.exitCode = ok ? 0 : 1;
