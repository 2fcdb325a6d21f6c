import { InvalidParameterError } from '../engine/index.ts';
import { BucketGrid } from './bucketGrid.ts';
import { type GaugeSeriesData, gaugeMaxes, gaugeMeans } from './seriesData.ts';

/**
 * A piecewise-constant level (busy servers, queue length, ...) summarized per time bucket: the
 * exact time average and the maximum over each bucket. Space: two floats per bucket.
 *
 * The level is `initialValue` from time 0 until the first update, and each `set`/`add` holds until the
 * next; update times must not decrease. Only the part of time inside [0, windowMs) is integrated (later
 * updates change the level but land in no bucket). Call `finish(endTime)` at the end of the run so the
 * last level is integrated up to it.
 *
 * A bucket's mean is its integral divided by its covered time (its span within [0, windowMs) and up to
 * the latest update or finish); a bucket's max is the largest level held in it, including levels held
 * for zero time. Buckets not covered yet read NaN in both (a gap in a chart, not a zero).
 * An update costs O(1 + buckets crossed since the previous update); one inside the bucket of the
 * previous update touches only that bucket's cached index and end (no division).
 */
export class BucketedGauge {
  readonly grid: BucketGrid;
  private readonly integrals: Float64Array;
  private readonly peaks: Float64Array;
  /** The current level (numeric fields start as numbers, so V8 updates them in place: see TimeWeighted). */
  private level = 0;
  private lastTime = 0;
  /** Where the covered time starts: 0, or the time of the last restartAt. */
  private coveredFromMs = 0;
  /** The bucket holding lastTime and its end (min of its upper edge and windowMs); end 0 past the window. */
  private bucket = 0;
  private bucketEndMs = 0;

  /** Buckets of `bucketMs` (default: chooseBucketMs(windowMs)) over [0, windowMs). */
  constructor(windowMs: number, bucketMs?: number, initialValue = 0) {
    this.grid = new BucketGrid(windowMs, bucketMs);
    this.integrals = new Float64Array(this.grid.count);
    this.peaks = new Float64Array(this.grid.count).fill(Number.NEGATIVE_INFINITY);
    this.level = initialValue;
    this.bucketEndMs = Math.min(this.grid.bucketMs, windowMs);
  }

  /** The current level. */
  get value(): number {
    return this.level;
  }

  /** The level becomes `value` at `timeMs` (>= 0 and >= the previous update). */
  set(timeMs: number, value: number): void {
    const last = this.lastTime;
    if (timeMs >= last && timeMs < this.bucketEndMs) {
      // Same bucket as the previous update: what advance and indexOf would do, without dividing.
      const i = this.bucket;
      const peaks = this.peaks;
      if (timeMs > last) {
        const level = this.level;
        this.integrals[i] += level * (timeMs - last);
        if (level > peaks[i]) peaks[i] = level;
        this.lastTime = timeMs;
      }
      this.level = value;
      if (value > peaks[i]) peaks[i] = value;
      return;
    }
    this.setAcross(timeMs, value);
  }

  /** `set` at a time outside the bucket of the previous update (kept apart so `set` stays small enough to inline). */
  private setAcross(timeMs: number, value: number): void {
    this.advance(timeMs);
    this.level = value;
    const i = this.grid.indexOf(timeMs);
    if (i >= 0 && value > this.peaks[i]) this.peaks[i] = value;
  }

  /** The level changes by `delta` at `timeMs`. */
  add(timeMs: number, delta: number): void {
    this.set(timeMs, this.level + delta);
  }

  /** Integrates the current level up to `timeMs` (the end of the run) without changing it. */
  finish(timeMs: number): void {
    this.advance(timeMs);
  }

  /**
   * Forgets what was recorded before `timeMs` (a time shard's warm-up): from then on the series
   * covers [timeMs, ...) only, starting at the current level. O(buckets).
   */
  restartAt(timeMs: number): void {
    this.advance(timeMs);
    this.integrals.fill(0);
    this.peaks.fill(Number.NEGATIVE_INFINITY);
    this.coveredFromMs = timeMs;
    const i = this.grid.indexOf(timeMs);
    if (i >= 0) this.peaks[i] = this.level;
  }

  /** Time average per bucket over its covered time; NaN where nothing is covered yet. */
  means(): Float64Array {
    return gaugeMeans(this.toData());
  }

  /** Largest level held in each bucket; NaN where nothing has happened yet. */
  maxes(): Float64Array {
    return gaugeMaxes(this.toData());
  }

  /** The series as plain data (a copy): what is covered so far. O(buckets). */
  toData(): GaugeSeriesData {
    const g = this.grid;
    const coveredUntil = Math.min(this.lastTime, g.windowMs);
    const coveredMs = new Array<number>(g.count);
    const peaks = new Array<number | null>(g.count);
    for (let i = 0; i < g.count; i++) {
      const start = g.startMs(i);
      const from = Math.max(start, this.coveredFromMs);
      coveredMs[i] = Math.max(0, Math.min(coveredUntil - from, g.spanMs(i) - (from - start)));
      const p = this.peaks[i];
      peaks[i] = p === Number.NEGATIVE_INFINITY ? null : p;
    }
    return {
      windowMs: g.windowMs,
      bucketMs: g.bucketMs,
      integrals: Array.from(this.integrals),
      coveredMs,
      peaks,
    };
  }

  private advance(timeMs: number): void {
    if (!(timeMs >= this.lastTime)) {
      throw new InvalidParameterError(
        `BucketedGauge update at ${timeMs} is before the previous one at ${this.lastTime}`,
      );
    }
    const g = this.grid;
    const end = Math.min(timeMs, g.windowMs);
    let t = this.lastTime;
    if (t < end) {
      const level = this.level;
      let i = Math.floor(t / g.bucketMs);
      while (t < end) {
        const bucketEnd = Math.min((i + 1) * g.bucketMs, end);
        this.integrals[i] += level * (bucketEnd - t);
        if (level > this.peaks[i]) this.peaks[i] = level;
        t = bucketEnd;
        i++;
      }
    }
    this.lastTime = timeMs;
    if (timeMs < g.windowMs) {
      this.bucket = Math.min(Math.floor(timeMs / g.bucketMs), g.count - 1);
      this.bucketEndMs = Math.min((this.bucket + 1) * g.bucketMs, g.windowMs);
    } else {
      this.bucketEndMs = 0;
    }
  }
}
