/** Small scenarios for the report tests: quick to simulate, each showing what a chart must show. */
import type { RunOutput } from '../../src/experiments/run.ts';
import { run, yaml } from '../helpers/run.ts';

/** One minute: a burst against reserved concurrency 10, so cold starts and throttles happen. */
export const BURST_YAML = yaml`
  lamsim: 1
  name: tiny-burst
  description: A one-minute burst against reserved concurrency 10 <b>not bold</b> | pipes.
  seed: 1
  duration: 1m
  traffic:
    name: web
    target: api
    via: api-gateway-http
    phases:
      - { duration: 20s, arrivalRate: 20 }
      - { duration: 20s, arrivalRate: 300 }
      - { duration: 20s, arrivalRate: 20 }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 5
      reservedConcurrency: 10
      model:
        compute: { p50: 20ms, p99: 60ms }
        io: { p50: 30ms, p99: 90ms }
`;

/** Thirty days of one request every ~30 minutes, with one provisioned environment. */
export const MONTH_YAML = yaml`
  lamsim: 1
  name: quiet-month
  seed: 3
  duration: 30d
  traffic:
    name: cron
    target: job
    via: api-gateway-http
    phases:
      - { duration: 30d, arrivalRate: 0.00055 }
  functions:
    job:
      runtime: python3.12
      memorySize: 256
      timeout: 30
      model:
        compute: { p50: 15ms, p99: 60ms }
        io: { p50: 30ms, p99: 120ms }
`;

/** Two functions in one account: one reserved, one on the unreserved pool. */
export const TWO_FUNCTIONS_YAML = yaml`
  lamsim: 1
  name: two-functions
  seed: 5
  duration: 30s
  account:
    concurrentExecutions: 200
    unreservedMinimum: 100
  traffic:
    - { name: a, target: reserved-fn, via: direct, phases: [{ duration: 30s, arrivalRate: 20 }] }
    - { name: b, target: pooled-fn, via: direct, phases: [{ duration: 30s, arrivalRate: 20 }] }
  functions:
    reserved-fn:
      runtime: nodejs22.x
      memorySize: 256
      reservedConcurrency: 30
      provisionedConcurrency: 2
      model: { compute: { p50: 10ms, p99: 30ms } }
    pooled-fn:
      runtime: nodejs22.x
      memorySize: 256
      model: { compute: { p50: 10ms, p99: 30ms } }
`;

const cache = new Map<string, RunOutput>();

/** Runs a fixture once per test file (runs are deterministic, so sharing is safe). */
export function runOf(text: string): RunOutput {
  let output = cache.get(text);
  if (!output) {
    output = run(text);
    cache.set(text, output);
  }
  return output;
}

/** A burst of environments against a database with 20 connections, direct or through a proxy. */
export const databaseYaml = (through: 'direct' | 'proxy') => yaml`
  lamsim: 1
  name: db-${through}
  seed: 11
  duration: 1m
  traffic: { target: api, phases: [{ duration: 20s, arrivalRate: 5 }, { duration: 40s, arrivalRate: 400 }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 10
      model: { compute: { p50: 10ms, p99: 30ms }, calls: [{ resource: ${through === 'direct' ? 'db' : 'proxy'} }] }
  resources:
    db:
      type: rds-postgres
      instanceClass: db.t4g.micro
      maxConnections: 20
      query: { p50: 5ms, p99: 20ms }
      connect: 20ms
${through === 'proxy' ? PROXY : ''}`;

const PROXY = `    proxy:
      type: rds-proxy
      target: db
      maxConnectionsPercent: 50
      maxIdleConnectionsPercent: 50
      connectionBorrowTimeout: 5s
      overhead: 1ms
`;

/**
 * One minute of messaging: an SQS queue (with a dead-letter queue) whose worker is capped at 5
 * batches, a one-shard Kinesis stream written above its 1,000 records/s limit, S3 events above
 * the reserved concurrency of a VPC function that calls the internet through a NAT gateway.
 */
export const MESSAGING_YAML = yaml`
  lamsim: 1
  name: messaging
  seed: 13
  duration: 1m
  traffic:
    - name: orders
      target: orders
      payload: 1KB
      phases: [{ duration: 20s, arrivalRate: 20 }, { duration: 20s, arrivalRate: 400 }, { duration: 20s, arrivalRate: 20 }]
    - name: logs
      target: logs
      phases: [{ duration: 20s, arrivalRate: 200 }, { duration: 20s, arrivalRate: 1500 }, { duration: 20s, arrivalRate: 200 }]
    - name: uploads
      target: thumbs
      via: s3
      phases: [{ duration: 20s, arrivalRate: 5 }, { duration: 20s, arrivalRate: 60 }, { duration: 20s, arrivalRate: 5 }]
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 10
      model: { compute: 5ms, perRecord: { compute: 10ms, io: 20ms }, errorRate: 1% }
      events: [{ sqs: { queue: orders, batchSize: 10, maximumConcurrency: 5 } }]
    indexer:
      runtime: python3.12
      memorySize: 1024
      timeout: 60
      model: { compute: 20ms, perRecord: { compute: 1ms } }
      events: [{ kinesis: { stream: logs, batchSize: 100 } }]
    thumbs:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 10
      reservedConcurrency: 10
      vpc: { subnetIds: [a], securityGroupIds: [sg] }
      model:
        compute: { p50: 300ms, p99: 600ms }
        errorRate: 2%
        calls: [{ resource: internet, latency: 20ms, bytes: 200KB }]
  resources:
    orders: { type: sqs-queue, visibilityTimeout: 1m, redrivePolicy: { deadLetterQueue: orders-dlq, maxReceiveCount: 3 } }
    orders-dlq: { type: sqs-queue }
    logs: { type: kinesis-stream, shardCount: 1 }
    egress: { type: nat-gateway }
`;
