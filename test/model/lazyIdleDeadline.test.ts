/**
 * The idle timeout's deadline worked out lazily (FunctionEnvironments.becomeIdle): when the draw's
 * quantile floor shows the deadline is at or after the pending reclamation check, the quantile is
 * left to the check. Two contracts: every floor is <= the sampler's quantile, to the bit, for
 * every kind; and runs are the same, event for event, as with the deadline worked out every time
 * (a floor of -Infinity never takes the lazy path).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DistSpec, makeSampler } from '../../src/engine/index.ts';
import { QuantileFloor } from '../../src/model/function/quantileFloor.ts';
import { DEFAULT_IDLE_TIMEOUT } from '../../src/scenario/index.ts';
import { run, yaml } from '../helpers/run.ts';

const positive = fc.double({ min: 0, max: 1e7, noNaN: true });
/** p of inner points: anywhere, or on a cell edge of QuantileFloor (j / 64), where its bounds are tight. */
const innerP = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 64 }).map((j) => j / 64),
);
/** Piecewise specs as the validator allows them: values and p non-decreasing, p from 0 to 1. */
const piecewise = fc.array(fc.tuple(positive, innerP), { minLength: 0, maxLength: 8 }).chain((inner) =>
  fc.tuple(positive, positive).map(([a, b]): DistSpec => {
    const values = [a, ...inner.map(([v]) => v), b].sort((x, y) => x - y);
    const ps = [0, ...inner.map(([, p]) => p).sort((x, y) => x - y), 1];
    return { kind: 'piecewise', points: values.map((value, i) => ({ value, p: ps[i] })) };
  }),
);
const spec: fc.Arbitrary<DistSpec> = fc.oneof(
  piecewise,
  fc.constant<DistSpec>({
    kind: 'piecewise',
    points: [
      { value: 180_000, p: 0 },
      { value: 240_000, p: 0.003 },
      { value: 300_000, p: 0.003 },
      { value: 360_000, p: 0.406 },
      { value: 420_000, p: 1 },
    ],
  }),
  fc.constant<DistSpec>({
    kind: 'piecewise',
    points: [
      { value: 1, p: 0 },
      { value: 2, p: 0.25 },
      { value: 2, p: 0.5 },
      { value: 5, p: 0.5 },
      { value: 9, p: 1 },
    ],
  }),
  positive.map((value): DistSpec => ({ kind: 'constant', value })),
  positive.map((mean): DistSpec => ({ kind: 'exponential', mean })),
  fc
    .tuple(fc.double({ min: -5, max: 15, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }))
    .map(([mu, sigma]): DistSpec => ({ kind: 'lognormal', mu, sigma })),
  fc
    .tuple(positive, positive)
    .map(([a, b]): DistSpec => ({ kind: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
  fc
    .tuple(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 1, max: 1e3, noNaN: true }))
    .map(([z, stddev]): DistSpec => ({ kind: 'normal', mean: z * stddev, stddev })),
  fc
    .array(positive, { minLength: 1, maxLength: 20 })
    .map((samples): DistSpec => ({ kind: 'empirical', samples })),
);
/** Draws as Rng.next makes them (k / 2^53), with cell edges and the ends weighted in. */
const draw = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 53 - 1 }).map((k) => k / 2 ** 53),
  fc
    .integer({ min: 0, max: 64 })
    .chain((j) =>
      fc
        .integer({ min: -2, max: 2 })
        .map((ulps) => Math.min(1 - 2 ** -53, Math.max(0, j / 64 + ulps * 2 ** -53))),
    ),
  fc.integer({ min: 0, max: 1000 }).map((k) => k * 0.001),
);

