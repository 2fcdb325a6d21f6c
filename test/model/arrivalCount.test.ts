/**
 * `{ duration, arrivalCount }` (README: Artillery semantics): exactly that many arrivals in the
 * phase, in `poisson` mode as in `uniform`, beside rate phases that stay Poisson.
 */
import { describe, expect, it } from 'vitest';
import type { ArrivalStream } from '../../src/engine/index.ts';
import { Rng } from '../../src/engine/rng.ts';
import { arrivalsFor } from '../../src/model/traffic/arrivalsFor.ts';
import { fn, run, scenarioFrom, yaml } from '../helpers/run.ts';

function collect(stream: ArrivalStream): number[] {
  const out: number[] = [];
  for (let t = stream.next(); t !== Number.POSITIVE_INFINITY; t = stream.next()) out.push(t);
  return out;
}

const scenario = (mode: string, phases: string, duration = '3m') => yaml`
  lamsim: 1
  name: counts
  duration: ${duration}
  traffic: { target: f, mode: ${mode}, phases: ${phases} }
  functions:
    f: { runtime: nodejs22.x, logSize: 0B, model: { init: 0ms, compute: 1ms } }
`;

describe('arrivalCount', () => {
  it('gives exactly the count in poisson mode, for every seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const out = run(scenario('poisson', '[{ duration: 1m, arrivalCount: 1000 }]', '1m'), seed);
      expect(fn(out).invocations.arrived).toBe(1000);
    }
  });

  it('beside Poisson rate phases: the count phase exact, the rate phases Poisson around it', () => {
    const text = scenario(
      'poisson',
      '[{ duration: 1m, arrivalRate: 10 }, { duration: 1m, arrivalCount: 777 }, { duration: 1m, arrivalRate: 10 }]',
    );
    const traffic = scenarioFrom(text).traffic[0];
    const rateCounts: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const times = collect(arrivalsFor(traffic, 180_000, Rng.fromSeed(seed)));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
      expect(times.filter((t) => t >= 60_000 && t < 120_000).length).toBe(777);
      rateCounts.push(times.filter((t) => t < 60_000 || t >= 120_000).length);
    }
    // The rate phases: Poisson(1,200) arrivals, varying by seed.
    expect(new Set(rateCounts).size).toBeGreaterThan(1);
    for (const n of rateCounts) expect(Math.abs(n - 1200)).toBeLessThan(4 * Math.sqrt(1200));
  });

  it('a count phase the window cuts keeps only what falls before the cut (about the share)', () => {
    const out = run(scenario('poisson', '[{ duration: 2m, arrivalCount: 2000 }]', '1m'), 9);
    // Binomial(2000, 1/2): within 4 sigma (sqrt(500) ≈ 22) of 1,000.
    expect(Math.abs(fn(out).invocations.arrived - 1000)).toBeLessThan(4 * Math.sqrt(500));
  });

  it('uniform mode was already exact', () => {
    expect(
      fn(run(scenario('uniform', '[{ duration: 1m, arrivalCount: 1000 }]', '1m'))).invocations.arrived,
    ).toBe(1000);
  });
});
