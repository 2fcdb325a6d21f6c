/**
 * Statistical helpers for the engine tests. Independent of the code under test: the normal CDF here is
 * simple-statistics' erf (accurate to ~1e-7, far below the KS critical values used, ~0.014).
 */
import { errorFunction } from 'simple-statistics';

/** Standard normal CDF from simple-statistics' erf (independent of src/engine/normal.ts). */
export function refNormalCdf(x: number): number {
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}

/** The Kolmogorov-Smirnov statistic D = sup |F_n(x) - F(x)| of a sample against a continuous CDF. */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * The KS critical value at significance alpha: c(alpha) / (sqrt(n) + 0.12 + 0.11 / sqrt(n)) with
 * c(alpha) = sqrt(-ln(alpha / 2) / 2) (Kolmogorov's limit with Stephens' finite-n correction).
 * A correct sampler exceeds it with probability alpha.
 */
export function ksCritical(n: number, alpha: number): number {
  const c = Math.sqrt(-Math.log(alpha / 2) / 2);
  const s = Math.sqrt(n);
  return c / (s + 0.12 + 0.11 / s);
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Unbiased sample variance. */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

/** Upper critical values of the chi-square distribution at alpha = 0.001, by degrees of freedom. */
export const CHI2_CRIT_0_001: Readonly<Record<number, number>> = {
  1: 10.828,
  2: 13.816,
  3: 16.266,
  6: 22.458,
  9: 27.877,
  10: 29.588,
};

export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < observed.length; i++) s += (observed[i] - expected[i]) ** 2 / expected[i];
  return s;
}
