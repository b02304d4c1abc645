// Score bands as intervals, and the proof that they cover a range exactly once. Bounds are exact
// decimals (strings) compared as scaled integers, so 85 and 85.01 are told apart exactly.
import type { IRBand } from "./ir.js";

/** A band as an interval: what coverage reads of it. */
export type Interval = Omit<IRBand, "span">;

/** Decimal strings compared exactly: scaled to a common number of decimals. */
function scale(a: string, digits: number): bigint {
  const neg = a.startsWith("-");
  const [int, frac = ""] = (neg ? a.slice(1) : a).split(".");
  const v = BigInt((int || "0") + frac.padEnd(digits, "0").slice(0, digits));
  return neg ? -v : v;
}

function decimals(xs: string[]): number {
  return Math.max(0, ...xs.map((x) => (x.split(".")[1] ?? "").length));
}

export function compareDecimal(a: string, b: string): number {
  const d = decimals([a, b]);
  const x = scale(a, d);
  const y = scale(b, d);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The midpoint of two decimals, exactly, as a decimal string. */
function midpoint(a: string, b: string): string {
  const d = decimals([a, b]) + 1;
  const sum = scale(a, d) + scale(b, d);
  // sum / 2 with one more decimal digit is exact: scale by 10 then halve.
  const twice = sum * 5n; // (sum / 2) * 10
  const digits = d + 1;
  const neg = twice < 0n;
  const s = (neg ? -twice : twice).toString().padStart(digits + 1, "0");
  return `${neg ? "-" : ""}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export function bandContains(b: Interval, x: string): boolean {
  if (b.lo !== null) {
    const c = compareDecimal(x, b.lo);
    if (c < 0 || (c === 0 && !b.loIncl)) return false;
  }
  if (b.hi !== null) {
    const c = compareDecimal(x, b.hi);
    if (c > 0 || (c === 0 && !b.hiIncl)) return false;
  }
  return true;
}

export interface CoverageProblem {
  kind: "gap" | "overlap";
  /** "70" for a single point, "(70, 75)" or "[0, 10)" for an interval. */
  where: string;
  /** For overlaps: the bands that share it. */
  grades: string[];
}

/**
 * Every point and open segment between the bounds that occur, within [min, max]: each must lie
 * in exactly one band. Adjacent problems of the same kind and bands are merged into one interval.
 */
export function checkCoverage(bands: Interval[], min: string, max: string): CoverageProblem[] {
  const points = new Set<string>([min, max]);
  for (const b of bands) {
    for (const p of [b.lo, b.hi]) {
      if (p !== null && compareDecimal(p, min) > 0 && compareDecimal(p, max) < 0) points.add(p);
    }
  }
  const sorted = [...points].sort(compareDecimal);
  // Pieces in order: point, open segment, point, … point.
  const pieces: { lo: string; hi: string; point: boolean; sample: string }[] = [];
  sorted.forEach((p, i) => {
    pieces.push({ lo: p, hi: p, point: true, sample: p });
    const next = sorted[i + 1];
    if (next !== undefined) pieces.push({ lo: p, hi: next, point: false, sample: midpoint(p, next) });
  });
  const problems: (CoverageProblem & { lo: string; hi: string; loIncl: boolean; hiIncl: boolean })[] = [];
  for (const piece of pieces) {
    const holders = bands.filter((b) => bandContains(b, piece.sample)).map((b) => b.grade);
    if (holders.length === 1) continue;
    const kind = holders.length === 0 ? "gap" : "overlap";
    const last = problems[problems.length - 1];
    const touches = last && last.hi === piece.lo && last.kind === kind && last.grades.join() === holders.join();
    if (touches && last) {
      last.hi = piece.hi;
      last.hiIncl = piece.point;
    } else {
      problems.push({ kind, where: "", grades: holders, lo: piece.lo, hi: piece.hi, loIncl: piece.point, hiIncl: piece.point });
    }
  }
  return problems.map((p) => ({
    kind: p.kind,
    grades: p.grades,
    where: p.lo === p.hi ? p.lo : `${p.loIncl ? "[" : "("}${p.lo}, ${p.hi}${p.hiIncl ? "]" : ")"}`,
  }));
}
