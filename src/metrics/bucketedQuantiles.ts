import { InvalidParameterError } from '../engine/index.ts';
import { BucketGrid } from './bucketGrid.ts';
import { bucketQuantile, type QuantileSeriesData, quantilesOf } from './seriesData.ts';

/** Resolution of the per-bucket histograms. Values in ms. */
export interface LogBinOptions {
  /** Lower edge of the first log bin (default 0.01 ms); smaller values share one underflow bin. */
  readonly minMs?: number;
  /** Values at or above about this (default 1e7 ms) share one overflow bin. */
  readonly maxMs?: number;
  /** Relative width of a bin (default 0.025: each bin's upper edge is 2.5% above its lower edge). */
  readonly relativeBinWidth?: number;
}

/**
 * A quantile-per-time-bucket series (e.g. p50/p99 latency over time), with memory bounded by
 * buckets x bins no matter how many values are recorded.
 *
 * Each bucket holds a log-binned histogram: bin 0 is [0, minMs), bin k (1..K) is
 * [minMs b^(k-1), minMs b^k) with b = 1 + relativeBinWidth, bin K+1 is [minMs b^K, Infinity). All
 * buckets share one Float64Array of counts (bucket-major), plus the exact count, min and max per bucket.
 * Defaults give K = 840 log bins from 0.01 ms to 1e7 ms, i.e. ~6.7 KB per bucket, ~4 MB for 600 buckets.
 *
 * quantile(bucket, p) uses the nearest-rank rule (the smallest value with at least ceil(p n), at
 * least 1, of the bucket's n values <= it) and returns the geometric middle of that value's bin clamped
 * to the bucket's exact [min, max], so inside [minMs, maxMs) it is within a factor sqrt(b) of the exact
 * quantile (1.24% by default); ranks 1 and n return the exact min and max. Times >= windowMs are
 * ignored and tallied in `ignored`.
 */
export class BucketedQuantiles {
  readonly grid: BucketGrid;
  /** Bins per bucket, K + 2. */
  readonly binCount: number;
  private readonly minMs: number;
  private readonly relativeBinWidth: number;
  private readonly invLogBase: number;
  private readonly counts: Float64Array;
  private readonly totals: Float64Array;
  private readonly mins: Float64Array;
  private readonly maxs: Float64Array;
  private ignoredCount = 0;
  /** The bucket of the last value recorded inside the window and its exact times [bucketFromMs, bucketUntilMs) (BucketGrid.edgeMs). */
  private bucket = 0;
  private bucketFromMs = 0;
  private bucketUntilMs = 0;

  /** Buckets of `bucketMs` (default: chooseBucketMs(windowMs)) over [0, windowMs). */
  constructor(windowMs: number, bucketMs?: number, options: LogBinOptions = {}) {
    const minMs = options.minMs ?? 0.01;
    const maxMs = options.maxMs ?? 1e7;
    const width = options.relativeBinWidth ?? 0.025;
    if (!(minMs > 0 && maxMs > minMs && maxMs < Number.POSITIVE_INFINITY && width > 0 && width <= 1)) {
      throw new InvalidParameterError(
        `log bins need 0 < minMs < maxMs < Infinity and 0 < relativeBinWidth <= 1, got ${minMs}, ${maxMs}, ${width}`,
      );
    }
    this.grid = new BucketGrid(windowMs, bucketMs);
    this.minMs = minMs;
    this.relativeBinWidth = width;
    this.invLogBase = 1 / Math.log1p(width);
    const regular = Math.ceil(Math.log(maxMs / minMs) * this.invLogBase);
    this.binCount = regular + 2;
    const n = this.grid.count;
    this.counts = new Float64Array(n * this.binCount);
    this.totals = new Float64Array(n);
    this.mins = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.maxs = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  }

  /** Records `valueMs` (finite, >= 0) at `timeMs`. O(1): one log, no division while times stay in one bucket. */
  record(timeMs: number, valueMs: number): void {
    if (!(valueMs >= 0 && valueMs < Number.POSITIVE_INFINITY)) throw invalidValue(valueMs);
    let i = this.bucket;
    if (!(timeMs >= this.bucketFromMs && timeMs < this.bucketUntilMs)) {
      i = this.findBucket(timeMs);
      if (i < 0) {
        this.ignoredCount++;
        return;
      }
    }
    this.counts[i * this.binCount + this.binOf(valueMs)]++;
    this.totals[i]++;
    if (valueMs < this.mins[i]) this.mins[i] = valueMs;
    if (valueMs > this.maxs[i]) this.maxs[i] = valueMs;
  }

  /** Number of values recorded in bucket i. */
  count(bucket: number): number {
    return this.totals[bucket];
  }

  /** Nearest-rank quantile of bucket i for p in [0, 1], in ms; NaN when the bucket is empty (see seriesData.ts). */
  quantile(bucket: number, p: number): number {
    checkP(p);
    return bucketQuantile(this.toData(bucket), bucket, p);
  }

  /** quantile(i, p) for every bucket (NaN for empty ones). */
  quantiles(p: number): Float64Array {
    checkP(p);
    return quantilesOf(this.toData(), p);
  }

  /**
   * The series as plain data (a copy): per bucket its count, exact min and max, and its non-empty
   * bins. `only`: fill the bins of that bucket alone (the others read as empty bins). O(buckets +
   * bins between each bucket's smallest and largest value).
   */
  toData(only = -1): QuantileSeriesData {
    const g = this.grid;
    const n = g.count;
    const mins = new Array<number>(n);
    const maxes = new Array<number>(n);
    const bins = new Array<number[]>(n);
    for (let i = 0; i < n; i++) {
      const count = this.totals[i];
      mins[i] = count > 0 ? this.mins[i] : 0;
      maxes[i] = count > 0 ? this.maxs[i] : 0;
      const sparse: number[] = [];
      if (count > 0 && (only < 0 || only === i)) {
        const base = i * this.binCount;
        const last = this.binOf(this.maxs[i]);
        for (let k = this.binOf(this.mins[i]); k <= last; k++) {
          const c = this.counts[base + k];
          if (c > 0) sparse.push(k, c);
        }
      }
      bins[i] = sparse;
    }
    return {
      windowMs: g.windowMs,
      bucketMs: g.bucketMs,
      minMs: this.minMs,
      relativeBinWidth: this.relativeBinWidth,
      binCount: this.binCount,
      counts: Array.from(this.totals),
      mins,
      maxes,
      bins,
      ignored: this.ignoredCount,
    };
  }

  /** Values recorded at times >= windowMs. */
  get ignored(): number {
    return this.ignoredCount;
  }

  /** The bucket of `timeMs` (-1 past the window), cached with its exact times (BucketGrid.edgeMs). */
  private findBucket(timeMs: number): number {
    const g = this.grid;
    const i = g.indexOf(timeMs);
    if (i >= 0) {
      this.bucket = i;
      this.bucketFromMs = g.edgeMs(i);
      this.bucketUntilMs = g.edgeMs(i + 1);
    }
    return i;
  }

  private binOf(valueMs: number): number {
    if (valueMs < this.minMs) return 0;
    const k = 1 + Math.floor(Math.log(valueMs / this.minMs) * this.invLogBase);
    return Math.min(k, this.binCount - 1);
  }
}

function invalidValue(valueMs: number): InvalidParameterError {
  return new InvalidParameterError(`bucketed quantile values must be finite and >= 0, got ${valueMs}`);
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(`quantile p must be in [0, 1], got ${p}`);
}
