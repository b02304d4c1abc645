// How long the semantic diff takes, in process (built dist/; run `npm run build` first):
//   node bench/diff-speed.mjs [RUNS]
// For each pair: the whole diff (changes + witness search) and the comparison alone, median and
// p95 over RUNS, then the impact counter's throughput over the example records repeated 100 times.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { compilePolicy } = await import(join(ROOT, "dist/compiler/compile.js"));
const { diffPolicies, ImpactCounter } = await import(join(ROOT, "dist/analysis/diff/index.js"));
const { makeGrader } = await import(join(ROOT, "dist/runtime/evaluate.js"));

const RUNS = Number(process.argv[2] ?? 20);
const PAIRS = [
  ["policies/pinglu-fgj/pinglu-fgj.policy", "policies/wugang-sfj/wugang-sfj.policy"],
  ["test/fixtures/versions/pinglu-fgj/pinglu-fgj-2021.policy", "test/fixtures/versions/pinglu-fgj/pinglu-fgj-2023.policy"],
];

const ir = (f) => compilePolicy(readFileSync(join(ROOT, f), "utf8"), f).ir;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
function time(fn) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return `median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
}

const records = readFileSync(join(ROOT, "examples/records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const many = Array.from({ length: 100 }, () => records).flat();
for (const [a, b] of PAIRS) {
  const A = ir(a);
  const B = ir(b);
  const whole = time(() => diffPolicies(A, B, { asOf: "2021-12-31" }));
  const compare = time(() => diffPolicies(A, B, { asOf: "2021-12-31", witnesses: false }));
  const counter = new ImpactCounter({ old: makeGrader(A, ""), new: makeGrader(B, "") }, new Map(), "examples", "2021-12-31");
  const t0 = performance.now();
  many.forEach((r, i) => counter.add(i + 1, r));
  const s = (performance.now() - t0) / 1000;
  console.log(`${a} → ${b}\n  diff: ${whole}; comparison alone: ${compare}\n  impact: ${many.length} records in ${s.toFixed(2)} s, ${Math.round(many.length / s)} records/s`);
}
