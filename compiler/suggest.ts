// "Did you mean …?": the known name closest to a misspelt one (`fien` → fine, `最重处理` → 最重处罚),
// by edit distance with a swap of two neighbours counting as one edit. Only a close, unambiguous
// candidate is suggested: a guess that is probably wrong helps nobody.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[x.length] as number[])[y.length] as number;
}

/**
 * The candidate closest to `name`, if it is close enough: at most one edit in a name of up to four
 * characters (Chinese names are short: one wrong character of 最重处罚), two in a longer one, and
 * strictly closer than any other candidate.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const length = [...name].length;
  const limit = length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of new Set(candidates)) {
    if (c === name) return undefined;
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance && c !== best) tie = true;
  }
  return best !== undefined && bestDistance <= limit && bestDistance < length && !tie ? best : undefined;
}

/** The did-you-mean help for a misspelt name, when there is a close candidate. */
export function didYouMean(name: string, candidates: Iterable<string>): { key: "help/did-you-mean"; args: [string] } | undefined {
  const c = closest(name, candidates);
  return c === undefined ? undefined : { key: "help/did-you-mean", args: [c] };
}
