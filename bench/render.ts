// BENCHMARKS.md from the figures bench/run.ts keeps in bench/results/: one table per measurement,
// every figure beside the load average seen while it was taken, and the targets met or missed.
import { cpus, release, totalmem } from "node:os";
import { fmt, median, type RowStats } from "./harness.js";

interface Table {
  when: string;
  rounds: number;
  loadStart: string;
  loadEnd: string;
  stats: RowStats[];
}

export interface Results {
  micro?: Table & { records: number; slowRecords: number; checked: number; distribution: Record<string, number> };
  e2e?: Table & { records: number; mb: number };
  workers?: Table;
  startup?: Table;
  history: { when: string; load: string; ratios: Record<string, number> }[];
}

const row = (t: Table, name: string) => t.stats.find((s) => s.name === name);
/** Median over the rounds of a's CPU ÷ b's CPU (both measured in the same rounds). */
const pair = (t: Table, a: string, b: string, key: "cpu" | "wall" = "cpu"): number => {
  const x = row(t, a)?.samples ?? [];
  const y = row(t, b)?.samples ?? [];
  return median(x.map((s, i) => s[key] / (y[i] as { cpu: number; wall: number })[key]));
};
const met = (ok: boolean) => (ok ? "met" : "**missed**");
const loads = (s: RowStats) => fmt.load(s.loads);
const header = (t: Table) => `${t.rounds} rounds, ${t.when.slice(0, 16).replace("T", " ")} UTC; load average (1, 5, 15 min) ${t.loadStart} at the start, ${t.loadEnd} at the end.`;

function microSection(t: NonNullable<Results["micro"]>): string[] {
  const rows = t.stats.map(
    (s) =>
      `| ${s.label} | ${fmt.us(s.cpuMedian)} | ${fmt.us(s.cpuMin)} | ${fmt.n(Math.round(1 / s.cpuMedian))} | ${s.speedMedian.toFixed(3)}× | ${(1 / s.ratioMax).toFixed(3)}–${(1 / s.ratioMin).toFixed(3)} | ${loads(s)} |`,
  );
  const d = t.distribution;
  return [
    "## In process: one record at a time",
    "",
    `Policy \`pinglu-fgj\` graded as of 2021-12-31 on the seeded dataset of bench/dataset.ts (${fmt.n(t.records)} records per round;`,
    `${fmt.n(t.slowRecords)} for the engine libraries, which are 100–1000× slower). Before anything is timed, every engine grades the same`,
    `${fmt.n(t.checked)} records and must give the same grade on each: **all agree** (A ${fmt.n(d["A"] ?? 0)}, B ${fmt.n(d["B"] ?? 0)}, C ${fmt.n(d["C"] ?? 0)}, no grade ${fmt.n(d["null"] ?? 0)}).`,
    `${header(t)}`,
    "",
    "| engine | CPU µs/record, median | min | records/s (median) | × hand-written (median of rounds) | range over rounds | load during |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
  ];
}

function e2eSection(t: NonNullable<Results["e2e"]>): string[] {
  const rows = t.stats.map((s) => {
    const peak = Math.max(...s.samples.map((x) => Number(x.extra?.["peak_mb"] ?? 0)));
    return `| ${s.label} | ${s.cpuMedian.toFixed(2)} s | ${s.cpuMin.toFixed(2)} s | ${s.wallMedian.toFixed(2)} s | ${fmt.n(Math.round(t.records / s.wallMedian))} | ${s.ratioMedian.toFixed(2)}× | ${s.wallRatioMedian.toFixed(2)}× | ${peak} MB | ${loads(s)} |`;
  });
  return [
    "## `credit-policy eval` end to end",
    "",
    `${fmt.n(t.records)} records (${t.mb} MB as JSON Lines; the same records as a JSON array and as CSV with nested parts as JSON cells),`,
    "graded by the built CLI in a child process into a file. CPU is the child's user + system time, all threads;",
    "peak memory its peak resident set. The floor (bench/floor.mjs) reads the same JSON Lines file in the same chunks,",
    `JSON.parse-s and JSON.stringify-s each line and writes it out, on one thread: no grader can do less. ${header(t)}`,
    "",
    "| run | CPU, median | min | wall, median | records/s (wall) | × floor (CPU) | × floor (wall) | peak memory | load during |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
  ];
}

