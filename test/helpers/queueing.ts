/**
 * Queueing theory for cross-checks (design principle 13). Textbook formulas, e.g. Kleinrock,
 * "Queueing Systems", vol. 1, ch. 3.
 */

/** Erlang B: probability that an arrival finds all c servers busy (M/G/c/c, offered load a = λ/μ). */
export function erlangB(c: number, a: number): number {
  // Numerically stable recurrence: B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability that an arrival waits (M/M/c, a = λ/μ < c). */
export function erlangC(c: number, a: number): number {
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean wait in queue of M/M/c: C(c, a) / (c μ - λ). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}
