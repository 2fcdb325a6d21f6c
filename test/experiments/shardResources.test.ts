/**
 * Time shards of scenarios with resources and event sources (issue 15, item 2): every resource
 * and event source restarts its recording at the slice's start, counting only inside the slice
 * and carrying on the state it holds (messages waiting and in flight, records in the lanes,
 * connections and sessions open, pollers).
 *
 * - Within the statistics: for an SQS mapping with a dead-letter queue that nobody reads, a
 *   Kinesis stream, a database behind direct connections and RDS Proxy, and S3/SNS
 *   fan-out through a NAT gateway, the mean of every summary figure over R sharded replications is
 *   within 4 standard errors of the mean over R whole-window replications (seeds 1..R each).
 * - Exact: with uniform arrivals and traffic pausing for longer than anything stays in flight
 *   (messages, records, retries, connections in use), every count that adds over arrivals equals
 *   the whole run's, for every resource and event source.
 */
import { describe, expect, it } from 'vitest';
import { scenarioFrom, yaml } from '../helpers/run.ts';
import { R, shardedAgainstWhole } from '../helpers/shards.ts';

/**
 * An SQS mapping whose failed batches come back after the 30 s visibility timeout and go to the
 * dead-letter queue on their third receive; nobody reads that queue, so it holds every message
 * redriven since the window began (the merge continues it from the earlier slices). A ramp past
 * the pollers' capacity builds a backlog that crosses the borders.
 */
const SQS_DLQ = scenarioFrom(yaml`
  lamsim: 1
  name: sqs-dlq
  seed: 1
  duration: 12m
  platform: { maxLifetime: off }
  traffic:
    name: jobs
    target: jobs-queue
    payload: 2KB
    phases:
      - { duration: 4m, arrivalRate: 40 }
      - { duration: 4m, arrivalRate: 40, rampTo: 400 }
      - { duration: 4m, arrivalRate: 80 }
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 5
      model:
        compute: { p50: 10ms, p99: 30ms }
        perRecord: { io: { p50: 8ms, p99: 30ms } }
        errorRate: 5%
      events:
        - sqs: { queue: jobs-queue, batchSize: 5, maximumConcurrency: 3 }
  resources:
    jobs-queue:
      type: sqs-queue
      visibilityTimeout: 30s
      redrivePolicy: { deadLetterQueue: jobs-dlq, maxReceiveCount: 2 }
    jobs-dlq:
      type: sqs-queue
`);

/**
 * The same, with a dead-letter queue that keeps messages 6 minutes from their first send (a
 * standard queue's DLQ keeps the original enqueue time; messages reach it after up to 5 minutes
 * in the source queue): they expire inside the window, so a slice starts with the redrives of
 * messages sent in the last 6 minutes, which the shard's warm-up rebuilds (the DLQ's retention is
 * part of the warm-up) instead of the merge continuing them.
 */
const SQS_EXPIRING_DLQ: typeof SQS_DLQ = {
  ...SQS_DLQ,
  name: 'sqs-expiring-dlq',
  resources: SQS_DLQ.resources.map((r) =>
    r.type === 'sqs-queue' && r.name === 'jobs-dlq' ? { ...r, messageRetentionMs: 360_000 } : r,
  ),
};

/**
 * A one-shard Kinesis stream written past its 1,000 records/s limit on the ramp (throttled and
 * retried writes), read by two lanes with failing records bisected and retried, the batches given
 * up sent to an SNS topic.
 */
