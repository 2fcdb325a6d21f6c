/**
 * seriesMaker (src/metrics/seriesMaker.ts): recording series are the plain recorders on the run's
 * grid; inert ones ignore every update and hand out an empty window's data.
 */
import { describe, expect, it } from 'vitest';
import {
  BucketedCounts,
  BucketedGauge,
  BucketedQuantiles,
  type SeriesMaker,
  seriesMaker,
} from '../../src/metrics/index.ts';

/** The same updates on each kind of series. */
function feed(make: SeriesMaker) {
  const counts = make.counts();
  const gauge = make.gauge(2);
  const quantiles = make.quantiles();
  for (const t of [0, 400, 1_500, 2_500, 9_000]) {
    counts.add(t, 2);
    gauge.set(t, t / 100);
    gauge.add(t, 1);
    quantiles.record(t, t / 10);
  }
  gauge.finish(10_000);
  return { counts: counts.toData(), gauge: gauge.toData(), quantiles: quantiles.toData() };
}

describe('seriesMaker', () => {
  it('records like the recorders on the same grid', () => {
    // The same updates on recorders made directly.
    const recorders = feed({
      counts: () => new BucketedCounts(6_000, 1_000),
      gauge: (initialValue) => new BucketedGauge(6_000, 1_000, initialValue),
      quantiles: () => new BucketedQuantiles(6_000, 1_000),
    });
    const made = feed(seriesMaker(6_000, 1_000, true));
    expect(made).toEqual(recorders);
    expect(made.counts.counts.reduce((a, c) => a + c, 0)).toBe(8); // the one at 9 s is ignored
    expect(made.counts.ignored).toBe(2);
  });

  it('records nothing when inert: an empty window, no counts, no peaks, nothing ignored', () => {
    const make = seriesMaker(6_000, 1_000, false);
    const made = feed(make);
    expect(made.counts).toEqual({ windowMs: 0, bucketMs: 1_000, counts: [0], ignored: 0 });
    expect(made.gauge).toEqual({
      windowMs: 0,
      bucketMs: 1_000,
      integrals: [0],
      coveredMs: [0],
      peaks: [null],
    });
    expect(made.quantiles.counts).toEqual([0]);
    expect(made.quantiles.ignored).toBe(0);
    // Updates out of order would throw on a recorder; an inert one does not look at them.
    expect(() => make.gauge().set(-1, 1)).not.toThrow();
  });
});
