/**
 * Capacity planning against theory (design principle 13). Reserved concurrency c with Poisson
 * arrivals, no INIT, no retries (`maxAttempts: 1`) and any handler time makes a loss system: the throttle rate is Erlang B(c, a)
 * with a = λ E[S] (insensitivity). With a throttleRate SLO, the breaking point is the load where
 * Erlang B crosses it; the search must bracket it, and a recommended reserved concurrency must be
 * the smallest c whose Erlang B meets the SLO — and meet it when simulated afresh.
 */
import { describe, expect, it } from 'vitest';
import { scaleTraffic, withFunction } from '../../src/experiments/edits.ts';
import { replicationSeed } from '../../src/experiments/plan/evaluate.ts';
import { plan } from '../../src/experiments/plan/index.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { meanAndError } from '../../src/experiments/statistics.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { erlangB, erlangC } from '../helpers/queueing.ts';
import { scenarioFrom, yaml } from './helpers.ts';

const lossSystem = (reserved: number, rate: number, compute: string, slo: string) =>
  scenarioFrom(yaml`
    lamsim: 1
    name: loss
    duration: 2m
    account: { concurrentExecutions: 1000, scaling: unlimited }
    platform: { idleTimeout: 1h }
    traffic: { target: f, retry: { maxAttempts: 1 }, phases: [{ duration: 2m, arrivalRate: ${rate} }] }
    functions:
      f:
        runtime: nodejs22.x
        memorySize: 1769
        timeout: 60
        reservedConcurrency: ${reserved}
        model: { init: 0ms, compute: ${compute}, io: 0ms }
    slo: { throttleRate: ${slo} }
  `);

/** The offered load (Erlangs) at which Erlang B(c, a) equals `b`. */
function erlangBInverse(c: number, b: number): number {
  let lo = 0;
  let hi = 10 * c;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (erlangB(c, mid) <= b) lo = mid;
    else hi = mid;
  }
  return lo;
}

async function planned(s: Scenario, targetScale?: number) {
  const r = await plan(s, { targetScale });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('plan finds the breaking point theory gives', () => {
  it.each([
    ['exponential', '{ dist: exponential, mean: 100ms }', 10, 20, 0.01],
    ['lognormal (insensitivity)', '{ dist: lognormal, mean: 100ms, stddev: 150ms }', 20, 60, 0.05],
  ])('a loss system under reserved concurrency (%s handler)', async (_label, compute, c, rate, slo) => {
    const s = lossSystem(c, rate, compute, `${slo * 100}%`);
    const p = await planned(s);
    // Breaking scale: λ* = a* / E[S], E[S] = 0.1 s.
    const breaking = erlangBInverse(c, slo) / 0.1 / rate;
    const { lo, hi } = p.search;
    expect(lo && hi).toBeTruthy();
    // The stated result: holds at lo, fails at hi, each with at least 95% confidence...
    expect(lo!.confidence).toBeGreaterThanOrEqual(0.95);
    expect(hi!.confidence).toBeGreaterThanOrEqual(0.95);
    // ...so the breaking point lies between them, and the bracket is narrow.
    expect(lo!.scale).toBeLessThanOrEqual(breaking);
    expect(hi!.scale).toBeGreaterThanOrEqual(breaking);
    expect(hi!.scale / lo!.scale).toBeLessThan(1.15);
    expect(p.bottleneck?.bottleneck).toBe('reservedConcurrency');
    expect(p.search.lo!.peakRate).toBeCloseTo(lo!.scale * rate, 9);
  });
});

/**
 * A waiting pool: RDS Proxy with a pool of c = 5 database connections, exponential 100 ms queries
 * (μ = 10/s), no timeouts, nothing else in the request's path: latency = borrow wait + query, the
 * sojourn time of an M/M/c queue, with tail P(T > t) = e^{-μt} + C μ (e^{-θt} - e^{-μt}) / (μ - θ),
 * C = Erlang C(c, λ/μ), θ = cμ - λ (Kleinrock vol. 1, §3.5). A p99 SLO breaks where that tail at
 * the SLO's latency reaches 1%. The window is 30 minutes: the queue starts empty, and over 5
 * minutes the sample p99 still reads about 2% low.
 */
const waitingPool = (rate: number, p99: string) =>
  scenarioFrom(yaml`
    lamsim: 1
    name: pool
    duration: 30m
    account: { concurrentExecutions: 1000, scaling: unlimited }
    platform: { idleTimeout: 1h, maxLifetime: off }
    traffic: { target: f, retry: { maxAttempts: 1 }, phases: [{ duration: 30m, arrivalRate: ${rate} }] }
    functions:
      f:
        runtime: nodejs22.x
        memorySize: 1769
        timeout: 900
        vpc: { subnetIds: [a], securityGroupIds: [sg] }
        model: { init: 0ms, compute: 0ms, calls: [{ resource: proxy }] }
    resources:
      db:
        type: aurora-postgresql
        instanceClass: db.r6g.2xlarge
        maxConnections: 10
        query: { dist: exponential, mean: 100ms }
        connect: 0ms
      proxy:
        type: rds-proxy
        target: db
        maxConnectionsPercent: 50
        maxIdleConnectionsPercent: 50
        connectionBorrowTimeout: 300s # the RDS API's maximum; waits here are seconds
        overhead: 0ms
    slo: { p99: ${p99} }
  `);

/** P(T > t) of the M/M/c sojourn time. */
function mmcSojournTail(c: number, lambda: number, mu: number, t: number): number {
  const theta = c * mu - lambda;
  const C = erlangC(c, lambda / mu);
  if (Math.abs(mu - theta) < 1e-12) return Math.exp(-mu * t) * (1 + C * mu * t);
  return Math.exp(-mu * t) + (C * mu * (Math.exp(-theta * t) - Math.exp(-mu * t))) / (mu - theta);
}

describe('plan finds the breaking point of a waiting pool', () => {
  it('an RDS Proxy pool (M/M/5) under a p99 latency SLO', async () => {
    const c = 5;
    const mu = 10; // per second
    const t = 0.6; // the SLO: p99 <= 600 ms
    let lo = 0;
    let hi = c * mu * 0.999999;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (mmcSojournTail(c, mid, mu, t) <= 0.01) lo = mid;
      else hi = mid;
    }
    // λ* = 39.75/s against the scenario's 15/s: 2.65, away from the search's doubling steps.
    const breaking = lo / 15;
    const p = await planned(waitingPool(15, '600ms'));
    const { lo: held, hi: failed } = p.search;
    expect(held && failed).toBeTruthy();
    expect(held!.confidence).toBeGreaterThanOrEqual(0.95);
    expect(failed!.confidence).toBeGreaterThanOrEqual(0.95);
    expect(held!.scale).toBeLessThanOrEqual(breaking);
    expect(failed!.scale).toBeGreaterThanOrEqual(breaking);
    expect(failed!.scale / held!.scale).toBeLessThan(1.2);
    expect(p.bottleneck?.bottleneck).toBe('proxyPool');
  });
});