function workersSection(t: Table): string[] {
  const sizes = [...new Set(t.stats.map((s) => Number(s.name.split("-")[1])))];
  const rows = sizes.map((n) => {
    const s = (w: number) => row(t, `be-${n}-w${w}`) as RowStats;
    const [w0, w1, w2] = [s(0), s(1), s(2)];
    return `| ${fmt.n(n)} | ${w0.wallMedian.toFixed(2)} s | ${w1.wallMedian.toFixed(2)} s | ${w2.wallMedian.toFixed(2)} s | ${w1.wallRatioMedian.toFixed(2)}× | ${w2.wallRatioMedian.toFixed(2)}× | ${w2.ratioMedian.toFixed(2)}× | ${fmt.load([...w0.loads, ...w2.loads])} |`;
  });
  return [
    "## Worker threads: where they pay",
    "",
    "`eval pinglu-fgj` of JSON Lines with `--workers 0`, `1` and `2`, wall time (the user waits for it) and the ratio to",
    `\`--workers 0\` of the same size in the same round (< 1: the workers pay). ${header(t)}`,
    "",
    "| records | wall, 0 workers | 1 worker | 2 workers | 1 ÷ 0 (wall) | 2 ÷ 0 (wall) | 2 ÷ 0 (CPU) | load during |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
  ];
}

function startupSection(t: Table): string[] {
  const targets: Record<string, number> = { version: 0.15, help: 0.15, list: 0.15, check: 0.3, test: 0.3, eval: 0.4 };
  const rows = t.stats.map((s) => {
    const target = targets[s.name];
    const verdict = target === undefined ? "" : `< ${fmt.ms(target)} ms: ${met(s.wallMedian < target)}`;
    return `| ${s.label} | ${fmt.ms(s.wallMedian)} ms | ${fmt.ms(Math.min(...s.samples.map((x) => x.wall)))} ms | ${fmt.ms(s.cpuMedian)} ms | ${s.wallRatioMedian.toFixed(1)}× | ${verdict} | ${loads(s)} |`;
  });
  return [
    "## Start-up",
    "",
    "Each command as a whole process (`node dist/cli/bin.js …`, as the installed `credit-policy` runs), wall time and the",
    `child's CPU time (bash's \`times\`), against bare \`node -e 0\` in the same rounds. ${header(t)}`,
    "",
    "| command | wall, median | min | CPU, median | × node -e 0 (wall) | target | load during |",
    "|---|---:|---:|---:|---:|---|---:|",
    ...rows,
    "",
  ];
}

function spreadSection(history: Results["history"]): string[] {
  const last = history.slice(-3);
  if (last.length < 2) return [];
  const names = Object.keys(last[0]!.ratios).filter((n) => n !== "hand");
  const rows = names.map((n) => {
    const rs = last.map((h) => h.ratios[n] ?? NaN);
    const m = median(rs);
    const spread = Math.max(...rs.map((r) => Math.abs(r / m - 1)));
    return `| ${n} | ${rs.map((r) => `${r.toFixed(3)}×`).join(" | ")} | ±${(spread * 100).toFixed(0)} % |`;
  });
  return [
    "## Run to run",
    "",
    `The × hand-written ratios of the last ${last.length} runs of the in-process table (bench/results/history.jsonl), and the largest`,
    "deviation from their median.",
    "",
    `| engine | ${last.map((h) => `${h.when.slice(5, 16).replace("T", " ")} (load ${h.load.split(",")[0]})`).join(" | ")} | spread |`,
    `|---|${last.map(() => "---:").join("|")}|---:|`,
    ...rows,
    "",
  ];
}

