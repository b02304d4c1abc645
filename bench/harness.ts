// The measuring loop every table of BENCHMARKS.md shares. The machine is shared and noisy, so
// rows are never measured one after another: each round runs every row once, in an order that
// rotates from round to round, and a row's figure is its CPU time (user + system, all threads of
// the process that did the work) per round. A row is reported as the median and the minimum over
// the rounds, beside the load average seen while it ran, and as a ratio to the reference row of
// the same table taken round by round (row ÷ reference in the same round, then the median of
// those ratios): a burst of load hits both sides of a ratio, not one engine's whole run.
import { loadavg } from "node:os";

/** One measurement of one row: the CPU and wall seconds it took. */
export interface Sample {
  cpu: number;
  wall: number;
  /** What the row wants to keep from this run (peak memory, output lines, exit code …). */
  extra?: Record<string, number | string>;
}

export interface Row {
  name: string;
  label: string;
  /** Runs the row's work once and measures it. */
  run(): Promise<Sample> | Sample;
}

export interface RowStats {
  name: string;
  label: string;
  samples: Sample[];
  /** Load average (1 min) when each sample was taken. */
  loads: number[];
  cpuMedian: number;
  cpuMin: number;
  wallMedian: number;
  /** Median over rounds of (this row's CPU ÷ the reference row's CPU in the same round): > 1 is slower. */
  ratioMedian: number;
  ratioMin: number;
  ratioMax: number;
  /** The same as a speed: reference ÷ row (1 / ratioMedian); > 1 is faster. */
  speedMedian: number;
  /** Median over rounds of (this row's wall time ÷ the reference row's in the same round). */
  wallRatioMedian: number;
  loadMedian: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** CPU seconds of this process (all its threads) spent in `work`, and its wall seconds. */
export async function cpuOf(work: () => unknown): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = work();
  if (r instanceof Promise) await r;
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall };
}

/**
 * Runs `rounds` rounds of every row (after `warmup` unrecorded rounds), rotating the order each
 * round, and returns each row's statistics against the row named `reference`.
 */
export async function interleave(
  rows: readonly Row[],
  opts: { rounds: number; warmup?: number; reference: string | ((row: Row) => string); log?: (s: string) => void },
): Promise<RowStats[]> {
  const samples = new Map<string, Sample[]>(rows.map((r) => [r.name, []]));
  const loads = new Map<string, number[]>(rows.map((r) => [r.name, []]));
  const total = (opts.warmup ?? 1) + opts.rounds;
  for (let round = 0; round < total; round++) {
    const recorded = round >= (opts.warmup ?? 1);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(k + round) % rows.length] as Row;
      const before = loadavg()[0] as number;
      const s = await row.run();
      if (!recorded) continue;
      samples.get(row.name)!.push(s);
      loads.get(row.name)!.push(Math.max(before, loadavg()[0] as number));
    }
    opts.log?.(`  round ${round + 1}/${total}${recorded ? "" : " (warm-up)"}, load ${loadavg()[0]!.toFixed(2)}`);
  }
  const refOf = (row: Row): Sample[] => {
    const name = typeof opts.reference === "string" ? opts.reference : opts.reference(row);
    const ref = samples.get(name);
    if (!ref) throw new Error(`no reference row ${name}`);
    return ref;
  };
  return rows.map((row) => {
    const ss = samples.get(row.name)!;
    const ref = refOf(row);
    const ratios = ss.map((s, i) => s.cpu / (ref[i] as Sample).cpu);
    return {
      name: row.name,
      label: row.label,
      samples: ss,
      loads: loads.get(row.name)!,
      cpuMedian: median(ss.map((s) => s.cpu)),
      cpuMin: Math.min(...ss.map((s) => s.cpu)),
      wallMedian: median(ss.map((s) => s.wall)),
      ratioMedian: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      speedMedian: 1 / median(ratios),
      wallRatioMedian: median(ss.map((s, i) => s.wall / (refOf(row) as Sample[])[i]!.wall)),
      loadMedian: median(loads.get(row.name)!),
    };
  });
}

export const fmt = {
  n: (x: number) => x.toLocaleString("en-US"),
  ms: (s: number) => (s * 1000).toFixed(s < 0.1 ? 1 : 0),
  us: (s: number) => (s * 1e6).toFixed(s * 1e6 < 10 ? 2 : 1),
  x: (r: number) => `${r.toFixed(2)}×`,
  load: (xs: readonly number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`,
};
