/**
 * The account's request-rate quota: "Across all functions in your account, Lambda enforces a
 * requests per second limit that's equal to 10 times your account concurrency" (AWS docs
 * lambda-concurrency.html, "Understanding concurrency and requests per second"), for synchronous
 * requests and for asynchronous Invoke calls from non-AWS sources; asynchronous events from AWS
 * services are not limited (Lambda quotas, "Invocation requests per Region (requests per second)",
 * github.com/awsdocs/aws-lambda-developer-guide doc_source/gettingstarted-limits.md).
 *
 * With a token bucket of one second's worth (B = 10 x concurrency) refilled at r = 10 x concurrency
 * per second, the requests let through in a window of T seconds are B + r T minus the tokens left
 * at its end, whatever the arrivals, once they outrun r: a count known to within a few requests, so
 * the tests compare counts, not rates with a statistical tolerance. Handlers take 8 ms and nothing
 * else (no INIT, no time before it), so concurrency (160 at 20,000 req/s) never binds.
 */
import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/report/index.ts';
import { countIdentities } from '../../src/results/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

const fast = (name: string) => `
    ${name}:
      runtime: nodejs22.x
      memorySize: 1769
      model: { init: 0ms, preInit: 0ms, compute: 8ms }`;

const scenario = (rate: number, seconds: number, via = 'api-gateway-http', concurrency = 1000) => yaml`
  lamsim: 1
  name: rps
  duration: ${seconds}s
  account: { concurrentExecutions: ${concurrency} }
  traffic: { target: f, via: ${via}, phases: [{ duration: ${seconds}s, arrivalRate: ${rate} }] }
  functions:${fast('f')}
`;