function targetsSection(r: Results): string[] {
  const out: string[] = ["## Targets", ""];
  if (r.micro) {
    const c = row(r.micro, "compiled") as RowStats;
    const ge = pair(r.micro, "compiled", "compiled-checked");
    out.push(`- Compiled \`evaluate()\` ≥ 0.8× the hand-written function: ${met(c.speedMedian >= 0.8)} (${c.speedMedian.toFixed(2)}×).`);
    out.push(`- \`grade()\` (validate + evaluate) ≥ 0.5× \`evaluate()\`: ${met(ge >= 0.5)} (${ge.toFixed(2)}×, median of the rounds' ratios).`);
  }
  if (r.e2e) {
    const w0 = row(r.e2e, "jsonl-w0") as RowStats;
    const w2 = row(r.e2e, "jsonl-w2") as RowStats;
    out.push(`- JSON Lines end to end on one thread ≤ 1.3× the floor: ${met(w0.ratioMedian <= 1.3)} (${w0.ratioMedian.toFixed(2)}× in CPU, ${w0.wallRatioMedian.toFixed(2)}× in wall time).`);
    out.push(`- With two workers faster than the floor: ${met(w2.wallRatioMedian < 1)} (${w2.wallRatioMedian.toFixed(2)}× the floor's wall time).`);
    for (const [name, what] of [["csv-in-w0", "CSV input"], ["csv-out-w0", "CSV output"], ["array-w0", "JSON array input"]] as const) {
      const x = pair(r.e2e, name, "jsonl-w0");
      out.push(`- ${what} ≤ 1.3× JSON Lines (both \`--workers 0\`, CPU): ${met(x <= 1.3)} (${x.toFixed(2)}×).`);
    }
  }
  out.push("");
  return out;
}

function readingSection(r: Results): string[] {
  const out = ["## Reading the figures, and the targets missed", ""];
  if (r.micro) {
    const c = row(r.micro, "compiled") as RowStats;
    const v = row(r.micro, "compiled-checked") as RowStats;
    out.push(
      `- The hand-written function returns the grade only; the compiled \`evaluate()\` also builds the explanation (every rule that held with its values; the measures and notifications are shared, frozen lists). Both read records fresh from JSON.parse, as \`eval\` hands them over.`,
      `- \`grade()\` = validation + \`evaluate()\`: ${fmt.us(v.cpuMedian)} µs against ${fmt.us(c.cpuMedian)} µs per record. Validation (ajv's standalone code, compiled at build time, the schema's definitions inlined, first problem only) must read every field of every element of the record — the credit record schema has some sixty — while the evaluator reads the few fields the policy uses; on objects from JSON.parse (many shapes) each of those reads is a lookup by name, present or not. What is left of the target is that difference; a record checked when it is received can go to \`evaluate()\` directly.`,
    );
  }
  if (r.e2e) {
    out.push(
      "- End to end, a graded result line is two to six times the size of its record (the rules that held, with the regulation's text, the measures and notifications), so writing it costs more than the floor's JSON.stringify of the record, though its constant parts are encoded once per grade and copied. The start of the command (loading the compiler, building Chevrotain's lexer and parser, compiling the policy and its module: see the start-up table) is part of every run.",
      "- CSV input is parsed by csv-parse on the main thread, a JSON array is split by a scanner on the main thread: these readers are being rebuilt with record-size limits and byte-level scanning (issue 12); once they land, their row and element boundaries can be found by a quote-aware scan and the parsing moved to the workers, as for JSON Lines.",
      "- Worker threads each build their own validator and module and copy every batch in and out; on a machine whose load average already fills its cores they only compete with each other (see the load column).",
    );
  }
  if (r.startup) {
    out.push(
      "- Start-up: `--version` and `--help` load only the option tables (each command's work is imported when it runs). `check`, `test` and `eval` load the compiler and build Chevrotain's lexer and parser — cold code, most of what remains; `list` reads its rows from a cache keyed by the build and the files' text (the figure is a warm cache; a cold one compiles every policy).",
    );
  }
  out.push("");
  return out;
}

export function renderBenchmarks(r: Results): string {
  return [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (bench/run.ts) from the figures it keeps in bench/results/ — do not edit by hand; run it again",
    "to refresh (`-- --only micro` and so on re-measures one table).",
    "",
    "## How it measures",
    "",
    `- ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB memory, Linux ${release()}, Node.js ${process.version}. The machine`,
    "  is shared with other work (about seven sessions on two cores): absolute figures move with the load, ratios much less.",
    "- The rows of a table are interleaved: each round runs every row once, the order rotating from round to round, and",
    "  a row's figure is the CPU time (user + system, every thread) it took in each round. Reported: the median and the",
    "  minimum over the rounds, the load average (1 min) seen while the row ran, and the ratio to the table's reference",
    "  row taken round by round (this row ÷ the reference in the same round; the median of those ratios).",
    "",
    ...(r.micro ? microSection(r.micro) : []),
    ...spreadSection(r.history),
    ...(r.e2e ? e2eSection(r.e2e) : []),
    ...(r.workers ? workersSection(r.workers) : []),
    ...(r.startup ? startupSection(r.startup) : []),
    ...targetsSection(r),
    ...readingSection(r),
  ].join("\n");
}
