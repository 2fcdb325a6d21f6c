import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../../src/engine/distributions.ts';
import { distMean } from '../../src/engine/distributions.ts';
import {
  peakRate,
  scaleDist,
  scaleTraffic,
  withFunction,
  withMemory,
  withResource,
} from '../../src/experiments/edits.ts';
import { expectedArrivals } from '../../src/model/traffic/arrivalsFor.ts';
import { scenarioFrom, yaml } from './helpers.ts';

const twoSources = scenarioFrom(yaml`
  lamsim: 1
  duration: 10m
  traffic:
    - { name: a, target: f, phases: [{ duration: 5m, arrivalRate: 10, rampTo: 50 }, { duration: 5m, arrivalRate: 20 }] }
    - { name: b, target: f, phases: [{ duration: 4m, arrivalRate: 5 }, { duration: 6m, arrivalRate: 30, rampTo: 0 }] }
  functions:
    f: { runtime: nodejs22.x, model: { init: 0ms } }
`);

describe('scenario edits', () => {
  it('scale every phase rate, keeping times, and the expected arrivals scale with them', () => {
    const scaled = scaleTraffic(twoSources, 2.5);
    const before = twoSources.traffic.map((t) => expectedArrivals(t, twoSources.durationMs));
    const after = scaled.traffic.map((t) => expectedArrivals(t, scaled.durationMs));
    after.forEach((n, i) => {
      expect(n).toBeCloseTo(before[i] * 2.5, 6);
    });
    expect(scaled.seed).toBe(twoSources.seed);
    expect(scaled.traffic.map((t) => t.name)).toEqual(['a', 'b']);
    expect(twoSources.traffic[0].arrivals).toMatchObject({
      phases: [{ arrivalsPerSecond: 10 }, { arrivalsPerSecond: 20 }],
    });
  });

  it('find the peak of the summed rate at a phase boundary', () => {
    // At 4 min: a is ramping at 10 + 40 * 4/5 = 42, b jumps from 5 to 30: 72 just after.
    // At 5 min: a reaches 50 (then drops to 20), b = 30 - 30/6 = 25: 75 just before.
    expect(peakRate(twoSources)).toBeCloseTo(75, 9);
    expect(peakRate(scaleTraffic(twoSources, 3))).toBeCloseTo(225, 9);
  });

  it('scale distributions by scaling their mean, keeping their kind', () => {
    const specs: DistSpec[] = [
      { kind: 'constant', value: 10 },
      { kind: 'exponential', mean: 10 },
      { kind: 'lognormal', mu: 2, sigma: 0.7 },
      { kind: 'uniform', min: 2, max: 8 },
      { kind: 'normal', mean: 10, stddev: 6 },
      { kind: 'empirical', samples: [1, 2, 30] },
      {
        kind: 'piecewise',
        points: [
          { value: 1, p: 0 },
          { value: 5, p: 0.5 },
          { value: 40, p: 1 },
        ],
      },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.double({ min: 0.01, max: 100, noNaN: true }), (spec, k) => {
        const scaled = scaleDist(spec, k);
        expect(scaled.kind).toBe(spec.kind);
        expect(distMean(scaled)).toBeCloseTo(distMean(spec) * k, 6);
      }),
    );
    expect(scaleDist(specs[1], 0)).toEqual({ kind: 'constant', value: 0 });
  });

  it('change one function and leave the input untouched', () => {
    const before = JSON.stringify(twoSources);
    const edited = withFunction(twoSources, 'f', (f) => withMemory(f, 2048, 'arm64'));
    expect(edited.functions[0]).toMatchObject({ memoryMb: 2048, architecture: 'arm64' });
    expect(JSON.stringify(twoSources)).toBe(before);
    expect(() => withFunction(twoSources, 'g', (f) => f)).toThrow(/no function 'g'/);
  });

  it('replace one resource by name and leave the input untouched', () => {
    const s = scenarioFrom(
      'lamsim: 1\nduration: 1m\nfunctions: { f: { runtime: nodejs22.x } }\nresources:\n  a: { type: sqs-queue }\n  b: { type: sqs-queue }\n',
    );
    const before = JSON.stringify(s);
    const a = s.resources[0];
    if (a.type !== 'sqs-queue') throw new Error('a queue');
    const edited = withResource(s, { ...a, maxInFlightMessages: 7 });
    expect(edited.resources.map((r) => [r.name, r.type === 'sqs-queue' && r.maxInFlightMessages])).toEqual([
      ['a', 7],
      ['b', 120_000],
    ]);
    expect(JSON.stringify(s)).toBe(before);
    expect(() => withResource(s, { ...a, name: 'c' })).toThrow(/no resource 'c'/);
  });
});
