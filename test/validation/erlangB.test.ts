/**
 * Reserved concurrency turns a function into a loss system: with Poisson arrivals, c = reserved
 * concurrency and no INIT, the share of throttled requests is Erlang B(c, λ E[S]) whatever the
 * distribution of the handler time (Erlang's insensitivity). Checked with independent
 * replications: |mean - B| < 4 standard errors, and the replications must be precise enough
 * (SE < 0.004) for the check to mean something. The callers do not retry (`retry: { maxAttempts:
 * 1 }`; the SDK's default retries would turn the loss system into a retrial queue).
 */
import { describe, expect, it } from 'vitest';
import { erlangB } from '../helpers/queueing.ts';
import { fn, meanAndStandardError, run, yaml } from '../helpers/run.ts';

const lossScenario = (compute: string, reserved: number, rate: number) => yaml`
  lamsim: 1
  name: erlang-b
  duration: 10m
  account: { concurrentExecutions: 1000, scaling: unlimited }
  platform: { idleTimeout: 1h }
  traffic: { target: f, retry: { maxAttempts: 1 }, phases: [{ duration: 10m, arrivalRate: ${rate} }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 60
      reservedConcurrency: ${reserved}
      model: { init: 0ms, compute: ${compute}, io: 0ms }
`;

function throttleShares(text: string, replications: number): number[] {
  return Array.from({ length: replications }, (_, i) => fn(run(text, 1000 + i)).throttleRate);
}

describe('reserved concurrency as an Erlang loss system', () => {
  it.each([
    ['exponential handler', '{ dist: exponential, mean: 100ms }'],
    ['lognormal handler (insensitivity)', '{ dist: lognormal, mean: 100ms, stddev: 150ms }'],
  ])('throttle rate matches Erlang B(10, 10) with an %s', (_label, compute) => {
    // λ = 100/s, E[S] = 0.1 s: offered load 10 Erlangs on 10 environments.
    const expected = erlangB(10, 10); // 0.2146
    const { mean, se } = meanAndStandardError(throttleShares(lossScenario(compute, 10, 100), 8));
    expect(se).toBeLessThan(0.004);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
  });

  it('a larger pool throttles rarely, as Erlang B predicts', () => {
    // 40 environments, 30 Erlangs: B = 0.0135.
    const expected = erlangB(40, 30);
    const { mean, se } = meanAndStandardError(
      throttleShares(lossScenario('{ dist: exponential, mean: 100ms }', 40, 300), 8),
    );
    expect(se).toBeLessThan(0.002);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
  });
});
