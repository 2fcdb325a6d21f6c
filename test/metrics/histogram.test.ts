import fc from 'fast-check';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { Histogram } from '../../src/metrics/histogram.ts';
import {
  type HistogramData,
  highestEquivalentUs,
  histogramCdf,
  histogramMean,
  histogramPercentile,
  histogramSummary,
} from '../../src/metrics/histogramData.ts';
import { binOfUs, lowUsOfBin } from '../../src/metrics/logLinearBins.ts';

/** hdr-histogram-js as lamsim built it before its own bins: the reference the bins must equal. */
function hdrReference(): hdr.JsHistogram {
  const built = hdr.build({
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  if (!(built instanceof hdr.JsHistogram)) throw new Error('hdr-histogram-js built a non-JS histogram');
  return built;
}

/** Percentiles as tenths of a percent, so the nearest rank can be computed in exact integer arithmetic. */
const PERMILLE = [0, 10, 100, 250, 500, 750, 900, 950, 990, 999, 1000];

/** Exact nearest-rank percentile: the ceil(p / 100 * n)-th smallest value (at least the 1st). */
function exactPercentile(sorted: number[], permille: number): number {
  const rank = Math.max(1, Math.ceil((permille * sorted.length) / 1000));
  return sorted[rank - 1];
}

function fill(values: number[]): Histogram {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h;
}

const valuesMs = fc.array(
  fc.oneof(
    fc.double({ min: 0, max: 1e7, noNaN: true }),
    fc.double({ min: 0, max: 10, noNaN: true }),
    fc.integer({ min: 0, max: 5000 }),
  ),
  { minLength: 1, maxLength: 400 },
);

describe('Histogram', () => {
  it('is all zeros when empty', () => {
    const h = new Histogram();
    expect(h.count).toBe(0);
    expect(h.summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
    expect(h.percentile(50)).toBe(0);
    expect(h.cdf(10)).toEqual([]);
  });

  it('keeps count, mean, min and max exactly', () => {
    const h = fill([1.5, 2.25, 1000.125, 0]);
    expect(h.count).toBe(4);
    expect(h.mean).toBe((1.5 + 2.25 + 1000.125) / 4);
    expect(h.max).toBe(1000.125);
    expect(h.min).toBe(0);
    expect(h.percentile(100)).toBe(1000.125);
    expect(h.percentile(0)).toBe(0);
  });

  it('keeps the mean accurate over many values (compensated sum)', () => {
    const h = new Histogram();
    for (let i = 0; i < 1_000_000; i++) h.record(0.1);
    // A plain running sum drifts by ~1e-12 relative here; the compensated one stays within an ulp or two.
    expect(Math.abs(h.mean - 0.1)).toBeLessThanOrEqual(4e-17);
  });

  it('property: percentiles are within the 3-significant-digit bound of exact nearest-rank percentiles', () => {
    fc.assert(
      fc.property(valuesMs, (values) => {
        const h = fill(values);
        const sorted = [...values].sort((a, b) => a - b);
        for (const pm of PERMILLE) {
          const exact = exactPercentile(sorted, pm);
          // HdrHistogram with 3 digits: buckets at most 1/1024 of the value wide (< 0.1%), on values
          // rounded to whole microseconds (0.0005 ms); 0.0006 leaves room for float noise.
          const bound = exact / 1000 + 0.0006;
          expect(Math.abs(h.percentile(pm / 10) - exact)).toBeLessThanOrEqual(bound);
        }
        expect(h.count).toBe(values.length);
        expect(h.max).toBe(sorted[sorted.length - 1]);
      }),
      { numRuns: 300 },
    );
  });

  it('summary reports the same percentiles', () => {
    const h = fill([...Array(1000).keys()].map((i) => i + 1));
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.mean).toBe(500.5);
    expect(s.max).toBe(1000);
    for (const [p, v] of [
      [s.p50, 500],
      [s.p90, 900],
      [s.p95, 950],
      [s.p99, 990],
    ]) {
      expect(Math.abs(p - v)).toBeLessThanOrEqual(v / 1000 + 0.0006);
    }
  });

  /** Summaries equal except for the mean, which may differ in its last bits (summation order). */
  function expectSameSummary(a: Histogram, b: Histogram): void {
    const sa = a.summary();
    const sb = b.summary();
    expect({ ...sa, mean: 0 }).toEqual({ ...sb, mean: 0 });
    // Compensated sums are within ~1 ulp of the exact sum each: 1e-14 relative is generous.
    expect(Math.abs(sa.mean - sb.mean)).toBeLessThanOrEqual(1e-14 * Math.abs(sb.mean));
  }

  it('property: recordN equals n records, merge equals recording everything, order does not matter', () => {
    fc.assert(
      fc.property(valuesMs, valuesMs, fc.integer({ min: 0, max: 50 }), (xs, ys, n) => {
        const a = fill(xs);
        a.recordN(ys[0], n);
        const b = fill(xs);
        for (let i = 0; i < n; i++) b.record(ys[0]);
        expectSameSummary(a, b);

        const merged = fill(xs);
        merged.merge(fill(ys));
        const all = fill([...ys].reverse().concat(xs));
        expectSameSummary(merged, all);
        expect(merged.cdf(50)).toEqual(all.cdf(50));
      }),
      { numRuns: 200 },
    );
  });

  it('cdf: exact cumulative fractions on small data, last point (max, 1)', () => {
    const h = fill([1, 2, 2, 4]);
    expect(h.cdf(10)).toEqual([
      { valueMs: 1, cumulative: 0.25 },
      { valueMs: 2, cumulative: 0.75 },
      { valueMs: 4, cumulative: 1 },
    ]);
  });

  it('property: cdf has at most maxPoints ascending points, each cumulative exact for its bucket', () => {
    fc.assert(
      fc.property(valuesMs, fc.integer({ min: 2, max: 40 }), (values, maxPoints) => {
        const h = fill(values);
        const points = h.cdf(maxPoints);
        expect(points.length).toBeLessThanOrEqual(maxPoints);
        expect(points[points.length - 1]).toEqual({ valueMs: h.max, cumulative: 1 });
        const us = values.map((v) => Math.round(v * 1000));
        for (let i = 0; i < points.length; i++) {
          if (i > 0) {
            expect(points[i].valueMs).toBeGreaterThan(points[i - 1].valueMs);
            expect(points[i].cumulative).toBeGreaterThan(points[i - 1].cumulative);
          }
          if (i < points.length - 1) {
            // valueMs is a bucket's upper edge: every recorded microsecond value up to it is counted.
            const edgeUs = Math.round(points[i].valueMs * 1000);
            const atOrBelow = us.filter((u) => u <= edgeUs).length;
            expect(points[i].cumulative).toBe(atOrBelow / values.length);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: cdf gives the points of every bucket, thinned by its targets (the reference: one point per bucket first)', () => {
    // The algorithm as it was written before it made points only for the buckets it keeps: a
    // point for every bucket up to the last value, the last replaced by (max, 1), then the first
    // bucket reaching each target, once. The charts' bytes depend on these exact points.
    const reference = (d: HistogramData, maxPoints: number) => {
      if (d.count === 0) return [];
      const all: { valueMs: number; cumulative: number }[] = [];
      let cum = 0;
      for (let j = 0; j < d.bins.length; j += 2) {
        cum += d.bins[j + 1];
        const edgeMs = highestEquivalentUs(d.bins[j]) / 1000;
        all.push({ valueMs: Math.min(Math.max(edgeMs, d.minMs), d.maxMs), cumulative: cum / d.count });
        if (cum >= d.count) break;
      }
      all[all.length - 1] = { valueMs: d.maxMs, cumulative: 1 };
      if (all.length <= maxPoints) return all;
      const uniform = Math.ceil((maxPoints - 1) / 2);
      const tail = maxPoints - 1 - uniform;
      const targets: number[] = [];
      for (let j = 1; j <= uniform; j++) targets.push(j / (uniform + 1));
      const decades = Math.max(1, Math.log10(d.count));
      for (let j = 1; j <= tail; j++) targets.push(1 - 10 ** -(1 + ((decades - 1) * j) / tail));
      targets.sort((x, y) => x - y);
      const out: { valueMs: number; cumulative: number }[] = [];
      let k = 0;
      for (const target of targets) {
        while (k < all.length - 1 && all[k].cumulative < target) k++;
        if (k === all.length - 1) break;
        if (out.length === 0 || out[out.length - 1] !== all[k]) out.push(all[k]);
      }
      out.push(all[all.length - 1]);
      return out;
    };
    const spread = fc.array(
      fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })),
      { minLength: 1, maxLength: 3000 },
    );
    fc.assert(
      fc.property(spread, fc.integer({ min: 2, max: 300 }), (values, maxPoints) => {
        const data = fill(values).toData();
        expect(histogramCdf(data, maxPoints)).toEqual(reference(data, maxPoints));
      }),
      { numRuns: 300 },
    );
    // Thinned for certain: ~10^4 buckets, as a run's latency histogram has.
    const h = new Histogram();
    for (let i = 1; i <= 200_000; i++) h.record(((i * 7919) % 200_000) / 7 + (i % 13) * 1e-3);
    const data = h.toData();
    expect(data.bins.length / 2).toBeGreaterThan(5000);
    for (const maxPoints of [2, 3, 200]) {
      expect(histogramCdf(data, maxPoints)).toEqual(reference(data, maxPoints));
    }
    // A target met exactly (200 of 400 values is 1/2): the bucket reaching it, not the next one.
    const even = fill(Array.from({ length: 400 }, (_, i) => i + 1)).toData();
    expect(even.bins.length / 2).toBe(400);
    for (const maxPoints of [3, 5, 41]) {
      expect(histogramCdf(even, maxPoints)).toEqual(reference(even, maxPoints));
    }
    expect(histogramCdf(even, 3)[0].cumulative).toBe(0.5);
  });

  it('cdf keeps tail points when it has to thin out', () => {
    const h = new Histogram();
    for (let i = 1; i <= 100_000; i++) h.record(i / 10);
    const points = h.cdf(40);
    expect(points.length).toBeLessThanOrEqual(40);
    expect(points.some((p) => p.cumulative >= 0.999 && p.cumulative < 1)).toBe(true);
    expect(points.some((p) => p.cumulative <= 0.1)).toBe(true);
  });

  it('grows past its initial range', () => {
    const h = new Histogram(10);
    h.record(5);
    h.record(3.6e6); // an hour
    expect(h.percentile(100)).toBe(3.6e6);
    expect(Math.abs(h.percentile(50) - 5)).toBeLessThanOrEqual(5 / 1000 + 0.0006);
  });

  it('rejects bad input with InvalidParameterError', () => {
    const h = new Histogram();
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => h.record(bad)).toThrow(InvalidParameterError);
    expect(() => h.recordN(1, 1.5)).toThrow(InvalidParameterError);
    expect(() => h.recordN(1, -1)).toThrow(InvalidParameterError);
    expect(() => h.percentile(101)).toThrow(InvalidParameterError);
    expect(() => h.percentile(-1)).toThrow(InvalidParameterError);
    expect(() => h.cdf(1)).toThrow(InvalidParameterError);
    expect(h.count).toBe(0);
  });

  it('property: as plain data (through JSON) it keeps every reading: count, mean, min, max, percentiles, CDF', () => {
    fc.assert(
      fc.property(valuesMs, (values) => {
        const h = fill(values);
        const data = JSON.parse(JSON.stringify(h.toData()));
        expect(data.count).toBe(h.count);
        expect([data.minMs, data.maxMs]).toEqual([h.min, h.max]);
        expect(histogramMean(data)).toBe(h.mean);
        expect(histogramSummary(data)).toEqual(h.summary());
        expect(histogramCdf(data, 12)).toEqual(h.cdf(12));
        for (const permille of PERMILLE) {
          expect(Histogram.fromData(data).percentile(permille / 10)).toBe(h.percentile(permille / 10));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("property: a bucket's highest value is HdrHistogram's highestEquivalentValue", () => {
    const reference = hdrReference();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (us) => {
        expect(highestEquivalentUs(reference.lowestEquivalentValue(us))).toBe(
          reference.highestEquivalentValue(us),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("property: percentiles read from the data are HdrHistogram's own (getValueAtPercentile, clamped)", () => {
    fc.assert(
      fc.property(valuesMs, (values) => {
        const reference = hdrReference();
        for (const v of values) reference.recordValue(Math.round(v * 1000));
        const h = fill(values);
        for (const permille of PERMILLE) {
          const p = permille / 10;
          const expected = Math.min(Math.max(reference.getValueAtPercentile(p) / 1000, h.min), h.max);
          expect(h.percentile(p)).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("property: a value's bin and a bin's lowest value are HdrHistogram's (countsArrayIndex, valueFromIndex)", () => {
    const reference = hdrReference();
    const us = fc.oneof(
      fc.integer({ min: 0, max: 5000 }),
      fc.integer({ min: 0, max: 2 ** 32 + 5000 }),
      fc.integer({ min: 2 ** 32 - 5000, max: 2 ** 32 + 5000 }),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: 0, max: 60 }).map((e) => 2 ** Math.min(e, 52)),
      fc.integer({ min: 1, max: 52 }).map((e) => 2 ** e - 1),
    );
    fc.assert(
      fc.property(us, (v) => {
        const bin = binOfUs(v);
        expect(bin).toBe(reference.countsArrayIndex(v));
        expect(lowUsOfBin(bin)).toBe(reference.valueFromIndex(bin));
        expect(lowUsOfBin(bin)).toBeLessThanOrEqual(v);
        expect(highestEquivalentUs(lowUsOfBin(bin))).toBeGreaterThanOrEqual(v);
        // 3 significant digits: a bin is at most 1/1024 of its values wide.
        expect(highestEquivalentUs(lowUsOfBin(bin)) - lowUsOfBin(bin)).toBeLessThanOrEqual(
          Math.max(0, v / 1024),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('property: recorded data equal hdr-histogram-js recording the same microseconds (bins and counts)', () => {
    fc.assert(
      fc.property(valuesMs, (values) => {
        const reference = hdrReference();
        for (const v of values) reference.recordValue(Math.round(v * 1000));
        const expected: number[] = [];
        for (let i = 0; i < reference.countsArrayLength; i++) {
          const c = reference.getCountAtIndex(i);
          if (c > 0) expected.push(reference.valueFromIndex(i), c);
        }
        expect(fill(values).toData().bins).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('property: percentiles of random samples are within the stated relative error of the exact ones', () => {
    // Lognormal-ish samples over six decades, as latencies are: the 0.1% + 0.0006 ms bound holds
    // for every nearest-rank percentile, at sample sizes where bins fill up.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 100, max: 20_000 }),
        (seed, n) => {
          let x = seed;
          const next = () => {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            return (x + 0.5) / 2 ** 32;
          };
          const values: number[] = [];
          for (let i = 0; i < n; i++) values.push(10 ** (6 * next() - 2) * (1 + next()));
          const data = fill(values).toData();
          const sorted = [...values].sort((a, b) => a - b);
          for (let pm = 0; pm <= 1000; pm += 5) {
            const exact = exactPercentile(sorted, pm);
            const got = histogramPercentile(data, pm / 10);
            expect(Math.abs(got - exact)).toBeLessThanOrEqual(exact / 1000 + 0.0006);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: merging histograms equals recording every value in one (bins, count, min, max)', () => {
    fc.assert(
      fc.property(fc.array(valuesMs, { minLength: 1, maxLength: 6 }), (parts) => {
        const merged = new Histogram();
        for (const part of parts) merged.merge(fill(part));
        const all = fill(parts.flat());
        const a = merged.toData();
        const b = all.toData();
        expect({ ...a, sumMs: 0, sumErrorMs: 0 }).toEqual({ ...b, sumMs: 0, sumErrorMs: 0 });
        expect(Histogram.fromData(a).toData()).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('as data, an empty histogram reads all zeros', () => {
    const data = new Histogram().toData();
    expect(data).toEqual({ count: 0, minMs: 0, maxMs: 0, sumMs: 0, sumErrorMs: 0, bins: [] });
    expect(histogramSummary(data)).toEqual(new Histogram().summary());
  });
});
