/**
 * The bucketed series as plain data: what a finished run hands out (src/results), serialisable to
 * JSON as it is (numbers, arrays and null; no NaN, no Infinity, no typed arrays, no methods), and
 * the pure readers that turn it into chart values. The recorders (BucketedCounts, BucketedGauge,
 * BucketedQuantiles) produce it with `toData()` and read themselves through these same functions,
 * so there is one implementation of every reading.
 *
 * Merging (time shards of one run, later): every per-bucket array is indexed by bucket, so series of
 * adjacent windows on the same bucket width concatenate, and series of the same window add bucket by
 * bucket (counts, integrals, covered time and bins add; peaks, mins and maxes take the larger or
 * smaller).
 */
import { BucketGrid } from './bucketGrid.ts';

/** The window [0, windowMs) and the bucket width of a series (BucketGrid's parameters). */
export interface GridData {
  readonly windowMs: number;
  readonly bucketMs: number;
}

/** Events per time bucket (BucketedCounts). */
export interface CountSeriesData extends GridData {
  readonly counts: readonly number[];
  /** Events at times >= windowMs, in no bucket. */
  readonly ignored: number;
}

/** A piecewise-constant level per time bucket (BucketedGauge). */
export interface GaugeSeriesData extends GridData {
  /** Per bucket: the integral of the level over the bucket's covered time (level x ms). */
  readonly integrals: readonly number[];
  /** Per bucket: ms of the bucket the series covers (up to its last update or finish); 0 for none. */
  readonly coveredMs: readonly number[];
  /** Per bucket: the largest level held (values held for zero time included); null before any. */
  readonly peaks: readonly (number | null)[];
}

/** Values per time bucket in log bins, for quantiles over time (BucketedQuantiles). */
export interface QuantileSeriesData extends GridData {
  /**
   * The bins every bucket shares: bin 0 is [0, minMs), bin k (1 <= k < binCount - 1) is
   * [minMs b^(k-1), minMs b^k) with b = 1 + relativeBinWidth, the last bin [minMs b^(binCount-2), Infinity).
   */
  readonly minMs: number;
  readonly relativeBinWidth: number;
  readonly binCount: number;
  /** Per bucket: the number of values recorded, and their exact min and max (0 when none). */
  readonly counts: readonly number[];
  readonly mins: readonly number[];
  readonly maxes: readonly number[];
  /** Per bucket: its non-empty bins as [bin, count, bin, count, ...], bins ascending. */
  readonly bins: readonly (readonly number[])[];
  /** Values recorded at times >= windowMs, in no bucket. */
  readonly ignored: number;
}

/** The BucketGrid of a series (bucket starts and spans). */
export function gridOf(series: GridData): BucketGrid {
  return new BucketGrid(series.windowMs, series.bucketMs);
}

/** Count per bucket. */
export function countValues(series: CountSeriesData): Float64Array {
  return Float64Array.from(series.counts);
}

/** Events over all buckets (excludes `ignored`). */
export function countTotal(series: CountSeriesData): number {
  let sum = 0;
  for (const c of series.counts) sum += c;
  return sum;
}

/** Time average per bucket over its covered time; NaN where nothing is covered. */
export function gaugeMeans(series: GaugeSeriesData): Float64Array {
  const out = new Float64Array(series.integrals.length);
  for (let i = 0; i < out.length; i++) {
    const span = series.coveredMs[i];
    out[i] = span > 0 ? series.integrals[i] / span : Number.NaN;
  }
  return out;
}

/** Largest level held in each bucket; NaN where nothing has happened. */
export function gaugeMaxes(series: GaugeSeriesData): Float64Array {
  return Float64Array.from(series.peaks, (p) => p ?? Number.NaN);
}

/** Number of values recorded in bucket i. */
export function quantileCount(series: QuantileSeriesData, bucket: number): number {
  return series.counts[bucket];
}

/**
 * Nearest-rank quantile of bucket i for p in [0, 1], in ms; NaN when the bucket is empty. The
 * smallest value with at least ceil(p n) (at least 1) of the bucket's n values <= it, as the
 * geometric middle of its bin clamped to the bucket's exact [min, max]; ranks 1 and n give the
 * exact min and max. O(non-empty bins). The caller checks p (BucketedQuantiles.quantile does).
 */
export function bucketQuantile(series: QuantileSeriesData, bucket: number, p: number): number {
  const n = series.counts[bucket];
  if (!(n > 0)) return Number.NaN;
  const rank = Math.max(1, Math.ceil(p * n));
  if (rank === 1) return series.mins[bucket]; // the extremes are kept exactly
  if (rank >= n) return series.maxes[bucket];
  const bins = series.bins[bucket];
  let cum = 0;
  let k = series.binCount - 1;
  for (let j = 0; j < bins.length; j += 2) {
    cum += bins[j + 1];
    if (cum >= rank) {
      k = bins[j];
      break;
    }
  }
  const logBase = Math.log1p(series.relativeBinWidth);
  const mid = k === 0 ? 0.5 * series.minMs : series.minMs * Math.exp((k - 0.5) * logBase);
  return Math.min(Math.max(mid, series.mins[bucket]), series.maxes[bucket]);
}

/** bucketQuantile(i, p) for every bucket (NaN for empty ones). */
export function quantilesOf(series: QuantileSeriesData, p: number): Float64Array {
  const out = new Float64Array(series.counts.length);
  for (let i = 0; i < out.length; i++) out[i] = bucketQuantile(series, i, p);
  return out;
}
