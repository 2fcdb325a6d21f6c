/**
 * `tune` compares configurations on the same work (issue 18 items 1 and 2): every point sees the
 * same arrivals, the strategies rank the whole bill per request served, throttles and errors count
 * against the constraints (1 % each by default) and show in the table, a sweep where nothing meets
 * the constraints says so and recommends the point closest on the violated metric, timeouts are
 * counted per event, and a point where nothing succeeded says so instead of a 0 ms latency.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { measure } from '../../src/experiments/slo.ts';
import { type TuneOptions, type TuneResult, tune } from '../../src/experiments/tune/index.ts';
import { tuneReason, tuneText } from '../../src/report/tune/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { oneFunction, scenarioFrom, yaml } from './helpers.ts';

async function sweep(scenario: Scenario, options: TuneOptions): Promise<TuneResult> {
  const r = await tune(scenario, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const pointAt = (r: TuneResult, mb: number) => r.points.find((p) => p.memoryMb === mb)!;

// 40 req/s of 100 ms CPU at 1,769 MB behind reserved concurrency 10, no SDK retries: at 128 MB a
// request takes 1.38 s, 55 Erlangs offered to 10 environments (most requests throttled); at
// 1,769 MB 4 Erlangs (Erlang B 0.5 %).
const throttling = scenarioFrom(
  oneFunction(
    { compute: '100ms', extra: 'reservedConcurrency: 10', attempts: 1, memory: 512 },
    40,
    '2m',
    'poisson',
  ),
);
const grid = [128, 256, 512, 1024, 1769, 3008];

describe('tune on a workload that throttles', () => {
  it("compares the same arrivals and ranks the function's Lambda charges per request served", async () => {
    const r = await sweep(throttling, { memoryMb: grid, strategy: 'cost' });
    const arrivals = r.points[0].invocations;
    for (const p of r.points) {
      expect(p.invocations).toBe(arrivals); // common random numbers: the same work everywhere
      expect(p.costUsdPerRequestServed).toBeCloseTo(p.lambdaCostUsd / p.succeeded, 18);
      expect(p.served).toBe(p.succeeded);
      expect(p.succeeded + p.throttled).toBeLessThanOrEqual(arrivals);
    }
    const low = pointAt(r, 128);
    expect(low.throttleRate).toBeGreaterThan(0.5);
    // Throttles count against the default constraint: the heavily throttled point is not "ok".
    expect(low.meetsConstraints).toBe(false);
    expect(low.violations.map((v) => v.metric)).toContain('throttleRate');
    const chosen = pointAt(r, r.recommendation.memoryMb);
    expect(chosen.meetsConstraints).toBe(true);
    // Never more expensive per request served than another point that meets the same constraints.
    for (const p of r.points.filter((q) => q.meetsConstraints)) {
      expect(chosen.costUsdPerRequestServed).toBeLessThanOrEqual(p.costUsdPerRequestServed);
    }
    // The table shows throttles and errors, and says what it ranks on.
    const text = tuneText(r);
    expect(text).toMatch(/throttled\s+errors\s+per request served/);
    expect(text).toMatch(/^ {2}128 MB x86_64 .* no$/m);
    expect(tuneReason(r)).toMatch(/cheapest per request served/);
  });

  it('says plainly when nothing meets the constraints and recommends the closest on the violated metric', async () => {
    const r = await sweep(throttling, {
      memoryMb: [128, 256, 512],
      constraints: [{ metric: 'throttleRate', max: 0.001 }],
    });
    expect(r.points.every((p) => !p.meetsConstraints)).toBe(true);
    const lowest = Math.min(...r.points.map((p) => p.throttleRate));
    const chosen = pointAt(r, r.recommendation.memoryMb);
    expect(chosen.throttleRate).toBe(lowest);
    expect(r.recommendation.meetsConstraints).toBe(false);
    expect(tuneReason(r)).toMatch(
      new RegExp(
        `^No configuration meets every constraint .*The closest is ${chosen.memoryMb} MB x86_64: throttleRate .* the lowest of any configuration`,
      ),
    );
  });
});

describe('tune rates and rows', () => {
  it('counts an asynchronous event that timed out on every attempt once, and says none succeeded', async () => {
    // Every attempt runs 5 s of CPU against a 1 s timeout; two retries: three timed-out attempts per event.
    const s = scenarioFrom(yaml`
      lamsim: 1
      duration: 10m
      traffic: { target: f, via: async, mode: uniform, phases: [{ duration: 60s, arrivalCount: 6 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1769
          timeout: 1
          maximumRetryAttempts: 2
          model: { init: 0ms, compute: 5s }
    `);
    const summary = runScenario(s).summary;
    const f = summary.functions.f;
    expect(f.invocations.timedOut).toBe(18);
    expect(f.async?.timedOutEvents).toBe(6);
    expect(measure('timeoutRate', summary, 'f')).toBe(1);
    const r = await sweep(s, { memoryMb: [1769] });
    expect(r.points[0].timeoutRate).toBe(1);
    expect(r.points[0].succeeded).toBe(0);
    expect(tuneText(r)).toMatch(/none succeeded/);
    expect(tuneText(r)).not.toMatch(/0\.00 ms/);
  });
});

describe('tune on a shipped scenario', () => {
  const apiBurst = scenarioFrom(
    readFileSync(new URL('../../scenarios/api-burst.yaml', import.meta.url), 'utf8'),
  );

  it('api-burst: throttling at every size; the recommendation is the least throttled, never "the cheapest" with a larger bill unexplained', async () => {
    const r = await sweep(apiBurst, { memoryMb: [1024, 1536, 2048] });
    // reserved concurrency throttles every size above the 1 % guard: nothing meets the constraints
    expect(r.points.every((p) => p.throttleRate > 0.01)).toBe(true);
    const lowest = Math.min(...r.points.map((p) => p.throttleRate));
    const chosen = pointAt(r, r.recommendation.memoryMb);
    expect(chosen.throttleRate).toBe(lowest);
    // Among the points as close, the cheapest per request served.
    for (const p of r.points.filter((q) => q.throttleRate === lowest)) {
      expect(chosen.costUsdPerRequestServed).toBeLessThanOrEqual(p.costUsdPerRequestServed);
    }
    const reason = tuneReason(r);
    expect(reason).toMatch(/^No configuration meets every constraint/);
    // A larger bill than the current configuration's is explained by the requests it serves.
    if (chosen.monthlyCostUsd > r.current.monthlyCostUsd) {
      expect(reason).toMatch(/instead of [\d,]+ requests served of the same [\d,]+ arrivals/);
      expect(chosen.succeeded).toBeGreaterThan(r.current.succeeded);
    }
  });
});
