/**
 * The order tune hands its runs over (src/experiments/tune/runOrder.ts): the estimate it orders by
 * (started invocations by Little's law) against simulated runs, the exact capped integral, and the
 * summaries coming back in the order asked whatever order the runs were handed over in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import type { Runner } from '../../src/experiments/runners.ts';
import { planTune, tuneScenarios } from '../../src/experiments/tune/index.ts';
import {
  cappedArrivals,
  expectedStartedInvocations,
  longestFirst,
  runLongestFirst,
} from '../../src/experiments/tune/runOrder.ts';
import type { Summary } from '../../src/results/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

describe('cappedArrivals', () => {
  it('integrates min(rate, cap) exactly over constant and ramping segments', () => {
    const flat = { start: 0, duration: 1000, rate0: 2, rate1: 2 };
    expect(cappedArrivals([flat], 3)).toBe(2000); // below the cap: every arrival
    expect(cappedArrivals([flat], 1)).toBe(1000); // above it: the cap
    // A ramp 0 -> 2 per ms crosses a cap of 1 at 500 ms: 250 below it, then 500 at it.
    expect(cappedArrivals([{ start: 0, duration: 1000, rate0: 0, rate1: 2 }], 1)).toBeCloseTo(750, 9);
    expect(cappedArrivals([{ start: 0, duration: 1000, rate0: 2, rate1: 0 }], 1)).toBeCloseTo(750, 9);
    expect(cappedArrivals([flat, { start: 1000, duration: 500, rate0: 0.5, rate1: 0.5 }], 1)).toBe(1250);
  });
});

describe('expectedStartedInvocations', () => {
  it('is what a throttled function starts: its concurrency over its handler time', () => {
    // 10 environments busy 100 ms each start 100 requests/s of the 200/s sent: half in 2 minutes.
    const text = oneFunction({ io: '100ms', extra: 'reservedConcurrency: 10' }, 200, '2m');
    const scenario = scenarioFrom(text);
    const expected = expectedStartedInvocations(scenario, 'f');
    expect(expected).toBe(12_000);
    const started = runScenario(scenario).summary.functions.f.invocations.started;
    expect(Math.abs(started - expected) / expected).toBeLessThan(0.01);
    // Unthrottled (the concurrency is enough for the rate): every arrival starts.
    const free = scenarioFrom(oneFunction({ io: '100ms', extra: 'reservedConcurrency: 30' }, 200, '2m'));
    expect(expectedStartedInvocations(free, 'f')).toBe(24_000);
  });

  it('follows memory on api-burst (compute scales with the CPU share) and matches the simulation', () => {
    const file = new URL('../../scenarios/api-burst.yaml', import.meta.url);
    const base = scenarioFrom(readFileSync(file, 'utf8'));
    const plan = planTune(base, { memoryMb: [128, 512, 3008] });
    if (!plan.ok) throw new Error(plan.error);
    const [at128, at512, at3008] = tuneScenarios(plan.value);
    const costs = [at128, at512, at3008].map((s) => expectedStartedInvocations(s, 'orders-api'));
    expect(costs[0]).toBeLessThan(costs[1]);
    expect(costs[1]).toBeLessThan(costs[2]);
    // At 128 MB three quarters of the requests are throttled (Poisson arrivals, lognormal times).
    const started = runScenario(at128, { series: false }).summary.functions['orders-api'].invocations.started;
    expect(Math.abs(started - costs[0]) / started).toBeLessThan(0.02);
  });
});

describe('runLongestFirst', () => {
  it('hands the runs over largest cost first and returns the summaries in the order asked', async () => {
    const handed: string[] = [];
    const runner: Runner = {
      description: 'recording',
      async run(scenarios) {
        handed.push(...scenarios.map((s) => s.name));
        return scenarios.map((s) => ({ scenario: s.name }) as unknown as Summary);
      },
      async close() {},
    };
    const scenarios = ['a', 'b', 'c', 'd'].map((name) => ({ name }) as unknown as Scenario);
    const summaries = await runLongestFirst(runner, scenarios, [1, 5, 3, 5]);
    expect(handed).toEqual(['b', 'd', 'c', 'a']); // ties keep their order
    expect(summaries.map((s) => (s as unknown as { scenario: string }).scenario)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(longestFirst([2, 2, 2])).toEqual([0, 1, 2]);
  });

  it('hands per-run options over with their runs', async () => {
    const handed: [string, boolean][] = [];
    const runner: Runner = {
      description: 'recording',
      async run(scenarios, _progress, options) {
        const flags = options?.sharedArrivals as readonly boolean[];
        handed.push(...scenarios.map((s, i): [string, boolean] => [s.name, flags[i]]));
        return scenarios.map((s) => ({ scenario: s.name }) as unknown as Summary);
      },
      async close() {},
    };
    const scenarios = ['a', 'b', 'c'].map((name) => ({ name }) as unknown as Scenario);
    await runLongestFirst(runner, scenarios, [1, 3, 2], undefined, { sharedArrivals: [true, false, false] });
    expect(handed).toEqual([
      ['b', false],
      ['c', false],
      ['a', true],
    ]);
  });
});
