import { BucketGrid } from './bucketGrid.ts';
import { type CountSeriesData, countTotal, countValues } from './seriesData.ts';

/**
 * Event counts per time bucket (arrivals, rejections, ...). Space: one float per bucket.
 * Times >= windowMs are ignored and tallied in `ignored`; negative times throw (see BucketGrid).
 */
export class BucketedCounts {
  readonly grid: BucketGrid;
  private readonly counts: Float64Array;
  private ignoredCount = 0;
  /** The bucket of the last add inside the window and its exact times [bucketFromMs, bucketUntilMs) (BucketGrid.edgeMs). */
  private bucket = 0;
  private bucketFromMs = 0;
  private bucketUntilMs = 0;

  /** Buckets of `bucketMs` (default: chooseBucketMs(windowMs)) over [0, windowMs). */
  constructor(windowMs: number, bucketMs?: number) {
    this.grid = new BucketGrid(windowMs, bucketMs);
    this.counts = new Float64Array(this.grid.count);
  }

  /** Adds `n` (default 1) events at `timeMs`. O(1): no division while times stay in one bucket. */
  add(timeMs: number, n = 1): void {
    if (timeMs >= this.bucketFromMs && timeMs < this.bucketUntilMs) this.counts[this.bucket] += n;
    else this.addElsewhere(timeMs, n);
  }

  /** `add` outside the cached bucket: finds the bucket (or tallies an ignored time) and caches it. */
  private addElsewhere(timeMs: number, n: number): void {
    const g = this.grid;
    const i = g.indexOf(timeMs);
    if (i < 0) {
      this.ignoredCount += n;
      return;
    }
    this.counts[i] += n;
    this.bucket = i;
    this.bucketFromMs = g.edgeMs(i);
    this.bucketUntilMs = g.edgeMs(i + 1);
  }

  /** Forgets every count (a time shard's warm-up: what follows is recorded from zero). */
  clear(): void {
    this.counts.fill(0);
    this.ignoredCount = 0;
  }

  /** Count per bucket (a copy). */
  values(): Float64Array {
    return countValues(this.toData());
  }

  /** Sum over all buckets (excludes `ignored`). */
  get total(): number {
    return countTotal(this.toData());
  }

  /** The series as plain data (a copy). O(buckets). */
  toData(): CountSeriesData {
    const g = this.grid;
    return {
      windowMs: g.windowMs,
      bucketMs: g.bucketMs,
      counts: Array.from(this.counts),
      ignored: this.ignoredCount,
    };
  }

  /** Events added at times >= windowMs. */
  get ignored(): number {
    return this.ignoredCount;
  }
}
