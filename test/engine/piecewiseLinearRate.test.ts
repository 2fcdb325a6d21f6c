import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { PiecewiseLinearRate, type RateSegment } from '../../src/engine/piecewiseLinearRate.ts';

const seg = (start: number, duration: number, rate0: number, rate1 = rate0): RateSegment => ({
  start,
  duration,
  rate0,
  rate1,
});

describe('PiecewiseLinearRate', () => {
  // 0.5/ms on [0, 100), gap on [100, 200), ramp 0 -> 2/ms on [200, 300), ramp 2 -> 0 on [300, 400).
  const rate = new PiecewiseLinearRate([seg(300, 100, 2, 0), seg(0, 100, 0.5), seg(200, 100, 0, 2)]);

  it('integrates exactly: total, end and cumulative at chosen points', () => {
    expect(rate.total).toBe(50 + 100 + 100);
    expect(rate.end).toBe(400);
    expect(rate.cumulative(-5)).toBe(0);
    expect(rate.cumulative(0)).toBe(0);
    expect(rate.cumulative(10)).toBe(5);
    expect(rate.cumulative(150)).toBe(50); // in the gap
    expect(rate.cumulative(250)).toBe(50 + 25); // ramp: integral of 0.02 t over [0, 50]
    expect(rate.cumulative(350)).toBe(50 + 100 + 75); // 2 -> 1 over 50 ms
    expect(rate.cumulative(1e9)).toBe(250);
  });

  it('inverse: Infinity at and past the total, 0 below 0, and jumps over gaps', () => {
    expect(rate.inverse(250)).toBe(Number.POSITIVE_INFINITY);
    expect(rate.inverse(1e9)).toBe(Number.POSITIVE_INFINITY);
    expect(rate.inverse(-1)).toBe(0);
    expect(rate.inverse(0)).toBe(0);
    expect(rate.inverse(5)).toBe(10);
    expect(rate.inverse(50)).toBe(200); // count reached at 100, but the next arrival can only come at 200
    expect(rate.inverse(75)).toBe(250);
    expect(rate.inverse(225)).toBe(350);
  });

  /** The rate of `rate` above at t, by hand. */
  const lambda = (t: number): number =>
    t < 100 ? 0.5 : t < 200 ? 0 : t < 300 ? 0.02 * (t - 200) : t < 400 ? 2 - 0.02 * (t - 300) : 0;

  it('property: inverse(cumulative(t)) = t wherever the rate is positive', () => {
    const positive = fc.oneof(
      fc.double({ min: 0, max: 100, maxExcluded: true, noNaN: true }),
      fc.double({ min: 200, max: 400, minExcluded: true, maxExcluded: true, noNaN: true }),
    );
    fc.assert(
      fc.property(positive, (t) => {
        fc.pre(rate.cumulative(t) < rate.total); // at the very end the count can round up to the total
        // The inverse's condition number is 1 / rate: a count rounded to a few ulps of the total
        // (4 eps total) moves t by 4 eps total / rate(t). Allow that plus 1e-12 relative.
        const tolerance = 1e-12 * t + (4 * Number.EPSILON * rate.total) / lambda(t);
        expect(Math.abs(rate.inverse(rate.cumulative(t)) - t)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: cumulative(inverse(c)) = c for random ramps', () => {
    const segs = fc.array(
      fc.record({
        duration: fc.double({ min: 1, max: 1e6, noNaN: true }),
        rate0: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })),
        rate1: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })),
        gap: fc.double({ min: 0, max: 1e5, noNaN: true }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(segs, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (raw, u) => {
        let start = 0;
        const list = raw.map((r) => {
          const s = seg(start + r.gap, r.duration, r.rate0, r.rate1);
          start = s.start + s.duration;
          return s;
        });
        const f = new PiecewiseLinearRate(list);
        fc.pre(f.total > 0);
        const c = u * f.total;
        const t = f.inverse(c);
        expect(t).toBeLessThanOrEqual(f.end);
        expect(Math.abs(f.cumulative(t) - c)).toBeLessThanOrEqual(1e-9 * f.total);
      }),
      { numRuns: 1000 },
    );
  });

  it('a ramp down to 0 inverts right up to its total without NaN', () => {
    const down = new PiecewiseLinearRate([seg(0, 10, 1, 0)]);
    expect(down.total).toBe(5);
    const t = down.inverse(5 - 1e-12);
    expect(t).toBeGreaterThan(9.99);
    expect(t).toBeLessThanOrEqual(10);
  });

  it('drops zero-length segments (even overlapping ones)', () => {
    const f = new PiecewiseLinearRate([seg(0, 10, 1), seg(5, 0, 3), seg(10, 0, 1)]);
    expect(f.total).toBe(10);
    expect(f.end).toBe(10);
  });

  it('no segments: zero everywhere', () => {
    const none = new PiecewiseLinearRate([]);
    expect(none.total).toBe(0);
    expect(none.end).toBe(0);
    expect(none.cumulative(100)).toBe(0);
    expect(none.inverse(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects overlapping segments, negative rates and empty or non-finite durations', () => {
    const bad: RateSegment[][] = [
      [seg(0, 10, 1), seg(5, 10, 1)],
      [seg(0, 10, -1)],
      [seg(0, 10, 1, -0.5)],
      [seg(0, -1, 1)],
      [seg(-1, 10, 1)],
      [seg(0, Number.POSITIVE_INFINITY, 1)],
      [seg(0, 10, Number.NaN)],
    ];
    for (const segments of bad)
      expect(() => new PiecewiseLinearRate(segments)).toThrow(InvalidParameterError);
  });
});
