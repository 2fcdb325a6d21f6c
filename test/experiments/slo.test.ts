import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import {
  checkObjectives,
  measure,
  mergeObjectives,
  objectivesJson,
  parseSloArgument,
} from '../../src/experiments/slo.ts';
import { totalDrops } from '../../src/results/index.ts';
import { oneFunction, scenarioFrom, yaml } from './helpers.ts';

describe('SLO arguments', () => {
  it('read metrics in their units', () => {
    expect(parseSloArgument('p99=500ms')).toEqual({ ok: true, value: { metric: 'p99', max: 500 } });
    expect(parseSloArgument('p95=1.5s')).toEqual({ ok: true, value: { metric: 'p95', max: 1500 } });
    expect(parseSloArgument('throttleRate=1%')).toEqual({
      ok: true,
      value: { metric: 'throttleRate', max: 0.01 },
    });
    expect(parseSloArgument('errorRate=0.001')).toEqual({
      ok: true,
      value: { metric: 'errorRate', max: 0.001 },
    });
    expect(parseSloArgument('dbConnectionErrors=0')).toEqual({
      ok: true,
      value: { metric: 'dbConnectionErrors', max: 0 },
    });
    expect(parseSloArgument('queueAge=30s')).toEqual({ ok: true, value: { metric: 'queueAge', max: 30000 } });
  });

  it('say what is wrong', () => {
    const e = (t: string) => {
      const r = parseSloArgument(t);
      return r.ok ? '' : r.error;
    };
    expect(e('p99')).toMatch(/expected METRIC=VALUE/);
    expect(e('p98=1s')).toMatch(/unknown metric 'p98'; expected one of p50, p90/);
    expect(e('p99=500')).toMatch(/missing unit/);
    expect(e('throttleRate=150%')).toMatch(/above 100%/);
    expect(e('dbConnectionErrors=1.5')).toMatch(/a count/);
  });

  it('merge, later objectives replacing earlier ones of the same metric', () => {
    const merged = mergeObjectives(
      [
        { metric: 'p99', max: 500 },
        { metric: 'throttleRate', max: 0.01 },
      ],
      [
        { metric: 'p99', max: 300 },
        { metric: 'errorRate', max: 0.001 },
      ],
    );
    expect(objectivesJson(merged)).toEqual({ p99Ms: 300, throttleRate: 0.01, errorRate: 0.001 });
  });
});

describe('measuring a run', () => {
  const summary = runScenario(
    scenarioFrom(
      oneFunction({ io: '100ms', timeout: 60, extra: 'reservedConcurrency: 1', attempts: 1 }, 20, '1m'),
    ),
  ).summary;

  it('reads latency, rates and counts from the summary', () => {
    const f = summary.functions.f;
    expect(measure('p99', summary, 'f')).toBe(f.latencyMs.p99);
    expect(measure('throttleRate', summary, 'f')).toBe(f.invocations.throttled / f.invocations.arrived);
    expect(f.throttleRate).toBeCloseTo(0.5, 2); // one environment, every 50 ms a request of 100 ms
    expect(measure('errorRate', summary, 'f')).toBe(0);
    expect(measure('dbConnectionErrors', summary, 'f')).toBeNull(); // no database in this scenario
    expect(measure('p99', summary, 'nope')).toBeNull();
  });

  it('counts requests refused in the end, not throttled attempts, when callers retry', () => {
    const retried = runScenario(
      scenarioFrom(oneFunction({ io: '100ms', extra: 'reservedConcurrency: 1', attempts: 3 }, 20, '1m')),
    ).summary;
    const f = retried.functions.f;
    expect(f.throttledAttempts).toBeGreaterThan(f.invocations.throttled);
    expect(measure('throttleRate', retried, 'f')).toBe(f.invocations.throttled / f.invocations.arrived);
    expect(measure('throttleRate', retried, 'f')).toBe(f.throttleRate);
    expect(f.throttledAttempts / f.invocations.arrived).toBeGreaterThan(f.throttleRate);
  });

  it("reads the queue age from SQS queues (the oldest message's age)", () => {
    const withQueue = runScenario(
      scenarioFrom(yaml`
        lamsim: 1
        duration: 1m
        traffic: { target: jobs, phases: [{ duration: 1m, arrivalRate: 50 }] }
        functions:
          worker:
            runtime: nodejs22.x
            timeout: 5
            reservedConcurrency: 2
            model: { init: 0ms, io: 100ms }
            events: [{ sqs: { queue: jobs, batchSize: 1 } }]
        resources:
          jobs: { type: sqs-queue }
      `),
    ).summary;
    const jobs = withQueue.resources.jobs as { maxAgeMs: number };
    // 50 messages/s against at most 2 x 10/s: the backlog grows and the oldest message ages.
    expect(jobs.maxAgeMs).toBeGreaterThan(1000);
    expect(measure('queueAge', withQueue, 'worker')).toBe(jobs.maxAgeMs);
    expect(measure('queueAge', summary, 'f')).toBeNull();
  });

  it('checks objectives; unmeasured metrics never fail', () => {
    const checks = checkObjectives(
      [
        { metric: 'throttleRate', max: 0.01 },
        { metric: 'p99', max: 1000 },
        { metric: 'queueAge', max: 0 },
      ],
      summary,
      ['f'],
    );
    expect(checks.map((c) => c.meets)).toEqual([false, true, true]);
    expect(checks[0].function).toBe('f');
    expect(checks[2].value).toBeNull();
  });
});

