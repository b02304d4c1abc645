// `npm run fuzz -- --runs N [--target records|batches|policies|all] [--seed S] [--jobs J]`: the long
// fuzz runs. Records: N single records through the reader and both engines, and N/20 batches (JSON
// Lines, JSON arrays, CSV); policies: N policies. The runs are shared among J worker threads
// (default: one per core), each with its own seed. A failure is kept as a regression case file in
// test/fixtures/fuzz-regressions/ (test/fuzz/regressions.test.ts replays them in npm test) and the
// run exits 1; the figures go to standard output (RELIABILITY.md quotes them).
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import fc from "fast-check";
import { batchProperty, keepCase, policyProperty, recordProperty, seedPolicies, stats } from "./targets.js";

type Target = "records" | "batches" | "policies";
interface Job {
  target: Target;
  runs: number;
  seed: number;
}
interface Outcome {
  target: Target;
  runs: number;
  cpu: number;
  failure?: string;
  stats: typeof stats;
}

const PROPERTIES = { records: recordProperty, batches: batchProperty, policies: policyProperty } as const;

/** One job: its runs in slices (fast-check's bookkeeping stays small), stopping at the first failure. */
async function runJob(job: Job): Promise<Outcome> {
  seedPolicies();
  const cpu = process.cpuUsage();
  const slice = Math.min(job.runs, job.target === "policies" ? 250 : 5_000);
  for (let done = 0, k = 0; done < job.runs; k++) {
    const n = Math.min(slice, job.runs - done);
    const seed = (job.seed + k * 7919) | 0;
    const result = await fc.check(PROPERTIES[job.target]() as unknown as fc.IAsyncPropertyWithHooks<unknown[]>, { numRuns: n, seed, endOnFailure: false, verbose: 0 });
    if (result.failed) {
      const file = result.counterexample ? keepCase(job.target, result.counterexample) : "(no counterexample)";
      const failure = `FAILED after ${done + result.numRuns} runs (seed ${seed}, path ${result.counterexamplePath}): ${String(result.errorInstance).split("\n")[0]}\n  kept as test/fixtures/fuzz-regressions/${file}`;
      return { target: job.target, runs: done + result.numRuns, cpu: cpuSeconds(cpu), failure, stats: { ...stats } };
    }
    done += n;
    parentPort?.postMessage({ progress: n, target: job.target });
  }
  return { target: job.target, runs: job.runs, cpu: cpuSeconds(cpu), stats: { ...stats } };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

if (!isMainThread) {
  const outcome = await runJob(workerData as Job);
  parentPort?.postMessage({ outcome });
} else {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "1000" }, target: { type: "string", default: "all" }, seed: { type: "string" }, jobs: { type: "string" } },
  });
  const runs = Number(values.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error("--runs takes a whole number");
  const target = values.target ?? "all";
  if (!["records", "batches", "policies", "all"].includes(target)) throw new Error("--target is records, batches, policies or all");
  const seed = values.seed !== undefined ? Number(values.seed) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const jobs = Math.max(1, Number(values.jobs ?? availableParallelism()));
  const plan: [Target, number][] = [];
  if (target === "records" || target === "all") plan.push(["records", runs]);
  if (target === "batches") plan.push(["batches", runs]);
  else if (target === "records" || target === "all") plan.push(["batches", Math.max(1, Math.ceil(runs / 20))]);
  if (target === "policies" || target === "all") plan.push(["policies", runs]);

  console.log(`credit-policy fuzz: target ${target}, seed ${seed}, ${jobs} worker thread(s), node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const totals = { records: 0, batches: 0, batchLines: 0, policies: 0, parsed: 0, compiled: 0, gradedPairs: 0 };
  let ok = true;
  for (const [t, total] of plan) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const share = (j: number) => Math.floor(total / jobs) + (j < total % jobs ? 1 : 0);
    let progressed = 0;
    const outcomes = await Promise.all(
      Array.from({ length: jobs }, (_, j) => share(j))
        .map((n, j) => ({ n, j }))
        .filter(({ n }) => n > 0)
        .map(
          ({ n, j }) =>
            new Promise<Outcome>((resolve, reject) => {
              const w = new Worker(new URL("./worker.mjs", import.meta.url), { workerData: { target: t, runs: n, seed: (seed + j * 104729) | 0 } satisfies Job });
              w.on("message", (m: { progress?: number; outcome?: Outcome }) => {
                if (m.outcome) resolve(m.outcome);
                else if (m.progress && process.stderr.isTTY) {
                  progressed += m.progress;
                  process.stderr.write(`\r${t}: ${progressed.toLocaleString("en")} / ${total.toLocaleString("en")}`);
                }
              });
              w.on("error", reject);
            }),
        ),
    );
    if (process.stderr.isTTY) process.stderr.write("\n");
    const done = outcomes.reduce((a, o) => a + o.runs, 0);
    // The process's CPU time over all its threads (a worker's own reading would count the others too).
    const cpu = cpuSeconds(cpuStart);
    for (const o of outcomes) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += o.stats[k];
    const failures = outcomes.filter((o) => o.failure);
    const wall = (performance.now() - started) / 1000;
    if (failures.length) {
      ok = false;
      for (const f of failures) console.log(`${t}: ${f.failure}`);
    } else console.log(`${t}: ${done.toLocaleString("en")} runs, 0 failures, ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
  }
  console.log(
    `totals: ${totals.records.toLocaleString("en")} single records, ${totals.batches.toLocaleString("en")} batches (${totals.batchLines.toLocaleString("en")} lines), ` +
      `${totals.policies.toLocaleString("en")} policies (${totals.parsed.toLocaleString("en")} parsed, ${totals.compiled.toLocaleString("en")} compiled, ${totals.gradedPairs.toLocaleString("en")} gradings on both engines); ` +
      `load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`,
  );
  process.exitCode = ok ? 0 : 1;
}
