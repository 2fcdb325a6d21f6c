/**
 * Timeouts: Lambda stops an invocation at its configured timeout and bills it to the limit;
 * API Gateway answers 504 after its integration timeout (29 s REST, 30 s HTTP API) while the
 * function keeps running (Lambda quotas https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html; API Gateway quotas https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

const slow = (via: string, computeS: number, timeoutS: number) => yaml`
  lamsim: 1
  name: slow
  duration: 1m
  traffic: { target: f, via: ${via}, mode: uniform, phases: [{ duration: 1m, arrivalRate: 1 }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: ${timeoutS}
      model: { init: 0ms, preInit: 0ms, compute: ${computeS}s }
`;

describe('timeouts', () => {
  it('stops the handler at the function timeout and bills exactly the limit', () => {
    const out = run(slow('direct', 5, 3));
    const f = fn(out);
    expect(f.invocations.timedOut).toBe(60);
    expect(f.invocations.succeeded).toBe(0);
    expect(f.durationMs.max).toBe(3000);
    const usage = out.run.usage.lambda[0];
    expect(usage.onDemandBilledMs).toBe(60 * 3000);
  });

  it('work that lasts exactly the timeout is a timeout, as Lambda logs it (Duration = timeout, Status: timeout)', () => {
    // Calibrated scenarios replay logged Durations, and a timed-out invocation logs the timeout
    // itself: it used to replay as a success because only work above the timeout was cut.
    const f = fn(run(slow('direct', 3, 3)));
    expect(f.invocations.timedOut).toBe(60);
    expect(f.invocations.succeeded).toBe(0);
    expect(f.durationMs.max).toBe(3000);
  });

  it('with resource calls too: a handler whose fixed part or last call ends exactly at the timeout times out', () => {
    const withCall = (computeS: number, queryS: number) => yaml`
      lamsim: 1
      name: calls
      duration: 1m
      traffic: { target: f, mode: uniform, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1769
          timeout: 3
          model: { init: 0ms, preInit: 0ms, compute: ${computeS}s, calls: [{ resource: db }] }
      resources:
        db: { type: rds-postgres, instanceClass: db.r6g.large, query: ${queryS}s, connect: 0ms }
    `;
    const fixedPart = fn(run(withCall(3, 0.5)));
    expect(fixedPart.invocations.timedOut).toBe(60);
    const lastCall = fn(run(withCall(2, 1)));
    expect(lastCall.invocations.timedOut).toBe(60);
    expect(lastCall.durationMs.max).toBe(3000);
    // Just under the timeout succeeds.
    const under = fn(run(withCall(2, 0.999)));
    expect(under.invocations.succeeded).toBe(60);
  });

  it('API Gateway REST cuts at 29 s, HTTP API at 30 s; the function still runs and is billed', () => {
    const rest = fn(run(slow('api-gateway-rest', 29.5, 60)));
    expect(rest.gatewayTimeouts).toBe(60);
    expect(rest.invocations.failed).toBe(60);
    expect(rest.durationMs.mean).toBeCloseTo(29_500, 6);
    const http = fn(run(slow('api-gateway-http', 29.5, 60)));
    expect(http.gatewayTimeouts).toBe(0);
    expect(http.invocations.succeeded).toBe(60);
  });

  it('a regional REST API with a raised integration timeout (since June 2024) waits past 29 s, and cuts at its own timeout', () => {
    const raised = (computeS: number) =>
      slow('api-gateway-rest', computeS, 120).replace(
        'via: api-gateway-rest,',
        'via: api-gateway-rest, integrationTimeout: 90s, endpointType: regional,',
      );
    const waits = fn(run(raised(45)));
    expect(waits.gatewayTimeouts).toBe(0);
    expect(waits.invocations.succeeded).toBe(60);
    const cut = fn(run(raised(95)));
    expect(cut.gatewayTimeouts).toBe(60);
    expect(cut.invocations.failed).toBe(60);
  });

  it('a direct caller waits as long as the function runs', () => {
    const f = fn(run(slow('direct', 40, 60)));
    expect(f.invocations.succeeded).toBe(60);
    expect(f.latencyMs.mean).toBeCloseTo(40_000, 0);
  });
});
