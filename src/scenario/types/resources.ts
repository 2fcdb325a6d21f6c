/** Normalized resources: databases and proxies, network, messaging and secrets. */
import type { DistSpec } from '../../engine/index.ts';

/** The database engines a scenario can name (`type:` of a database resource). */
export const DATABASE_ENGINES = ['rds-postgres', 'rds-mysql', 'aurora-postgresql', 'aurora-mysql'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export interface Database {
  readonly type: DatabaseEngine;
  readonly name: string;
  readonly instanceClass: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly maxConnections: number;
  /**
   * CPU time one query needs on one of the instance's vCPUs; running queries share the vCPUs
   * (processor sharing), and a query holds its connection while it runs.
   */
  readonly queryMs: DistSpec;
  /** Time to open a connection (TCP + TLS + auth). */
  readonly connectMs: DistSpec;
  readonly connectionScope: 'environment' | 'invocation';
  /**
   * Aurora: the cluster's reader instances. Billed (instance hours; an RDS Proxy's vCPUs) but not
   * simulated: every query runs on the writer (this database). Empty for RDS.
   */
  readonly readers: readonly DatabaseReader[];
}

/** An Aurora reader instance: its class and that class's vCPUs. */
export interface DatabaseReader {
  readonly instanceClass: string;
  readonly vcpus: number;
}

export interface RdsProxy {
  readonly type: 'rds-proxy';
  readonly name: string;
  readonly target: string;
  /**
   * Pool size and idle connections kept, as fractions 0..1 of the target's max_connections (written
   * `maxConnectionsPercent` and `maxIdleConnectionsPercent`, in percent).
   */
  readonly maxConnectionsFraction: number;
  readonly maxIdleConnectionsFraction: number;
  readonly connectionBorrowTimeoutMs: number;
  /** Fraction of client sessions pinned to one database connection, 0..1. */
  readonly pinning: number;
  readonly overheadMs: DistSpec;
}

export interface NatGateway {
  readonly type: 'nat-gateway';
  readonly name: string;
  readonly azs: number;
  readonly latencyMs: DistSpec;
}

export interface VpcEndpoint {
  readonly type: 'vpc-endpoint';
  readonly name: string;
  /** The AWS service reached, e.g. s3, dynamodb, sqs. */
  readonly service: string;
  /** gateway: S3/DynamoDB, free; interface: PrivateLink, billed per AZ-hour and per GB. */
  readonly endpointType: 'gateway' | 'interface';
  readonly azs: number;
  readonly latencyMs: DistSpec;
}

/** An SQS queue (standard, or FIFO for pricing and batch limits). */
export interface SqsQueue {
  readonly type: 'sqs-queue';
  readonly name: string;
  readonly fifo: boolean;
  readonly visibilityTimeoutMs: number;
  /** Messages older than this are deleted by SQS. */
  readonly messageRetentionMs: number;
  /** RedrivePolicy: after maxReceiveCount receives a message moves to this queue; null = none. */
  readonly deadLetterQueue: string | null;
  readonly maxReceiveCount: number;
  /** The in-flight quota: receives take nothing while this many messages are received and not deleted. */
  readonly maxInFlightMessages: number;
  /**
   * FIFO only: the message groups the messages spread over, which cap a Lambda mapping's
   * concurrency; absent when not written (not modelled: no cap).
   */
  readonly messageGroups?: number;
}

/** A Kinesis data stream or a DynamoDB stream: records in shards, read in order per shard. */
export interface DataStream {
  readonly type: 'kinesis-stream' | 'dynamodb-stream';
  readonly name: string;
  readonly shardCount: number;
  /** Records older than this are trimmed (Kinesis default 24 h; DynamoDB streams 24 h). */
  readonly retentionMs: number;
}

/**
 * An S3 bucket or SNS topic whose notifications invoke subscribed functions asynchronously and
 * are delivered to the queues (and, for a bucket, topics) of `deliverTo`.
 */
export interface Notifier {
  readonly type: 's3-bucket' | 'sns-topic';
  readonly name: string;
  /** sqs-queue names (and sns-topic names for a bucket) each notification is also delivered to. */
  readonly deliverTo: readonly string[];
}

/** A Secrets Manager secret: handlers read it with GetSecretValue (a fixed-latency call). */
export interface Secret {
  readonly type: 'secret';
  readonly name: string;
  readonly latencyMs: DistSpec;
}

export type Resource =
  | Database
  | RdsProxy
  | NatGateway
  | VpcEndpoint
  | SqsQueue
  | DataStream
  | Notifier
  | Secret;

/** Resources that hold or pass on messages: targets of traffic, calls, destinations. */
export const MESSAGING_TYPES = [
  'sqs-queue',
  'kinesis-stream',
  'dynamodb-stream',
  's3-bucket',
  'sns-topic',
] as const;
export type MessagingType = (typeof MESSAGING_TYPES)[number];
