// The typing-latency benchmark the editor ships (bench.html; `npm run bench:editor` drives it in
// headless Chromium). After each simulated keystroke the page sends the whole policy text to the
// same analysis worker the editor uses, which recompiles it with the real compiler and reruns
// every test case; we time the round trip (what a person waits for after the debounce) and the
// worker's own compile + cases time. The keystroke keeps the policy valid, so every run grades
// every case.
import * as api from "./api.js";
import { AnalysisClient } from "./worker/client.js";

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
  return { median: at(0.5), p95: at(0.95), min: s[0] as number, max: s[s.length - 1] as number, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function run(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const runs = Number(q.get("runs") ?? 200);
  const warmup = Number(q.get("warmup") ?? 20);
  const files = await api.listPolicies();
  const pick = q.get("policy") ?? [...files].sort((a, b) => b.size - a.size)[0]?.path;
  if (!pick) throw new Error("no policy to benchmark");
  const base = (await api.readPolicy(pick)).text;
  const lines = base.split("\n");
  // The keystroke: a space typed at (or deleted from) the end of a line in the middle of the file.
  const at = Math.floor(lines.length / 2);
  const variant = (i: number) => (i % 2 === 0 ? base : [...lines.slice(0, at), `${lines[at]} `, ...lines.slice(at + 1)].join("\n"));
  const client = new AnalysisClient();
  const roundTrip: number[] = [];
  const worker: number[] = [];
  const compile: number[] = [];
  const cases: number[] = [];
  let caseCount = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const text = variant(i);
    const t0 = performance.now();
    const s = await client.analyze(pick, text, i);
    const dt = performance.now() - t0;
    if (!s.ok || !s.cases) throw new Error(`${pick} does not compile: ${s.diagnostics.map((d) => d.code).join(", ")}`);
    caseCount = s.cases.length;
    if (i < warmup) continue;
    roundTrip.push(dt);
    worker.push(s.timings.totalMs);
    compile.push(s.timings.compileMs);
    cases.push(s.timings.casesMs);
  }
  const result = {
    policy: pick,
    bytes: new TextEncoder().encode(base).length,
    lines: lines.length,
    cases: caseCount,
    runs,
    warmup,
    userAgent: navigator.userAgent,
    roundTripMs: stats(roundTrip),
    workerTotalMs: stats(worker),
    compileMs: stats(compile),
    casesMs: stats(cases),
  };
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
  document.getElementById("result")!.textContent = JSON.stringify(result, null, 2);
}

run().catch((e: unknown) => {
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String(e) };
  document.getElementById("result")!.textContent = String(e);
});
