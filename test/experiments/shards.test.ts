/**
 * Time shards (issue 15, item 2): a run cut into N slices, each simulated with its own random
 * streams and a warm-up, then merged, against the whole run.
 *
 * - Exact: with uniform arrivals, the merged arrivals are the whole run's, arrival for arrival,
 *   wherever the borders fall; when no request is in flight at a border (traffic pauses for longer
 *   than the timeout before each border) and no request's fate rests on a draw (nothing throttled,
 *   no errorRate: each shard draws its own handler times), every count that adds over arrivals is
 *   exact too.
 * - Otherwise within the statistics: with Poisson arrivals, a burst against reserved concurrency
 *   (throttles, cold starts and warm environments across every border), the mean of every
 *   summary figure over R sharded replications is within 4 standard errors of the mean over R
 *   whole-window replications (seeds 1..R each); a figure with no spread in either must be equal.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { warmupMsOf } from '../../src/experiments/shardPlan.ts';
import type { Summary } from '../../src/results/summary.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';
import { R, sharded, shardedAgainstWhole } from '../helpers/shards.ts';

/** Four active blocks with pauses of at least 4 minutes before 15, 20, 30, 40 and 45 minutes. */
const PAUSED = scenarioFrom(yaml`
  lamsim: 1
  name: paused
  seed: 3
  duration: 60m
  traffic:
    name: web
    target: api
    via: api-gateway-http
    mode: uniform
    phases:
      - { duration: 1m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 40 }
      - { duration: 16m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 20, rampTo: 80 }
      - { duration: 6m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 60 }
      - { duration: 11m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 50 }
      - { duration: 10m, arrivalRate: 0 }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 5
      model:
        compute: { p50: 20ms, p99: 60ms }
        io: { p50: 30ms, p99: 90ms }
`);

const ADDITIVE = [
  'arrived',
  'started',
  'succeeded',
  'failed',
  'timedOut',
  'throttled',
  'retried',
  'dropped',
  'refused',
  'inFlightAtEnd',
] as const;

describe('time shards, exact when no state crosses a border', () => {
  const whole = runScenario(PAUSED).summary;
  const fn = whole.functions.api;

  it('has traffic to count: about 50,000 requests, none throttled', () => {
    expect(fn.invocations.arrived).toBeGreaterThan(45_000);
    expect(fn.invocations.throttled).toBe(0);
  });

  for (const count of [2, 3, 4]) {
    it(`${count} shards: every count that adds over arrivals, the requests billed and latencies counted`, () => {
      const merged = sharded(PAUSED, count);
      const m = merged.functions.api;
      for (const k of ADDITIVE) expect(m.invocations[k], k).toBe(fn.invocations[k]);
      expect(m.throttledAttempts).toBe(fn.throttledAttempts);
      const requests = (x: Summary) =>
        x.cost.window.lines
          .filter((l) => l.service === 'lambda' && l.unit === 'requests')
          .map((l) => l.quantity);
      expect(requests(merged)).toEqual(requests(whole));
      expect(requests(whole)).toEqual([fn.invocations.started]);
    });
  }

  it('5 shards, two borders inside active blocks: the arrivals are still the whole run’s', () => {
    const m = sharded(PAUSED, 5).functions.api;
    expect(m.invocations.arrived).toBe(fn.invocations.arrived);
  });
});

/** Poisson traffic with a burst against reserved concurrency: state crosses every border. */
const BURSTY = scenarioFrom(yaml`
  lamsim: 1
  name: bursty
  seed: 1
  duration: 12m
  traffic:
    name: web
    target: api
    via: api-gateway-http
    phases:
      - { duration: 4m, arrivalRate: 40 }
      - { duration: 4m, arrivalRate: 40, rampTo: 400 }
      - { duration: 4m, arrivalRate: 100 }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 5
      reservedConcurrency: 30
      model:
        compute: { p50: 20ms, p99: 60ms }
        io: { p50: 30ms, p99: 90ms }
`);

