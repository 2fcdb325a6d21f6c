/** The planner's inputs, search edge cases, determinism and targets. */
import { describe, expect, it } from 'vitest';
import { plan, planProblems, replicationSeed } from '../../src/experiments/plan/index.ts';
import { planJson } from '../../src/report/plan/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

const base = (extra = '', rate = 20) =>
  scenarioFrom(
    `${oneFunction({ io: '{ dist: exponential, mean: 100ms }', extra: 'reservedConcurrency: 10', attempts: 1 }, rate, '1m', 'poisson')}${extra}`,
  );

async function planned(s: Scenario, options: Parameters<typeof plan>[1] = {}) {
  const r = await plan(s, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('plan inputs', () => {
  it('need an SLO, phases to scale and one target', () => {
    const s = base();
    expect(planProblems(s, [], {})).toMatch(/no SLO to plan for/);
    const slo = [{ metric: 'throttleRate' as const, max: 0.01 }];
    expect(planProblems(s, slo, {})).toBeNull();
    expect(planProblems(s, slo, { targetRate: 10, targetScale: 2 })).toMatch(/not both/);
    expect(planProblems(s, slo, { targetRate: -1 })).toMatch(/must be > 0/);
    const traced = scenarioFrom(
      'lamsim: 1\nduration: 1m\ntraffic: { name: t, target: f, trace: { file: t.csv, format: timestamps } }\nfunctions: { f: { runtime: nodejs22.x } }\n',
      { 't.csv': '0\n1000\n' },
    );
    expect(planProblems(traced, slo, {})).toMatch(/traffic t replays a trace/);
  });

  it('take the slo block, with --slo replacing it metric by metric', async () => {
    const s = base('slo: { throttleRate: 1%, p99: 10s }\n');
    const p = await planned(s, { slo: [{ metric: 'p99', max: 5000 }], search: { maxScale: 2 } });
    expect(p.objectives).toEqual([
      { metric: 'p99', max: 5000 },
      { metric: 'throttleRate', max: 0.01 },
    ]);
    expect(JSON.parse(planJson(p)).slo).toEqual({ p99Ms: 5000, throttleRate: 0.01 });
  });

  it('derive replication seeds: the scenario seed first, then distinct derived ones', () => {
    expect(replicationSeed(42, 0)).toBe(42);
    const seeds = Array.from({ length: 20 }, (_, r) => replicationSeed(42, r));
    expect(new Set(seeds).size).toBe(20);
    expect(seeds.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
    expect(replicationSeed(42, 3)).toBe(replicationSeed(42, 3));
  });
});

describe('the search', () => {
  it('stops at the largest factor allowed when the SLOs never break', async () => {
    const p = await planned(base(), { slo: [{ metric: 'errorRate', max: 0.01 }], search: { maxScale: 4 } });
    expect(p.search.stop).toBe('max-scale');
    expect(p.search.hi).toBeNull();
    expect(p.search.lo?.scale).toBe(4);
    expect(p.bottleneck).toBeNull();
    expect(JSON.parse(planJson(p)).maxSustainable).toMatchObject({
      scale: 4,
      peakRate: 80,
      upperBound: null,
    });
  });

  it('searches downward when the baseline already fails', async () => {
    // 10 environments for 40 req/s of 100 ms (4 Erlangs): some throttles; none allowed.
    const p = await planned(base('', 40), { slo: [{ metric: 'throttleRate', max: 0.0001 }], targetScale: 1 });
    expect(p.baseline.meets).toBe(false);
    expect(p.search.lo!.scale).toBeLessThan(1);
    expect(p.search.hi!.scale).toBeLessThanOrEqual(1);
    expect(p.target.before.meets).toBe(false);
    expect(p.recommendations[0].setting).toBe('functions.f.reservedConcurrency');
  });

  it('gives the same plan.json for the same scenario and options', async () => {
    const options = { slo: [{ metric: 'throttleRate' as const, max: 0.02 }], targetRate: 100 };
    const a = await planned(base(), options);
    const b = await planned(base(), options);
    expect(planJson(a)).toBe(planJson(b));
    expect(a.target.scale).toBeCloseTo(5, 12);
    expect(a.target.peakRate).toBeCloseTo(100, 9);
  });
});

describe('the remedies', () => {
  it('chain only a change that removes its bottleneck: one that leaves it is not tried again from its strongest value', async () => {
    // Queue age fails at any load: every message fails and comes back each minute (its visibility
    // timeout, 6 x the function's), forever (no dead-letter queue), so the oldest one ages with the
    // window. No concurrency, memory or provisioned pollers help, so each knob is tried once from the scenario as it
    // is, and nothing is chained after it (the chain used to raise reserved concurrency again from
    // its strongest value, 10,000, to 640,000 and 40,960,000).
    const s = scenarioFrom(`lamsim: 1
name: held
duration: 5m
traffic: { target: jobs, phases: [{ duration: 5m, arrivalRate: 20 }] }
functions:
  f:
    runtime: nodejs22.x
    memorySize: 1024
    timeout: 10
    model: { init: 0ms, compute: 50ms, errorRate: 1 }
    events: [{ sqs: { queue: jobs } }]
resources:
  jobs: { type: sqs-queue, visibilityTimeout: 60s }
`);
    const p = await planned(s, { slo: [{ metric: 'queueAge', max: 90_000 }] });
    expect(p.recommendations).toEqual([]);
    expect(p.failedRemedies.map((r) => [r.knob, r.after.length, r.relievedBottleneck])).toEqual([
      ['reservedConcurrency', 0, false],
      ['memory', 0, false],
      ['sqsProvisionedPollers', 0, false],
    ]);
  });
});