describe('errorRate of asynchronous events', () => {
  it('counts events finally dropped, not attempts that failed and were retried', () => {
    // A 30% error rate with Lambda's 2 retries: an event is lost only if all 3 attempts fail
    // (0.3^3 = 2.7%), while about 0.3 x (1 + 0.3 + 0.09) = 0.42 failed attempts happen per event.
    const out = runScenario(
      scenarioFrom(yaml`
        lamsim: 1
        duration: 1h
        traffic: { target: f, via: async, phases: [{ duration: 20m, arrivalRate: 5 }] }
        functions:
          f: { runtime: nodejs22.x, memorySize: 1769, model: { init: 0ms, compute: 20ms, errorRate: 30% } }
      `),
    ).summary;
    const f = out.functions.f;
    const rate = measure('errorRate', out, 'f')!;
    const n = f.invocations.arrived;
    expect(Math.abs(rate - 0.027)).toBeLessThan(4 * Math.sqrt((0.027 * 0.973) / n));
    expect(f.invocations.failed / n).toBeGreaterThan(0.35);
  });
});

describe('errorRate and timeoutRate of asynchronous events refused at Invoke', () => {
  // Account concurrency 4: the request-rate quota for Invoke (Event) from non-AWS callers is
  // 10 x 4 = 40 per second, so about a third of 60 calls per second get a 429 and never become
  // events. The rest are events: with a 30% error rate and 2 retries, 0.3^3 = 2.7% are dropped.
  // A few attempts outlast the 1 s timeout (io's tail), and each such event counts once.
  const out = runScenario(
    scenarioFrom(yaml`
      lamsim: 1
      duration: 1h
      account: { concurrentExecutions: 4, unreservedMinimum: 0 }
      traffic: { target: f, via: async, phases: [{ duration: 10m, arrivalRate: 60 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1769
          timeout: 1
          model: { init: 0ms, compute: 5ms, io: { p50: 5ms, p99: 400ms }, errorRate: 30% }
    `),
  ).summary;
  const f = out.functions.f;
  const a = f.async!;

  it('the refused calls are throttles, in arrived but not in events', () => {
    expect(f.invocations.throttled / f.invocations.arrived).toBeGreaterThan(0.3);
    expect(a.events + f.invocations.throttled).toBe(f.invocations.arrived);
    expect(a.waitingAtEnd).toBe(0);
  });

  it('errorRate is dropped events of accepted events, as without refusals', () => {
    const rate = measure('errorRate', out, 'f')!;
    expect(rate).toBe(totalDrops(a.dropped) / a.events);
    expect(Math.abs(rate - 0.027)).toBeLessThan(4 * Math.sqrt((0.027 * 0.973) / a.events));
  });

  it('timeoutRate is events with a timed-out attempt, of accepted events', () => {
    expect(a.timedOutEvents).toBeGreaterThan(0);
    expect(measure('timeoutRate', out, 'f')).toBe(a.timedOutEvents / a.events);
  });
});
