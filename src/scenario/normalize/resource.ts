/**
 * Written `resources.<name>` -> Resource drafts, defaults filled from ../defaults/resources.ts
 * (maxConnections of a database: ../defaults/maxConnections.ts).
 */

import { DB_INSTANCE_CLASSES } from '../defaults/dbInstanceClasses.ts';
import { defaultMaxConnections } from '../defaults/maxConnections.ts';
import {
  DATABASE_DEFAULTS,
  defaultEndpointType,
  defaultIdleConnectionsFraction,
  NAT_GATEWAY_DEFAULTS,
  RDS_PROXY_DEFAULTS,
  SECRET_DEFAULT_LATENCY,
  SQS_QUEUE_DEFAULTS,
  STREAM_DEFAULTS,
  VPC_ENDPOINT_DEFAULTS,
} from '../defaults/resources.ts';
import type { Path } from '../issues.ts';
import type {
  Database,
  DatabaseEngine,
  DataStream,
  NatGateway,
  Notifier,
  RdsProxy,
  Resource,
  Secret,
  SqsQueue,
  VpcEndpoint,
} from '../types.ts';
import { type Context, type Draft, Fields } from './context.ts';
import { constant, fractionOf, millis, ms, percent } from './convert.ts';
import { normalizeDistribution } from './distribution.ts';

const same = <T>(value: T): T => value;

export function normalizeResource(
  name: string,
  raw: Record<string, unknown>,
  path: Path,
  ctx: Context,
): Draft<Resource> {
  const f = new Fields(raw, path, ctx);
  const dist = (key: string) => (v: unknown) => normalizeDistribution(v, [...path, key], ctx);
  const type = raw.type as Resource['type'];
  let value: Resource;
  if (type === 'rds-proxy') {
    const d = RDS_PROXY_DEFAULTS;
    const maxConnectionsFraction = f.get('maxConnectionsPercent', percent, d.maxConnectionsFraction);
    const proxy: RdsProxy = {
      type,
      name,
      target: f.get('target', same<string>, ''),
      maxConnectionsFraction,
      maxIdleConnectionsFraction: f.get(
        'maxIdleConnectionsPercent',
        percent,
        defaultIdleConnectionsFraction(maxConnectionsFraction),
      ),
      connectionBorrowTimeoutMs: f.get('connectionBorrowTimeout', ms, d.connectionBorrowTimeoutMs),
      pinning: f.get('pinning', fractionOf, d.pinning),
      overheadMs: f.get('overhead', dist('overhead'), d.overheadMs),
    };
    value = proxy;
  } else if (type === 'secret') {
    const secret: Secret = {
      type,
      name,
      latencyMs: f.get('latency', dist('latency'), SECRET_DEFAULT_LATENCY),
    };
    value = secret;
  } else if (type === 'vpc-endpoint') {
    const service = f.get('service', same<string>, '');
    const endpoint: VpcEndpoint = {
      type,
      name,
      service,
      endpointType: f.get('endpointType', same<VpcEndpoint['endpointType']>, defaultEndpointType(service)),
      azs: f.get('azs', same<number>, VPC_ENDPOINT_DEFAULTS.azs),
      latencyMs: f.get('latency', dist('latency'), VPC_ENDPOINT_DEFAULTS.latencyMs),
    };
    value = endpoint;
  } else if (type === 'sqs-queue') {
    const redrive = raw.redrivePolicy as { deadLetterQueue: string; maxReceiveCount: number } | undefined;
    const queue: SqsQueue = {
      type,
      name,
      fifo: f.get('fifo', same<boolean>, SQS_QUEUE_DEFAULTS.fifo),
      visibilityTimeoutMs: f.get('visibilityTimeout', millis, SQS_QUEUE_DEFAULTS.visibilityTimeoutMs),
      messageRetentionMs: f.get('messageRetentionPeriod', millis, SQS_QUEUE_DEFAULTS.messageRetentionMs),
      deadLetterQueue: f.valid('redrivePolicy') ? (redrive?.deadLetterQueue ?? null) : null,
      maxReceiveCount: f.valid('redrivePolicy') ? (redrive?.maxReceiveCount ?? 0) : 0,
    };
    if (ctx.invalid([...path, 'redrivePolicy'])) f.markBad('redrivePolicy');
    value = queue;
  } else if (type === 'kinesis-stream' || type === 'dynamodb-stream') {
    const stream: DataStream = {
      type,
      name,
      shardCount: f.get('shardCount', same<number>, STREAM_DEFAULTS.shardCount),
      retentionMs:
        type === 'kinesis-stream'
          ? f.get('retentionPeriod', ms, STREAM_DEFAULTS.retentionMs)
          : STREAM_DEFAULTS.retentionMs,
    };
    value = stream;
  } else if (type === 's3-bucket' || type === 'sns-topic') {
    const notifier: Notifier = { type, name };
    value = notifier;
  } else if (type === 'nat-gateway') {
    const nat: NatGateway = {
      type,
      name,
      azs: f.get('azs', same<number>, NAT_GATEWAY_DEFAULTS.azs),
      latencyMs: f.get('latency', dist('latency'), NAT_GATEWAY_DEFAULTS.latencyMs),
    };
    value = nat;
  } else {
    const engine = type as DatabaseEngine;
    const instanceClass = f.get('instanceClass', same<string>, 'db.t3.micro');
    if (raw.instanceClass === undefined) f.markBad('instanceClass');
    const spec = DB_INSTANCE_CLASSES[instanceClass] ?? { vcpus: 2, memoryGiB: 1 };
    const db: Database = {
      type: engine,
      name,
      instanceClass,
      vcpus: spec.vcpus,
      memoryGiB: spec.memoryGiB,
      maxConnections: f.get('maxConnections', same<number>, defaultMaxConnections(engine, instanceClass)),
      queryMs: f.get('query', dist('query'), constant(0)),
      connectMs: f.get('connect', dist('connect'), DATABASE_DEFAULTS.connectMs),
      connectionScope: f.get(
        'connectionScope',
        same<Database['connectionScope']>,
        DATABASE_DEFAULTS.connectionScope,
      ),
    };
    if (raw.query === undefined) f.markBad('query');
    value = db;
  }
  return { value, path, bad: f.bad };
}
