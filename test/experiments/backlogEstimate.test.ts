/**
 * The backlog estimate (src/experiments/backlogEstimate.ts): the messages a queue is expected to
 * hold at once, so that a run whose queue would hold more than memory allows is refused before it
 * starts, and `plan` does not raise the load of a queue whose consumer is capped until its runs
 * hold gigabytes (`plan scenarios/sqs-worker.yaml --slo p99=2s` reached 9 GB and was killed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { largestBacklog } from '../../src/experiments/backlogEstimate.ts';
import { scaleTraffic } from '../../src/experiments/edits.ts';
import { plan } from '../../src/experiments/plan/index.ts';
import { sizeProblem } from '../../src/experiments/sizeCheck.ts';
import { answer, planJsonValue } from '../../src/report/plan/index.ts';
import { scenarioFrom, yaml } from './helpers.ts';

/**
 * `rate` messages/s for `seconds`, then nothing for as long, into queue q, read 2 batches of 10 at
 * once (maximumConcurrency 2), each batch 100 ms of I/O: the consumer drains at most 200 messages/s.
 */
const queueAt = (rate: number, seconds: number, queue = '{ type: sqs-queue }') =>
  scenarioFrom(yaml`
    lamsim: 1
    name: backlog-estimate
    seed: 1
    duration: ${2 * seconds}s
    traffic: { target: q, phases: [{ duration: ${seconds}s, arrivalRate: ${rate} }, { duration: ${seconds}s, arrivalRate: 0 }] }
    functions:
      worker:
        runtime: nodejs22.x
        model: { init: 0ms, compute: 0ms, io: 100ms }
        events: [{ sqs: { queue: q, batchSize: 10, maximumConcurrency: 2 } }]
    resources:
      q: ${queue}
  `);

describe('the backlog estimate', () => {
  it('is the fluid backlog (arrivals - capacity) x time of a queue its consumer cannot keep up with', () => {
    const b = largestBacklog(queueAt(500, 100));
    expect(b?.resource).toBe('q');
    expect(b?.drainPerSecond).toBeCloseTo(200, 9);
    // (500 - 200) messages/s for 100 s; drained at 200/s afterwards, so the peak is at 100 s.
    expect(b?.heldMessages).toBeCloseTo(30_000, 6);
    // A consumer that keeps up holds nothing in the fluid limit.
    expect(largestBacklog(queueAt(150, 100))?.heldMessages).toBe(0);
  });

  it('never exceeds the messages sent within the retention period (SQS deletes older ones)', () => {
    expect(largestBacklog(queueAt(500, 200))?.heldMessages).toBeCloseTo(60_000, 6);
    const kept60s = queueAt(500, 200, '{ type: sqs-queue, messageRetentionPeriod: 60s }');
    expect(largestBacklog(kept60s)?.heldMessages).toBeCloseTo(500 * 60, 6);
  });

  it("counts a topic's deliveries and the writes of the functions the traffic invokes", () => {
    const viaTopicAndWrites = scenarioFrom(yaml`
      lamsim: 1
      name: backlog-estimate
      duration: 200s
      traffic: [
        { name: a, target: orders, phases: [{ duration: 100s, arrivalRate: 200 }] },
        { name: b, target: api, phases: [{ duration: 100s, arrivalRate: 150 }] }
      ]
      functions:
        api:
          runtime: nodejs22.x
          model: { compute: 5ms, calls: [{ resource: q, count: 2 }] }
        worker:
          runtime: nodejs22.x
          model: { init: 0ms, compute: 0ms, io: 100ms }
          events: [{ sqs: { queue: q, batchSize: 10, maximumConcurrency: 2 } }]
      resources:
        orders: { type: sns-topic, deliverTo: [q] }
        q: { type: sqs-queue }
    `);
    // 200 published + 150 x 2 written = 500 messages/s against 200 drained, for 100 s.
    expect(largestBacklog(viaTopicAndWrites)?.heldMessages).toBeCloseTo(30_000, 6);
  });

  it("counts a stream's unread records per consumer, within its lanes and a Kinesis shard's write limit", () => {
    // 1 shard x parallelization 2 lanes, a batch of 10 records in 100 ms: 200 records/s a consumer.
    const stream = (type: string, rate: number, consumers: number) =>
      scenarioFrom(yaml`
        lamsim: 1
        name: backlog-estimate
        duration: 200s
        traffic: { target: s, phases: [{ duration: 100s, arrivalRate: ${rate} }] }
        functions:
          ${Array.from(
            { length: consumers },
            (_, i) => `reader${i}:
            runtime: nodejs22.x
            model: { init: 0ms, compute: 0ms, io: 100ms }
            events: [{ ${type === 'kinesis-stream' ? 'kinesis' : 'dynamodb'}: { stream: s, batchSize: 10, parallelizationFactor: 2 } }]`,
          ).join('\n          ')}
        resources:
          s: { type: ${type} }
      `);
    const one = largestBacklog(stream('dynamodb-stream', 500, 1));
    expect(one).toMatchObject({ resource: 's', kind: 'stream' });
    expect(one?.drainPerSecond).toBeCloseTo(200, 9);
    expect(one?.heldMessages).toBeCloseTo(30_000, 6);
    // Each consumer holds its own unread records.
    expect(largestBacklog(stream('dynamodb-stream', 500, 2))?.heldMessages).toBeCloseTo(60_000, 6);
    // A Kinesis shard takes 1,000 records/s: (1,000 - 200) x 100 s, the rest of the 1,500 refused.
    expect(largestBacklog(stream('kinesis-stream', 1500, 1))?.heldMessages).toBeCloseTo(80_000, 6);
  });

  // The shipped scenarios' simulated peaks (their committed summaries, which the shipped-report
  // tests keep equal to fresh runs): the estimate ignores the pollers' ramp-up and cold starts,
  // which only slow the consumer, so it may fall short of the simulated peak, never exceed it.
  it.each([
    ['sqs-worker', 'orders-queue'],
    ['orders-fanout', 'shipping-q'],
  ])('%s: at most the simulated peak of %s, and within a tenth of it', (name, queue) => {
    const summary = JSON.parse(readFileSync(`reports/${name}/summary.json`, 'utf8'));
    const simulatedPeak: number = summary.resources[queue].backlog.peak;
    const scenario = scenarioFrom(readFileSync(`scenarios/${name}.yaml`, 'utf8'));
    const b = largestBacklog(scenario);
    expect(b?.resource).toBe(queue);
    expect(b?.heldMessages).toBeLessThanOrEqual(simulatedPeak);
    expect(b?.heldMessages).toBeGreaterThan(0.9 * simulatedPeak);
  });

  it('refuses a run whose queue would hold more than 2^25 messages, naming the queue', () => {
    const sqsWorker = scenarioFrom(readFileSync('scenarios/sqs-worker.yaml', 'utf8'));
    expect(sizeProblem(sqsWorker)).toBeNull();
    // 1,024 x the traffic: ~1.5 M messages/s for 3 minutes against ~1,000 drained.
    expect(sizeProblem(scaleTraffic(sqsWorker, 1024))).toMatch(
      /^scenario too large to simulate: queue orders-queue would hold about 3\d\d\.\dM messages at once \(\d+\.\d GB of memory; its consumers drain at most about 1,0\d\d messages\/s\), above the limit of 33\.6M; /,
    );
  });
});

