import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketedCounts } from '../../src/metrics/bucketedCounts.ts';
import { BucketedQuantiles } from '../../src/metrics/bucketedQuantiles.ts';
import { BucketGrid } from '../../src/metrics/bucketGrid.ts';
import { nextDown, nextUp } from '../../src/metrics/floatSteps.ts';

/**
 * The series cache the bucket of their last update with its exact times (BucketGrid.edgeMs) instead
 * of dividing per update: they must put every time in the bucket `indexOf` gives, edges included.
 */

/** Grids whose bucket starts round (fractional widths, windows not a multiple of the width). */
const grid = fc.oneof(
  fc.record({
    windowMs: fc.constantFrom(1e9, 3000, 86_400_000),
    bucketMs: fc.constantFrom(1000, 1.8e6, 300_000),
  }),
  fc.record({
    windowMs: fc.double({ min: 1, max: 1e7, noNaN: true }),
    bucketMs: fc.oneof(
      fc.constantFrom(0.1, 1 / 3, 0.7, 1e-3),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
    ),
  }),
);

/** Times on, just below and just above bucket edges, at the window's end, and anywhere. */
function timesOn(g: BucketGrid): fc.Arbitrary<number[]> {
  const edge = fc
    .integer({ min: 0, max: g.count })
    .chain((i) =>
      fc
        .constantFrom(i * g.bucketMs, g.edgeMs(i))
        .chain((t) =>
          fc.constantFrom(t, nextUp(t), t > 0 ? nextDown(t) : t, t > 0 ? nextDown(nextDown(t)) : t),
        ),
    );
  const any = fc.double({ min: 0, max: g.windowMs * 1.1, noNaN: true });
  const end = fc.constantFrom(g.windowMs, nextDown(g.windowMs), nextUp(g.windowMs));
  return fc.array(fc.oneof(edge, edge, any, end), { minLength: 1, maxLength: 60 });
}

/** A grid of at most `maxBuckets` buckets and times on it. */
const withTimes = (maxBuckets: number) =>
  grid
    .filter(({ windowMs, bucketMs }) => windowMs / bucketMs <= maxBuckets)
    .chain(({ windowMs, bucketMs }) => {
      const g = new BucketGrid(windowMs, bucketMs);
      return fc.tuple(fc.constant(g), timesOn(g));
    });

describe('BucketGrid.edgeMs', () => {
  it('property: bucket i holds exactly the times in [edgeMs(i), edgeMs(i + 1))', () => {
    fc.assert(
      fc.property(
        grid.filter(({ windowMs, bucketMs }) => windowMs / bucketMs <= 5000),
        ({ windowMs, bucketMs }) => {
          const g = new BucketGrid(windowMs, bucketMs);
          const wrong: number[] = [];
          for (let i = 1; i < g.count; i++) {
            const e = g.edgeMs(i);
            if ((e < windowMs && g.indexOf(e) !== i) || g.indexOf(nextDown(e)) !== i - 1) wrong.push(i);
          }
          expect(wrong).toEqual([]);
          expect(g.edgeMs(0)).toBe(0);
          expect(g.edgeMs(g.count)).toBe(windowMs);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cached buckets', () => {
  it('property: BucketedCounts counts each time where indexOf puts it, in any order', () => {
    fc.assert(
      fc.property(withTimes(5000), ([g, times]) => {
        const counts = new BucketedCounts(g.windowMs, g.bucketMs);
        const expected = new Array<number>(g.count).fill(0);
        let ignored = 0;
        times.forEach((t, k) => {
          counts.add(t, k + 1);
          const i = g.indexOf(t);
          if (i < 0) ignored += k + 1;
          else expected[i] += k + 1;
        });
        expect(Array.from(counts.values())).toEqual(expected);
        expect(counts.ignored).toBe(ignored);
      }),
      { numRuns: 500 },
    );
  });

  it('property: BucketedQuantiles puts each value in the bucket indexOf gives and the bin of its definition', () => {
    // The default bins' definition (BucketedQuantiles' class comment): 0 below 0.01 ms, then 2.5 % wide.
    const binOf = (v: number) =>
      v < 0.01 ? 0 : Math.min(1 + Math.floor(Math.log(v / 0.01) * (1 / Math.log1p(0.025))), 841);
    fc.assert(
      fc.property(withTimes(100), ([g, times]) => {
        const q = new BucketedQuantiles(g.windowMs, g.bucketMs);
        const expected = Array.from({ length: g.count }, () => new Map<number, number>());
        let ignored = 0;
        times.forEach((t, k) => {
          const valueMs = 0.02 * 1.7 ** k;
          q.record(t, valueMs);
          const i = g.indexOf(t);
          if (i < 0) ignored++;
          else {
            const bin = binOf(valueMs);
            expected[i].set(bin, (expected[i].get(bin) ?? 0) + 1);
          }
        });
        const data = q.toData();
        expect(data.ignored).toBe(ignored);
        expected.forEach((bins, i) => {
          const sparse = [...bins].sort((a, b) => a[0] - b[0]).flat();
          expect(data.bins[i]).toEqual(sparse);
          expect(data.counts[i]).toBe([...bins.values()].reduce((a, b) => a + b, 0));
        });
      }),
      { numRuns: 500 },
    );
  });
});
