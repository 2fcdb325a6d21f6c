import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { BucketGrid, chooseBucketMs, NICE_BUCKET_MS } from '../../src/metrics/bucketGrid.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('chooseBucketMs', () => {
  it.each([
    [MINUTE, SECOND],
    [HOUR, 10 * SECOND],
    [DAY, 5 * MINUTE],
    [30 * DAY, 2 * HOUR],
    [600 * SECOND, SECOND], // exactly 600 buckets is allowed
    [601 * SECOND, 2 * SECOND],
    [0, SECOND],
    [1000 * DAY, 2 * DAY], // past the list: whole days, still <= 600 buckets
  ])('window %d ms -> %d ms buckets', (windowMs, bucketMs) => {
    expect(chooseBucketMs(windowMs)).toBe(bucketMs);
  });

  it('honours maxBuckets', () => {
    expect(chooseBucketMs(HOUR, 60)).toBe(MINUTE);
    expect(chooseBucketMs(HOUR, 1)).toBe(HOUR);
  });

  it('property: the smallest nice width with at most maxBuckets buckets', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3650 * DAY, noNaN: true }),
        fc.integer({ min: 1, max: 2000 }),
        (w, max) => {
          const b = chooseBucketMs(w, max);
          expect(Math.ceil(w / b)).toBeLessThanOrEqual(max);
          const i = NICE_BUCKET_MS.indexOf(b);
          if (i > 0) expect(Math.ceil(w / NICE_BUCKET_MS[i - 1])).toBeGreaterThan(max);
          if (i < 0) expect(b % DAY).toBe(0);
          if (i < 0) expect(Math.ceil(w / (b - DAY))).toBeGreaterThan(max);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects bad arguments', () => {
    expect(() => chooseBucketMs(-1)).toThrow(InvalidParameterError);
    expect(() => chooseBucketMs(Number.POSITIVE_INFINITY)).toThrow(InvalidParameterError);
    expect(() => chooseBucketMs(HOUR, 0)).toThrow(InvalidParameterError);
  });
});

describe('BucketGrid', () => {
  it('covers [0, windowMs) with a possibly partial last bucket; later times map to -1', () => {
    const g = new BucketGrid(2500, 1000);
    expect(g.count).toBe(3);
    expect([0, 999.9, 1000, 2499.9].map((t) => g.indexOf(t))).toEqual([0, 0, 1, 2]);
    expect(g.indexOf(2500)).toBe(-1);
    expect(g.indexOf(1e12)).toBe(-1);
    expect([0, 1, 2].map((i) => g.spanMs(i))).toEqual([1000, 1000, 500]);
    expect(g.startMs(2)).toBe(2000);
    expect(() => g.indexOf(-1)).toThrow(InvalidParameterError);
    expect(() => g.indexOf(Number.NaN)).toThrow(InvalidParameterError);
  });

  it('chooses its width when not given one', () => {
    const g = new BucketGrid(DAY);
    expect(g.bucketMs).toBe(5 * MINUTE);
    expect(g.count).toBe(288);
  });

  it('rejects a non-positive width', () => {
    expect(() => new BucketGrid(HOUR, 0)).toThrow(InvalidParameterError);
  });
});