const KINESIS = scenarioFrom(yaml`
  lamsim: 1
  name: kinesis
  seed: 1
  duration: 12m
  platform: { maxLifetime: off }
  traffic:
    name: logs
    target: app-logs
    payload: 1KB
    phases:
      - { duration: 4m, arrivalRate: 300 }
      - { duration: 4m, arrivalRate: 300, rampTo: 1400 }
      - { duration: 4m, arrivalRate: 500 }
  functions:
    indexer:
      runtime: python3.12
      memorySize: 1024
      timeout: 30
      model:
        compute: 20ms
        perRecord: { compute: 0.8ms, io: 0.5ms }
        errorRate: 0.05%
      events:
        - kinesis:
            stream: app-logs
            batchSize: 200
            parallelizationFactor: 2
            maximumRetryAttempts: 2
            bisectBatchOnFunctionError: true
            destinations: { onFailure: failures }
  resources:
    app-logs:
      type: kinesis-stream
      shardCount: 1
    failures:
      type: sns-topic
`);

/**
 * One database behind two doors: a reader connecting directly (one connection per environment,
 * refused over max_connections on the ramp) and a writer through RDS Proxy with pinned sessions,
 * whose small pool makes borrowers wait.
 */
const DATABASE = scenarioFrom(yaml`
  lamsim: 1
  name: database
  seed: 1
  duration: 12m
  platform: { maxLifetime: off }
  traffic:
    - name: reads
      target: reader
      via: api-gateway-http
      phases:
        - { duration: 4m, arrivalRate: 50 }
        - { duration: 4m, arrivalRate: 50, rampTo: 400 }
        - { duration: 4m, arrivalRate: 100 }
    - name: writes
      target: writer
      via: api-gateway-http
      phases:
        - { duration: 4m, arrivalRate: 30 }
        - { duration: 4m, arrivalRate: 30, rampTo: 250 }
        - { duration: 4m, arrivalRate: 60 }
  functions:
    reader:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 10
      model:
        compute: { p50: 5ms, p99: 20ms }
        io: { p50: 60ms, p99: 200ms }
        calls:
          - { resource: app-db }
    writer:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 10
      model:
        compute: { p50: 5ms, p99: 20ms }
        io: { p50: 40ms, p99: 150ms }
        calls:
          - { resource: app-proxy, count: 2 }
  resources:
    app-db:
      type: rds-postgres
      instanceClass: db.t3.micro
      query: { p50: 2ms, p99: 10ms }
      connect: { p50: 40ms, p99: 150ms }
      connectionScope: environment
    app-proxy:
      type: rds-proxy
      target: app-db
      maxConnectionsPercent: 30
      maxIdleConnectionsPercent: 15
      connectionBorrowTimeout: 2s
      pinning: 20%
      overhead: { p50: 1ms, p99: 3ms }
`);

/**
 * Fan-out: a VPC function calls an API through a NAT gateway (and its secret through it) and puts
 * an object in a bucket; the bucket invokes a processor, which publishes to a topic with two
 * subscribers; a schedule invokes a reporter every minute.
 */
const FAN_OUT = scenarioFrom(yaml`
  lamsim: 1
  name: fan-out
  seed: 1
  duration: 12m
  platform: { maxLifetime: off }
  traffic:
    name: uploads
    target: uploader
    via: api-gateway-http
    phases:
      - { duration: 4m, arrivalRate: 20 }
      - { duration: 4m, arrivalRate: 20, rampTo: 150 }
      - { duration: 4m, arrivalRate: 40 }
  functions:
    uploader:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 10
      vpc: { subnetIds: [subnet-a], securityGroupIds: [sg-a], eniMode: hyperplane }
      model:
        compute: { p50: 20ms, p99: 60ms }
        calls:
          - { resource: api-key, phase: init }
          - { resource: internet, latency: { p50: 50ms, p99: 200ms }, bytes: 20KB }
          - { resource: uploads }
    processor:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 10
      reservedConcurrency: 20
      maximumEventAge: 5m
      model:
        compute: { p50: 100ms, p99: 300ms }
        errorRate: 2%
        calls:
          - { resource: events, bytes: 2KB }
      events:
        - s3: uploads
    audit:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      maximumEventAge: 5m
      model:
        compute: { p50: 10ms, p99: 30ms }
      events:
        - sns: events
    mailer:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 5
      maximumEventAge: 5m
      model:
        compute: { p50: 30ms, p99: 90ms }
      events:
        - sns: events
    reporter:
      runtime: nodejs22.x
      memorySize: 256
      timeout: 30
      maximumEventAge: 5m
      model:
        compute: { p50: 200ms, p99: 500ms }
      events:
        - schedule: rate(1 minute)
  resources:
    egress:
      type: nat-gateway
      azs: 1
      latency: 1ms
    api-key:
      type: secret
    uploads:
      type: s3-bucket
    events:
      type: sns-topic
`);

