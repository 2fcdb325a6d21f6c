/**
 * Time shards of a scenario with every kind of resource and event source, exact when no state
 * crosses a border (issue 15, item 2): uniform arrivals in blocks separated by pauses of at least
 * 4 minutes, longer than anything stays in flight (a message is received and deleted, a record
 * read, a notification delivered, a query and its connection borrow done within seconds; nothing
 * fails, so nothing is retried or redriven). Every count that adds over arrivals then equals the
 * whole run's, for 2, 3 and 4 shards with the scenario's own warm-up, though each shard draws its
 * own random numbers: borders at 15, 20, 30, 40 and 45 minutes all fall in pauses. A queue nobody
 * reads holds everything sent to it since the window began: the merge continues it from the
 * earlier slices, so what it holds is exact too.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { summaryFigures } from '../../src/results/summaryFigures.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';
import { sharded } from '../helpers/shards.ts';

const PHASES = `
      - { duration: 1m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 20 }
      - { duration: 16m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 10, rampTo: 40 }
      - { duration: 6m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 30 }
      - { duration: 11m, arrivalRate: 0 }
      - { duration: 4m, arrivalRate: 25 }
      - { duration: 10m, arrivalRate: 0 }`;

/**
 * Orders go through a queue to a VPC worker (RDS Proxy, an API through the NAT gateway, a receipt
 * in a bucket); the bucket invokes an archiver that publishes to a topic with a subscriber. Clicks
 * go to a Kinesis stream read by a counter; audit records go to a queue nobody reads (which keeps
 * them all); reads query the database directly; a schedule fires every minute.
 */
const QUIET = scenarioFrom(yaml`
  lamsim: 1
  name: quiet-borders
  seed: 5
  duration: 60m
  traffic:
    - name: orders
      target: orders
      mode: uniform
      payload: 2KB
      phases: ${PHASES}
    - name: clicks
      target: clicks
      mode: uniform
      payload: 1KB
      phases: ${PHASES}
    - name: audits
      target: audit
      mode: uniform
      payload: 1KB
      phases: ${PHASES}
    - name: reads
      target: reader
      via: api-gateway-http
      mode: uniform
      phases: ${PHASES}
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 5
      vpc: { subnetIds: [subnet-a], securityGroupIds: [sg-a], eniMode: hyperplane }
      model:
        compute: { p50: 10ms, p99: 30ms }
        calls:
          - { resource: app-proxy }
          - { resource: internet, latency: { p50: 40ms, p99: 120ms }, bytes: 10KB }
          - { resource: receipts, bytes: 3KB }
      events:
        - sqs: { queue: orders, batchSize: 1 }   # one invocation, one set of calls per message
    archiver:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      model:
        compute: { p50: 10ms, p99: 30ms }
        calls:
          - { resource: notices, bytes: 1KB }
      events:
        - s3: receipts
    notifier:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      model:
        compute: { p50: 10ms, p99: 30ms }
      events:
        - sns: notices
    counter:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      model:
        compute: { p50: 5ms, p99: 20ms }
        perRecord: { compute: 0.2ms }
      events:
        - kinesis: { stream: clicks, batchSize: 50 }
    reader:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      model:
        compute: { p50: 5ms, p99: 20ms }
        calls:
          - { resource: app-db, count: 2 }
    ticker:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      model:
        compute: { p50: 20ms, p99: 60ms }
      events:
        - schedule: rate(1 minute)
  resources:
    orders:
      type: sqs-queue
      visibilityTimeout: 30s
    audit:
      type: sqs-queue
    clicks:
      type: kinesis-stream
      shardCount: 1
    receipts:
      type: s3-bucket
    notices:
      type: sns-topic
    egress:
      type: nat-gateway
      azs: 1
      latency: 1ms
    app-db:
      type: rds-postgres
      instanceClass: db.r6g.large
      query: { p50: 1ms, p99: 4ms }
      connect: { p50: 20ms, p99: 60ms }
      connectionScope: environment
    app-proxy:
      type: rds-proxy
      target: app-db
      maxConnectionsPercent: 50
      connectionBorrowTimeout: 30s
      overhead: { p50: 1ms, p99: 3ms }
`);

