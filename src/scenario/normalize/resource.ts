/**
 * Written `resources.<name>` -> Resource drafts, defaults filled from ../defaults/resources.ts
 * (maxConnections of a database: ../defaults/maxConnections.ts).
 */

import type { z } from 'zod';
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
import {
  database,
  dynamodbStream,
  kinesisStream,
  natGateway,
  rdsProxy,
  s3Bucket,
  secret,
  snsTopic,
  sqsQueue,
  vpcEndpoint,
} from '../schema/resource.ts';
import type { Resource } from '../types.ts';
import { type Context, type Draft, Fields } from './context.ts';
import { constant, fractionOf, millis, ms, percent } from './convert.ts';
import { normalizeDistribution, type WrittenDistribution } from './distribution.ts';

export function normalizeResource(
  name: string,
  type: Resource['type'],
  raw: Record<string, unknown>,
  path: Path,
  ctx: Context,
): Draft<Resource> {
  const dist = (key: string) => (v: WrittenDistribution) => normalizeDistribution(v, [...path, key], ctx);
  const fields = <S extends z.ZodObject>(schema: S) => new Fields(schema, raw, path, ctx);
  let value: Resource;
  let bad: ReadonlySet<string>;
  if (type === 'rds-proxy') {
    const f = fields(rdsProxy);
    const d = RDS_PROXY_DEFAULTS;
    const maxConnectionsFraction = f.get('maxConnectionsPercent', percent, d.maxConnectionsFraction);
    value = {
      type,
      name,
      target: f.or('target', ''),
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
    bad = f.bad;
  } else if (type === 'secret') {
    const f = fields(secret);
    value = { type, name, latencyMs: f.get('latency', dist('latency'), SECRET_DEFAULT_LATENCY) };
    bad = f.bad;
  } else if (type === 'vpc-endpoint') {
    const f = fields(vpcEndpoint);
    const service = f.or('service', '');
    value = {
      type,
      name,
      service,
      endpointType: f.or('endpointType', defaultEndpointType(service)),
      azs: f.or('azs', VPC_ENDPOINT_DEFAULTS.azs),
      latencyMs: f.get('latency', dist('latency'), VPC_ENDPOINT_DEFAULTS.latencyMs),
    };
    bad = f.bad;
  } else if (type === 'sqs-queue') {
    const f = fields(sqsQueue);
    const redrive = f.get('redrivePolicy', (v) => v, undefined);
    const messageGroups = f.get('messageGroups', (v) => v, undefined);
    value = {
      type,
      name,
      fifo: f.or('fifo', SQS_QUEUE_DEFAULTS.fifo),
      visibilityTimeoutMs: f.get('visibilityTimeout', millis, SQS_QUEUE_DEFAULTS.visibilityTimeoutMs),
      messageRetentionMs: f.get('messageRetentionPeriod', millis, SQS_QUEUE_DEFAULTS.messageRetentionMs),
      deadLetterQueue: redrive?.deadLetterQueue ?? null,
      maxReceiveCount: redrive?.maxReceiveCount ?? 0,
      maxInFlightMessages: f.or('maxInFlightMessages', SQS_QUEUE_DEFAULTS.maxInFlightMessages),
      // Only when written: a scenario without it normalizes (and hashes) as before.
      ...(messageGroups !== undefined ? { messageGroups } : {}),
    };
    bad = f.bad;
  } else if (type === 'kinesis-stream') {
    const f = fields(kinesisStream);
    value = {
      type,
      name,
      shardCount: f.or('shardCount', STREAM_DEFAULTS.shardCount),
      retentionMs: f.get('retentionPeriod', ms, STREAM_DEFAULTS.retentionMs),
    };
    bad = f.bad;
  } else if (type === 'dynamodb-stream') {
    const f = fields(dynamodbStream);
    value = {
      type,
      name,
      shardCount: f.or('shardCount', STREAM_DEFAULTS.shardCount),
      retentionMs: STREAM_DEFAULTS.retentionMs,
    };
    bad = f.bad;
  } else if (type === 's3-bucket' || type === 'sns-topic') {
    const f = fields(type === 's3-bucket' ? s3Bucket : snsTopic);
    value = { type, name, deliverTo: f.or('deliverTo', [] as string[]) };
    bad = f.bad;
  } else if (type === 'nat-gateway') {
    const f = fields(natGateway);
    value = {
      type,
      name,
      azs: f.or('azs', NAT_GATEWAY_DEFAULTS.azs),
      latencyMs: f.get('latency', dist('latency'), NAT_GATEWAY_DEFAULTS.latencyMs),
    };
    bad = f.bad;
  } else {
    const f = fields(database);
    const instanceClass = f.or('instanceClass', 'db.t3.micro');
    if (!f.has('instanceClass')) f.markBad('instanceClass');
    const spec = DB_INSTANCE_CLASSES[instanceClass] ?? { vcpus: 2, memoryGiB: 1 };
    value = {
      type,
      name,
      instanceClass,
      vcpus: spec.vcpus,
      memoryGiB: spec.memoryGiB,
      maxConnections: f.or('maxConnections', defaultMaxConnections(type, instanceClass)),
      queryMs: f.get('query', dist('query'), constant(0)),
      connectMs: f.get('connect', dist('connect'), DATABASE_DEFAULTS.connectMs),
      connectionScope: f.or('connectionScope', DATABASE_DEFAULTS.connectionScope),
      readers: f.or('readers', []).map((c) => ({
        instanceClass: c,
        vcpus: (DB_INSTANCE_CLASSES[c] ?? { vcpus: 2 }).vcpus,
      })),
    };
    if (!f.has('query')) f.markBad('query');
    bad = f.bad;
  }
  return { value, path, bad };
}