describe('time shards with resources and event sources, within the statistics', () => {
  it(`SQS dead-letter queue nobody reads whose messages expire (6-minute retention), 3 shards with the derived warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(SQS_EXPIRING_DLQ, undefined, 3);
    // The queue holds the redrives of the last 6 minutes' messages and loses older ones to expiry.
    expect(whole.get('resources.jobs-dlq.expired')).toBeGreaterThan(50);
    expect(whole.get('resources.jobs-dlq.visibleAtEnd')).toBeGreaterThan(20);
    expect(whole.get('resources.jobs-dlq.maxAgeMs')).toBeLessThanOrEqual(360_000);
    expect(off).toEqual([]);
  });

  it(`SQS mapping with a dead-letter queue, 3 shards with a 5-minute warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(SQS_DLQ, 300_000, 3);
    // Messages wait, come back after their visibility timeout and reach the dead-letter queue.
    expect(whole.get('resources.jobs-queue.backlog.peak')).toBeGreaterThan(100);
    expect(whole.get('resources.jobs-queue.returned')).toBeGreaterThan(50);
    expect(whole.get('resources.jobs-queue.movedToDeadLetterQueue')).toBeGreaterThan(0);
    expect(whole.get('resources.jobs-dlq.sent')).toBe(
      whole.get('resources.jobs-queue.movedToDeadLetterQueue'),
    );
    // The dead-letter queue keeps them all: its backlog grows over the whole window.
    expect(whole.get('resources.jobs-dlq.visibleAtEnd')).toBe(whole.get('resources.jobs-dlq.sent'));
    expect(whole.get('resources.jobs-dlq.maxAgeMs')).toBeGreaterThan(60_000);
    expect(off).toEqual([]);
  });

  it(`Kinesis stream, 2 shards with a 5-minute warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(KINESIS, 300_000, 2);
    expect(whole.get('resources.app-logs.writeThrottled')).toBeGreaterThan(100);
    expect(whole.get('resources.app-logs.consumers.indexer.failedBatches')).toBeGreaterThan(0);
    expect(whole.get('resources.app-logs.consumers.indexer.backlog.peak')).toBeGreaterThan(100);
    expect(off).toEqual([]);
  });

  it(`database with direct connections and RDS Proxy, 4 shards with a 5-minute warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(DATABASE, 300_000, 4);
    expect(whole.get('resources.app-db.connectionErrors')).toBeGreaterThan(0);
    expect(whole.get('resources.app-proxy.borrowWaits')).toBeGreaterThan(0);
    expect(off).toEqual([]);
  });

  it(`S3 and SNS fan-out through a NAT gateway, 3 shards with a 5-minute warm-up: every summary figure's mean over ${R} replications within 4 standard errors of the whole run's`, () => {
    const { off, whole } = shardedAgainstWhole(FAN_OUT, 300_000, 3);
    // Two subscribers: each publication is delivered twice (those on their way at the end excepted).
    expect(whole.get('resources.events.deliveries')).toBeGreaterThan(
      1.99 * (whole.get('resources.events.published') ?? 0),
    );
    expect(whole.get('resources.egress.processedBytes')).toBeGreaterThan(0);
    expect(whole.get('resources.api-key.calls')).toBeGreaterThan(0);
    expect(whole.get('cost.monthly.lines[nat-gateway/data processed].quantity')).toBeGreaterThan(0);
    expect(off).toEqual([]);
  });
});
