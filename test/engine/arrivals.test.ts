import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArrivalStream,
  evenArrivals,
  PiecewiseLinearRate,
  poissonArrivals,
  traceArrivals,
} from '../../src/engine/arrivals.ts';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { Rng } from '../../src/engine/rng.ts';
import { CHI2_CRIT_0_001, chiSquare, ksCritical, ksStatistic } from './stats.ts';

function collect(stream: ArrivalStream, limit = 10_000_000): number[] {
  const out: number[] = [];
  for (let t = stream.next(); t !== Number.POSITIVE_INFINITY; t = stream.next()) {
    out.push(t);
    if (out.length > limit) throw new Error('stream did not end');
  }
  return out;
}

const constant = (rate: number, duration: number, start = 0) =>
  new PiecewiseLinearRate([{ start, duration, rate0: rate, rate1: rate }]);

describe('poissonArrivals', () => {
  // Homogeneous: 0.1 per ms over 200,000 ms, expected 20,000 arrivals.
  const RATE = 0.1;
  const DURATION = 200_000;
  const times = collect(poissonArrivals(constant(RATE, DURATION), Rng.fromSeed(31)));

  it('arrives in ascending order inside the rate support', () => {
    for (let i = 1; i < times.length; i++) expect(times[i] >= times[i - 1]).toBe(true);
    expect(times[0] >= 0 && times[times.length - 1] < DURATION).toBe(true);
  });

  it('total count is Poisson(rate * duration): within 4 sigma', () => {
    const expected = RATE * DURATION;
    // Var = mean; 4 sigma bound (false failure ~6e-5).
    expect(Math.abs(times.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('window counts have variance = mean (index of dispersion, 4 sigma)', () => {
    const window = 50; // mean 5 per window, 4000 windows
    const w = DURATION / window;
    const counts = new Float64Array(w);
    for (const t of times) counts[Math.floor(t / window)]++;
    let mean = 0;
    for (const c of counts) mean += c / w;
    let ss = 0;
    for (const c of counts) ss += (c - mean) ** 2;
    // For Poisson counts, sum (c - mean)^2 / mean ~ chi-square(w - 1): mean w - 1, sd sqrt(2 (w - 1)).
    const dispersion = ss / mean;
    expect(Math.abs(dispersion - (w - 1))).toBeLessThan(4 * Math.sqrt(2 * (w - 1)));
    expect(Math.abs(mean - RATE * window)).toBeLessThan(4 * Math.sqrt((RATE * window) / w));
  });

  it('gaps are exponential with mean 1 / rate (KS, alpha = 0.001)', () => {
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]));
    const d = ksStatistic(gaps, (x) => 1 - Math.exp(-RATE * x));
    expect(d).toBeLessThan(ksCritical(gaps.length, 0.001));
  });

  describe('a linear ramp 0 -> 1 per ms over 40,000 ms (expected 20,000 arrivals)', () => {
    const D = 40_000;
    const ramp = new PiecewiseLinearRate([{ start: 0, duration: D, rate0: 0, rate1: 1 }]);
    const rampTimes = collect(poissonArrivals(ramp, Rng.fromSeed(32)));

    it('counts per tenth match the integral of the rate (chi-square on 10 cells, alpha = 0.001)', () => {
      const observed = new Array(10).fill(0);
      for (const t of rampTimes) observed[Math.floor(t / (D / 10))]++;
      const expected = observed.map(
        (_, j) => ramp.cumulative(((j + 1) * D) / 10) - ramp.cumulative((j * D) / 10),
      );
      // Independent Poisson cells (not conditioned on the total): chi-square with 10 degrees of freedom.
      expect(chiSquare(observed, expected)).toBeLessThan(CHI2_CRIT_0_001[10]);
    });

    it('given their number, arrival times are iid with density proportional to the rate (KS, alpha = 0.001)', () => {
      // A staircase approximation of the ramp would fail this.
      const d = ksStatistic(rampTimes, (t) => ramp.cumulative(t) / ramp.total);
      expect(d).toBeLessThan(ksCritical(rampTimes.length, 0.001));
    });
  });

  it('skips gaps in the rate', () => {
    const gappy = new PiecewiseLinearRate([
      { start: 0, duration: 1000, rate0: 1, rate1: 1 },
      { start: 5000, duration: 1000, rate0: 1, rate1: 1 },
    ]);
    const ts = collect(poissonArrivals(gappy, Rng.fromSeed(3)));
    expect(ts.some((t) => t >= 1000 && t < 5000)).toBe(false);
    expect(ts.filter((t) => t >= 5000).length).toBeGreaterThan(800);
  });

  it('draws exactly one rng.next() per arrival plus one that ends the stream, then none', () => {
    const a = Rng.fromSeed(9);
    const b = Rng.fromSeed(9);
    const stream = poissonArrivals(constant(0.01, 10_000), a);
    const n = collect(stream).length;
    expect(stream.next()).toBe(Number.POSITIVE_INFINITY);
    expect(stream.next()).toBe(Number.POSITIVE_INFINITY);
    for (let i = 0; i <= n; i++) b.next();
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});

describe('evenArrivals', () => {
  it('a constant rate r over [0, D) gives r * D arrivals when integral, the first at 0, every 1 / r', () => {
    const ts = collect(evenArrivals(constant(0.1, 1000)));
    expect(ts).toHaveLength(100);
    ts.forEach((t, k) => {
      expect(t).toBeCloseTo(10 * k, 9);
    });
    expect(ts[0]).toBe(0);
  });

  it('property: constant rate r over [0, D) gives ceil(r D) arrivals, all inside [0, D)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (perSecond, durationMs) => {
          const r = perSecond / 1000; // per ms, as the models use
          const ts = collect(evenArrivals(constant(r, durationMs)));
          const exact = (perSecond * durationMs) / 1000; // the count in exact rational arithmetic
          const expected = Number.isInteger(exact) ? exact : Math.ceil(exact);
          expect(ts).toHaveLength(expected);
          expect(ts[0]).toBe(0);
          expect(ts[ts.length - 1]).toBeLessThan(durationMs);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('follows a ramp in count space: arrivals before t = ceil(cumulative(t))', () => {
    const ramp = new PiecewiseLinearRate([{ start: 100, duration: 1000, rate0: 0.01, rate1: 0.19 }]);
    const ts = collect(evenArrivals(ramp));
    expect(ts).toHaveLength(100);
    for (const t of [150, 300, 555.5, 1000, 1099]) {
      expect(ts.filter((x) => x < t).length).toBe(Math.ceil(ramp.cumulative(t) - 1e-9));
    }
  });

  it('never lands in a gap', () => {
    const gappy = new PiecewiseLinearRate([
      { start: 0, duration: 10, rate0: 1, rate1: 1 },
      { start: 20, duration: 10, rate0: 1, rate1: 1 },
    ]);
    expect(collect(evenArrivals(gappy))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
    ]);
  });
});

describe('traceArrivals', () => {
  it('replays the times, then Infinity forever', () => {
    const s = traceArrivals([0, 5, 5, 12.5]);
    expect([s.next(), s.next(), s.next(), s.next(), s.next(), s.next()]).toEqual([
      0,
      5,
      5,
      12.5,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it('copies its input and rejects unsorted, negative or non-finite times', () => {
    const input = [1, 2];
    const s = traceArrivals(input);
    input[0] = 100;
    expect(s.next()).toBe(1);
    for (const bad of [[2, 1], [-1], [Number.NaN], [0, Number.POSITIVE_INFINITY]]) {
      expect(() => traceArrivals(bad)).toThrow(InvalidParameterError);
    }
  });
});