/** The counts that add over arrivals, by summary figure path (results/summaryFigures.ts). */
const EXACT = [
  'resources.orders.sent',
  'resources.orders.received',
  'resources.orders.deleted',
  'resources.orders.returned',
  'resources.orders.visibleAtEnd',
  'resources.orders.consumers.worker.messagesSucceeded',
  'resources.orders.consumers.worker.messagesFailed',
  'resources.audit.sent',
  'resources.audit.visibleAtEnd',
  'resources.audit.backlog.peak',
  'resources.audit.maxAgeMs',
  'resources.clicks.records',
  'resources.clicks.writeThrottled',
  'resources.clicks.consumers.counter.records',
  'resources.clicks.consumers.counter.processed',
  'resources.clicks.consumers.counter.waitingAtEnd',
  'resources.receipts.published',
  'resources.receipts.deliveries',
  'resources.notices.published',
  'resources.notices.deliveries',
  'resources.egress.calls',
  'resources.egress.processedBytes',
  'resources.app-db.queries',
  'resources.app-db.connectionErrors',
  'resources.app-proxy.borrows',
  'resources.app-proxy.borrowTimeouts',
  'functions.reader.invocations.arrived',
  'functions.reader.invocations.succeeded',
  'functions.archiver.invocations.arrived',
  'functions.archiver.invocations.succeeded',
  'functions.notifier.invocations.succeeded',
  'functions.ticker.invocations.succeeded',
  'functions.ticker.async.events',
  'cost.window.lines[nat-gateway/data processed].quantity',
  'cost.window.lines[sns/publishes].quantity',
  'cost.window.lines[s3/PUT requests].quantity',
  'cost.window.lines[eventbridge/scheduler invocations].quantity',
  'cost.window.lines[kinesis/PUT payload units].quantity',
];

describe('time shards with resources and event sources, exact when no state crosses a border', () => {
  const whole = summaryFigures(runScenario(QUIET).summary);

  it('has traffic to count through every resource, and nothing fails, waits or is refused', () => {
    expect(whole.get('resources.orders.sent')).toBeGreaterThan(5000);
    expect(whole.get('resources.clicks.records')).toBe(whole.get('resources.orders.sent'));
    expect(whole.get('resources.notices.deliveries')).toBe(whole.get('resources.orders.sent'));
    expect(whole.get('resources.app-db.queries')).toBe(
      2 * (whole.get('resources.orders.sent') ?? 0) + (whole.get('resources.app-proxy.borrows') ?? 0),
    );
    expect(whole.get('functions.ticker.async.events')).toBe(60);
    expect(whole.get('resources.audit.visibleAtEnd')).toBe(whole.get('resources.orders.sent'));
    for (const zero of [
      'resources.orders.returned',
      'resources.orders.visibleAtEnd',
      'resources.clicks.writeThrottled',
      'resources.app-db.connectionErrors',
      'resources.app-proxy.borrowTimeouts',
    ])
      expect(whole.get(zero), zero).toBe(0);
    for (const key of EXACT) expect(whole.has(key), key).toBe(true);
  });

  for (const count of [2, 3, 4]) {
    it(`${count} shards: every count that adds over arrivals equals the whole run's`, () => {
      const merged = summaryFigures(sharded(QUIET, count));
      const off = EXACT.filter((key) => merged.get(key) !== whole.get(key)).map(
        (key) => `${key}: whole ${whole.get(key)}, sharded ${merged.get(key)}`,
      );
      expect(off).toEqual([]);
      // The unread queue's time average: the same sends, summed per slice (float rounding only).
      const mean = 'resources.audit.backlog.mean';
      expect(Math.abs((merged.get(mean) as number) / (whole.get(mean) as number) - 1)).toBeLessThan(1e-12);
    });
  }
});
