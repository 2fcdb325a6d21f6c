import * as hdr from 'hdr-histogram-js';
import { InvalidParameterError } from '../engine/index.ts';

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

/**
 * A Histogram as plain data (what a finished run hands out; JSON as it is). Exact count, min, max
 * and compensated sum, and the HdrHistogram counts as [valueUs, count, ...] pairs, one per
 * non-empty HDR bucket (valueUs: an integer microsecond value inside it, ascending). Two of these
 * merge by adding counts of equal values (Histogram.merge does it on the recorders).
 */
export interface HistogramData {
  readonly count: number;
  /** 0 when empty. */
  readonly minMs: number;
  readonly maxMs: number;
  /** sumMs + sumErrorMs is the exact sum to ~1 ulp (Neumaier compensation). */
  readonly sumMs: number;
  readonly sumErrorMs: number;
  readonly bins: readonly number[];
}

/** Exact mean of a histogram's values in ms; 0 when empty. */
export function histogramMean(data: HistogramData): number {
  return data.count === 0 ? 0 : (data.sumMs + data.sumErrorMs) / data.count;
}

/** count, mean, p50, p90, p95, p99 and max, in ms (Histogram.summary of the data). */
export function histogramSummary(data: HistogramData): HistogramSummary {
  return Histogram.fromData(data).summary();
}

/** Points of the empirical CDF (Histogram.cdf of the data). */
export function histogramCdf(data: HistogramData, maxPoints?: number): CdfPoint[] {
  return Histogram.fromData(data).cdf(maxPoints);
}

const US_PER_MS = 1000;

/**
 * A streaming histogram of durations in milliseconds, over HdrHistogram (3 significant digits).
 *
 * Values are recorded as integer microseconds (rounded half up), so a percentile is within 0.1% of the
 * exact nearest-rank percentile of the rounded values (HdrHistogram's bound for 3 digits; its buckets
 * are 1/1024 of the value wide) plus the 0.0005 ms rounding. The count, min and max are kept exactly
 * beside the histogram, the sum (hence the mean) with compensated summation (error ~1 ulp of the
 * sum, whatever the count), and percentiles are clamped to [min, max].
 *
 * Percentile rule (nearest rank): percentile(p) is the smallest value v such that at least
 * ceil(p / 100 * count) (at least 1) of the recorded values are <= v.
 *
 * Space: O(log(max / 1 us)) buckets of 2048 counts (Float64 counts, exact to 2^53 per bucket),
 * ~150-400 KB, independent of the number of values. record is O(1); percentile and cdf are
 * O(buckets). Deterministic: the same values recorded in the same order give the same results; in
 * another order, everything but the last bits of the mean.
 */
export class Histogram {
  private readonly h: hdr.JsHistogram;
  private n = 0;
  /** Neumaier-compensated sum of the recorded values: sumMs + sumErrMs is within ~1 ulp of the exact sum. */
  private sumMs = 0;
  private sumErrMs = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = Number.NEGATIVE_INFINITY;

  /** `highestTrackableMs` only sizes the first allocation; the histogram grows as needed. */
  constructor(highestTrackableMs = 60_000) {
    const built = hdr.build({
      bitBucketSize: 64,
      lowestDiscernibleValue: 1,
      highestTrackableValue: Math.max(2, Math.ceil(highestTrackableMs * US_PER_MS)),
      numberOfSignificantValueDigits: 3,
      autoResize: true,
    });
    if (!(built instanceof hdr.JsHistogram)) throw new Error('hdr-histogram-js built a non-JS histogram');
    this.h = built;
  }

  /** Records one value, finite and >= 0 (InvalidParameterError otherwise). O(1). */
  record(valueMs: number): void {
    this.recordN(valueMs, 1);
  }

  /** Records `n` copies of a value (n a non-negative integer; 0 does nothing). O(1). */
  recordN(valueMs: number, n: number): void {
    if (!(valueMs >= 0 && valueMs < Number.POSITIVE_INFINITY)) {
      throw new InvalidParameterError(`histogram values must be finite and >= 0, got ${valueMs}`);
    }
    if (!(Number.isSafeInteger(n) && n >= 0)) {
      throw new InvalidParameterError(`recordN needs a non-negative integer count, got ${n}`);
    }
    if (n === 0) return;
    this.h.recordValueWithCount(Math.round(valueMs * US_PER_MS), n);
    this.n += n;
    this.addToSum(valueMs * n);
    if (valueMs < this.minMs) this.minMs = valueMs;
    if (valueMs > this.maxMs) this.maxMs = valueMs;
  }

  /** Number of recorded values (exact). */
  get count(): number {
    return this.n;
  }

  /** Exact mean in ms (sum / count); 0 when empty. */
  get mean(): number {
    return this.n === 0 ? 0 : (this.sumMs + this.sumErrMs) / this.n;
  }

