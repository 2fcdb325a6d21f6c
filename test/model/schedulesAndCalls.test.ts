/**
 * EventBridge schedules (EventBridge user guide "Schedule expressions for rules": rate(value unit),
 * cron with six fields, UTC) and functions calling functions (Lambda Invoke API: RequestResponse
 * waits for the answer, Event queues it; the AWS SDK retries throttles, @smithy/util-retry
 * standard mode: 3 attempts, full-jitter backoff from 500 ms for throttling errors).
 */
import { describe, expect, it } from 'vitest';
import { civilDate } from '../../src/engine/calendar.ts';
import { nextFiring } from '../../src/model/invocation/scheduleSource.ts';
import { sdkRetryDelayMs } from '../../src/model/invocation/syncCaller.ts';
import { parseScheduleExpression } from '../../src/scenario/normalize/schedule.ts';
import type { ScheduleSpec } from '../../src/scenario/types.ts';
import { fn, run, yaml } from '../helpers/run.ts';

const spec = (expression: string): ScheduleSpec => {
  const parsed = parseScheduleExpression(expression);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

const H = 3_600_000;
const D = 24 * H;

describe('schedules', () => {
  it('civil dates without Date: the window starts on Monday 2024-01-01', () => {
    expect(civilDate(19723)).toEqual({ year: 2024, month: 1, day: 1, weekday: 1 });
    expect(civilDate(19723 + 59)).toEqual({ year: 2024, month: 2, day: 29, weekday: 4 });
    expect(civilDate(0)).toEqual({ year: 1970, month: 1, day: 1, weekday: 4 });
  });

  it('next firing times of rate and cron expressions', () => {
    expect(nextFiring(spec('rate(5 minutes)'), 0)).toBe(0);
    expect(nextFiring(spec('rate(5 minutes)'), 1)).toBe(300_000);
    // 09:00 UTC on weekdays: Monday 09:00, then Tuesday 09:00.
    const weekdays = spec('cron(0 9 ? * MON-FRI *)');
    expect(nextFiring(weekdays, 0)).toBe(9 * H);
    expect(nextFiring(weekdays, 9 * H + 1)).toBe(D + 9 * H);
    // Friday 09:00 is followed by Monday 09:00.
    expect(nextFiring(weekdays, 4 * D + 9 * H + 1)).toBe(7 * D + 9 * H);
    // The 1st of each month at midnight: 2024-02-01 is day 31 of the window.
    expect(nextFiring(spec('cron(0 0 1 * ? *)'), 1)).toBe(31 * D);
    expect(nextFiring(spec('cron(0 0 1 1 ? 2023)'), 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('invoke the function asynchronously at each firing in the window', () => {
    const out = run(yaml`
      lamsim: 1
      duration: 7d
      functions:
        report:
          runtime: python3.12
          model: { init: 0ms, compute: 10ms }
          events:
            - schedule: cron(0 9 ? * MON-FRI *)
            - schedule: rate(6 hours)
    `);
    const f = fn(out);
    // 5 weekday mornings + 4 per day for 7 days.
    expect(f.invocations.arrived).toBe(5 + 28);
    expect(f.async?.events).toBe(33);
    expect(out.run.eventSources.schedules.map((s) => s.fired)).toEqual([5, 28]);
  });
});

describe('functions calling functions', () => {
  const chain = (calleeKeys: string, call: string) => yaml`
    lamsim: 1
    duration: 2m
    traffic: { target: front, mode: uniform, retry: { maxAttempts: 1 }, phases: [{ duration: 1m, arrivalRate: 10 }] }
    functions:
      front:
        runtime: nodejs22.x
        memorySize: 1769
        timeout: 30
        model: { init: 0ms, compute: 20ms, calls: [${call}] }
      back:
        runtime: nodejs22.x
        memorySize: 1769
        ${calleeKeys}
        model: { init: 0ms, compute: 30ms }
  `;

  it('a synchronous call waits for the callee', () => {
    const out = run(chain('', '{ function: back }'));
    const front = fn(out, 'front');
    const back = fn(out, 'back');
    expect(back.invocations.arrived).toBe(600);
    expect(back.invocations.succeeded).toBe(600);
    expect(front.invocations.succeeded).toBe(600);
    // 20 ms + the callee's 30 ms.
    expect(front.latencyMs.p50).toBeCloseTo(50, 0);
    expect(front.durationMs.p50).toBeCloseTo(50, 0);
  });

  it('an asynchronous call returns after the API call and queues the event', () => {
    const out = run(chain('', '{ function: back, invocation: async, count: 3 }'));
    expect(fn(out, 'back').async?.events).toBe(1800);
    // 20 ms + 3 Invoke (Event) calls of 20 ms.
    expect(fn(out, 'front').durationMs.p50).toBeCloseTo(80, 0);
  });

  it('a throttled callee is retried by the SDK, then fails the caller', () => {
    const out = run(chain('reservedConcurrency: 0', '{ function: back }'));
    const back = fn(out, 'back');
    const front = fn(out, 'front');
    expect(back.throttledAttempts).toBe(3 * 600);
    expect(back.invocations.throttled).toBe(600);
    expect(front.invocations.failed).toBe(600);
  });

  it('SDK delays: full jitter up to 2^k x 500 ms, at most 20 s', () => {
    expect(sdkRetryDelayMs(0, 0.999)).toBe(499);
    expect(sdkRetryDelayMs(2, 0.5)).toBe(1000);
    expect(sdkRetryDelayMs(10, 0.999)).toBe(19_980);
  });
});

describe('SDK retries of throttled synchronous requests', () => {
  const burst = (retry: string) => yaml`
    lamsim: 1
    duration: 1m
    traffic: { target: f, ${retry} phases: [{ duration: 1m, arrivalRate: 100 }] }
    functions:
      f: { runtime: nodejs22.x, memorySize: 1769, reservedConcurrency: 10, model: { init: 0ms, compute: 90ms } }
  `;

  it('turn some throttles into later successes, at a latency cost', () => {
    const none = fn(run(burst('retry: { maxAttempts: 1 },')));
    const sdk = fn(run(burst('')));
    // Offered load 9 on 10 environments: a loss system throttles some; retries recover most.
    expect(sdk.invocations.throttled).toBeLessThan(none.invocations.throttled / 3);
    expect(sdk.invocations.succeeded).toBeGreaterThan(none.invocations.succeeded);
    expect(sdk.latencyMs.max).toBeGreaterThan(none.latencyMs.max);
    expect(sdk.invocations.arrived + sdk.invocations.retried).toBe(
      sdk.invocations.started + sdk.throttledAttempts,
    );
  });
});
