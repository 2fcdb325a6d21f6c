/**
 * Kolmogorov-Smirnov distances: how far apart two distributions are, as the largest vertical gap
 * between their CDFs (0 = identical, 1 = disjoint). Pure; samples must be sorted ascending.
 */

/** Sup |F_n(x) - F(x)| between a sorted sample and a continuous CDF `cdf`. O(n) calls of `cdf`. */
export function ksDistance(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** A step CDF through points (value ascending, cumulative share ascending to 1). */
export interface CdfStep {
  readonly value: number;
  readonly cumulative: number;
}

/**
 * Sup |F_a(x) - G(x)| between a sorted sample `a` and a step CDF `g` (for example a simulated
 * histogram's CDF: G(x) = the cumulative share of the last point with value <= x). Both are step
 * functions, so the sup is attained at a jump of one of them; both sides of every jump are checked.
 * O((n + m) log m).
 */
export function ksDistanceToSteps(a: ArrayLike<number>, g: readonly CdfStep[]): number {
  const n = a.length;
  if (n === 0 || g.length === 0) return 1;
  const gAt = (x: number): number => {
    let lo = 0;
    let hi = g.length; // first index with value > x
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (g[mid].value <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : g[lo - 1].cumulative;
  };
  const aAt = (x: number): number => upperBound(a, x) / n;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const gx = gAt(x);
    d = Math.max(d, Math.abs((i + 1) / n - gx), Math.abs(i / n - gBefore(g, x)));
  }
  for (let j = 0; j < g.length; j++) {
    const x = g[j].value;
    d = Math.max(d, Math.abs(aAt(x) - g[j].cumulative), Math.abs(lowerBound(a, x) / n - gBefore(g, x)));
  }
  return d;
}

/** G just below x: the cumulative share of the last point with value < x. */
function gBefore(g: readonly CdfStep[], x: number): number {
  let lo = 0;
  let hi = g.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g[mid].value < x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : g[lo - 1].cumulative;
}

/** Number of elements <= x. */
function upperBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of elements < x. */
function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The two-sample KS critical distance at 5%: 1.358 sqrt((n + m) / (n m)) (the asymptotic
 * Kolmogorov distribution's 95% point, c(0.05) = 1.358). Two samples of one distribution are
 * farther apart than this 5% of the time.
 */
export function ksTwoSampleCritical5(n: number, m: number): number {
  return 1.358 * Math.sqrt((n + m) / (n * m));
}

/**
 * Lilliefors' 5% critical value of the KS distance between a sample of n and the normal with the
 * sample's own mean and standard deviation (Lilliefors 1967, "On the Kolmogorov-Smirnov test for
 * normality with mean and variance unknown", JASA 62:399-402, Table 1; 0.886 / sqrt(n) above 30).
 * Applied to logarithms it tests a fitted lognormal. Undefined below n = 4.
 */
export function lillieforsCritical5(n: number): number | undefined {
  if (n < 4) return undefined;
  const table: Readonly<Record<number, number>> = {
    4: 0.381,
    5: 0.337,
    6: 0.319,
    7: 0.3,
    8: 0.285,
    9: 0.271,
    10: 0.258,
    11: 0.249,
    12: 0.242,
    13: 0.234,
    14: 0.227,
    15: 0.22,
    16: 0.213,
    17: 0.206,
    18: 0.2,
    19: 0.195,
    20: 0.19,
    25: 0.173,
    30: 0.161,
  };
  if (n <= 20) return table[n];
  if (n < 25) return table[20] + ((table[25] - table[20]) * (n - 20)) / 5;
  if (n < 30) return table[25] + ((table[30] - table[25]) * (n - 25)) / 5;
  return 0.886 / Math.sqrt(n);
}
