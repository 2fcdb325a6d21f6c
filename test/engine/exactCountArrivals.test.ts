/**
 * exactCountArrivals: a Poisson process conditioned on its count (the times of `count` uniform
 * draws over the phase, in order), and mergedArrivals, which interleaves streams in time order.
 */
import { describe, expect, it } from 'vitest';
import {
  type ArrivalStream,
  exactCountArrivals,
  mergedArrivals,
  traceArrivals,
} from '../../src/engine/arrivals.ts';
import { Rng } from '../../src/engine/rng.ts';
import { ksCritical, ksStatistic } from './stats.ts';

function collect(stream: ArrivalStream): number[] {
  const out: number[] = [];
  for (let t = stream.next(); t !== Number.POSITIVE_INFINITY; t = stream.next()) out.push(t);
  return out;
}

describe('exactCountArrivals', () => {
  it('gives exactly the count, in order, inside the phase', () => {
    for (const [count, seed] of [
      [0, 1],
      [1, 2],
      [7, 3],
      [20_000, 4],
    ] as const) {
      const times = collect(exactCountArrivals(5_000, 60_000, count, Rng.fromSeed(seed)));
      expect(times.length).toBe(count);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
      for (const t of times) expect(t >= 5_000 && t < 65_000).toBe(true);
    }
  });

  it('spreads them uniformly over the phase (KS, alpha = 0.001), one draw per arrival', () => {
    const rng = Rng.fromSeed(11);
    const times = collect(exactCountArrivals(0, 1_000, 5_000, rng));
    const d = ksStatistic(times, (x) => Math.min(1, Math.max(0, x / 1_000)));
    expect(d).toBeLessThan(ksCritical(times.length, 0.001));
    // 5,000 draws, none after the last arrival: the next draw is the 5,001st of the seed's stream.
    const fresh = Rng.fromSeed(11);
    for (let i = 0; i < 5_000; i++) fresh.next();
    expect(rng.next()).toBe(fresh.next());
  });

  it('from fromMs on: the same draws, the times before it skipped', () => {
    const all = collect(exactCountArrivals(0, 10_000, 500, Rng.fromSeed(5)));
    const late = collect(exactCountArrivals(0, 10_000, 500, Rng.fromSeed(5), 4_000));
    expect(late).toEqual(all.filter((t) => t >= 4_000));
  });
});

describe('mergedArrivals', () => {
  it('interleaves streams in time order', () => {
    const merged = mergedArrivals([traceArrivals([1, 5, 9]), traceArrivals([2, 3, 10]), traceArrivals([])]);
    expect(collect(merged)).toEqual([1, 2, 3, 5, 9, 10]);
  });
});
