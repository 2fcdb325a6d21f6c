import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { BucketedCounts } from '../../src/metrics/bucketedCounts.ts';
import { BucketedGauge } from '../../src/metrics/bucketedGauge.ts';
import { BucketedQuantiles } from '../../src/metrics/bucketedQuantiles.ts';
import {
  countTotal,
  countValues,
  gaugeMaxes,
  gaugeMeans,
  quantilesOf,
} from '../../src/metrics/seriesData.ts';

/** Plain data through JSON and back: what a serialised run would hold. */
const viaJson = <T>(data: T): T => JSON.parse(JSON.stringify(data));

describe('BucketedCounts', () => {
  it('counts per bucket and tallies times past the window as ignored', () => {
    const c = new BucketedCounts(3000, 1000);
    c.add(0);
    c.add(999, 2);
    c.add(1500);
    c.add(2999.5, 4);
    c.add(3000, 7);
    expect(Array.from(c.values())).toEqual([3, 1, 4]);
    expect(c.total).toBe(8);
    expect(c.ignored).toBe(7);
    expect(() => c.add(-1)).toThrow(InvalidParameterError);
  });

  it('returns a copy', () => {
    const c = new BucketedCounts(1000, 1000);
    c.values()[0] = 99;
    expect(c.values()[0]).toBe(0);
  });
});

