/**
 * "Did you mean" suggestions for misspelt keys and values (Damerau-Levenshtein distance, O(n*m) per
 * candidate). Case-insensitive; a candidate is suggested only when it is close enough to be a typo.
 */

export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(y.length).fill(0),
  ]);
  for (let j = 0; j <= y.length; j++) d[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.length][y.length];
}

/** The closest candidate within a third of the word's length (at least 1, at most 3 edits), if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A prefix ("memory" for "memorySize") or a part ("mysql" for "rds-mysql") is a likely slip too.
  if (bestDistance > limit) {
    if (word.length < 3) return undefined;
    const w = word.toLowerCase();
    return (
      candidates.find((c) => c.toLowerCase().startsWith(w)) ??
      candidates.find((c) => c.toLowerCase().includes(w))
    );
  }
  return best;
}

/** ` (did you mean 'x'?)` or ''. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const best = didYouMean(word, candidates);
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}
