import { InvalidParameterError } from '../engine/index.ts';
import {
  type CdfPoint,
  type HistogramData,
  type HistogramSummary,
  histogramCdf,
  histogramPercentile,
  histogramSummary,
  US_PER_MS,
} from './histogramData.ts';
import { binOfUs, binsUpTo, lowUsOfBin } from './logLinearBins.ts';

/**
 * A streaming histogram of durations in milliseconds: HdrHistogram's log-linear bins for 3 significant
 * digits (./logLinearBins.ts) counted in one Float64Array indexed by the value's exponent and top
 * mantissa bits, so recording costs about as much as a counter.
 *
 * Values are recorded as integer microseconds (rounded half up), so a percentile is within 0.1% of the
 * exact nearest-rank percentile of the rounded values (HdrHistogram's bound for 3 digits; its buckets
 * are 1/1024 of the value wide) plus the 0.0005 ms rounding. Bins and readings are identical to those
 * of hdr-histogram-js with the same settings (tested against it). The count, min and max are kept exactly
 * beside the histogram, the sum (hence the mean) with compensated summation (error ~1 ulp of the
 * sum, whatever the count), and percentiles are clamped to [min, max].
 *
 * Percentile rule (nearest rank): percentile(p) is the smallest value v such that at least
 * ceil(p / 100 * count) (at least 1) of the recorded values are <= v.
 *
 * Space: 2048 + 1024 log2(max / 2048 us) counts (Float64, exact to 2^53 per bin), independent of
 * the number of values: 8 KB to start, ~140 KB once values reach a minute (the array grows to the
 * largest value recorded). record is O(1); percentile and cdf are O(bins). Deterministic: the same
 * values recorded in the same order give the same results; in another order, everything but the
 * last bits of the mean.
 */
export class Histogram {
  /** counts[bin]: values recorded in that bin (binOfUs of the value in whole microseconds). */
  private counts: Float64Array;
  /** Highest bin with a count, -1 when empty. */
  private topBin = -1;
  private n = 0;
  /** Neumaier-compensated sum of the recorded values: sumMs + sumErrMs is within ~1 ulp of the exact sum. */
  private sumMs = 0;
  private sumErrMs = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = Number.NEGATIVE_INFINITY;

  /** `highestTrackableMs` only sizes the first allocation (at most a minute's worth); the histogram grows as needed. */
  constructor(highestTrackableMs = 1) {
    this.counts = new Float64Array(binsUpTo(Math.min(highestTrackableMs, 60_000) * US_PER_MS));
  }

  /** Records one value, finite and >= 0 (InvalidParameterError otherwise). O(1). */
  record(valueMs: number): void {
    if (!(valueMs >= 0 && valueMs < Number.POSITIVE_INFINITY)) {
      throw new InvalidParameterError(`histogram values must be finite and >= 0, got ${valueMs}`);
    }
    this.addToBin(binOfUs(Math.round(valueMs * US_PER_MS)), 1);
    this.n++;
    this.addToSum(valueMs);
    if (valueMs < this.minMs) this.minMs = valueMs;
    if (valueMs > this.maxMs) this.maxMs = valueMs;
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
    this.addToBin(binOfUs(Math.round(valueMs * US_PER_MS)), n);
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

  /** Nearest-rank percentile in ms, p in [0, 100] (./histogramData.ts); 0 when empty. O(buckets). */
  percentile(p: number): number {
    return histogramPercentile(this.toData(), p);
  }

  /** count, mean, p50, p90, p95, p99 and max, in ms; all 0 when empty. */
  summary(): HistogramSummary {
    return histogramSummary(this.toData());
  }

  /** At most `maxPoints` (>= 2) points of the empirical CDF (./histogramData.ts). O(buckets). */
  cdf(maxPoints = 200): CdfPoint[] {
    return histogramCdf(this.toData(), maxPoints);
  }

  /** The histogram as plain data (a copy): its non-empty buckets and exact scalars. O(buckets). */
  toData(): HistogramData {
    const counts = this.counts;
    const bins: number[] = [];
    for (let i = 0; i <= this.topBin; i++) {
      const c = counts[i];
      if (c !== 0) bins.push(lowUsOfBin(i), c);
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
    for (let j = 0; j < bins.length; j += 2) out.addToBin(binOfUs(bins[j]), bins[j + 1]);
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
    const counts = other.counts;
    for (let i = 0; i <= other.topBin; i++) if (counts[i] !== 0) this.addToBin(i, counts[i]);
    this.n += other.n;
    this.addToSum(other.sumMs);
    this.addToSum(other.sumErrMs);
    if (other.minMs < this.minMs) this.minMs = other.minMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  private addToBin(bin: number, n: number): void {
    if (bin >= this.counts.length) this.grow(bin);
    this.counts[bin] += n;
    if (bin > this.topBin) this.topBin = bin;
  }

  /** Makes room for `bin`, doubling at least (amortised O(1) per bin). */
  private grow(bin: number): void {
    const grown = new Float64Array(Math.max(bin + 1, 2 * this.counts.length));
    grown.set(this.counts);
    this.counts = grown;
  }

  private addToSum(x: number): void {
    const t = this.sumMs + x;
    this.sumErrMs += Math.abs(this.sumMs) >= Math.abs(x) ? this.sumMs - t + x : x - t + this.sumMs;
    this.sumMs = t;
  }
}