describe('BucketedGauge', () => {
  it('gives the exact time average and max per bucket', () => {
    const g = new BucketedGauge(4000, 1000);
    g.set(0, 2);
    g.set(500, 4);
    g.set(2500, 1);
    g.finish(4000);
    expect(Array.from(g.means())).toEqual([3, 4, 2.5, 1]);
    expect(Array.from(g.maxes())).toEqual([4, 4, 4, 1]);
  });

  it('averages over covered time only; uncovered buckets are NaN', () => {
    const g = new BucketedGauge(4000, 1000);
    g.add(0, 2);
    g.add(1250, 2); // level 4
    expect(Array.from(g.means())).toEqual([2, 2, Number.NaN, Number.NaN]);
    g.finish(1500);
    expect(Array.from(g.means())).toEqual([2, 3, Number.NaN, Number.NaN]);
    expect(Array.from(g.maxes())).toEqual([2, 4, Number.NaN, Number.NaN]);
    expect(g.value).toBe(4);
  });

  it('counts zero-duration levels in the max, and stops integrating at the window end', () => {
    const g = new BucketedGauge(2500, 1000, 1);
    g.set(100, 9);
    g.set(100, 1);
    g.set(2400, 3);
    g.set(2600, 50); // past the window: changes the level, lands in no bucket
    g.finish(10_000);
    expect(Array.from(g.maxes())).toEqual([9, 1, 3]);
    // Last bucket spans [2000, 2500): 1 for 400 ms, 3 for 100 ms.
    expect(Array.from(g.means())).toEqual([1, 1, (400 + 300) / 500]);
    expect(g.value).toBe(50);
    expect(() => g.set(5000, 1)).toThrow(InvalidParameterError);
  });

  it('property: equals a brute-force per-millisecond integration (exact)', () => {
    const steps = fc.array(
      fc.record({ dt: fc.integer({ min: 0, max: 700 }), v: fc.integer({ min: 0, max: 50 }) }),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(
        steps,
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 1500 }),
        (ss, windowMs, bucketMs) => {
          const g = new BucketedGauge(windowMs, bucketMs);
          const perMs = new Array(windowMs).fill(Number.NaN);
          const peak = new Array(Math.ceil(windowMs / bucketMs)).fill(Number.NEGATIVE_INFINITY);
          let t = 0;
          let v = 0;
          for (const s of ss) {
            for (let k = t; k < Math.min(t + s.dt, windowMs); k++) perMs[k] = v;
            t += s.dt;
            v = s.v;
            g.set(t, v);
            if (t < windowMs) peak[Math.floor(t / bucketMs)] = Math.max(peak[Math.floor(t / bucketMs)], v);
          }
          const end = t + 100;
          for (let k = t; k < Math.min(end, windowMs); k++) perMs[k] = v;
          g.finish(end);
          const means = g.means();
          const maxes = g.maxes();
          for (let i = 0; i < means.length; i++) {
            const slice = perMs
              .slice(i * bucketMs, Math.min((i + 1) * bucketMs, windowMs))
              .filter((x) => !Number.isNaN(x));
            const expectedMean = slice.length ? slice.reduce((a, b) => a + b, 0) / slice.length : Number.NaN;
            expect(means[i]).toBe(expectedMean);
            const expectedMax = Math.max(peak[i], ...slice);
            expect(maxes[i]).toBe(expectedMax === Number.NEGATIVE_INFINITY ? Number.NaN : expectedMax);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('BucketedQuantiles', () => {
  it('has bounded memory: 842 bins per bucket with the defaults (0.01 ms to 1e7 ms at 2.5%)', () => {
    const q = new BucketedQuantiles(86_400_000);
    expect(q.binCount).toBe(842);
    expect(q.grid.count).toBe(288);
  });

  it('empty buckets read NaN; times past the window are ignored', () => {
    const q = new BucketedQuantiles(2000, 1000);
    q.record(100, 5);
    q.record(2000, 5);
    expect(q.count(0)).toBe(1);
    expect(q.quantile(0, 0.5)).toBe(5);
    expect(q.quantile(1, 0.5)).toBeNaN();
    expect(Array.from(q.quantiles(0.9))).toEqual([5, Number.NaN]);
    expect(q.ignored).toBe(1);
    expect(() => q.record(0, -1)).toThrow(InvalidParameterError);
    expect(() => q.quantile(0, 1.5)).toThrow(InvalidParameterError);
  });

  it('property: within a factor sqrt(1.025) of the exact nearest-rank quantile per bucket; p = 0 and 1 exact', () => {
    const sample = fc.array(
      fc.record({
        t: fc.integer({ min: 0, max: 2999 }),
        v: fc.oneof(
          fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 0.05, noNaN: true }),
        ),
      }),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(sample, fc.constantFrom(0, 0.01, 0.1, 0.5, 0.9, 0.99, 1), (recs, p) => {
        const q = new BucketedQuantiles(3000, 1000);
        for (const r of recs) q.record(r.t, r.v);
        for (let b = 0; b < 3; b++) {
          const vs = recs
            .filter((r) => Math.floor(r.t / 1000) === b)
            .map((r) => r.v)
            .sort((x, y) => x - y);
          if (vs.length === 0) {
            expect(q.quantile(b, p)).toBeNaN();
            continue;
          }
          const exact = vs[Math.max(1, Math.ceil(p * vs.length)) - 1];
          const got = q.quantile(b, p);
          if (p === 0) expect(got).toBe(vs[0]);
          if (p === 1) expect(got).toBe(vs[vs.length - 1]);
          if (exact >= 0.01) {
            // Bin representative is the bin's geometric middle: at most sqrt(b) - 1 = 1.24% off.
            expect(Math.abs(got / exact - 1)).toBeLessThanOrEqual(Math.sqrt(1.025) - 1 + 1e-12);
          } else {
            // Underflow bin [0, 0.01): the answer stays inside it (and inside the bucket's [min, max]).
            expect(got).toBeLessThanOrEqual(0.01);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('series as plain data', () => {
  it('counts: survive JSON and read the same values, total and ignored', () => {
    const c = new BucketedCounts(3000, 1000);
    for (const [t, n] of [
      [0, 2],
      [999, 1],
      [1500, 4],
      [3000, 7],
    ])
      c.add(t, n);
    const data = viaJson(c.toData());
    expect(Array.from(countValues(data))).toEqual([3, 4, 0]);
    expect([countTotal(data), data.ignored, data.bucketMs, data.windowMs]).toEqual([7, 7, 1000, 3000]);
  });

  it('gauges: uncovered buckets and buckets without a level survive JSON as null and read NaN', () => {
    const g = new BucketedGauge(4000, 1000);
    g.set(500, 2);
    g.set(1500, 4);
    const data = viaJson(g.toData());
    expect(data.peaks).toEqual([2, 4, null, null]);
    expect(Array.from(gaugeMeans(data))).toEqual(Array.from(g.means()));
    expect(Array.from(gaugeMaxes(data))).toEqual([2, 4, Number.NaN, Number.NaN]);
    expect(Array.from(gaugeMeans(data))).toEqual([1, 2, Number.NaN, Number.NaN]);
  });

  it('property: quantiles over time survive JSON unchanged, with sparse bins', () => {
    const sample = fc.array(
      fc.record({ t: fc.integer({ min: 0, max: 3999 }), v: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(sample, (recs) => {
        const q = new BucketedQuantiles(3000, 1000);
        for (const r of recs) q.record(r.t, r.v);
        const data = viaJson(q.toData());
        const inWindow = recs.filter((r) => r.t < 3000).length;
        expect(data.counts.reduce((a, b) => a + b, 0)).toBe(inWindow);
        expect(data.ignored).toBe(recs.length - inWindow);
        // At most one bin entry per value: memory follows the values, not buckets x bins.
        expect(data.bins.reduce((n, b) => n + b.length / 2, 0)).toBeLessThanOrEqual(inWindow);
        for (const p of [0, 0.5, 0.9, 0.99, 1]) {
          expect(Array.from(quantilesOf(data, p))).toEqual(Array.from(q.quantiles(p)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
