/**
 * Written `resources.<name>`, by `type`: databases (RDS / Aurora), RDS Proxy, NAT gateway, VPC endpoint,
 * and the messaging resources traffic and functions write to: SQS queue, Kinesis data stream,
 * DynamoDB stream, S3 bucket, SNS topic.
 */
import * as z from 'zod';
import { KNOWN_DB_INSTANCE_CLASSES } from '../defaults/dbInstanceClasses.ts';
import { describeValue, gotText } from '../quantities.ts';
import { DATABASE_ENGINES } from '../types/resources.ts';
import { DISTRIBUTION_HELP, distribution } from './distribution.ts';
import {
  boolean,
  duration,
  durationOrSeconds,
  fraction,
  integer,
  list,
  mapping,
  oneOf,
  percentage,
  reference,
  text,
} from './leaves.ts';
import { doc, isRecord, opt } from './registry.ts';

export const RESOURCE_TYPES = [
  ...DATABASE_ENGINES,
  'rds-proxy',
  'nat-gateway',
  'vpc-endpoint',
  'sqs-queue',
  'kinesis-stream',
  'dynamodb-stream',
  's3-bucket',
  'sns-topic',
  'secret',
] as const;

export const database = mapping(
  {
    type: doc(oneOf(DATABASE_ENGINES, 'a database engine'), DATABASE_ENGINES.join(' | ')),
    instanceClass: doc(
      oneOf(KNOWN_DB_INSTANCE_CLASSES as [string, ...string[]], 'a DB instance class'),
      'DB instance class, e.g. db.r6g.large.',
    ),
    maxConnections: opt(integer(1), "max_connections. Default: the engine's formula or table for the class."),
    readers: opt(
      list(
        oneOf(KNOWN_DB_INSTANCE_CLASSES as [string, ...string[]], 'a DB instance class'),
        'reader classes',
      ),
      "Aurora only: the instance class of each reader instance of the cluster. Billed per instance hour like the writer (AWS bills every instance of a cluster) and counted in an RDS Proxy's vCPUs; not simulated: queries run on the writer. Default: none.",
    ),
    query: doc(
      distribution,
      `CPU time one query needs on one of the instance's vCPUs (running queries share them: processor sharing); the query holds its connection while it runs. ${DISTRIBUTION_HELP}`,
    ),
    connect: opt(distribution, 'Time to open a connection (TCP + TLS + auth). Default 30ms.'),
    connectionScope: opt(
      oneOf(['environment', 'invocation']),
      'environment (default): opened at first use, held until the environment dies; invocation: opened and closed by every invocation.',
    ),
  },
  'a database',
);

export const rdsProxy = mapping(
  {
    type: z.literal('rds-proxy'),
    target: doc(reference('a database resource'), 'The database resource behind the proxy.'),
    maxConnectionsPercent: opt(
      percentage,
      'Pool size as a percentage of the target max_connections, 1..100. Default 100.',
    ),
    maxIdleConnectionsPercent: opt(
      percentage,
      'Idle connections kept, as a percentage of max_connections, 0..maxConnectionsPercent. Default: half of maxConnectionsPercent (50).',
    ),
    connectionBorrowTimeout: opt(
      duration,
      'How long a client waits for a pooled connection, 0s..300s (the RDS API range). Default 120s.',
    ),
    pinning: opt(fraction, 'Fraction of client sessions pinned to one database connection. Default 0%.'),
    overhead: opt(distribution, 'Latency the proxy adds per query. Default { p50: 1ms, p99: 3ms }.'),
  },
  'an RDS proxy',
);

export const natGateway = mapping(
  {
    type: z.literal('nat-gateway'),
    azs: opt(integer(1), 'Availability zones, one NAT gateway (billed hourly) each. Default 1.'),
    latency: opt(distribution, 'Latency the gateway adds per call. Default 1ms.'),
  },
  'a NAT gateway',
);

export const vpcEndpoint = mapping(
  {
    type: z.literal('vpc-endpoint'),
    service: doc(
      text,
      'The AWS service reached through the endpoint, e.g. s3, dynamodb, sqs, secretsmanager.',
    ),
    endpointType: opt(
      oneOf(['gateway', 'interface']),
      'gateway (S3 and DynamoDB only; free) | interface (PrivateLink; billed per AZ-hour and per GB). Default: gateway for s3 and dynamodb, interface otherwise.',
    ),
    azs: opt(integer(1), 'Availability zones of an interface endpoint (billed hourly each). Default 1.'),
    latency: opt(distribution, 'Latency the endpoint adds per call. Default 0ms.'),
  },
  'a VPC endpoint',
);