  /** Exact smallest recorded value in ms; 0 when empty. */
  get min(): number {
    return this.n === 0 ? 0 : this.minMs;
  }

  /** Exact largest recorded value in ms; 0 when empty. */
  get max(): number {
    return this.n === 0 ? 0 : this.maxMs;
  }

  /** Nearest-rank percentile in ms, p in [0, 100] (see the class comment); 0 when empty. O(buckets). */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new InvalidParameterError(`percentile must be in [0, 100], got ${p}`);
    if (this.n === 0) return 0;
    const v = this.h.getValueAtPercentile(p) / US_PER_MS;
    return Math.min(Math.max(v, this.minMs), this.maxMs);
  }

  /** count, mean, p50, p90, p95, p99 and max, in ms; all 0 when empty. */
  summary(): HistogramSummary {
    return {
      count: this.n,
      mean: this.mean,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.max,
    };
  }

  /**
   * At most `maxPoints` (>= 2) points of the empirical CDF, ascending in both coordinates, for charts.
   * Each point is exact for the bucketed data: `cumulative` is the fraction of values in buckets up to
   * the one whose upper edge is `valueMs`. The last point is always (max, 1). When there are more
   * non-empty buckets than points, half the points are spread evenly in cumulative probability and half
   * evenly in log10(1 - cumulative), so the tail (p99, p99.9, ...) stays visible. Empty: []. O(buckets).
   */
  cdf(maxPoints = 200): CdfPoint[] {
    if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) {
      throw new InvalidParameterError(`cdf needs an integer maxPoints >= 2, got ${maxPoints}`);
    }
    if (this.n === 0) return [];
    const h = this.h;
    const all: CdfPoint[] = [];
    let cum = 0;
    for (let i = 0; i < h.countsArrayLength; i++) {
      const c = h.getCountAtIndex(i);
      if (c === 0) continue;
      cum += c;
      const upperMs = h.highestEquivalentValue(h.valueFromIndex(i)) / US_PER_MS;
      all.push({ valueMs: Math.min(Math.max(upperMs, this.minMs), this.maxMs), cumulative: cum / this.n });
      if (cum >= this.n) break;
    }
    all[all.length - 1] = { valueMs: this.maxMs, cumulative: 1 };
    if (all.length <= maxPoints) return all;

    const m = maxPoints - 1; // the last point is always kept
    const uniform = Math.ceil(m / 2);
    const tail = m - uniform;
    const targets: number[] = [];
    for (let j = 1; j <= uniform; j++) targets.push(j / (uniform + 1));
    const decades = Math.max(1, Math.log10(this.n));
    for (let j = 1; j <= tail; j++) targets.push(1 - 10 ** -(1 + ((decades - 1) * j) / tail));
    targets.sort((x, y) => x - y);
    const out: CdfPoint[] = [];
    let k = 0;
    for (const target of targets) {
      while (k < all.length - 1 && all[k].cumulative < target) k++;
      if (k === all.length - 1) break;
      if (out.length === 0 || out[out.length - 1] !== all[k]) out.push(all[k]);
    }
    out.push(all[all.length - 1]);
    return out;
  }

  /** The histogram as plain data (a copy). O(buckets). */
  toData(): HistogramData {
    const h = this.h;
    const bins: number[] = [];
    let seen = 0;
    for (let i = 0; i < h.countsArrayLength && seen < this.n; i++) {
      const c = h.getCountAtIndex(i);
      if (c === 0) continue;
      bins.push(h.valueFromIndex(i), c);
      seen += c;
    }
    return {
      count: this.n,
      minMs: this.min,
      maxMs: this.max,
      sumMs: this.sumMs,
      sumErrorMs: this.sumErrMs,
      bins,
    };
  }

  /** A histogram holding exactly the values of `data` (its percentiles and CDF are the recorder's). */
  static fromData(data: HistogramData): Histogram {
    const out = new Histogram(data.maxMs);
    if (data.count === 0) return out;
    const bins = data.bins;
    for (let j = 0; j < bins.length; j += 2) out.h.recordValueWithCount(bins[j], bins[j + 1]);
    out.n = data.count;
    out.sumMs = data.sumMs;
    out.sumErrMs = data.sumErrorMs;
    out.minMs = data.minMs;
    out.maxMs = data.maxMs;
    return out;
  }

  /** Adds every value recorded in `other` to this histogram (other is unchanged). */
  merge(other: Histogram): void {
    if (other.n === 0) return;
    this.h.add(other.h);
    this.n += other.n;
    this.addToSum(other.sumMs);
    this.addToSum(other.sumErrMs);
    if (other.minMs < this.minMs) this.minMs = other.minMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  private addToSum(x: number): void {
    const t = this.sumMs + x;
    this.sumErrMs += Math.abs(this.sumMs) >= Math.abs(x) ? this.sumMs - t + x : x - t + this.sumMs;
    this.sumMs = t;
  }
}
