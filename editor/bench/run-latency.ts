// `npm run bench:editor`: serve the editor, open its benchmark page (bench.html) in headless
// Chromium and print the typing latency — recompile + rerun every case of the largest policy —
// as median and p95 over many runs. A benchmark, not a test: it reports, it does not judge.
//   npm run bench:editor -- [--runs N] [--warmup N] [--policy PATH]
import { launchChromium, startEditorServer } from "../server/harness.js";

const BUDGET_MS = 50;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

const server = await startEditorServer({});
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage();
  const query = new URLSearchParams({ runs: arg("runs", "200"), warmup: arg("warmup", "20") });
  const policy = arg("policy", "");
  if (policy) query.set("policy", policy);
  await page.goto(`${server.origin}/bench.html?${query}&token=${server.token}`);
  await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, null, { timeout: 600_000 });
  const r = (await page.evaluate(() => (window as unknown as { __benchResult: unknown }).__benchResult)) as Record<string, unknown> & {
    error?: string;
    roundTripMs: Stats;
    workerTotalMs: Stats;
    compileMs: Stats;
    casesMs: Stats;
  };
  if (r.error) throw new Error(r.error);
  const row = (label: string, s: Stats) =>
    `${label.padEnd(34)} median ${s.median.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   min ${s.min.toFixed(1).padStart(6)}   max ${s.max.toFixed(1).padStart(6)}`;
  console.log(`policy ${r["policy"]} (${r["bytes"]} bytes, ${r["lines"]} lines, ${r["cases"]} cases), ${r["runs"]} runs after ${r["warmup"]} warm-up`);
  console.log(String(r["userAgent"]));
  console.log(row("keystroke → markers + cases (page)", r.roundTripMs));
  console.log(row("  in the worker: total", r.workerTotalMs));
  console.log(row("  in the worker: compile", r.compileMs));
  console.log(row("  in the worker: run every case", r.casesMs));
  console.log(`budget ${BUDGET_MS} ms: median ${r.roundTripMs.median < BUDGET_MS ? "within" : "OVER"}, p95 ${r.roundTripMs.p95 < BUDGET_MS ? "within" : "OVER"}`);
  console.log(JSON.stringify(r));
} finally {
  await chromium.close();
  await server.close();
}