describe('plan and the backlog estimate', () => {
  // 100 messages/s against a consumer draining 50/s (2 batches of 10 at once, 400 ms each): the
  // fluid backlog after 60 s is 3,000 messages at 1x, 9,000 at 2x, 21,000 at 4x. The p99 of a
  // batch stays ~400 ms at any load (the consumer is capped), so the SLO never breaks.
  const capped = scenarioFrom(yaml`
    lamsim: 1
    name: capped-consumer
    seed: 2
    duration: 60s
    traffic: { target: q, phases: [{ duration: 60s, arrivalRate: 100 }] }
    functions:
      worker:
        runtime: nodejs22.x
        model: { init: 0ms, compute: 0ms, io: 400ms }
        events: [{ sqs: { queue: q, batchSize: 10, maximumConcurrency: 2 } }]
    resources:
      q: { type: sqs-queue }
  `);

  it('stops raising the load before a run would hold more messages than its limit, and says so', async () => {
    const r = await plan(capped, {
      slo: [{ metric: 'p99', max: 10_000 }],
      search: { maxHeldMessagesPerRun: 20_000 },
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.search.stop).toBe('backlog');
    expect(r.value.search.lo?.scale).toBe(2);
    expect(r.value.search.backlog?.scale).toBe(4);
    expect(r.value.search.backlog?.heldMessages).toBeCloseTo(21_000, 6);
    expect(answer(r.value)).toContain(
      'the largest load tried (at 4x queue q would hold about 21,000 messages at once (1 MB of memory; ' +
        'its consumers drain at most about 50 messages/s), above the limit of 20,000 for a run of the search)',
    );
    expect(planJsonValue(r.value).maxSustainable.stop).toBe('backlog');
    expect(planJsonValue(r.value).maxSustainable.backlog?.resource).toBe('q');
  });

  it('refuses a target load at which a run would hold more messages than its limit', async () => {
    const r = await plan(capped, {
      slo: [{ metric: 'p99', max: 10_000 }],
      targetScale: 8,
      search: { maxHeldMessagesPerRun: 20_000 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe(
      "at the target load (8 x today's traffic) queue q would hold about 45,000 messages at once (2 MB of " +
        'memory; its consumers drain at most about 50 messages/s), above the limit of 20,000 for a run of ' +
        'the search: lower --target-scale or --target-rate',
    );
  });
});
