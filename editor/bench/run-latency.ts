// `npm run bench:editor`: keystroke to result in the real editor. It serves the editor, opens the
// largest policy in headless Chromium and types into Monaco as a person does — bursts of a few
// keystrokes 60–160 ms apart — and times, in the page, from the last keystroke of each burst to the
// moment the editor has drawn the markers and the cases for that text (the language server in
// the worker waits for a pause, analyses, the page renders). Also: the first edit after opening a
// file, and the worker's own compile and cases times. A benchmark, not a test: it reports.
//   npm run bench:editor -- [--runs N] [--warmup N] [--policy PATH]
import { loadavg } from "node:os";
import { launchChromium, startEditorServer } from "../server/harness.js";

const BUDGET_MS = 100;

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

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
  return { median: at(0.5), p95: at(0.95), min: s[0] as number, max: s[s.length - 1] as number, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

const runs = Number(arg("runs", "120"));
const warmup = Number(arg("warmup", "10"));

// In the page, as a string (no bundler helpers): one burst of keystrokes, then the time from its
// last keystroke until the editor drew the summary of that version.
const BURST = `async ({ line, keys }) => {
  const h = window.__cpEditor;
  const ed = h.editor;
  const model = ed.getModel();
  const col = model.getLineMaxColumn(line);
  ed.setPosition({ lineNumber: line, column: col });
  let last = 0;
  for (let i = 0; i < keys; i++) {
    await new Promise((r) => setTimeout(r, 60 + Math.random() * 100));
    // A space typed, then taken back: the policy stays valid, so every run grades every case.
    if (model.getLineMaxColumn(line) > col) ed.trigger("keyboard", "deleteLeft", null);
    else ed.trigger("keyboard", "type", { text: " " });
    last = performance.now();
  }
  const version = model.getVersionId();
  const deadline = last + 10000;
  while (h.rendered().version !== version && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
  const r = h.rendered();
  if (r.version !== version) return { error: "no result within 10 s" };
  const t = h.summary().timings;
  return { latency: r.at - last, worker: t.totalMs, compile: t.compileMs, cases: t.casesMs };
}`;

const server = await startEditorServer({});
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 180_000 });
  // The file API wants the session token the page was given (editor/server/security.ts).
  const files = (await page.evaluate(`fetch('/api/policies', { headers: { "X-Credit-Policy-Token": ${JSON.stringify(server.token)} } }).then((r) => r.json())`)) as { files: { path: string; size: number }[] };
  const pick = arg("policy", "") || [...files.files].sort((a, b) => b.size - a.size)[0]?.path;
  if (!pick) throw new Error("no policy to benchmark");
  // The first edit after opening a file (the file list click, then one keystroke at once).
  await page.click(`#file-list li[data-path="${pick}"]`);
  await page.waitForFunction((p) => (window as unknown as { __cpEditor: { activePath(): string } }).__cpEditor.activePath() === p, pick);
  await page.waitForSelector("body[data-ready='1']");
  const lines = (await page.evaluate("window.__cpEditor.text().split('\\n').length")) as number;
  const line = Math.floor(lines / 2);
  const first = (await page.evaluate(`(${BURST})({ line: ${line}, keys: 1 })`)) as { latency: number; error?: string };
  if (first.error) throw new Error(first.error);
  const latency: number[] = [];
  const worker: number[] = [];
  const compile: number[] = [];
  const cases: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const keys = 1 + (i % 4);
    const r = (await page.evaluate(`(${BURST})({ line: ${line}, keys: ${keys} })`)) as { latency: number; worker: number; compile: number; cases: number; error?: string };
    if (r.error) throw new Error(r.error);
    if (i < warmup) continue;
    latency.push(r.latency);
    worker.push(r.worker);
    compile.push(r.compile);
    cases.push(r.cases);
  }
  const summary = (await page.evaluate("window.__cpEditor.summary()")) as { cases: unknown[] | null };
  const userAgent = (await page.evaluate("navigator.userAgent")) as string;
  const s = { latency: stats(latency), worker: stats(worker), compile: stats(compile), cases: stats(cases) };
  const row = (label: string, x: Stats) =>
    `${label.padEnd(40)} median ${x.median.toFixed(1).padStart(6)} ms   p95 ${x.p95.toFixed(1).padStart(6)} ms   min ${x.min.toFixed(1).padStart(6)}   max ${x.max.toFixed(1).padStart(6)}`;
  console.log(`policy ${pick} (${lines} lines, ${summary.cases?.length ?? 0} cases), ${runs} bursts of 1–4 keystrokes after ${warmup} warm-up`);
  console.log(`${userAgent}; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} (${process.env["CI"] ? "CI" : "shared machine"})`);
  console.log(`first edit after opening the file: ${first.latency.toFixed(1)} ms`);
  console.log(row("last keystroke → markers + cases drawn", s.latency));
  console.log(row("  in the worker: analysis", s.worker));
  console.log(row("  in the worker: compile", s.compile));
  console.log(row("  in the worker: run every case", s.cases));
  console.log(`budget ${BUDGET_MS} ms: median ${s.latency.median < BUDGET_MS ? "within" : "OVER"}, p95 ${s.latency.p95 < BUDGET_MS ? "within" : "OVER"}`);
  console.log(JSON.stringify({ policy: pick, lines, runs, warmup, userAgent, loadavg: loadavg(), firstEditMs: first.latency, ...s }));
} finally {
  await chromium.close();
  await server.close();
}
