/**
 * A duration distribution fitted to logged samples (Duration, Init Duration, Restore Duration), in
 * milliseconds, with the fit's quality. Pure.
 *
 * The candidate is a lognormal by maximum likelihood (mu and sigma of ln x: their mean and
 * population standard deviation). Its quality is the KS distance between the sample and the fitted
 * CDF; with parameters estimated from the same sample the right yardstick is Lilliefors' critical
 * value (ksTwoSample's Kolmogorov value would be too lenient). `auto` keeps the lognormal when the
 * distance is below the 5% critical value (the sample is consistent with a lognormal) and
 * otherwise resamples the data themselves (empirical): exact at the logged memory, with nothing
 * invented in the tails, at the price of an editable two-number form. Fewer than 4 samples cannot
 * be tested and stay empirical; one distinct value is a constant.
 */
import { normalCdf, normalQuantile } from '../engine/index.ts';
import { ksDistance, lillieforsCritical5 } from './ks.ts';

export type FitMode = 'auto' | 'lognormal' | 'empirical';

export interface LognormalFit {
  readonly mu: number;
  readonly sigma: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface DistributionFit {
  /** What the scenario uses. */
  readonly kind: 'lognormal' | 'empirical' | 'constant';
  /** Samples, ascending (ms). */
  readonly sorted: Float64Array;
  /** The maximum-likelihood lognormal (undefined when a sample is <= 0 or all are equal). */
  readonly lognormal?: LognormalFit;
  /** KS distance between the sample and that lognormal. */
  readonly ksDistance?: number;
  /** Lilliefors' 5% critical value for this sample size (undefined below 4 samples). */
  readonly ksCritical?: number;
  /** Sample quantiles (ms): p50, p99, min, max. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

const Z99 = normalQuantile(0.99);

/** The q-quantile of a sorted sample (linear interpolation between order statistics, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function fitDistribution(samples: readonly number[], mode: FitMode): DistributionFit {
  if (samples.length === 0) throw new RangeError('fitDistribution needs at least one sample');
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const base = {
    sorted,
    p50Ms: quantileSorted(sorted, 0.5),
    p99Ms: quantileSorted(sorted, 0.99),
    minMs: sorted[0],
    maxMs: sorted[n - 1],
  };
  if (sorted[0] === sorted[n - 1]) return { kind: 'constant', ...base };
  const lognormal = sorted[0] > 0 ? fitLognormal(sorted) : undefined;
  if (!lognormal) return { kind: 'empirical', ...base };
  const d = ksDistance(sorted, (x) => normalCdf((Math.log(x) - lognormal.mu) / lognormal.sigma));
  const critical = lillieforsCritical5(n);
  const quality = { lognormal, ksDistance: d, ...(critical !== undefined ? { ksCritical: critical } : {}) };
  const kind =
    mode === 'lognormal'
      ? 'lognormal'
      : mode === 'empirical' || critical === undefined || d > critical
        ? 'empirical'
        : 'lognormal';
  return { kind, ...base, ...quality };
}

function fitLognormal(sorted: Float64Array): LognormalFit | undefined {
  const n = sorted.length;
  let sum = 0;
  for (const x of sorted) sum += Math.log(x);
  const mu = sum / n;
  let ss = 0;
  for (const x of sorted) ss += (Math.log(x) - mu) ** 2;
  const sigma = Math.sqrt(ss / n);
  if (!(sigma > 0)) return undefined;
  return { mu, sigma, p50Ms: Math.exp(mu), p99Ms: Math.exp(mu + Z99 * sigma) };
}