export const sqsQueue = mapping(
  {
    type: z.literal('sqs-queue'),
    fifo: opt(boolean, 'A FIFO queue (FIFO prices; batches of at most 10). Default false.'),
    visibilityTimeout: opt(
      durationOrSeconds,
      'How long a received message stays hidden, 0s..12h (a bare number is seconds). Default 30s. AWS advises at least 6 times the timeout of a consuming function.',
    ),
    messageRetentionPeriod: opt(
      durationOrSeconds,
      'Messages older than this are deleted, 60s..14d (a bare number is seconds). Default 4d.',
    ),
    redrivePolicy: opt(
      mapping(
        {
          deadLetterQueue: doc(
            reference('an sqs-queue resource'),
            'The dead-letter queue (an sqs-queue resource).',
          ),
          maxReceiveCount: doc(
            integer(1, 1000),
            'Receives after which a message moves to the dead-letter queue, 1..1000 (AWS advises at least 5 for Lambda).',
          ),
        },
        'a redrive policy { deadLetterQueue, maxReceiveCount }',
      ),
      'RedrivePolicy: where messages go after maxReceiveCount receives.',
    ),
    messageGroups: opt(
      integer(1, 1_000_000),
      'FIFO queues: the message groups (MessageGroupId) the messages spread over. A Lambda mapping on the queue then runs at most this many batches at once (AWS: a FIFO mapping scales to the number of active message groups); the order within a group is not modelled. Default: not modelled (the mapping scales as for a standard queue, with a warning).',
    ),
    maxInFlightMessages: opt(
      integer(1, 100_000_000),
      'The in-flight quota: messages received and not yet deleted (failed ones count until their visibility timeout ends); at it, receives get nothing (Lambda long-polls: no error). Default 120000, the quota of standard and FIFO queues; AWS Support raises it.',
    ),
  },
  'an SQS queue',
);

const streamShards = opt(
  integer(1, 10000),
  'Shards (each read by one batch at a time per parallelization slot). Default 1.',
);

export const kinesisStream = mapping(
  {
    type: z.literal('kinesis-stream'),
    shardCount: streamShards,
    retentionPeriod: opt(
      duration,
      'RetentionPeriodHours: records older than this are trimmed, 24h..365d. Default 24h.',
    ),
  },
  'a Kinesis data stream',
);

export const dynamodbStream = mapping(
  {
    type: z.literal('dynamodb-stream'),
    shardCount: streamShards,
  },
  'a DynamoDB stream (records kept 24 hours)',
);

/** `deliverTo` of a bucket or topic: the non-function destinations of its notifications. */
const deliverTo = (what: string, doc: string) =>
  opt(
    list(reference(`an ${what} resource`), `${what} names`),
    `${doc} Functions subscribe through their own events. Default: none.`,
  );

export const s3Bucket = mapping(
  {
    type: z.literal('s3-bucket'),
    deliverTo: deliverTo(
      'sqs-queue or sns-topic',
      "Event notification destinations other than functions (S3 NotificationConfiguration's QueueConfigurations and TopicConfigurations): standard sqs-queue and sns-topic resources each object created is also notified to.",
    ),
  },
  'an S3 bucket',
);
export const snsTopic = mapping(
  {
    type: z.literal('sns-topic'),
    deliverTo: deliverTo(
      'sqs-queue',
      'SQS queues subscribed to the topic (a subscription with Protocol sqs): each message published is delivered to each, for free (a standard topic; FIFO queues need a FIFO topic, not modelled).',
    ),
  },
  'an SNS topic',
);

export const secret = mapping(
  {
    type: z.literal('secret'),
    latency: opt(
      distribution,
      'Round trip of one GetSecretValue call. Default { p50: 15ms, p99: 60ms } (an assumption: no AWS figure).',
    ),
  },
  'a Secrets Manager secret',
);

export const resource = z.discriminatedUnion(
  'type',
  [
    database,
    rdsProxy,
    natGateway,
    vpcEndpoint,
    sqsQueue,
    kinesisStream,
    dynamodbStream,
    s3Bucket,
    snsTopic,
    secret,
  ],
  {
    error: (iss) => {
      const allowed = RESOURCE_TYPES.join(', ');
      if (!isRecord(iss.input))
        return `expected a resource { type: ${RESOURCE_TYPES.join(' | ')}, ... }${gotText(iss.input)}`;
      const written = iss.input.type;
      if (written === undefined) return `expected one of: ${allowed}`;
      return `unknown resource type ${describeValue(written)}; expected type: ${allowed}`;
    },
  },
);
