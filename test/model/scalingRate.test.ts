/**
 * Scaling-rate limits, with deterministic traffic so the counts are exact:
 * - per-function-2023: 1,000 new environments at once, then 1,000 per 10 s refilled continuously
 *   (AWS docs scaling-behavior.html).
 * - account-burst-legacy: an initial burst (3,000 in us-east-1) then +500 per minute
 *   (old docs invocation-scaling.md).
 * Every request lasts longer than the test, so every admitted request needs a new environment.
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

const burst = (scaling: string, rate: number, seconds: number) => yaml`
  lamsim: 1
  name: scaling
  duration: ${seconds}s
  account: { concurrentExecutions: 20000, scaling: ${scaling} }
  traffic: { target: f, retry: { maxAttempts: 1 }, mode: uniform, phases: [{ duration: ${seconds}s, arrivalRate: ${rate} }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 900
      model: { init: 0ms, compute: 800s }
`;

describe('scaling rate', () => {
  it('per-function-2023 creates 1,000 environments at once then 100 per second', () => {
    const f = fn(run(burst('per-function-2023', 5000, 10)));
    // 50,000 arrivals; tokens: 1,000 + 0.1 per ms over 10 s = 2,000 (the last arrival is at 9,999.8 ms).
    expect(f.invocations.arrived).toBe(50_000);
    expect(f.environments.created).toBeGreaterThanOrEqual(1999);
    expect(f.environments.created).toBeLessThanOrEqual(2000);
    expect(f.throttledBy.scalingRate).toBe(50_000 - f.environments.created);
    expect(f.throttledBy.reservedConcurrency + f.throttledBy.accountConcurrency).toBe(0);
  });

  it('account-burst-legacy allows the regional burst then 500 per minute', () => {
    const f = fn(run(burst('account-burst-legacy', 1000, 120)));
    // us-east-1 burst 3,000; + 500/min for 120 s = 4,000.
    expect(f.environments.created).toBeGreaterThanOrEqual(3999);
    expect(f.environments.created).toBeLessThanOrEqual(4000);
    expect(f.throttledBy.scalingRate).toBe(120_000 - f.environments.created);
  });

  it('unlimited scaling is bounded only by concurrency', () => {
    const f = fn(run(burst('unlimited', 5000, 10)));
    // No reserved concurrency anywhere: the whole account (20,000) is the unreserved pool.
    expect(f.environments.created).toBe(20_000);
    expect(f.throttledBy.accountConcurrency).toBe(30_000);
  });
});