/**
 * The same traffic as asynchronous events: throttled attempts go back to Lambda's queue with a
 * backoff of up to 5 minutes and failed ones are retried after 1 and 2 minutes, so events wait
 * across every border (a 10-minute warm-up covers their 10-minute maximum age).
 */
const ASYNC_BURSTY = scenarioFrom(yaml`
  lamsim: 1
  name: async-bursty
  seed: 1
  duration: 12m
  traffic:
    name: events
    target: worker
    via: async
    phases:
      - { duration: 4m, arrivalRate: 40 }
      - { duration: 4m, arrivalRate: 40, rampTo: 400 }
      - { duration: 4m, arrivalRate: 100 }
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 5
      reservedConcurrency: 30
      maximumEventAge: 10m
      model:
        compute: { p50: 20ms, p99: 60ms }
        io: { p50: 30ms, p99: 90ms }
        errorRate: 2%
`);

/**
 * Provisioned concurrency that changes: a scheduled minimum for the busy hour and target tracking
 * that scales out on the ramp and back in after it, so the level crosses the borders.
 */
const PROVISIONED_CHANGES = scenarioFrom(yaml`
  lamsim: 1
  name: pc-changes
  seed: 1
  duration: 90m
  platform: { maxLifetime: off }
  traffic:
    name: web
    target: api
    via: api-gateway-http
    phases:
      - { duration: 30m, arrivalRate: 20 }
      - { duration: 30m, arrivalRate: 20, rampTo: 200 }
      - { duration: 30m, arrivalRate: 30 }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 10
      provisionedConcurrency:
        concurrency: 5
        schedule:
          - { start: 40m, end: 70m, concurrency: 15 }
        autoScaling: { minimum: 5, maximum: 60, targetUtilization: 70% }
      model:
        compute: { p50: 40ms, p99: 120ms }
        io: { p50: 60ms, p99: 200ms }
`);

describe('time shards, within the statistics when state crosses the borders', () => {
  it(`3 shards with a 3-minute warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(BURSTY, 180_000);
    expect(whole.get('functions.api.invocations.throttled')).toBeGreaterThan(1000);
    expect(off).toEqual([]);
    expect(whole.size).toBeGreaterThan(50);
  });

  it(`provisioned concurrency that changes, 3 shards with the 18-minute auto-scaling warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    // Auto scaling's look-back: longer than the 6-minute idle timeout, with no maximum lifetime and
    // no asynchronous events (whose 6-hour maximum age would count otherwise).
    expect(warmupMsOf(PROVISIONED_CHANGES)).toBe(18 * 60_000);
    const { off, whole } = shardedAgainstWhole(PROVISIONED_CHANGES);
    // The level moves: scaled out on the ramp, in after it, the scheduled 15 in between.
    expect(whole.get('functions.api.provisioned.scaleOuts')).toBeGreaterThan(0);
    expect(whole.get('functions.api.provisioned.scaleIns')).toBeGreaterThan(0);
    expect(off).toEqual([]);
  });

  it(`asynchronous events, 3 shards with a 10-minute warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(ASYNC_BURSTY, 600_000);
    // The queue is exercised: throttled attempts retried, failed events retried, events waiting.
    expect(whole.get('functions.worker.async.retries.afterThrottle')).toBeGreaterThan(1000);
    expect(whole.get('functions.worker.async.retries.afterError')).toBeGreaterThan(100);
    expect(whole.get('functions.worker.async.queueDepth.peak')).toBeGreaterThan(100);
    expect(off).toEqual([]);
    // The queue's own figures were among those compared.
    for (const key of ['events', 'succeeded', 'dropped.expired', 'queueDepth.mean', 'waitingAtEnd'])
      expect(whole.has(`functions.worker.async.${key}`), key).toBe(true);
  });
});