describe('QuantileFloor', () => {
  it('property: floor(p) <= quantile(p) as doubles, for every kind', () => {
    fc.assert(
      fc.property(spec, fc.array(draw, { minLength: 1, maxLength: 30 }), (s, ps) => {
        const sampler = makeSampler(s);
        const floor = new QuantileFloor(s);
        for (const p of ps) expect(floor.at(p)).toBeLessThanOrEqual(sampler.quantile(p));
      }),
      { numRuns: 3000 },
    );
  });
  it("is tight enough on the measured default's plateaus to decide most draws", () => {
    const floor = new QuantileFloor({
      kind: 'piecewise',
      points: [
        { value: 180_000, p: 0 },
        { value: 240_000, p: 0.003 },
        { value: 300_000, p: 0.003 },
        { value: 360_000, p: 0.406 },
        { value: 420_000, p: 1 },
      ],
    });
    expect(floor.at(0)).toBe(180_000);
    expect(floor.at(0.2)).toBe(300_000);
    expect(floor.at(0.5)).toBe(360_000);
    expect(floor.at(1 - 2 ** -53)).toBe(360_000);
  });
});

describe('the lazy idle deadline', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A run's summary and event count, with the floors as built, then with every floor -Infinity (eager). */
  function lazyAndEager(text: string) {
    const lazy = run(text);
    vi.spyOn(QuantileFloor.prototype, 'at').mockReturnValue(Number.NEGATIVE_INFINITY);
    const eager = run(text);
    vi.restoreAllMocks();
    return { lazy, eager };
  }

  const platforms = [
    '{ idleTimeout: { dist: uniform, min: 20s, max: 80s }, maxLifetime: 13m, placement: mru }',
    '{ idleTimeout: 45s, maxLifetime: 13m, placement: newest }',
    '{ idleTimeout: { dist: exponential, mean: 40s }, maxLifetime: 13m, placement: lru }',
    '{ idleTimeout: { p50: 40s, p99: 90s }, maxLifetime: 13m, placement: random }',
    '{ maxLifetime: 13m, placement: mru }', // the measured default (piecewise, 3 to 7 minutes)
    '{ maxLifetime: 13m, placement: newest }',
  ];

  for (const platform of platforms) {
    it(`reclaims and retires the same environments at the same times (platform ${platform})`, () => {
      // Bursts leave idle environments to reclaim; a short maximum lifetime makes retirement
      // (retireAt) bound some deadlines; each placement reuses environments in its own order.
      const text = yaml`
        lamsim: 1
        name: lazy-idle
        seed: 7
        duration: 40m
        platform: ${platform}
        traffic:
          target: f
          mode: poisson
          phases:
            - { duration: 2m, arrivalRate: 200 }
            - { duration: 8m, arrivalRate: 5 }
            - { duration: 1m, arrivalRate: 300 }
            - { duration: 29m, arrivalRate: 2 }
        functions: { f: { runtime: nodejs22.x, memorySize: 1769, model: { compute: { p50: 60ms, p99: 400ms } } } }
      `;
      const { lazy, eager } = lazyAndEager(text);
      const f = Object.values(lazy.summary.functions)[0];
      expect(f.environments.reclaimed).toBeGreaterThan(20); // reclamations to get right
      // With the default's 3-7 minute timeouts some environments live to their maximum lifetime.
      if (!platform.includes('idleTimeout')) expect(f.environments.retired).toBeGreaterThan(0);
      expect(lazy.run.events).toBe(eager.run.events);
      expect(lazy.summary).toEqual(eager.summary);
    });
  }

  it('leaves the quantile out for most requests with the measured default', () => {
    const at = vi.spyOn(QuantileFloor.prototype, 'at');
    // The default idle timeout is the only piecewise distribution of this run.
    const piecewiseQuantile = vi.spyOn(makeSampler(DEFAULT_IDLE_TIMEOUT).constructor.prototype, 'quantile');
    run(yaml`
      lamsim: 1
      name: lazy-idle-share
      duration: 10m
      traffic: { target: f, mode: poisson, phases: [{ duration: 10m, arrivalRate: 50 }] }
      functions: { f: { runtime: nodejs22.x, memorySize: 1769, model: { compute: 50ms } } }
    `);
    expect(at.mock.calls.length).toBeGreaterThan(25_000);
    expect(piecewiseQuantile.mock.calls.length).toBeLessThan(at.mock.calls.length / 10);
  });
});
