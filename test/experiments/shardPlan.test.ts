/**
 * What a time shard's warm-up covers (experiments/shardPlan.ts) for scenarios with queues, streams
 * and event sources, and which queues the merge continues instead (results/unreadQueues.ts).
 */
import { describe, expect, it } from 'vitest';
import { WARMUP_CAP_MS, warmupMsOf } from '../../src/experiments/shardPlan.ts';
import { continuedQueueNames, unreadQueues } from '../../src/model/index.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';

/** A queue read by a worker, with a 4-minute idle timeout and no maximum lifetime. */
const queued = (resources: string, events = '- sqs: { queue: jobs }') =>
  scenarioFrom(yaml`
  lamsim: 1
  name: plan
  duration: 2h
  platform: { maxLifetime: off, idleTimeout: 4m }
  traffic: { name: t, target: jobs, phases: [{ duration: 2h, arrivalRate: 1 }] }
  functions:
    worker:
      runtime: nodejs22.x
      timeout: 5
      model: { compute: 10ms }
      events:
        ${events}
  resources:
    ${resources}
`);

describe('warmupMsOf with resources and event sources', () => {
  it("covers an SQS queue's message retention (which bounds its visibility timeouts and redrives)", () => {
    const jobs = 'jobs: { type: sqs-queue, messageRetentionPeriod: 10m, visibilityTimeout: 30s }';
    expect(warmupMsOf(queued(jobs))).toBe(10 * 60_000);
    // The default retention, 4 days, is capped at an hour.
    expect(warmupMsOf(queued('jobs: { type: sqs-queue }'))).toBe(WARMUP_CAP_MS);
    // A dead-letter queue nobody reads is continued by the merge: its 14 days do not count.
    const withDlq = `jobs: { type: sqs-queue, messageRetentionPeriod: 10m, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 5 } }
    dlq: { type: sqs-queue, messageRetentionPeriod: 14d }`;
    expect(warmupMsOf(queued(withDlq))).toBe(10 * 60_000);
  });

  it("covers a stream's retention and a mapping's maximum record age, capped at an hour", () => {
    const streamed = (events: string) =>
      queued(
        'jobs: { type: sqs-queue, messageRetentionPeriod: 1m }\n    logs: { type: kinesis-stream }',
        events,
      );
    // The stream keeps records for 24 hours: capped.
    expect(warmupMsOf(streamed('- kinesis: { stream: logs, maximumRecordAge: 5m }'))).toBe(WARMUP_CAP_MS);
  });
});

describe('SQS queues nobody reads', () => {
  const jobs = 'jobs: { type: sqs-queue, redrivePolicy: { deadLetterQueue: jobs-dlq, maxReceiveCount: 3 } }';

  it('are continued across slices when they keep every message of the window (retention >= window)', () => {
    const withDlq = `${jobs}\n    jobs-dlq: { type: sqs-queue }`;
    expect([...continuedQueueNames(queued(withDlq))]).toEqual(['jobs-dlq']);
    expect(unreadQueues(queued(withDlq)).map((q) => q.name)).toEqual(['jobs-dlq']);
    const both = '- sqs: { queue: jobs }\n        - sqs: { queue: jobs-dlq }';
    expect([...continuedQueueNames(queued(withDlq, both))]).toEqual([]);
    // The window is 2 hours: a 2-hour retention still keeps every message.
    expect([
      ...continuedQueueNames(
        queued(`${jobs}\n    jobs-dlq: { type: sqs-queue, messageRetentionPeriod: 2h }`),
      ),
    ]).toEqual(['jobs-dlq']);
  });

  it('whose messages expire inside the window are rebuilt by a warm-up of their whole retention, above the cap', () => {
    const expiring = queued(`${jobs}\n    jobs-dlq: { type: sqs-queue, messageRetentionPeriod: 90m }`);
    expect([...continuedQueueNames(expiring)]).toEqual([]);
    expect(warmupMsOf(expiring)).toBe(90 * 60_000);
    // Read, the same queue is an ordinary memory, capped.
    const read = queued(
      `${jobs}\n    jobs-dlq: { type: sqs-queue, messageRetentionPeriod: 90m }`,
      '- sqs: { queue: jobs }\n        - sqs: { queue: jobs-dlq }',
    );
    expect(warmupMsOf(read)).toBe(WARMUP_CAP_MS);
  });
});
