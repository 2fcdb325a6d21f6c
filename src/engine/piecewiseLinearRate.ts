import { InvalidParameterError } from './errors.ts';

/** A stretch of time over which the rate moves linearly from rate0 (at start) to rate1 (at start + duration). */
export interface RateSegment {
  /** Start time, >= 0, in the caller's time unit. */
  readonly start: number;
  /** Length, >= 0, same unit (a zero-length segment contributes nothing and is dropped). */
  readonly duration: number;
  /** Rate at the start, >= 0, in events per time unit. */
  readonly rate0: number;
  /** Rate at the end, >= 0, in events per time unit. */
  readonly rate1: number;
}

/**
 * A piecewise-linear rate function r(t) >= 0 on [0, Infinity): linear on each segment, 0 in gaps
 * between segments and after the last one. Segments may come in any order but must not overlap
 * (touching is fine); a segment covers [start, start + duration).
 *
 * `cumulative(t)` is the mean-value function M(t), the expected count in [0, t]; `inverse(c)` maps a count back to a
 * time. Both are closed-form per segment after an O(log segments) binary search. Construction is
 * O(segments log segments). Throws InvalidParameterError on negative or non-finite rates, times or
 * durations, and on overlapping segments (zero-length segments are dropped first).
 */
export class PiecewiseLinearRate {
  /** Expected total count, M(Infinity). */
  readonly total: number;
  /** End of the last segment (0 with no segments): the rate is 0 from here on. */
  readonly end: number;
  private readonly starts: Float64Array;
  private readonly durations: Float64Array;
  private readonly rate0s: Float64Array;
  private readonly slopes: Float64Array;
  /** M at each segment's start. */
  private readonly before: Float64Array;
  /** M at each segment's end. */
  private readonly after: Float64Array;

  constructor(segments: readonly RateSegment[]) {
    for (const { start, duration, rate0, rate1 } of segments) {
      const ok =
        Number.isFinite(start) &&
        start >= 0 &&
        Number.isFinite(duration) &&
        duration >= 0 &&
        Number.isFinite(rate0) &&
        rate0 >= 0 &&
        Number.isFinite(rate1) &&
        rate1 >= 0;
      if (!ok) {
        throw new InvalidParameterError(
          `rate segment needs finite start >= 0, duration >= 0, rates >= 0; got start=${start}, ` +
            `duration=${duration}, rate0=${rate0}, rate1=${rate1}`,
        );
      }
    }
    const sorted = segments.filter((s) => s.duration > 0).sort((x, y) => x.start - y.start);
    const n = sorted.length;
    this.starts = new Float64Array(n);
    this.durations = new Float64Array(n);
    this.rate0s = new Float64Array(n);
    this.slopes = new Float64Array(n);
    this.before = new Float64Array(n);
    this.after = new Float64Array(n);
    let acc = 0;
    let prevEnd = 0;
    for (let i = 0; i < n; i++) {
      const { start, duration, rate0, rate1 } = sorted[i];
      if (start < prevEnd) {
        throw new InvalidParameterError(`rate segments overlap: one starts at ${start}, before ${prevEnd}`);
      }
      this.starts[i] = start;
      this.durations[i] = duration;
      this.rate0s[i] = rate0;
      this.slopes[i] = (rate1 - rate0) / duration;
      this.before[i] = acc;
      acc += 0.5 * (rate0 + rate1) * duration;
      this.after[i] = acc;
      prevEnd = start + duration;
    }
    this.total = acc;
    this.end = prevEnd;
  }

  /** M(t) = integral of the rate over [0, t]; 0 for t <= 0. Non-decreasing and continuous. */
  cumulative(t: number): number {
    const starts = this.starts;
    // Last segment with start <= t.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return 0;
    const x = t - starts[i];
    if (x >= this.durations[i]) return this.after[i];
    return this.before[i] + x * (this.rate0s[i] + 0.5 * this.slopes[i] * x);
  }

  /**
   * The time at which the expected count reaches `count`: inf { t >= 0 : M(t) > count } for
   * 0 <= count < total, 0 for count < 0, Infinity for count >= total. Where the rate is positive this
   * is the unique t with M(t) = count, so inverse(cumulative(t)) = t; across a stretch of zero
   * rate it jumps to where the rate turns positive again, so arrivals never land in a gap.
   * On a ramp the root is the cancellation-free x = 2L / (r0 + sqrt(r0^2 + 2 (r1 - r0) L / d)).
   */
  inverse(count: number): number {
    if (!(count < this.total)) return Number.POSITIVE_INFINITY;
    if (count < 0) return 0;
    const after = this.after;
    // First segment whose end count exceeds `count` (skips zero-rate segments).
    let lo = 0;
    let hi = after.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after[mid] > count) hi = mid;
      else lo = mid + 1;
    }
    const left = count - this.before[lo];
    if (left <= 0) return this.starts[lo];
    const r0 = this.rate0s[lo];
    const disc = r0 * r0 + 2 * this.slopes[lo] * left;
    const denominator = r0 + Math.sqrt(Math.max(disc, 0));
    // denominator is 0 only when r0 = 0 and slope * left underflowed: then x = sqrt(2 left / slope).
    const x = denominator > 0 ? (2 * left) / denominator : Math.sqrt((2 * left) / this.slopes[lo]);
    const d = this.durations[lo];
    return this.starts[lo] + Math.min(x, d);
  }
}
