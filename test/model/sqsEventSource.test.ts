/**
 * SQS event source mappings (Lambda developer guide "Using Lambda with Amazon SQS",
 * "services-sqs-scaling", What's New 2023-11-06 "faster polling scale-up"; SQS developer guide
 * "Visibility timeout", "Dead-letter queues"; https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html):
 * - pollers start at 5 concurrent batches and add 300 per minute up to 1,250 (since Nov 2023) or
 *   60 per minute up to 1,000 (before), never above MaximumConcurrency;
 * - a batch holds up to BatchSize messages, gathered for up to MaximumBatchingWindowInSeconds;
 * - a failed batch returns to the queue when its visibility timeout passes, whole or (with
 *   ReportBatchItemFailures) only the failed messages; after maxReceiveCount receives a message
 *   goes to the dead-letter queue; a throttled batch is retried with backoff while its messages
 *   are hidden, and burns a receive when the visibility timeout runs out first (why AWS advises >= 5).
 * Conservation: every message sent is deleted, in the DLQ, expired, or still queued at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ring } from '../../src/model/messaging/ring.ts';
import type { QueueSummary } from '../../src/results/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';
import { sqsBurst } from './sqsFixtures.ts';

const queueOf = (out: ReturnType<typeof run>, name = 'jobs') => out.summary.resources[name] as QueueSummary;

describe('SQS event source mapping', () => {
  const burst = (scaling: string, extra = '') => sqsBurst(`, pollerScaling: ${scaling}${extra}`);

  it('scales pollers by 300 concurrent batches per minute since Nov 2023', () => {
    const q = queueOf(run(burst('nov-2023')));
    // 5 at the start, +5 each second for 60 s.
    expect(q.consumers.worker.peakConcurrency).toBe(305);
  });

  it('scaled by 60 per minute before (legacy)', () => {
    const q = queueOf(run(burst('legacy')));
    expect(q.consumers.worker.peakConcurrency).toBe(65);
  });

  it('never exceeds maximumConcurrency', () => {
    const q = queueOf(run(burst('nov-2023', ', maximumConcurrency: 40')));
    expect(q.consumers.worker.peakConcurrency).toBe(40);
  });

  it('gathers messages for the batching window', () => {
    // 10 messages per second, a 5 s window and room for 100: batches of about 50.
    const batches = (batchSize: number, window: string) => {
      const q = queueOf(
        run(yaml`
          lamsim: 1
          duration: 10m
          traffic: { target: jobs, mode: uniform, phases: [{ duration: 10m, arrivalRate: 10 }] }
          functions:
            worker:
              runtime: nodejs22.x
              memorySize: 1769
              model: { init: 0ms, compute: 50ms }
              events: [{ sqs: { queue: jobs, batchSize: ${batchSize}, maximumBatchingWindow: ${window} } }]
          resources:
            jobs: { type: sqs-queue }
        `),
      );
      return q.deleted / q.consumers.worker.batches;
    };
    const windowed = batches(100, '5s');
    expect(windowed).toBeGreaterThan(48);
    expect(windowed).toBeLessThan(52);
    expect(batches(10, '0s')).toBeLessThan(1.1);
  });

  it('returns failed batches when their visibility timeout passes, whole or only the failed messages', () => {
    // 10% of messages fail. A batch of 10 fails with probability 1 - 0.9^10 = 65%: without partial
    // responses each message is delivered about 1 / 0.9^10 = 2.9 times; with them 1 / 0.9 = 1.1.
    const deliveries = (responseType: string) => {
      const q = queueOf(
        run(yaml`
          lamsim: 1
          duration: 10m
          traffic: { target: jobs, phases: [{ duration: 5m, arrivalRate: 100 }] }
          functions:
            worker:
              runtime: nodejs22.x
              memorySize: 1769
              model: { init: 0ms, compute: 1s, errorRate: 10% }
              events: [{ sqs: { queue: jobs, batchSize: 10, maximumBatchingWindow: 1s ${responseType} } }]
          resources:
            jobs: { type: sqs-queue, visibilityTimeout: 20s }
        `),
      );
      return q.received / q.deleted;
    };
    const partial = deliveries(', functionResponseType: ReportBatchItemFailures');
    expect(partial).toBeGreaterThan(1.05);
    expect(partial).toBeLessThan(1.2);
    expect(deliveries('')).toBeGreaterThan(2.3);
  });

  describe('the in-flight quota (SQS developer guide, standard and FIFO queue quotas: 120,000 by default)', () => {
    // 500 messages a second, each handled in 2 s, pollers scaling from 5 by 5 a second.
    const busy = (quota: string) =>
      queueOf(
        run(yaml`
          lamsim: 1
          duration: 60s
          account: { concurrentExecutions: 5000 }
          traffic: { target: jobs, mode: uniform, phases: [{ duration: 60s, arrivalRate: 500 }] }
          functions:
            worker:
              runtime: nodejs22.x
              memorySize: 1769
              timeout: 60
              model: { init: 0ms, compute: 2s }
              events: [{ sqs: { queue: jobs, batchSize: 1 } }]
          resources:
            jobs: { type: sqs-queue, visibilityTimeout: 6m${quota} }
        `),
      );

    it('caps the messages in flight, and with them the throughput (Little: deleted = L x window / W)', () => {
      const free = busy('');
      const capped = busy(', maxInFlightMessages: 100');
      // Without the cap the pollers reach 305 batches in flight; with it, 100 at most.
      expect(free.peakInFlight).toBeGreaterThan(250);
      expect(free.atInFlightQuotaMs).toBe(0);
      expect(capped.peakInFlight).toBe(100);
      expect(capped.consumers.worker.peakConcurrency).toBeLessThanOrEqual(100);
      // Reached when the pollers pass 100 (about 20 s in), held to the end.
      expect(capped.atInFlightQuotaMs).toBeGreaterThan(35_000);
      expect(capped.atInFlightQuotaMs).toBeLessThan(45_000);
      // Little's law over the window: each message received spends 2 s in flight, those received
      // in its last 2 s (at most the 100 in flight at the end) only part of it inside. So the mean
      // in flight x 60 s / 2 s is the messages received, less at most 100. All are deleted (the
      // last ones as the run drains).
      const byLittle = (capped.meanInFlight * 60) / 2;
      expect(capped.received).toBeGreaterThanOrEqual(Math.floor(byLittle));
      expect(capped.received).toBeLessThanOrEqual(Math.ceil(byLittle + 100));
      expect(capped.deleted).toBe(capped.received);
      expect(capped.deleted).toBeLessThan(free.deleted);
    });

    it('failed messages hold it until their visibility timeout: a failing consumer stops receiving', () => {
      const failing = (quota: string) =>
        queueOf(
          run(yaml`
            lamsim: 1
            duration: 5m
            traffic: { target: jobs, mode: uniform, phases: [{ duration: 5m, arrivalRate: 100 }] }
            functions:
              worker:
                runtime: nodejs22.x
                memorySize: 1769
                timeout: 60
                model: { init: 0ms, compute: 5s, errorRate: 1 }
                events: [{ sqs: { queue: jobs, batchSize: 10 } }]
            resources:
              jobs: { type: sqs-queue, visibilityTimeout: 10m${quota} }
          `),
        );
      const capped = failing(', maxInFlightMessages: 197');
      // Every message fails (after 5 s, so full batches of 10 wait for the pollers) and stays in
      // flight for 10 min, longer than the window: the first 197 received (the last batch short
      // of 10) are all the queue hands out; the rest wait, visible.
      expect(capped.received).toBe(197);
      expect(capped.peakInFlight).toBe(197);
      expect(capped.visibleAtEnd).toBe(capped.sent - 197);
      expect(capped.atInFlightQuotaMs).toBeGreaterThan(295_000);
      const free = failing('');
      expect(free.received).toBe(free.sent);
      expect(free.atInFlightQuotaMs).toBe(0);
    });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', () => {
    const out = run(yaml`
      lamsim: 1
      duration: 10m
      traffic: { target: jobs, mode: uniform, phases: [{ duration: 10s, arrivalCount: 100 }] }
      functions:
        worker:
          runtime: nodejs22.x
          memorySize: 1769
          model: { init: 0ms, compute: 100ms, errorRate: 1 }
          events: [{ sqs: { queue: jobs, batchSize: 10 } }]
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 30s, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 3 } }
        dlq: { type: sqs-queue }
    `);
    const q = queueOf(out);
    expect(q.received).toBe(300);
    expect(q.movedToDeadLetterQueue).toBe(100);
    expect(queueOf(out, 'dlq').sent).toBe(100);
    expect(q.deleted).toBe(0);
    // Three receives 30 s apart (plus 100 ms runs), then moved at the fourth receive.
    expect(q.maxAgeMs).toBeGreaterThanOrEqual(90_000);
  });

  it('a queue nobody reads keeps only the last retention period of messages (MessageRetentionPeriod)', () => {
    // 10 messages/s evenly spaced for 10 minutes into a queue that keeps them 2 minutes: at the
    // end it holds the last 2 minutes' 1,200; the backlog climbs to 1,200 in 2 minutes and stays
    // (time average (600 x 2 + 1,200 x 8) / 10 = 1,080); no message is ever older than 2 minutes.
    const out = run(yaml`
      lamsim: 1
      duration: 10m
      traffic: { target: jobs, mode: uniform, phases: [{ duration: 10m, arrivalRate: 10 }] }
      functions:
        idle: { runtime: nodejs22.x, model: { compute: 1ms } }
      resources:
        jobs: { type: sqs-queue, messageRetentionPeriod: 2m }
    `);
    const q = queueOf(out);
    expect(q.sent).toBe(6000);
    expect(Math.abs(q.visibleAtEnd - 1200)).toBeLessThanOrEqual(1);
    expect(q.expired + q.visibleAtEnd).toBe(q.sent);
    expect(Math.abs(q.backlog.peak - 1200)).toBeLessThanOrEqual(1);
    expect(q.backlog.mean).toBeCloseTo(1080, 0);
    expect(q.maxAgeMs).toBeLessThanOrEqual(120_000);
    expect(q.maxAgeMs).toBeGreaterThan(119_000);
  });

  it('a standard queue moves a message to its dead-letter queue with its original enqueue time', () => {
    // SQS developer guide, "Setting-up dead-letter queue retention": for standard queues "the
    // expiration of a message is always based on its original enqueue timestamp", while the
    // DLQ's ApproximateAgeOfOldestMessage counts from the move. 10 messages/s, each received at
    // once, failed, visible again 30 s later and then moved (maxReceiveCount 1): it reaches the
    // DLQ 30 s after it was sent and leaves it 2 minutes after it was sent, so the DLQ holds the
    // last 90 s of moves (900 messages; 1,200 if the move restarted the clock) and its oldest
    // message is never more than 90 s past its move.
    const out = run(yaml`
      lamsim: 1
      duration: 10m
      traffic: { target: jobs, mode: uniform, phases: [{ duration: 10m, arrivalRate: 10 }] }
      functions:
        worker:
          runtime: nodejs22.x
          memorySize: 1769
          model: { init: 0ms, compute: 100ms, errorRate: 1 }
          events: [{ sqs: { queue: jobs, batchSize: 1 } }]
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 30s, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 1 } }
        dlq: { type: sqs-queue, messageRetentionPeriod: 2m }
    `);
    const dlq = queueOf(out, 'dlq');
    expect(queueOf(out).movedToDeadLetterQueue).toBe(dlq.sent);
    expect(dlq.sent).toBeGreaterThan(5690); // every message sent in the first 9.5 minutes
    expect(dlq.expired + dlq.visibleAtEnd).toBe(dlq.sent);
    expect(Math.abs(dlq.visibleAtEnd - 900)).toBeLessThanOrEqual(2);
    expect(Math.abs(dlq.backlog.peak - 900)).toBeLessThanOrEqual(2);
    expect(dlq.maxAgeMs).toBeLessThanOrEqual(90_000);
    expect(dlq.maxAgeMs).toBeGreaterThan(89_000);
  });

  it('throttled batches also count receives: a healthy function can fill the dead-letter queue', () => {
    // Reserved concurrency 2 below the 5 starting pollers; maxReceiveCount 1 (AWS advises >= 5).
    const out = run(yaml`
      lamsim: 1
      duration: 5m
      traffic: { target: jobs, phases: [{ duration: 5m, arrivalRate: 50 }] }
      functions:
        worker:
          runtime: nodejs22.x
          memorySize: 1769
          timeout: 5
          reservedConcurrency: 2
          model: { init: 0ms, compute: 100ms }
          events: [{ sqs: { queue: jobs, batchSize: 5 } }]
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 30s, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 1 } }
        dlq: { type: sqs-queue }
    `);
    const f = fn(out);
    const q = queueOf(out);
    expect(f.invocations.failed + f.invocations.timedOut).toBe(0);
    expect(q.consumers.worker.throttledBatches).toBeGreaterThan(0);
    expect(q.movedToDeadLetterQueue).toBeGreaterThan(0);
    expect(f.concurrency.peak).toBeLessThanOrEqual(2);
  });

  describe('a consumer throttled by its reserved concurrency ("services-sqs-errorhandling": Lambda backs off by reducing the concurrency of the mapping and retries until the visibility timeout)', () => {
    // 5 environments x 10 messages / 120 ms = 416.7 messages/s of capacity.
    const consumer = (rate: number, mapping = '') => yaml`
      lamsim: 1
      seed: 11
      duration: 5m
      traffic: { target: jobs, phases: [{ duration: 300, arrivalRate: ${rate} }] }
      functions:
        consumer:
          runtime: nodejs22.x
          memorySize: 1769
          timeout: 10s
          reservedConcurrency: 5
          events: [{ sqs: { queue: jobs, batchSize: 10, maximumBatchingWindow: 1s${mapping} } }]
          model: { compute: 20ms, perRecord: { compute: 10ms } }
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 60s, redrivePolicy: { deadLetterQueue: jobs-dlq, maxReceiveCount: 5 } }
        jobs-dlq: { type: sqs-queue }
    `;

    it('keeps up with a load its concurrency covers, as with maximumConcurrency', () => {
      // 300 messages/s (utilisation 0.72): by Little's law the mean concurrency is 300 / 10 x
      // 120 ms = 3.6 batches. Every throttle used to stop all polling for a second, then the
      // scaler added 5 pollers that were throttled again: mean concurrency 2.7, backlog 21,988.
      const throttled = run(consumer(300));
      const capped = run(consumer(300, ', maximumConcurrency: 5'));
      for (const out of [throttled, capped]) {
        const f = fn(out);
        const q = queueOf(out);
        expect(f.concurrency.mean).toBeGreaterThan(3.5);
        expect(f.concurrency.mean).toBeLessThan(3.7);
        expect(q.backlog.peak).toBeLessThan(200);
        expect(q.visibleAtEnd + q.inFlightAtEnd).toBeLessThan(100);
        expect(q.movedToDeadLetterQueue).toBe(0);
      }
      expect(queueOf(throttled).consumers.consumer.throttledBatches).toBeGreaterThan(0);
      expect(queueOf(throttled).backlog.peak).toBeLessThanOrEqual(2 * queueOf(capped).backlog.peak);
    });

    it('falls behind when the load is above its concurrency, processing at capacity', () => {
      // 600 messages/s against 416.7: about 125,000 processed, 55,000 left behind in 5 minutes.
      const out = run(consumer(600));
      const q = queueOf(out);
      const capacity = (5 * 10 * 300) / 0.12;
      expect(q.deleted).toBeGreaterThan(0.97 * capacity);
      expect(q.deleted).toBeLessThanOrEqual(capacity);
      expect(q.visibleAtEnd + q.inFlightAtEnd).toBeGreaterThan(0.9 * (600 * 300 - capacity));
      expect(fn(out).concurrency.mean).toBeGreaterThan(4.85);
    });
  });

  it('accounts for every message on random scenarios', () => {
    const scenario = fc.record({
      rate: fc.integer({ min: 1, max: 300 }),
      batchSize: fc.integer({ min: 1, max: 50 }),
      windowS: fc.integer({ min: 1, max: 5 }),
      computeMs: fc.integer({ min: 5, max: 3000 }),
      errorRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
      partial: fc.boolean(),
      visibilityS: fc.integer({ min: 10, max: 120 }),
      maxReceives: fc.integer({ min: 1, max: 6 }),
      reserved: fc.integer({ min: 1, max: 40 }),
      maxConcurrency: fc.option(fc.integer({ min: 2, max: 60 }), { nil: undefined }),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const out = run(yaml`
          lamsim: 1
          seed: ${s.seed}
          duration: 3m
          traffic: { target: jobs, phases: [{ duration: 2m, arrivalRate: ${s.rate} }] }
          functions:
            worker:
              runtime: nodejs22.x
              memorySize: 1769
              timeout: 8
              reservedConcurrency: ${s.reserved}
              model: { compute: { dist: exponential, mean: ${s.computeMs}ms }, errorRate: ${s.errorRate} }
              events:
                - sqs:
                    queue: jobs
                    batchSize: ${s.batchSize}
                    maximumBatchingWindow: ${s.windowS}
                    ${s.partial ? 'functionResponseType: ReportBatchItemFailures' : ''}
                    ${s.maxConcurrency === undefined ? '' : `maximumConcurrency: ${s.maxConcurrency}`}
          resources:
            jobs:
              type: sqs-queue
              visibilityTimeout: ${Math.max(8, s.visibilityS)}s
              redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: ${s.maxReceives} }
            dlq: { type: sqs-queue }
        `);
        const q = queueOf(out);
        const f = fn(out);
        expect(q.sent).toBe(
          q.deleted +
            q.movedToDeadLetterQueue +
            q.expired +
            q.recursionStopped +
            q.visibleAtEnd +
            q.inFlightAtEnd,
        );
        expect(queueOf(out, 'dlq').sent).toBe(q.movedToDeadLetterQueue);
        expect(q.consumers.worker.messagesSucceeded).toBe(q.deleted);
        expect(f.invocations.arrived).toBe(q.consumers.worker.batches);
        expect(f.invocations.started).toBe(
          f.invocations.succeeded + f.invocations.failed + f.invocations.timedOut,
        );
        expect(f.concurrency.peak).toBeLessThanOrEqual(Math.min(s.reserved, s.maxConcurrency ?? 1250));
      }),
      { numRuns: 25 },
    );
  });
});

describe('typed-array rings hold messages without an object each', () => {
  it('keep FIFO order by absolute index and grow to at most twice the peak', () => {
    const ring = new Ring(2, 4);
    for (let i = 0; i < 1000; i++) ring.push(i, 2 * i);
    for (let i = 0; i < 600; i++) {
      expect(ring.get(0, ring.first)).toBe(i);
      ring.shift();
    }
    for (let i = 1000; i < 1500; i++) ring.push(i, 2 * i);
    expect(ring.first).toBe(600);
    expect(ring.size).toBe(900);
    expect(ring.get(1, 1499)).toBe(2998);
    ring.set(1, 700, -1);
    expect(ring.get(1, 700)).toBe(-1);
    // Capacity doubled from 4 while holding at most 1,000: 1,024 slots per column.
    expect((ring as unknown as { capacity: number }).capacity).toBe(1024);
  });
});
