import { BucketedCounts } from './bucketedCounts.ts';
import { BucketedGauge } from './bucketedGauge.ts';
import { BucketedQuantiles } from './bucketedQuantiles.ts';

/**
 * Makes the per-bucket time series of one run, all on the same grid: recording ones over
 * [0, windowMs), or, when nothing will read them (a run whose summary alone is kept), inert ones.
 * One switch for every recorder of a run, so the models call their series unconditionally.
 */
export interface SeriesMaker {
  counts(): BucketedCounts;
  gauge(initialValue?: number): BucketedGauge;
  quantiles(): BucketedQuantiles;
}

/**
 * Series over [0, windowMs) in buckets of `bucketMs` when `records`; otherwise inert series: an
 * update does nothing (no bucket lookup, no check of its time), and their data is that of an
 * empty window (one bucket covering no time: no counts, no peaks, nothing ignored).
 */
export function seriesMaker(windowMs: number, bucketMs: number, records: boolean): SeriesMaker {
  if (records) {
    return {
      counts: () => new BucketedCounts(windowMs, bucketMs),
      gauge: (initialValue = 0) => new BucketedGauge(windowMs, bucketMs, initialValue),
      quantiles: () => new BucketedQuantiles(windowMs, bucketMs),
    };
  }
  return {
    counts: () => new InertCounts(0, bucketMs),
    gauge: (initialValue = 0) => new InertGauge(0, bucketMs, initialValue),
    quantiles: () => new InertQuantiles(0, bucketMs),
  };
}

/** Counts that record nothing (see seriesMaker). */
class InertCounts extends BucketedCounts {
  override add(_timeMs: number, _n = 1): void {}
  override clear(): void {}
}

/** A gauge that records nothing: its level stays its initial value (see seriesMaker). */
class InertGauge extends BucketedGauge {
  override set(_timeMs: number, _value: number): void {}
  override add(_timeMs: number, _delta: number): void {}
  override finish(_timeMs: number): void {}
  override restartAt(_timeMs: number): void {}
}

/** Quantiles that record nothing (see seriesMaker). */
class InertQuantiles extends BucketedQuantiles {
  override record(_timeMs: number, _valueMs: number): void {}
}