describe('request-rate quota (10 x account concurrency per second)', () => {
  it("AWS's example: 20,000 req/s of a short function at concurrency 1,000 is about half refused", () => {
    const seconds = 10;
    const f = fn(run(scenario(20_000, seconds)));
    const quota = 10 * 1000;
    const passed = f.invocations.arrived - f.throttledBy.requestRate;
    // B + r T = 10,000 + 10,000 x 10 = 110,000 let through, less the few tokens left at the end.
    expect(passed).toBeLessThanOrEqual(quota + quota * seconds);
    expect(passed).toBeGreaterThanOrEqual(quota + quota * seconds - 50);
    // Nothing else refuses: concurrency is about 160 of 1,000.
    expect(f.throttledBy.accountConcurrency + f.throttledBy.scalingRate).toBe(0);
    expect(f.invocations.started).toBe(passed);
    expect(f.invocations.throttled).toBe(f.throttledBy.requestRate);
    // Arrivals are Poisson(200,000): the refused share is 1 - 110,000 / N, 0.45 +- 0.0012 (1 sd);
    // in a long run it tends to 1 - 10,000 / 20,000 = 1/2 (the initial second's burst amortised).
    const expected = 1 - (quota + quota * seconds) / f.invocations.arrived;
    expect(f.throttleRate).toBeCloseTo(expected, 3);
    expect(Math.abs(f.throttleRate - 0.45)).toBeLessThan(4 * 0.0012);
  });

  it('below the quota nothing is refused by it', () => {
    const f = fn(run(scenario(9_000, 10)));
    expect(f.throttledBy.requestRate).toBe(0);
    expect(f.invocations.started).toBe(f.invocations.arrived);
  });

  it('the quota is the account’s: two functions share it', () => {
    const out = run(yaml`
  lamsim: 1
  name: rps-shared
  duration: 5s
  account: { concurrentExecutions: 1000 }
  traffic:
    - { target: a, via: api-gateway-http, phases: [{ duration: 5s, arrivalRate: 8000 }] }
    - { target: b, via: api-gateway-http, phases: [{ duration: 5s, arrivalRate: 8000 }] }
  functions:${fast('a')}${fast('b')}
`);
    const a = fn(out, 'a');
    const b = fn(out, 'b');
    const passed = a.invocations.started + b.invocations.started;
    expect(passed).toBeLessThanOrEqual(10_000 + 10_000 * 5);
    expect(passed).toBeGreaterThanOrEqual(10_000 + 10_000 * 5 - 50);
    // Each alone (8,000/s) is under the quota: only together are they refused, in equal measure.
    expect(a.throttledBy.requestRate).toBeGreaterThan(0);
    expect(b.throttledBy.requestRate).toBeGreaterThan(0);
    expect(Math.abs(a.invocations.started - b.invocations.started) / passed).toBeLessThan(0.02);
  });

  it('a larger concurrency quota raises the request rate with it', () => {
    const f = fn(run(scenario(20_000, 5, 'api-gateway-http', 2000)));
    expect(f.throttledBy.requestRate).toBe(0);
  });

  it('an asynchronous Invoke from a client counts: above the quota the event never enters the queue', () => {
    const seconds = 5;
    const out = run(scenario(20_000, seconds, 'async'));
    const f = fn(out);
    const accepted = f.async?.events ?? 0;
    // The same bucket as for synchronous requests: B + r T let through, less the tokens left.
    expect(accepted).toBeLessThanOrEqual(10_000 + 10_000 * seconds);
    expect(accepted).toBeGreaterThanOrEqual(10_000 + 10_000 * seconds - 50);
    // Each refused call is one throttled event (a 429 to the caller), never retried by Lambda.
    expect(f.invocations.throttled).toBe(f.invocations.arrived - accepted);
    expect(f.throttledBy.requestRate).toBe(f.invocations.throttled);
    expect(f.async?.retries.afterThrottle).toBe(0);
    expect(f.invocations.started).toBe(accepted);
    // The events' identity counts them: arrived = processed + dropped + throttled + queued + running.
    const identities = countIdentities(f);
    expect(identities.map((c) => c.identity)).toContain(
      'arrived = async.succeeded + dropped + throttled + async.waitingAtEnd + inFlightAtEnd',
    );
    for (const c of identities) expect(c.left, c.identity).toBe(c.right);
    // ... and the printed summary writes it as that sum.
    expect(summaryText(out.summary)).toMatch(
      new RegExp(
        `events +${f.invocations.arrived.toLocaleString('en-US')} arrived = [\\d,]+ processed \\+ 0 dropped \\+ [\\d,]+ throttled at Invoke`,
      ),
    );
  });

  it.each(['s3', 'sns', 'eventbridge'])('events from an AWS service (%s) are not counted', (via) => {
    const f = fn(run(scenario(15_000, 2, via)));
    expect(f.throttledBy.requestRate).toBe(0);
    expect(f.invocations.throttled).toBe(0);
    expect(f.invocations.started).toBe(f.invocations.arrived);
  });

  it("a function's asynchronous Invoke calls share the account's quota with synchronous requests", () => {
    // 900 req/s through API Gateway, each making 20 async Invoke calls: 18,900 requests/s in all.
    const seconds = 5;
    const out = run(yaml`
  lamsim: 1
  name: rps-fanout
  duration: ${seconds}s
  account: { concurrentExecutions: 1000 }
  traffic: { target: f, via: api-gateway-http, phases: [{ duration: ${seconds}s, arrivalRate: 900 }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      model: { init: 0ms, preInit: 0ms, compute: 8ms, calls: [{ function: g, invocation: async, count: 20 }] }${fast('g')}
`);
    const f = fn(out, 'f');
    const g = fn(out, 'g');
    const passed = f.invocations.started + (g.async?.events ?? 0);
    // f's own requests and g's accepted events come out of one bucket: at most B + r T in the
    // window plus what f's last invocations send in the drain: their 20 calls are made in
    // sequence, 20 ms each (an async Invoke's default latency), so at most 0.41 s after the window.
    expect(passed).toBeLessThanOrEqual(10_000 + 10_000 * (seconds + 20 * 0.02 + 0.01));
    expect(passed).toBeGreaterThanOrEqual(10_000 + 10_000 * seconds - 50);
    expect(g.throttledBy.requestRate).toBeGreaterThan(0);
    expect(g.invocations.arrived).toBe(f.invocations.started * 20);
  });

  it('a direct caller retries refused requests (the SDK does): each retry is another request', () => {
    const seconds = 5;
    const f = fn(run(scenario(20_000, seconds, 'direct')));
    const attempts = f.invocations.arrived + f.invocations.retried;
    expect(f.throttledAttempts).toBe(f.throttledBy.requestRate);
    expect(attempts - f.throttledAttempts).toBe(f.invocations.started);
    expect(f.invocations.arrived).toBe(f.invocations.started + f.invocations.throttled);
    // Retries go on into the drain for at most the SDK's two backoffs (0.5 s + 1 s): the bucket lets
    // through at most B + r (T + 1.5 s).
    expect(f.invocations.started).toBeLessThanOrEqual(10_000 + 10_000 * (seconds + 1.5));
    expect(f.invocations.started).toBeGreaterThan(10_000 + 10_000 * seconds - 50);
    expect(f.invocations.retried).toBeGreaterThan(0);
  });
});
