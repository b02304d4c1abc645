// Finding a quote in the source text: exactly (after whitespace is removed from both, nothing
// else), preferring an occurrence inside the cited unit; and, for a quote that does not occur, the
// closest passage of the source, by edit distance with the passage's ends free (semi-global
// alignment, Sellers 1980), with the first place where quote and passage differ.
import { normalise } from "./source-text.js";

export interface Occurrence {
  start: number;
  end: number;
}

/** Every occurrence of `needle` (already normalised) in `hay`. */
export function occurrences(hay: string, needle: string): Occurrence[] {
  const out: Occurrence[] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push({ start: i, end: i + needle.length });
  return out;
}

/** The occurrence of `quote` inside [from, to) if any, else the first anywhere, else undefined. */
export function locate(hay: string, quote: string, from = 0, to = hay.length): { at?: Occurrence; inside: boolean } {
  const all = occurrences(hay, normalise(quote));
  const inside = all.find((o) => o.start >= from && o.end <= to);
  if (inside) return { at: inside, inside: true };
  return all[0] ? { at: all[0], inside: false } : { inside: false };
}

export interface ClosestPassage {
  start: number;
  end: number;
  distance: number;
  /** The first difference: what the quote has there and what the source has ("" for nothing). */
  quoteHas: string;
  sourceHas: string;
}

/**
 * The passage of `hay` with the least edit distance to `quote` (both normalised); ties go to the
 * passage inside [prefFrom, prefTo). O(|hay|·|quote|) time, O(|hay|·|quote|) bits of traceback.
 */
export function closestPassage(hay: string, quoteRaw: string, prefFrom = 0, prefTo = 0): ClosestPassage {
  const q = [...normalise(quoteRaw)];
  const h = [...hay];
  const m = q.length;
  const n = h.length;
  if (m === 0 || n === 0) return { start: 0, end: 0, distance: m, quoteHas: q[0] ?? "", sourceHas: "" };
  // D[i][j]: distance of q[0..i) to the best passage ending at h[j]; the passage may start anywhere.
  // Moves: 0 diagonal, 1 up (quote char not in source), 2 left (source char not in quote).
  const move = new Uint8Array((m + 1) * (n + 1));
  let prev = new Uint32Array(n + 1); // row 0: all zero (free start)
  let cur = new Uint32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    move[i * (n + 1)] = 1;
    const qi = q[i - 1];
    for (let j = 1; j <= n; j++) {
      const diag = (prev[j - 1] as number) + (qi === h[j - 1] ? 0 : 1);
      const up = (prev[j] as number) + 1;
      const left = (cur[j - 1] as number) + 1;
      let best = diag;
      let mv = 0;
      if (up < best) {
        best = up;
        mv = 1;
      }
      if (left < best) {
        best = left;
        mv = 2;
      }
      cur[j] = best;
      move[i * (n + 1) + j] = mv;
    }
    [prev, cur] = [cur, prev];
  }
  // Best end: least distance; ties to the preferred range, then to the later end (a changed
  // character reads better as a substitution than as a deletion at the passage's end).
  let bestJ = 0;
  let bestD = Infinity;
  for (let j = 1; j <= n; j++) {
    const d = prev[j] as number;
    const preferred = j - 1 >= prefFrom && j - 1 < prefTo;
    const bestPreferred = bestJ - 1 >= prefFrom && bestJ - 1 < prefTo;
    if (d < bestD || (d === bestD && (preferred || !bestPreferred) && (bestJ === j - 1 || preferred !== bestPreferred))) {
      bestD = d;
      bestJ = j;
    }
  }
  // Trace back to the start, noting the first difference along the way (the last one seen backwards).
  let i = m;
  let j = bestJ;
  let diff: { quoteHas: string; sourceHas: string } | undefined;
  while (i > 0) {
    const mv = move[i * (n + 1) + j];
    if (mv === 0 && j > 0) {
      if (q[i - 1] !== h[j - 1]) diff = { quoteHas: q[i - 1] as string, sourceHas: h[j - 1] as string };
      i--;
      j--;
    } else if (mv === 2 && j > 0) {
      diff = { quoteHas: "", sourceHas: h[j - 1] as string };
      j--;
    } else {
      diff = { quoteHas: q[i - 1] as string, sourceHas: "" };
      i--;
    }
  }
  const start = h.slice(0, j).join("").length;
  const end = h.slice(0, bestJ).join("").length;
  return { start, end, distance: bestD, quoteHas: diff?.quoteHas ?? "", sourceHas: diff?.sourceHas ?? "" };
}