describe('plan finds the throughput an SQS in-flight quota allows (Little)', () => {
  it("a queue's consumers hold at most the quota in flight: at 10 s a batch, 1,000 messages carry 100 a second", async () => {
    // Little's law: in flight = throughput x time in flight, so a quota of 1,000 and 10 s a batch
    // carry at most 100 messages a second, whatever the consumers' concurrency. Above that the
    // backlog grows by (rate - 100) a second, and after 5 min the oldest message has waited about
    // 3 s for every message a second above 100: a 30 s queue-age SLO breaks between 100 and 110 a
    // second (below 100 only the pollers' first seconds of scaling make anyone wait).
    const s = scenarioFrom(yaml`
      lamsim: 1
      name: inflight
      duration: 5m
      account: { concurrentExecutions: 10000 }
      traffic: { target: jobs, phases: [{ duration: 5m, arrivalRate: 200 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1024
          timeout: 60
          model: { init: 0ms, compute: 10ms, io: 10s }
          events: [{ sqs: { queue: jobs } }]
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 6m, maxInFlightMessages: 1000 }
      slo: { queueAge: 30s }
    `);
    const p = await planned(s);
    const { lo: held, hi: failed } = p.search;
    expect(held && failed).toBeTruthy();
    expect(held!.peakRate).toBeGreaterThanOrEqual(95);
    expect(failed!.peakRate).toBeLessThanOrEqual(112);
    expect(failed!.peakRate / held!.peakRate).toBeLessThan(1.2);
    expect(p.bottleneck?.bottleneck).toBe('queueInFlightQuota');
  });
});

describe('plan recommendations', () => {
  it('recommend the reserved concurrency Erlang B asks for, which meets the SLO when simulated afresh', async () => {
    const s = lossSystem(10, 20, '{ dist: exponential, mean: 100ms }', '1%');
    const p = await planned(s, 4); // 80 req/s of 100 ms: 8 Erlangs
    expect(p.target.before.meets).toBe(false);
    expect(p.recommendations).toHaveLength(1);
    const r = p.recommendations[0];
    expect(r.setting).toBe('functions.f.reservedConcurrency');
    expect(r.from).toBe(10);
    const c = Number(r.to);
    let smallest = 1;
    while (erlangB(smallest, 8) > 0.01) smallest++;
    expect(smallest).toBe(15);
    expect(Math.abs(c - smallest)).toBeLessThanOrEqual(1);
    expect(erlangB(c, 8)).toBeLessThanOrEqual(0.012);
    expect(r.monthlyCostUsd.after).toBeGreaterThan(r.monthlyCostUsd.before); // more requests served and billed

    // Applied to the scenario at the target load, with replications the plan never ran.
    const fixed = scaleTraffic(
      withFunction(s, 'f', (f) => ({ ...f, reservedConcurrency: c })),
      4,
    );
    const rates = Array.from(
      { length: 10 },
      (_, i) => runScenario({ ...fixed, seed: replicationSeed(99, i + 1) }).summary.functions.f.throttleRate,
    );
    const m = meanAndError(rates);
    expect(m.mean - 2 * m.se).toBeLessThanOrEqual(0.01);
    expect(m.mean).toBeLessThan(0.0125);
  });

  it('need nothing when the target load already meets the SLOs', async () => {
    const p = await planned(lossSystem(10, 20, '{ dist: exponential, mean: 100ms }', '1%'), 1.5);
    expect(p.target.before.meets).toBe(true);
    expect(p.recommendations).toEqual([]);
    expect(p.alternatives).toEqual([]);
  });
});
