/**
 * Defaults of `resources.<name>` by type:
 *
 * - databases: maxConnections from the engine's formula or table (./maxConnections.ts), connect 30ms,
 *   connectionScope environment.
 * - rds-proxy: maxConnectionsPercent 100, maxIdleConnectionsPercent half of maxConnectionsPercent,
 *   connectionBorrowTimeout 120s (RDS API reference, ConnectionPoolConfiguration); pinning 0; the
 *   proxy's own latency { p50: 1ms, p99: 3ms } is an assumption (⚠ no AWS figure).
 * - nat-gateway: 1 AZ, 1ms; vpc-endpoint: gateway for s3 and dynamodb (VPC docs, "Gateway
 *   endpoints"), interface otherwise, 1 AZ, 0ms.
 * - sqs-queue: standard, visibilityTimeout 30s, messageRetentionPeriod 4d (SQS API reference,
 *   CreateQueue), no redrive.
 * - kinesis-stream: 1 shard, retention 24h; dynamodb-stream: 1 shard, records kept 24h.
 * - secret: GetSecretValue round trip { p50: 15ms, p99: 60ms }, an assumption (⚠ no AWS figure).
 */
import type { DistSpec } from '../../engine/index.ts';
import { lognormalFromQuantiles } from '../../engine/index.ts';
import type { Database, RdsProxy } from '../types.ts';

const constant = (value: number): DistSpec => ({ kind: 'constant', value });

export const DATABASE_DEFAULTS: {
  readonly connectMs: DistSpec;
  readonly connectionScope: Database['connectionScope'];
} = {
  connectMs: constant(30),
  connectionScope: 'environment',
};

/** The proxy's settings when none is written (the idle share follows maxConnectionsFraction: rdsProxyIdleFraction). */
export const RDS_PROXY_DEFAULTS: Omit<RdsProxy, 'type' | 'name' | 'target'> = {
  maxConnectionsFraction: 1,
  maxIdleConnectionsFraction: 0.5,
  connectionBorrowTimeoutMs: 120_000,
  pinning: 0,
  overheadMs: { kind: 'lognormal', ...lognormalFromQuantiles(1, 3) },
};

/** maxIdleConnectionsPercent defaults to half of maxConnectionsPercent (AWS's rule). */
export const defaultIdleConnectionsFraction = (maxConnectionsFraction: number): number =>
  maxConnectionsFraction / 2;

export const NAT_GATEWAY_DEFAULTS = { azs: 1, latencyMs: constant(1) } as const;

/** Services with gateway endpoints (VPC docs, "Gateway endpoints"): S3 and DynamoDB. */
export const GATEWAY_ENDPOINT_SERVICES: ReadonlySet<string> = new Set(['s3', 'dynamodb']);

/** The `service` of the interface endpoint that serves Secrets Manager (com.amazonaws.REGION.secretsmanager). */
export const SECRETS_MANAGER_SERVICE = 'secretsmanager';

export const VPC_ENDPOINT_DEFAULTS = { azs: 1, latencyMs: constant(0) } as const;

/** Gateway endpoints exist for S3 and DynamoDB only; every other service has interface endpoints. */
export const defaultEndpointType = (service: string): 'gateway' | 'interface' =>
  GATEWAY_ENDPOINT_SERVICES.has(service) ? 'gateway' : 'interface';

export const SQS_QUEUE_DEFAULTS = {
  fifo: false,
  visibilityTimeoutMs: 30_000,
  messageRetentionMs: 4 * 86_400_000,
  /**
   * Messages per queue in flight (received, not yet deleted): "a maximum of approximately 120,000"
   * for most standard queues, 120,000 for FIFO queues; with long polling (Lambda's) SQS returns no
   * error, receives just get nothing; AWS Support raises it. SQS developer guide, "Amazon SQS
   * standard queue quotas" and "Amazon SQS FIFO queue quotas", read 2026-12-07.
   */
  maxInFlightMessages: 120_000,
} as const;

export const STREAM_DEFAULTS = { shardCount: 1, retentionMs: 86_400_000 } as const;

export const SECRET_DEFAULT_LATENCY: DistSpec = { kind: 'lognormal', ...lognormalFromQuantiles(15, 60) };
