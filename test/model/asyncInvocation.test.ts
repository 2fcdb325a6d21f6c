/**
 * Asynchronous invocation (Lambda developer guide "Asynchronous invocation", old docs
 * invocation-async.md, API_PutFunctionEventInvokeConfig; https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html):
 * - function errors are retried maximumRetryAttempts times (0..2), 1 minute before the second
 *   attempt and 2 minutes before the third;
 * - throttles go back to the queue, retried with exponential backoff from 1 s to 5 minutes, for up
 *   to maximumEventAge;
 * - events that fail or expire go to the on-failure destination / dead-letter queue (`dropped`);
 *   with reserved concurrency 0 events go there at once;
 * - every attempt is a billed request, plus one per 64 KB beyond 256 KB (pricing page).
 * Deterministic traffic (mode uniform, INIT 0) makes the times exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

const events = (count: number, functionKeys: string, seconds = 60, extra = '') => yaml`
  lamsim: 1
  duration: 10m
  traffic: { target: f, via: async, mode: uniform, phases: [{ duration: ${seconds}s, arrivalCount: ${count} }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 900
      ${functionKeys}
  resources:
    failed: { type: sqs-queue }
  ${extra}
`;

describe('asynchronous invocation', () => {
  it('retries function errors twice, 1 then 2 minutes apart, then sends the event on', () => {
    const out = run(
      events(
        6,
        // preInit 0ms: no wait before INIT either, so the ages are exact.
        'model: { init: 0ms, preInit: 0ms, compute: 100ms, errorRate: 1 }\n      destinations: { onFailure: failed }',
      ),
    );
    const f = fn(out);
    expect(f.invocations).toMatchObject({ arrived: 6, started: 18, failed: 18, retried: 12, dropped: 6 });
    expect(f.async?.dropped.retriesExhausted).toBe(6);
    expect(f.async?.sentTo.onFailure).toBe(6);
    // Ages at the three attempts: 0, 100 ms + 60 s, 100 ms + 60 s + 100 ms + 120 s.
    expect(f.async?.eventAgeMs.max).toBe(180_200);
    const queue = out.summary.resources.failed as { sent: number };
    expect(queue.sent).toBe(6);
  });

  it('maximumRetryAttempts 0 tries once', () => {
    const f = fn(
      run(events(6, 'maximumRetryAttempts: 0\n      model: { init: 0ms, compute: 100ms, errorRate: 1 }')),
    );
    expect(f.invocations).toMatchObject({ arrived: 6, started: 6, retried: 0, dropped: 6 });
  });

  it('retries throttles after 1, 2, 4, ... seconds until concurrency frees up', () => {
    // Reserved concurrency 1: the event at 1 s waits for the one at 0 s (100 s long). It is tried at
    // 1, 2, 4, 8, 16, 32 and 64 s, and starts at 1 + 127 s, after the first event finished at 100 s.
    const f = fn(run(events(2, 'reservedConcurrency: 1\n      model: { init: 0ms, compute: 100s }', 2)));
    // Lambda retries throttled events itself: 7 refused attempts, no event refused in the end.
    expect(f.invocations).toMatchObject({ arrived: 2, started: 2, succeeded: 2, throttled: 0, retried: 7 });
    expect(f.throttledAttempts).toBe(7);
    expect(f.async?.retries.afterThrottle).toBe(7);
    expect(f.async?.eventAgeMs.max).toBe(127_000);
  });

  it('discards events older than maximumEventAge, to the dead-letter queue', () => {
    // Tries at 1, 2, 4, 8, 16, 32 s after arrival; the next would be at 64 s, past the 60 s age.
    const f = fn(
      run(
        events(
          2,
          'reservedConcurrency: 1\n      maximumEventAge: 60s\n      deadLetterQueue: failed\n      model: { init: 0ms, compute: 100s }',
          2,
        ),
      ),
    );
    expect(f.invocations).toMatchObject({ arrived: 2, started: 1, succeeded: 1, throttled: 0, dropped: 1 });
    expect(f.throttledAttempts).toBe(6);
    expect(f.async?.dropped.expired).toBe(1);
    expect(f.async?.sentTo.deadLetterQueue).toBe(1);
  });

  it('reserved concurrency 0 sends every event on without trying it', () => {
    const f = fn(run(events(10, 'reservedConcurrency: 0\n      deadLetterQueue: failed')));
    expect(f.invocations).toMatchObject({ arrived: 10, started: 0, throttled: 0, dropped: 10 });
    expect(f.async?.dropped.noConcurrency).toBe(10);
  });

  it('bills one request per attempt plus one per 64 KB beyond 256 KB', () => {
    const text = events(5, 'model: { init: 0ms, compute: 10ms, errorRate: 1 }').replace(
      'via: async,',
      'via: async, payload: 300KB,',
    );
    const out = run(text);
    expect(fn(out).invocations.started).toBe(15);
    // 300 KB = 256 KB + 44 KB: 2 requests per attempt.
    expect(out.run.usage.lambda[0].requests).toBe(30);
  });

  it('an on-success destination receives every processed event', () => {
    const out = run(
      events(20, 'model: { init: 0ms, compute: 10ms }\n      destinations: { onSuccess: failed }'),
    );
    expect(fn(out).async?.sentTo.onSuccess).toBe(20);
    expect((out.summary.resources.failed as { sent: number }).sent).toBe(20);
  });

  it('accounts for every event: processed, discarded, or still queued at the end', () => {
    const scenario = fc.record({
      rate: fc.integer({ min: 1, max: 200 }),
      reserved: fc.integer({ min: 0, max: 30 }),
      computeMs: fc.integer({ min: 10, max: 2000 }),
      errorRate: fc.double({ min: 0, max: 0.6, noNaN: true }),
      retries: fc.integer({ min: 0, max: 2 }),
      ageS: fc.integer({ min: 60, max: 300 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const out = run(yaml`
          lamsim: 1
          seed: ${s.seed}
          duration: 3m
          traffic: { target: f, via: sns, phases: [{ duration: 2m, arrivalRate: ${s.rate} }] }
          functions:
            f:
              runtime: nodejs22.x
              memorySize: 1769
              reservedConcurrency: ${s.reserved}
              maximumRetryAttempts: ${s.retries}
              maximumEventAge: ${s.ageS}s
              model: { compute: { dist: exponential, mean: ${s.computeMs}ms }, errorRate: ${s.errorRate} }
        `);
        const f = fn(out);
        const a = f.async!;
        const inv = f.invocations;
        const dropped =
          a.dropped.expired + a.dropped.retriesExhausted + a.dropped.recursion + a.dropped.noConcurrency;
        expect(inv.arrived).toBe(a.events);
        expect(a.events).toBe(a.succeeded + dropped + a.waitingAtEnd);
        expect(inv.dropped).toBe(dropped);
        expect(inv.started).toBe(inv.succeeded + inv.failed + inv.timedOut);
        expect(inv.retried).toBe(a.retries.afterError + a.retries.afterThrottle);
        expect(f.concurrency.peak).toBeLessThanOrEqual(s.reserved);
        // At most 1 + maximumRetryAttempts attempts end in an error per event.
        expect(inv.failed + inv.timedOut).toBeLessThanOrEqual(a.events * (1 + s.retries));
      }),
      { numRuns: 25 },
    );
  });
});

describe('recursive loops (Lambda docs "Use Lambda recursive loop detection to prevent infinite loops")', () => {
  const loop = (setting: string) => yaml`
    lamsim: 1
    duration: 5m
    traffic: { target: uploads, mode: uniform, phases: [{ duration: 10s, arrivalCount: 3 }] }
    functions:
      resize:
        runtime: nodejs22.x
        memorySize: 1769
        ${setting}
        model: { init: 0ms, compute: 50ms, calls: [{ resource: uploads }] }
        events: [{ s3: uploads }]
    resources:
      uploads: { type: s3-bucket }
  `;

  it('stops a function that writes to the bucket that triggers it after 16 invocations', () => {
    // Each chain: the upload triggers resize (depth 0), whose write triggers it again, ... the
    // write of the 16th invocation is stopped ("after approximately 16 invocations").
    const f = fn(run(loop('')));
    expect(f.invocations.started).toBe(3 * 16);
    expect(f.async?.dropped.recursion).toBe(3);
  });

  it('runs on, invocation after invocation, when detection is off (recursiveLoop: allow)', () => {
    const allowed = run(loop('recursiveLoop: allow'));
    const f = fn(allowed);
    expect(f.async?.dropped.recursion).toBe(0);
    // Each hop takes 50 ms of handler, 30 ms for the write and 250 ms for the notification: the
    // 3 chains run for the whole window, 3 x 300 s / 0.33 s = about 2,700 invocations.
    expect(f.invocations.started).toBeGreaterThan(2500);
    const stopped = run(loop(''));
    expect(allowed.cost.window.totalUsd).toBeGreaterThan(50 * stopped.cost.window.totalUsd);
  });
});

describe('async queue depth', () => {
  it('an event that starts at once never counts as waiting', () => {
    const f = fn(
      run(yaml`
        lamsim: 1
        duration: 10m
        traffic: { target: f, via: async, phases: [{ duration: 10m, arrivalRate: 2 }] }
        functions: { f: { runtime: nodejs22.x, memorySize: 1769, model: { init: 0ms, compute: 20ms } } }
      `),
    );
    expect(f.async?.events).toBe(f.invocations.arrived);
    expect(f.async?.queueDepth.peak).toBe(0);
    expect(f.async?.retries.afterThrottle).toBe(0);
  });
});

describe('traffic into a topic or bucket is billed once (S3 and SNS pricing: a PUT per object, a request per publish)', () => {
  const scenario = (via: string) => yaml`
    lamsim: 1
    duration: 1m
    traffic:
      - { target: topic, ${via}mode: uniform, phases: [{ duration: 60, arrivalRate: 5 }] }
      - { target: bucket, ${via.replace('sns', 's3')}mode: uniform, phases: [{ duration: 60, arrivalRate: 5 }] }
    functions:
      c: { runtime: nodejs22.x, events: [{ s3: bucket }], model: { init: 0ms, compute: 1ms } }
      d: { runtime: nodejs22.x, events: [{ sns: topic }], model: { init: 0ms, compute: 1ms } }
    resources:
      bucket: { type: s3-bucket }
      topic: { type: sns-topic }
  `;
  const line = (out: ReturnType<typeof run>, item: string) =>
    out.cost.window.lines.filter((l) => l.item === item).reduce((n, l) => n + l.quantity, 0);

  it('counts 300 PUTs, 300 publishes and 300 deliveries for 300 writes each, with or without via', () => {
    for (const via of ['', 'via: sns, ']) {
      const out = run(scenario(via));
      expect(line(out, 'PUT requests')).toBe(300);
      expect(line(out, 'publishes')).toBe(300);
      expect(line(out, 'deliveries to Lambda and SQS (no charge)')).toBe(300);
    }
  });
});
