import { InvalidParameterError } from '../engine/index.ts';
import { nextDown, nextUp } from './floatSteps.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The bucket widths charts use, in ms, ascending: 1 s, 2 s, 5 s, ... 12 h, 1 d. */
export const NICE_BUCKET_MS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
];

/**
 * The smallest width in NICE_BUCKET_MS that covers `windowMs` (finite, >= 0) with at most `maxBuckets`
 * (an integer >= 1) buckets: 1 min -> 1 s, 1 h -> 10 s, 1 d -> 5 min, 30 d -> 2 h. Windows longer than
 * maxBuckets days get a whole number of days, still within maxBuckets.
 */
export function chooseBucketMs(windowMs: number, maxBuckets = 600): number {
  if (!(windowMs >= 0 && windowMs < Number.POSITIVE_INFINITY)) {
    throw new InvalidParameterError(`window must be finite and >= 0 ms, got ${windowMs}`);
  }
  if (!(Number.isInteger(maxBuckets) && maxBuckets >= 1)) {
    throw new InvalidParameterError(`maxBuckets must be an integer >= 1, got ${maxBuckets}`);
  }
  for (const width of NICE_BUCKET_MS) if (Math.ceil(windowMs / width) <= maxBuckets) return width;
  return DAY * Math.ceil(windowMs / (DAY * maxBuckets));
}

/**
 * Fixed-width time buckets over the window [0, windowMs): bucket i covers
 * [i * bucketMs, min((i + 1) * bucketMs, windowMs)), so the last one may be partial (see `spanMs`).
 *
 * Out-of-window rule, shared by every bucketed series: times >= windowMs are ignored (the series count
 * them in `ignored`), never clamped into the last bucket; negative or NaN times are bugs and throw
 * InvalidParameterError.
 */
export class BucketGrid {
  readonly windowMs: number;
  readonly bucketMs: number;
  /** Number of buckets, ceil(windowMs / bucketMs), at least 1. */
  readonly count: number;

  constructor(windowMs: number, bucketMs: number = chooseBucketMs(windowMs)) {
    if (!(windowMs >= 0 && windowMs < Number.POSITIVE_INFINITY)) {
      throw new InvalidParameterError(`window must be finite and >= 0 ms, got ${windowMs}`);
    }
    if (!(bucketMs > 0 && bucketMs < Number.POSITIVE_INFINITY)) {
      throw new InvalidParameterError(`bucket width must be finite and > 0 ms, got ${bucketMs}`);
    }
    this.windowMs = windowMs;
    this.bucketMs = bucketMs;
    this.count = Math.max(1, Math.ceil(windowMs / bucketMs));
  }

  /** The bucket holding `timeMs`, or -1 when timeMs >= windowMs. Throws on negative or NaN times. O(1). */
  indexOf(timeMs: number): number {
    if (!(timeMs >= 0))
      throw new InvalidParameterError(`bucketed series got time ${timeMs}; times must be >= 0`);
    if (timeMs >= this.windowMs) return -1;
    return Math.min(Math.floor(timeMs / this.bucketMs), this.count - 1);
  }

  /**
   * The exact lower edge of bucket i under `indexOf`, for 0 <= i <= count: the smallest time with
   * indexOf >= i (0 for i = 0; windowMs for i = count). So bucket i holds exactly the times in
   * [edgeMs(i), edgeMs(i + 1)), and a series may cache that interval instead of dividing per update.
   * Equals startMs(i) except where i * bucketMs rounds, then it is within a few ulps of it. O(1).
   */
  edgeMs(i: number): number {
    if (i <= 0) return 0;
    if (i >= this.count) return this.windowMs;
    const b = this.bucketMs;
    let t = Math.min(i * b, this.windowMs);
    if (Math.floor(t / b) >= i) {
      for (let down = nextDown(t); Math.floor(down / b) >= i; down = nextDown(t)) t = down;
    } else {
      while (Math.floor(t / b) < i) t = nextUp(t);
    }
    return Math.min(t, this.windowMs);
  }

  /** Start of bucket i, in ms. */
  startMs(i: number): number {
    return i * this.bucketMs;
  }

  /** Length of bucket i inside the window, in ms: bucketMs, except possibly for the last bucket. */
  spanMs(i: number): number {
    return Math.min(this.bucketMs, this.windowMs - i * this.bucketMs);
  }
}
