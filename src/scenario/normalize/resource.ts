/**
 * Written `resources.<name>` -> Resource drafts, defaults filled:
 * databases: maxConnections from the engine's formula/table (../defaults/maxConnections.ts),
 *   connect 30ms, connectionScope environment;
 * rds-proxy: maxConnectionsPercent 100, maxIdleConnectionsPercent half of maxConnectionsPercent (AWS's
 *   rule; 50 for the default 100), connectionBorrowTimeout 120s, pinning 0, overhead { p50: 1ms, p99: 3ms };
 * nat-gateway: azs 1, latency 1ms;
 * vpc-endpoint: gateway for s3/dynamodb (interface otherwise), azs 1, latency 0ms;
 * sqs-queue: standard, visibilityTimeout 30s, messageRetentionPeriod 4d (SQS defaults), no redrive;
 * kinesis-stream: shardCount 1, retentionPeriod 24h; dynamodb-stream: shardCount 1, retention 24h.
 */

import { lognormalFromQuantiles } from '../../engine/distributions.ts';
import { DB_INSTANCE_CLASSES } from '../defaults/dbInstanceClasses.ts';
import { defaultMaxConnections } from '../defaults/maxConnections.ts';
import type { Path } from '../issues.ts';
import { parsePercentage } from '../quantities.ts';
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
import { constant, ms, normalizeDistribution } from './distribution.ts';
import { fractionOf, millis, unwrap } from './function.ts';

/** GetSecretValue round trip: no AWS figure, an assumption (⚠). */
export const SECRET_DEFAULT_LATENCY = { kind: 'lognormal' as const, ...lognormalFromQuantiles(15, 60) };

/** Services with gateway endpoints (VPC docs, "Gateway endpoints"): S3 and DynamoDB. */
export const GATEWAY_ENDPOINT_SERVICES: ReadonlySet<string> = new Set(['s3', 'dynamodb']);

/** The `service` of the interface endpoint that serves Secrets Manager (com.amazonaws.REGION.secretsmanager). */
export const SECRETS_MANAGER_SERVICE = 'secretsmanager';

export const PROXY_DEFAULT_OVERHEAD = { kind: 'lognormal' as const, ...lognormalFromQuantiles(1, 3) };

const same = <T>(value: T): T => value;
const percent = (value: unknown): number => unwrap(parsePercentage(value));

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
    const maxConnectionsFraction = f.get('maxConnectionsPercent', percent, 1);
    const proxy: RdsProxy = {
      type,
      name,
      target: f.get('target', same<string>, ''),
      maxConnectionsFraction,
      maxIdleConnectionsFraction: f.get('maxIdleConnectionsPercent', percent, maxConnectionsFraction / 2),
      connectionBorrowTimeoutMs: f.get('connectionBorrowTimeout', ms, 120_000),
      pinning: f.get('pinning', fractionOf, 0),
      overheadMs: f.get('overhead', dist('overhead'), PROXY_DEFAULT_OVERHEAD),
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
      endpointType: f.get(
        'endpointType',
        same<VpcEndpoint['endpointType']>,
        GATEWAY_ENDPOINT_SERVICES.has(service) ? 'gateway' : 'interface',
      ),
      azs: f.get('azs', same<number>, 1),
      latencyMs: f.get('latency', dist('latency'), constant(0)),
    };
    value = endpoint;
  } else if (type === 'sqs-queue') {
    const redrive = raw.redrivePolicy as { deadLetterQueue: string; maxReceiveCount: number } | undefined;
    const queue: SqsQueue = {
      type,
      name,
      fifo: f.get('fifo', same<boolean>, false),
      visibilityTimeoutMs: f.get('visibilityTimeout', millis, 30_000),
      messageRetentionMs: f.get('messageRetentionPeriod', millis, 4 * 86_400_000),
      deadLetterQueue: f.valid('redrivePolicy') ? (redrive?.deadLetterQueue ?? null) : null,
      maxReceiveCount: f.valid('redrivePolicy') ? (redrive?.maxReceiveCount ?? 0) : 0,
    };
    if (ctx.invalid([...path, 'redrivePolicy'])) f.markBad('redrivePolicy');
    value = queue;
  } else if (type === 'kinesis-stream' || type === 'dynamodb-stream') {
    const stream: DataStream = {
      type,
      name,
      shardCount: f.get('shardCount', same<number>, 1),
      retentionMs: type === 'kinesis-stream' ? f.get('retentionPeriod', ms, 86_400_000) : 86_400_000,
    };
    value = stream;
  } else if (type === 's3-bucket' || type === 'sns-topic') {
    const notifier: Notifier = { type, name };
    value = notifier;
  } else if (type === 'nat-gateway') {
    const nat: NatGateway = {
      type,
      name,
      azs: f.get('azs', same<number>, 1),
      latencyMs: f.get('latency', dist('latency'), constant(1)),
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
      connectMs: f.get('connect', dist('connect'), constant(30)),
      connectionScope: f.get('connectionScope', same<Database['connectionScope']>, 'environment'),
    };
    if (raw.query === undefined) f.markBad('query');
    value = db;
  }
  return { value, path, bad: f.bad };
}
