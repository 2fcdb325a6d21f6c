/**
 * Statistics of independent replications: mean, standard error, Student's t distribution and the
 * one-sided confidence that a true mean lies below a threshold. Pure.
 */

export interface MeanAndError {
  readonly n: number;
  readonly mean: number;
  /** Standard error of the mean (0 for a single value or identical values). */
  readonly se: number;
}

export function meanAndError(xs: readonly number[]): MeanAndError {
  const n = xs.length;
  if (n === 0) throw new RangeError('meanAndError: no values');
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, se: 0 };
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { n, mean, se: Math.sqrt(variance / n) };
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), 0 <= x <= 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Confidence that the true mean is at most `threshold`, from replications summarized by `m`:
 * P(T_{n-1} <= (threshold - mean) / se). With no spread among two or more replications (se = 0)
 * it is 1 when mean <= threshold and 0 otherwise; a single replication says nothing about the
 * spread, so its confidence is 0.5.
 */
export function confidenceBelow(m: MeanAndError, threshold: number): number {
  if (!Number.isFinite(m.mean)) return m.mean <= threshold ? 1 : 0;
  if (m.n < 2) return 0.5;
  if (m.se === 0) return m.mean <= threshold ? 1 : 0;
  return studentTCdf((threshold - m.mean) / m.se, m.n - 1);
}

/**
 * The t such that P(T <= t) = p for Student's t with `df` > 0 degrees of freedom, 0 < p < 1
 * (bisection on studentTCdf to 1e-12; e.g. p 0.975, df 4 -> 2.776).
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  let lo = -1e6;
  let hi = 1e6;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface PairedDifference extends MeanAndError {
  /** Two-sided confidence interval of the mean difference at `level`; null with fewer than 2 pairs. */
  readonly ci: readonly [number, number] | null;
  /**
   * Whether the interval excludes 0 (with no spread: whether the difference is not 0); with one pair,
   * false when the difference is exactly 0 and null (unknown) otherwise.
   */
  readonly significant: boolean | null;
}

/**
 * Half the width of the two-sided Student t interval of a mean at `level` (mean ± this):
 * t(1 - (1 - level) / 2, n - 1) · se; 0 when the values agree (se 0). Needs n >= 2.
 */
export function studentTHalfWidth(m: MeanAndError, level: number): number {
  return m.se === 0 ? 0 : studentTQuantile(1 - (1 - level) / 2, m.n - 1) * m.se;
}

/**
 * The mean of paired differences `head[r] - base[r]` (common random numbers: pair r shares its
 * seed) with a Student t interval at `level` (default 0.95).
 */
export function pairedDifference(
  base: readonly number[],
  head: readonly number[],
  level = 0.95,
): PairedDifference {
  if (base.length !== head.length) throw new RangeError('pairedDifference: unequal lengths');
  const d = head.map((h, i) => h - base[i]);
  const m = meanAndError(d);
  if (m.n < 2) return { ...m, ci: null, significant: m.mean === 0 ? false : null };
  const half = studentTHalfWidth(m, level);
  const ci = [m.mean - half, m.mean + half] as const;
  return { ...m, ci, significant: ci[0] > 0 || ci[1] < 0 };
}
