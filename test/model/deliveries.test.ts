/**
 * A topic's or bucket's `deliverTo`: the SNS-to-SQS fan-out (a subscription with Protocol sqs:
 * "Fanout to Amazon SQS queues", SNS developer guide) and S3 event notifications to a queue or a
 * topic (S3 user guide, "Supported event destinations"). Every message published (object created)
 * reaches every queue and topic listed and every subscribed function once; SNS charges nothing for
 * deliveries to SQS and Lambda (SNS pricing page), the queue's SendMessage is billed by SQS, and a
 * bucket's notification to a topic is a publish billed by SNS.
 */
import { describe, expect, it } from 'vitest';
import { estimateSize } from '../../src/experiments/sizeCheck.ts';
import { trafficFunctions } from '../../src/experiments/trafficFunctions.ts';
import { fn, run, scenarioFrom, yaml } from '../helpers/run.ts';
import { brief, fail } from '../scenario/helpers.ts';

const FANOUT = yaml`
  lamsim: 1
  duration: 2m
  traffic: { target: orders, mode: uniform, phases: [{ duration: 60s, arrivalCount: 300 }] }
  functions:
    billing: { runtime: nodejs22.x, events: [{ sqs: { queue: billing-q, batchSize: 1 } }], model: { init: 0ms, compute: 5ms } }
    shipping: { runtime: nodejs22.x, events: [{ sqs: { queue: shipping-q, batchSize: 1 } }], model: { init: 0ms, compute: 5ms } }
    audit: { runtime: nodejs22.x, events: [{ sns: orders }], model: { init: 0ms, compute: 5ms } }
    idle: { runtime: nodejs22.x, model: { init: 0ms, compute: 5ms } }
  resources:
    orders: { type: sns-topic, deliverTo: [billing-q, shipping-q] }
    billing-q: { type: sqs-queue }
    shipping-q: { type: sqs-queue }
`;

interface QueueSummary {
  readonly sent: number;
  readonly consumers: Record<string, { messagesSucceeded: number }>;
}
interface NotifierSummary {
  readonly published: number;
  readonly deliveries: number;
  readonly subscribers: number;
  readonly inTransitAtEnd: number;
}

const line = (out: ReturnType<typeof run>, service: string, item: string) =>
  out.cost.window.lines
    .filter((l) => l.service === service && l.item.startsWith(item))
    .reduce((n, l) => n + l.quantity, 0);

describe('an SNS topic delivers to its subscribed queues', () => {
  it('sends each of 300 messages to both queues and the function subscriber: 900 free deliveries', () => {
    const out = run(FANOUT);
    const topic = out.summary.resources.orders as unknown as NotifierSummary;
    expect(topic).toMatchObject({ published: 300, subscribers: 3, deliveries: 900, inTransitAtEnd: 0 });
    for (const [queue, consumer] of [
      ['billing-q', 'billing'],
      ['shipping-q', 'shipping'],
    ]) {
      const q = out.summary.resources[queue] as unknown as QueueSummary;
      expect(q.sent).toBe(300);
      expect(q.consumers[consumer].messagesSucceeded).toBe(300);
      expect(fn(out, consumer).invocations.started).toBe(300); // batches of one
    }
    expect(fn(out, 'audit').invocations.arrived).toBe(300);
    expect(fn(out, 'idle').invocations.arrived).toBe(0);
    expect(line(out, 'sns', 'publishes')).toBe(300);
    expect(line(out, 'sns', 'deliveries to Lambda and SQS')).toBe(900);
    // SQS bills each queue's SendMessage, ReceiveMessage and DeleteMessage (plus empty polls).
    expect(line(out, 'sqs', 'standard requests')).toBeGreaterThanOrEqual(2 * 3 * 300);
  });

  it('is what plan, run slo and tune measure, and what the size check counts', () => {
    const scenario = scenarioFrom(FANOUT);
    expect(trafficFunctions(scenario)).toEqual(['billing', 'shipping', 'audit']);
    // 300 messages, then 300 invocations of each of the three readers (no handler calls).
    expect(estimateSize(scenario).invocations).toBe(300 + 3 * 300);
  });
});

describe('an S3 bucket notifies a topic that delivers to a queue', () => {
  const CHAIN = yaml`
    lamsim: 1
    duration: 2m
    traffic: { target: uploads, mode: uniform, phases: [{ duration: 60s, arrivalCount: 120 }] }
    functions:
      resize: { runtime: nodejs22.x, events: [{ sqs: { queue: work, batchSize: 1 } }], model: { init: 0ms, compute: 5ms } }
    resources:
      uploads: { type: s3-bucket, deliverTo: [created] }
      created: { type: sns-topic, deliverTo: [work] }
      work: { type: sqs-queue }
  `;

  it('bills 120 PUTs and 120 publishes, and the queue reader processes all 120 objects', () => {
    const out = run(CHAIN);
    const resources = out.summary.resources;
    expect(resources.uploads).toMatchObject({ published: 120, deliveries: 120 });
    expect(resources.created).toMatchObject({ published: 120, deliveries: 120 });
    expect((resources.work as unknown as QueueSummary).sent).toBe(120);
    expect(fn(out, 'resize').invocations.started).toBe(120);
    expect(line(out, 's3', 'PUT requests')).toBe(120);
    expect(line(out, 'sns', 'publishes')).toBe(120);
    expect(trafficFunctions(scenarioFrom(CHAIN))).toEqual(['resize']);
  });
});

describe('deliverTo is checked', () => {
  const base = (resources: string) => yaml`
    lamsim: 1
    duration: 1m
    traffic: { target: t, phases: [{ duration: 60s, arrivalRate: 1 }] }
    functions:
      f: { runtime: nodejs22.x, events: [{ sqs: { queue: q } }] }
    resources:
      ${resources}
  `;

  it('names a queue (a topic too, for a bucket), once, and never a FIFO queue', () => {
    const issues = brief(
      fail(
        base(`t: { type: sns-topic, deliverTo: [q, q, t2, nope, fq] }
      t2: { type: sns-topic }
      b: { type: s3-bucket, deliverTo: [t2, fq] }
      q: { type: sqs-queue }
      fq: { type: sqs-queue, fifo: true }`),
      ),
    );
    expect(issues).toEqual([
      "7:40 resources.t.deliverTo[1]: 'q' is listed twice: each destination once",
      "7:43 resources.t.deliverTo[2]: 't2' is a sns-topic: expected an sqs-queue (q, fq)",
      "7:47 resources.t.deliverTo[3]: 'nope' names nothing; expected an sqs-queue (q, fq)",
      "7:53 resources.t.deliverTo[4]: 'fq' is a FIFO queue: it can subscribe to a FIFO topic only, and lamsim models standard topics; use a standard queue",
      "9:41 resources.b.deliverTo[1]: 'fq' is a FIFO queue: S3 event notifications go to standard queues only",
    ]);
  });
});
