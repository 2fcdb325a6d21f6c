/**
 * Properties of the tuning recommendation over arbitrary sweeps (fast-check): with a configuration
 * meeting every constraint, the recommendation meets them and no configuration that does is cheaper
 * per request served (strategy cost) or faster (strategy speed); with none, it violates the fewest
 * constraints and comes closest on them (issue 18 item 1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyBasis } from '../../src/billing/index.ts';
import { recommend, shortfall, type TunePoint } from '../../src/experiments/tune/index.ts';
import type { SloMetric } from '../../src/scenario/index.ts';

/** A one-hour window repeated to fill the month (the points' monthly figures are not compared here). */
const REPEAT_BASIS = monthlyBasis({ window: 'repeat' }, 3_600_000);

const METRICS: readonly SloMetric[] = ['p99', 'throttleRate', 'errorRate', 'timeoutRate'];

const percentiles = (mean: number) => ({ mean, p50: mean, p90: mean, p95: mean, p99: mean, max: mean });

const pointArb = fc
  .record({
    cost: fc.oneof(fc.double({ min: 1e-9, max: 1e-3, noNaN: true }), fc.constant(Number.POSITIVE_INFINITY)),
    duration: fc.double({ min: 1, max: 10_000, noNaN: true }),
    violations: fc.uniqueArray(
      fc.record({
        metric: fc.constantFrom(...METRICS),
        max: fc.constantFrom(0, 0.01, 500),
        over: fc.double({ min: 1.0001, max: 100, noNaN: true }),
      }),
      { selector: (v) => v.metric, maxLength: 3 },
    ),
  })
  .map(({ cost, duration, violations }) => ({ cost, duration, violations }));

function points(
  raw: { cost: number; duration: number; violations: { metric: SloMetric; max: number; over: number }[] }[],
): TunePoint[] {
  return raw.map((r, i) => ({
    memoryMb: 128 * (i + 1),
    architecture: 'x86_64',
    durationMs: percentiles(r.duration),
    latencyMs: percentiles(r.duration),
    costUsdPerInvocation: r.cost,
    costUsdPerRequestServed: r.cost,
    coldStartRate: 0,
    timedOut: 0,
    failed: 0,
    invocations: 1000,
    throttled: 0,
    throttleRate: 0,
    throttledAttempts: 0,
    throttledBy: { reservedConcurrency: 0, accountConcurrency: 0, scalingRate: 0, requestRate: 0 },
    succeeded: Number.isFinite(r.cost) ? 1000 : 0,
    served: Number.isFinite(r.cost) ? 1000 : 0,
    servedUnit: 'requests',
    lambdaCostUsd: Number.isFinite(r.cost) ? r.cost * 1000 : 0,
    errorRate: 0,
    timeoutRate: 0,
    peakConcurrency: 1,
    windowCostUsd: 1,
    monthlyCostUsd: 1,
    monthlyBasis: REPEAT_BASIS,
    meetsConstraints: r.violations.length === 0,
    violations: r.violations.map((v) => ({
      metric: v.metric,
      max: v.max,
      value: v.max > 0 ? v.max * v.over : v.over / 100,
    })),
    current: i === 0,
    seed: 1,
    scenarioHash: 'x',
  }));
}

describe('tune recommendation properties', () => {
  it('meets the constraints when any point does, and is then the best by the strategy among those', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('cost', 'speed', 'balanced'),
        (raw, strategy) => {
          const ps = points(raw);
          const rec = recommend(ps, ps[0], strategy, 0.5);
          const chosen = ps.find((p) => p.memoryMb === rec.memoryMb)!;
          const feasible = ps.filter((p) => p.meetsConstraints);
          if (feasible.length > 0) {
            expect(chosen.meetsConstraints).toBe(true);
            for (const p of feasible) {
              if (strategy === 'cost')
                expect(chosen.costUsdPerRequestServed).toBeLessThanOrEqual(p.costUsdPerRequestServed);
              if (strategy === 'speed') expect(chosen.durationMs.mean).toBeLessThanOrEqual(p.durationMs.mean);
            }
            return;
          }
          const fewest = Math.min(...ps.map((p) => p.violations.length));
          expect(chosen.violations.length).toBe(fewest);
          for (const p of ps.filter((q) => q.violations.length === fewest)) {
            expect(shortfall(chosen)).toBeLessThanOrEqual(shortfall(p));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
