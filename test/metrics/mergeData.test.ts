/**
 * Merging recorded data (time shards, issue 15): recording values in two recorders and merging
 * their data gives what one recorder of every value gives, bin for bin; the sum to ~1 ulp.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { BucketedCounts } from '../../src/metrics/bucketedCounts.ts';
import { BucketedGauge } from '../../src/metrics/bucketedGauge.ts';
import { BucketedQuantiles } from '../../src/metrics/bucketedQuantiles.ts';
import { Histogram } from '../../src/metrics/histogram.ts';
import { histogramMean } from '../../src/metrics/histogramData.ts';
import {
  mergeCountSeries,
  mergeGaugeSeries,
  mergeHistogramData,
  mergeQuantileSeries,
  mergeSparseCounts,
} from '../../src/metrics/mergeData.ts';

const value = fc.double({ min: 0, max: 120_000, noNaN: true, noDefaultInfinity: true });

describe('mergeHistogramData', () => {
  it('equals one histogram of every value: bins, count, min and max exactly, the sum to ~1 ulp', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.array(value, { maxLength: 300 }), (xs, ys) => {
        const a = new Histogram();
        const b = new Histogram();
        const all = new Histogram();
        for (const x of xs) a.record(x);
        for (const y of ys) b.record(y);
        for (const v of [...xs, ...ys]) all.record(v);
        const merged = mergeHistogramData(a.toData(), b.toData());
        const whole = all.toData();
        expect(merged.bins).toEqual(whole.bins);
        expect(merged.count).toBe(whole.count);
        expect(merged.minMs).toBe(whole.minMs);
        expect(merged.maxMs).toBe(whole.maxMs);
        const exactSum = whole.sumMs + whole.sumErrorMs;
        expect(Math.abs(merged.sumMs + merged.sumErrorMs - exactSum)).toBeLessThanOrEqual(
          4 * Number.EPSILON * Math.max(1, Math.abs(exactSum)),
        );
        expect(histogramMean(merged)).toBeCloseTo(histogramMean(whole), 9);
      }),
    );
  });

  it('keeps the other side when one is empty (no 0 min from an empty side)', () => {
    const a = new Histogram();
    a.record(5);
    a.record(7);
    const empty = new Histogram().toData();
    expect(mergeHistogramData(a.toData(), empty)).toEqual(a.toData());
    expect(mergeHistogramData(empty, a.toData())).toEqual(a.toData());
  });
});

describe('mergeSparseCounts', () => {
  it('adds equal keys and keeps the rest in ascending order', () => {
    expect(mergeSparseCounts([1, 2, 5, 1], [0, 3, 5, 4, 9, 1])).toEqual([0, 3, 1, 2, 5, 5, 9, 1]);
    expect(mergeSparseCounts([], [2, 1])).toEqual([2, 1]);
  });
});

const WINDOW_MS = 10_000;
const BUCKET_MS = 1_000;

describe('series merged across a time border', () => {
  const events = fc.array(fc.tuple(fc.integer({ min: 0, max: WINDOW_MS + 500 }), value), { maxLength: 200 });
  const border = fc.integer({ min: 0, max: WINDOW_MS });

  it('counts: events before the border in one, after it in the other, add up to one recorder of all', () => {
    fc.assert(
      fc.property(events, border, (evs, t) => {
        const a = new BucketedCounts(WINDOW_MS, BUCKET_MS);
        const b = new BucketedCounts(WINDOW_MS, BUCKET_MS);
        const all = new BucketedCounts(WINDOW_MS, BUCKET_MS);
        for (const [time] of evs) {
          (time < t ? a : b).add(time);
          all.add(time);
        }
        expect(mergeCountSeries(a.toData(), b.toData())).toEqual(all.toData());
      }),
    );
  });

  it('quantiles: per bucket the same counts, bins, min and max as one recorder of all', () => {
    fc.assert(
      fc.property(events, border, (evs, t) => {
        const a = new BucketedQuantiles(WINDOW_MS, BUCKET_MS);
        const b = new BucketedQuantiles(WINDOW_MS, BUCKET_MS);
        const all = new BucketedQuantiles(WINDOW_MS, BUCKET_MS);
        for (const [time, v] of evs) {
          (time < t ? a : b).record(time, v);
          all.record(time, v);
        }
        expect(mergeQuantileSeries(a.toData(), b.toData())).toEqual(all.toData());
      }),
    );
  });

  it('gauge: a level split at a bucket border has the integrals, covered time and peaks of the whole', () => {
    // The later part starts at the border: it covers nothing before it (a bucket-aligned border
    // and a recorder that knows its start are what a shard provides).
    const a = new BucketedGauge(WINDOW_MS, BUCKET_MS);
    const all = new BucketedGauge(WINDOW_MS, BUCKET_MS);
    const steps: [number, number][] = [
      [500, 3],
      [2_500, 1],
      [4_200, 5],
      [6_000, 2],
      [8_700, 0],
    ];
    for (const [time, level] of steps) {
      if (time < 5_000) a.set(time, level);
      all.set(time, level);
    }
    a.finish(5_000);
    all.finish(WINDOW_MS);
    const whole = all.toData();
    const first = a.toData();
    // The later part as data: buckets 5.. of the whole, nothing before.
    const later = {
      ...whole,
      integrals: whole.integrals.map((x, i) => (i < 5 ? 0 : x)),
      coveredMs: whole.coveredMs.map((x, i) => (i < 5 ? 0 : x)),
      peaks: whole.peaks.map((x, i) => (i < 5 ? null : x)),
    };
    expect(first.coveredMs.slice(5)).toEqual([0, 0, 0, 0, 0]);
    expect(mergeGaugeSeries(first, later)).toEqual(whole);
  });

  it('refuses series on different grids', () => {
    expect(() =>
      mergeCountSeries(
        new BucketedCounts(WINDOW_MS, BUCKET_MS).toData(),
        new BucketedCounts(WINDOW_MS, 2_000).toData(),
      ),
    ).toThrow(InvalidParameterError);
  });
});
