/**
 * Merging recorded data of runs that split one window between them (time shards, issue 15): the
 * histograms and series each part hands out (./histogramData.ts, ./seriesData.ts) combine without
 * loss. Each part covers the whole window's grid, with its own part of time recorded and zeros
 * elsewhere, so series add bucket by bucket; a bucket that two parts share (a slice border inside
 * it) adds both parts' counts, integrals and covered time, which is what one run would have
 * recorded. Pure; the inputs are not changed.
 *
 * Merging is exact for counts, bins, integrals and covered time; min and max take the smaller and
 * larger; the histogram's sum is added with Neumaier compensation (exact to ~1 ulp, in any order).
 */
import { InvalidParameterError } from '../engine/index.ts';
import type { HistogramData } from './histogramData.ts';
import type { CountSeriesData, GaugeSeriesData, GridData, QuantileSeriesData } from './seriesData.ts';

/** Sparse [key, count, key, count, ...] lists with ascending keys, added key by key. O(a + b). */
export function mergeSparseCounts(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) {
      out.push(a[i], a[i + 1]);
      i += 2;
    } else if (i >= a.length || b[j] < a[i]) {
      out.push(b[j], b[j + 1]);
      j += 2;
    } else {
      out.push(a[i], a[i + 1] + b[j + 1]);
      i += 2;
      j += 2;
    }
  }
  return out;
}

/** a + b as a compensated pair: the rounded sum and the rounding error it lost (Neumaier's step). */
function addCompensated(sum: number, error: number, value: number): [number, number] {
  const t = sum + value;
  const lost = Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
  return [t, error + lost];
}

/** Two histograms as one: counts of equal buckets add, the sums add, min and max widen. */
export function mergeHistogramData(a: HistogramData, b: HistogramData): HistogramData {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const [sum, error] = addCompensated(a.sumMs, a.sumErrorMs + b.sumErrorMs, b.sumMs);
  return {
    count: a.count + b.count,
    minMs: Math.min(a.minMs, b.minMs),
    maxMs: Math.max(a.maxMs, b.maxMs),
    sumMs: sum,
    sumErrorMs: error,
    bins: mergeSparseCounts(a.bins, b.bins),
  };
}

function checkSameGrid(a: GridData, b: GridData, lengthA: number, lengthB: number): void {
  if (a.windowMs !== b.windowMs || a.bucketMs !== b.bucketMs || lengthA !== lengthB) {
    throw new InvalidParameterError(
      `cannot merge series on different grids: ${a.windowMs} ms in ${a.bucketMs} ms buckets and ${b.windowMs} ms in ${b.bucketMs} ms buckets`,
    );
  }
}

const addArrays = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => x + b[i]);

/** Events per bucket: counts add. */
export function mergeCountSeries(a: CountSeriesData, b: CountSeriesData): CountSeriesData {
  checkSameGrid(a, b, a.counts.length, b.counts.length);
  return {
    windowMs: a.windowMs,
    bucketMs: a.bucketMs,
    counts: addArrays(a.counts, b.counts),
    ignored: a.ignored + b.ignored,
  };
}

/** A level per bucket: integrals and covered time add, peaks take the larger (null: nothing held). */
export function mergeGaugeSeries(a: GaugeSeriesData, b: GaugeSeriesData): GaugeSeriesData {
  checkSameGrid(a, b, a.integrals.length, b.integrals.length);
  return {
    windowMs: a.windowMs,
    bucketMs: a.bucketMs,
    integrals: addArrays(a.integrals, b.integrals),
    coveredMs: addArrays(a.coveredMs, b.coveredMs),
    peaks: a.peaks.map((p, i) => {
      const q = b.peaks[i];
      return p === null ? q : q === null ? p : Math.max(p, q);
    }),
  };
}

/** Values per bucket in log bins: counts and bins add, min and max widen over non-empty buckets. */
export function mergeQuantileSeries(a: QuantileSeriesData, b: QuantileSeriesData): QuantileSeriesData {
  checkSameGrid(a, b, a.counts.length, b.counts.length);
  if (a.minMs !== b.minMs || a.relativeBinWidth !== b.relativeBinWidth || a.binCount !== b.binCount) {
    throw new InvalidParameterError('cannot merge quantile series with different bins');
  }
  const n = a.counts.length;
  const mins: number[] = [];
  const maxes: number[] = [];
  const bins: number[][] = [];
  for (let i = 0; i < n; i++) {
    const ca = a.counts[i];
    const cb = b.counts[i];
    mins.push(cb === 0 ? a.mins[i] : ca === 0 ? b.mins[i] : Math.min(a.mins[i], b.mins[i]));
    maxes.push(cb === 0 ? a.maxes[i] : ca === 0 ? b.maxes[i] : Math.max(a.maxes[i], b.maxes[i]));
    bins.push(mergeSparseCounts(a.bins[i], b.bins[i]));
  }
  return {
    windowMs: a.windowMs,
    bucketMs: a.bucketMs,
    minMs: a.minMs,
    relativeBinWidth: a.relativeBinWidth,
    binCount: a.binCount,
    counts: addArrays(a.counts, b.counts),
    mins,
    maxes,
    bins,
    ignored: a.ignored + b.ignored,
  };
}
