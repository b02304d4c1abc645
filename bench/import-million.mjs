// `node bench/import-million.mjs [ROWS] [ROUNDS]` (after `npm run build`): `credit-policy import`
// over ROWS rows (default 1,000,000) of the 2018 双公示 template, UTF-8 CSV as
// examples/shuanggongshi/generate.mjs --bulk writes it (seeded; about 540 bytes a row). Each round
// is a process of its own; reported: wall time, CPU time (user + system) and peak resident memory,
// median and minimum over the rounds, with the load average, as one Markdown table row and as JSON
// (last line) for the bench harness. Self-contained: it needs only dist/ and the generator.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ROWS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), "cp-import-bench-"));
const input = join(dir, `bulk-${ROWS}.csv`);
const usage = join(dir, "usage.json");
const preload = join(dir, "usage.mjs");
const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");

// Written at exit by the measured process itself: its CPU time and peak resident set.
import { writeFileSync } from "node:fs";
writeFileSync(
  preload,
  `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usage)}, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS * 1024 })); });\n`,
);

const gen = spawnSync(process.execPath, [join(ROOT, "examples", "shuanggongshi", "generate.mjs"), "--bulk", String(ROWS), input], { stdio: "inherit" });
if (gen.status !== 0) process.exit(1);
process.stderr.write(`import bench: ${ROWS.toLocaleString("en-US")} rows, ${(statSync(input).size / 1e6).toFixed(0)} MB; load average ${load()}\n`);

const rounds = [];
for (let i = 0; i < ROUNDS; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", preload, join(ROOT, "dist", "cli", "bin.js"), "import", input, "--output", join(dir, "out.jsonl"), "--rejects", join(dir, "rejects.jsonl")], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 || !existsSync(usage)) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  const { cpu, rss } = JSON.parse(readFileSync(usage, "utf8"));
  rounds.push({ wall, cpu, rss });
  process.stderr.write(`  round ${i + 1}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, peak ${(rss / 2 ** 20).toFixed(0)} MiB; ${r.stderr.trim().split("\n").pop()}\n`);
}
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const pick = (k) => rounds.map((r) => r[k]);
const result = {
  rows: ROWS,
  rounds: ROUNDS,
  wall_s: { median: median(pick("wall")), min: min(pick("wall")) },
  cpu_s: { median: median(pick("cpu")), min: min(pick("cpu")) },
  peak_rss_mib: { median: median(pick("rss")) / 2 ** 20, min: min(pick("rss")) / 2 ** 20 },
  load_average_end: load(),
};
console.log(
  `| import, ${ROWS.toLocaleString("en-US")} rows of 2018 双公示 CSV | ${result.wall_s.median.toFixed(1)} s (min ${result.wall_s.min.toFixed(1)}) | ` +
    `${result.cpu_s.median.toFixed(1)} s CPU (min ${result.cpu_s.min.toFixed(1)}) | ${result.peak_rss_mib.median.toFixed(0)} MiB peak | load ${result.load_average_end} |`,
);
console.log(JSON.stringify(result));
