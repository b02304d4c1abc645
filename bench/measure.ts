// One engine's throughput and memory, in a process of its own (so its peak memory is its own):
// `node --import tsx bench/measure.ts ENGINE N`. Builds N records of the seeded dataset, warms up,
// grades passes over them until MIN_SECONDS have gone by, prints one JSON line.
import { AS_OF, records } from "./dataset.js";
import { ENGINES } from "./engines/index.js";
import type { Grade } from "./pinglu-hand.js";

const MIN_SECONDS = Number(process.env["CP_BENCH_SECONDS"] ?? 3);
const [name, n] = [process.argv[2], Number(process.argv[3] ?? 100_000)];
const engine = ENGINES.find((e) => e.name === name);
if (!engine) throw new Error(`no engine ${name}; one of ${ENGINES.map((e) => e.name).join(", ")}`);

const data = [...records(n)];
const grade = await engine.load(AS_OF);
const tally = new Map<Grade, number>();
const count = (g: Grade) => tally.set(g, (tally.get(g) ?? 0) + 1);

async function pass(items: unknown[]): Promise<void> {
  const width = engine!.concurrency ?? 1;
  if (width === 1) {
    for (const r of items) {
      const g = grade(r);
      count(g instanceof Promise ? await g : g);
    }
    return;
  }
  for (let i = 0; i < items.length; i += width) (await Promise.all(items.slice(i, i + width).map((r) => grade(r)))).forEach(count);
}

await pass(data.slice(0, Math.min(2000, n)));
tally.clear();
const baseline = process.memoryUsage().rss;
let graded = 0;
const t0 = performance.now();
do {
  await pass(data);
  graded += data.length;
} while ((performance.now() - t0) / 1000 < MIN_SECONDS);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    engine: engine.name,
    records: graded,
    seconds: Number(seconds.toFixed(3)),
    per_second: Math.round(graded / seconds),
    rss_before_mb: Math.round(baseline / 2 ** 20),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    grades: Object.fromEntries([...tally].map(([g, k]) => [String(g), k])),
  }),
);
