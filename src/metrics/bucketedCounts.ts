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

  /** Buckets of `bucketMs` (default: chooseBucketMs(windowMs)) over [0, windowMs). */
  constructor(windowMs: number, bucketMs?: number) {
    this.grid = new BucketGrid(windowMs, bucketMs);
    this.counts = new Float64Array(this.grid.count);
  }

  /** Adds `n` (default 1) events at `timeMs`. O(1). */
  add(timeMs: number, n = 1): void {
    const i = this.grid.indexOf(timeMs);
    if (i < 0) this.ignoredCount += n;
    else this.counts[i] += n;
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
