/**
 * A histogram of durations as plain data (what a finished run hands out; JSON as it is), and every
 * reading of it: percentiles, the summary reports print, the empirical CDF. The recorder
 * (./histogram.ts) produces it with `toData()` and reads itself through these same functions.
 *
 * Bins are HdrHistogram's buckets (3 significant digits, values in integer microseconds), kept
 * sparse: [lowUs, count] for each non-empty bucket, ascending, where lowUs is the lowest value the
 * bucket holds (its highest is `highestEquivalentUs(lowUs)`). Merging two (time shards, later) adds
 * the counts of equal lowUs and the scalars (count, sum), and takes the smaller min and the larger
 * max.
 *
 * Percentile rule (nearest rank, as HdrHistogram's getValueAtPercentile computes it):
 * percentile(p) is the highest value of the first bucket at which at least ceil(p / 100 * count)
 * (at least 1) values are counted — the lowest value of that bucket for p = 0 — in ms, clamped to
 * the exact [min, max].
 */
import { InvalidParameterError } from '../engine/index.ts';

export interface HistogramData {
  readonly count: number;
  /** Exact smallest and largest value in ms; 0 when empty. */
  readonly minMs: number;
  readonly maxMs: number;
  /** sumMs + sumErrorMs is the exact sum to ~1 ulp (Neumaier compensation). */
  readonly sumMs: number;
  readonly sumErrorMs: number;
  /** [lowUs, count, ...] per non-empty bucket, ascending. */
  readonly bins: readonly number[];
}

/** The summary reports print. All fields are in milliseconds except `count`; all 0 when empty. */
export interface HistogramSummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** A point of an empirical CDF: a fraction `cumulative` of the recorded values is <= `valueMs`. */
export interface CdfPoint {
  readonly valueMs: number;
  readonly cumulative: number;
}

export const US_PER_MS = 1000;

/**
 * HdrHistogram's bucket layout for 3 significant digits and a lowest discernible value of 1 us
 * (how ./histogram.ts builds it): sub-buckets of 2^11 counts, of which the upper 2^10 are new in
 * each bucket; bucket k > 0 counts values in steps of 2^k us.
 */
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10;
const SUB_BUCKET_COUNT = 2 ** (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);

/** The highest value (us) of the HDR bucket whose lowest value is `lowUs` (JsHistogram.highestEquivalentValue). */
export function highestEquivalentUs(lowUs: number): number {
  const bucket = Math.max(Math.floor(Math.log2(lowUs)) - SUB_BUCKET_HALF_COUNT_MAGNITUDE, 0);
  const subBucket = Math.floor(lowUs / 2 ** bucket);
  return lowUs + 2 ** (subBucket >= SUB_BUCKET_COUNT ? bucket + 1 : bucket) - 1;
}

/** The distance from x to the next larger double (HdrHistogram's ulp). */
const ulp = (x: number): number => 2 ** (Math.floor(Math.log2(x)) - 52);

const clamp = (d: HistogramData, valueMs: number): number => Math.min(Math.max(valueMs, d.minMs), d.maxMs);

/** Exact mean in ms (sum / count); 0 when empty. */
export function histogramMean(d: HistogramData): number {
  return d.count === 0 ? 0 : (d.sumMs + d.sumErrorMs) / d.count;
}

/** Nearest-rank percentile in ms, p in [0, 100] (see the file comment); 0 when empty. O(bins). */
export function histogramPercentile(d: HistogramData, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new InvalidParameterError(`percentile must be in [0, 100], got ${p}`);
  if (d.count === 0) return 0;
  // HdrHistogram's rounding: one ulp of slack so that an exact integer product is not rounded up.
  const fpCount = (p / 100) * d.count;
  const rank = Math.max(Math.ceil(fpCount - ulp(fpCount)), 1);
  const bins = d.bins;
  let cum = 0;
  for (let j = 0; j < bins.length; j += 2) {
    cum += bins[j + 1];
    if (cum >= rank) return clamp(d, (p === 0 ? bins[j] : highestEquivalentUs(bins[j])) / US_PER_MS);
  }
  return clamp(d, 0);
}

/** count, mean, p50, p90, p95, p99 and max, in ms; all 0 when empty. */
export function histogramSummary(d: HistogramData): HistogramSummary {
  return {
    count: d.count,
    mean: histogramMean(d),
    p50: histogramPercentile(d, 50),
    p90: histogramPercentile(d, 90),
    p95: histogramPercentile(d, 95),
    p99: histogramPercentile(d, 99),
    max: d.count === 0 ? 0 : d.maxMs,
  };
}

/**
 * At most `maxPoints` (>= 2) points of the empirical CDF, ascending in both coordinates, for charts.
 * Each point is exact for the bucketed data: `cumulative` is the fraction of values in buckets up to
 * the one whose upper edge is `valueMs`. The last point is always (max, 1). When there are more
 * non-empty buckets than points, half the points are spread evenly in cumulative probability and half
 * evenly in log10(1 - cumulative), so the tail (p99, p99.9, ...) stays visible. Empty: []. O(bins).
 * A point is made only for a bucket it keeps: a run's latency histogram has ~10^4 buckets, and the
 * charts read three of them once each (cold code, in the interpreter).
 */
export function histogramCdf(d: HistogramData, maxPoints = 200): CdfPoint[] {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) {
    throw new InvalidParameterError(`cdf needs an integer maxPoints >= 2, got ${maxPoints}`);
  }
  if (d.count === 0) return [];
  // counted[k]: the values in buckets 0..k, up to the bucket that holds the last value.
  const counted: number[] = [];
  const bins = d.bins;
  let cum = 0;
  for (let j = 0; j < bins.length; j += 2) {
    cum += bins[j + 1];
    counted.push(cum);
    if (cum >= d.count) break;
  }
  const last = counted.length - 1;
  const point = (k: number): CdfPoint =>
    k === last
      ? { valueMs: d.maxMs, cumulative: 1 }
      : { valueMs: clamp(d, highestEquivalentUs(bins[2 * k]) / US_PER_MS), cumulative: counted[k] / d.count };
  if (counted.length <= maxPoints) return counted.map((_, k) => point(k));

  const m = maxPoints - 1; // the last point is always kept
  const uniform = Math.ceil(m / 2);
  const tail = m - uniform;
  const targets: number[] = [];
  for (let j = 1; j <= uniform; j++) targets.push(j / (uniform + 1));
  const decades = Math.max(1, Math.log10(d.count));
  for (let j = 1; j <= tail; j++) targets.push(1 - 10 ** -(1 + ((decades - 1) * j) / tail));
  targets.sort((x, y) => x - y);
  // Each target's point: the first bucket whose cumulative fraction reaches it, once.
  const out: CdfPoint[] = [];
  let k = 0;
  let kept = -1;
  for (const target of targets) {
    while (k < last && counted[k] / d.count < target) k++;
    if (k === last) break;
    if (k !== kept) {
      out.push(point(k));
      kept = k;
    }
  }
  out.push(point(last));
  return out;
}
