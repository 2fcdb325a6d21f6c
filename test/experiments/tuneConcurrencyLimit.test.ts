/**
 * `tune` when memory cannot fix the problem: a function whose reserved concurrency throttles it at
 * every memory size because most of each invocation is waiting (io), which memory does not speed
 * up. By Little's law, 3 environments each busy at least 200 ms serve at most 15 requests a second,
 * so of 50 arriving at least 70 % are throttled at any memory size: being less throttled by a
 * point or two is no reason to pay for more memory. The sweep names the limit and ranks by the
 * strategy; when memory can lift the limit (CPU-bound code), the closest point is still chosen.
 */
import { describe, expect, it } from 'vitest';
import { type TuneOptions, type TuneResult, tune } from '../../src/experiments/tune/index.ts';
import { tuneReason } from '../../src/report/tune/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { oneFunction, scenarioFrom, yaml } from './helpers.ts';

async function sweep(scenario: Scenario, options: TuneOptions): Promise<TuneResult> {
  const r = await tune(scenario, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const grid = [128, 512, 1024, 2048];
const waiting = scenarioFrom(
  oneFunction(
    { compute: '30ms', io: '200ms', extra: 'reservedConcurrency: 3', attempts: 1, memory: 1024 },
    50,
    '2m',
    'poisson',
  ),
);

describe('tune when the reserved concurrency throttles at every memory size', () => {
  it('names the limit memory does not lift and ranks by cost, not by the throttles left', async () => {
    const r = await sweep(waiting, { memoryMb: grid, strategy: 'cost' });
    // Little's law: at most 3 / 0.2 s = 15 of 50 requests a second served at any size.
    for (const p of r.points) expect(p.throttleRate).toBeGreaterThanOrEqual(0.7 - 0.02);
    expect(r.recommendation.limitedBy).toEqual({
      limit: 'reservedConcurrency',
      concurrency: 3,
      leastThrottleRate: expect.closeTo(0.7, 1),
    });
    expect(r.recommendation.limitedBy?.leastThrottleRate).toBeLessThanOrEqual(
      Math.min(...r.points.map((p) => p.throttleRate)),
    );
    const cheapest = Math.min(...r.points.map((p) => p.costUsdPerRequestServed));
    const chosen = r.points.find((p) => p.memoryMb === r.recommendation.memoryMb)!;
    expect(chosen.costUsdPerRequestServed).toBe(cheapest);
    // Not the least throttled point, which costs more per request served (more memory).
    const leastThrottled = Math.min(...r.points.map((p) => p.throttleRate));
    expect(chosen.throttleRate).toBeGreaterThan(leastThrottled);
    expect(tuneReason(r)).toMatch(
      /^No configuration meets every constraint \(.*\): every configuration is throttled by f's reserved concurrency 3 \(.*\), a limit memory does not lift: .* Run `lamsim plan` to find the change that lifts it \(more reserved concurrency\)\. Among the configurations violating the fewest constraints, \d+ MB x86_64 is the cheapest per request served/,
    );
  });

  it('keeps the closest point when memory can lift the limit (CPU-bound code: no io)', async () => {
    const cpu = scenarioFrom(
      oneFunction(
        { compute: '100ms', extra: 'reservedConcurrency: 10', attempts: 1, memory: 512 },
        40,
        '2m',
        'poisson',
      ),
    );
    const r = await sweep(cpu, {
      memoryMb: [128, 256, 512],
      constraints: [{ metric: 'throttleRate', max: 0.001 }],
    });
    expect(r.recommendation.limitedBy).toBeNull();
    const chosen = r.points.find((p) => p.memoryMb === r.recommendation.memoryMb)!;
    expect(chosen.throttleRate).toBe(Math.min(...r.points.map((p) => p.throttleRate)));
  });

  it("names the limit a burst over it hits, though the window's mean rate is under it", async () => {
    // 5 requests/s for 4 minutes, then 60/s for 20 s: a mean of 2,400 / 260 s = 9.2/s, under the
    // 3 / 0.2 s = 15/s that 3 environments serve at any memory size, but the burst is 4 times that.
    // Per phase: at most 1,200 of the quiet phase's 1,200 and 3 x 20 s / 0.2 s + 3 = 303 of the
    // burst's 1,200 are served, so at least 1 - 1,503 / 2,400 = 37 % of the arrivals are throttled.
    const burst = scenarioFrom(yaml`
      lamsim: 1
      name: burst-tune
      seed: 7
      duration: 260s
      account: { concurrentExecutions: 1000, scaling: unlimited }
      platform: { idleTimeout: 1h }
      traffic:
        name: web
        target: f
        mode: poisson
        retry: { maxAttempts: 1 }
        phases:
          - { duration: 240s, arrivalRate: 5 }
          - { duration: 20s, arrivalRate: 60 }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1024
          timeout: 60
          reservedConcurrency: 3
          model: { init: 0ms, compute: 30ms, io: 200ms }
    `);
    const r = await sweep(burst, { memoryMb: grid, strategy: 'cost' });
    expect(r.recommendation.limitedBy).toEqual({
      limit: 'reservedConcurrency',
      concurrency: 3,
      leastThrottleRate: expect.closeTo(1 - 1503 / 2400, 2),
    });
    for (const p of r.points)
      expect(p.throttleRate).toBeGreaterThanOrEqual(r.recommendation.limitedBy?.leastThrottleRate ?? 1);
    // Being a little less throttled at 2,048 MB is no reason to pay for it: the cheapest per request served.
    const cheapest = Math.min(...r.points.map((p) => p.costUsdPerRequestServed));
    expect(r.points.find((p) => p.memoryMb === r.recommendation.memoryMb)?.costUsdPerRequestServed).toBe(
      cheapest,
    );
  });
});
