/**
 * Written `resources.<name>`, by `type`: databases (RDS / Aurora), RDS Proxy, NAT gateway, VPC endpoint.
 */
import { z } from 'zod';
import { KNOWN_DB_INSTANCE_CLASSES } from '../defaults/dbInstanceClasses.ts';
import { describeValue, gotText } from '../quantities.ts';
import { DISTRIBUTION_HELP, distribution } from './distribution.ts';
import { duration, fraction, integer, mapping, oneOf, percentage, reference, text } from './leaves.ts';
import { doc, isRecord, opt } from './registry.ts';

export const DATABASE_ENGINES = ['rds-postgres', 'rds-mysql', 'aurora-postgresql', 'aurora-mysql'] as const;
export const RESOURCE_TYPES = [...DATABASE_ENGINES, 'rds-proxy', 'nat-gateway', 'vpc-endpoint'] as const;

export const database = mapping(
  {
    type: doc(oneOf(DATABASE_ENGINES, 'a database engine'), DATABASE_ENGINES.join(' | ')),
    instanceClass: doc(
      oneOf(KNOWN_DB_INSTANCE_CLASSES as [string, ...string[]], 'a DB instance class'),
      'DB instance class, e.g. db.r6g.large.',
    ),
    maxConnections: opt(integer(1), "max_connections. Default: the engine's formula or table for the class."),
    query: doc(distribution, `Time one query holds a connection. ${DISTRIBUTION_HELP}`),
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
      'How long a client waits for a pooled connection, 0s..3600s. Default 120s.',
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
    service: doc(text, 'The AWS service reached through the endpoint, e.g. s3, dynamodb, sqs, secretsmanager.'),
    endpointType: opt(
      oneOf(['gateway', 'interface']),
      'gateway (S3 and DynamoDB only; free) | interface (PrivateLink; billed per AZ-hour and per GB). Default: gateway for s3 and dynamodb, interface otherwise.',
    ),
    azs: opt(integer(1), 'Availability zones of an interface endpoint (billed hourly each). Default 1.'),
    latency: opt(distribution, 'Latency the endpoint adds per call. Default 0ms.'),
  },
  'a VPC endpoint',
);

export const resource = z.discriminatedUnion('type', [database, rdsProxy, natGateway, vpcEndpoint], {
  error: (iss) => {
    const allowed = RESOURCE_TYPES.join(', ');
    if (!isRecord(iss.input))
      return `expected a resource { type: ${RESOURCE_TYPES.join(' | ')}, ... }${gotText(iss.input)}`;
    const written = iss.input.type;
    if (written === undefined) return `expected one of: ${allowed}`;
    return `unknown resource type ${describeValue(written)}; expected type: ${allowed}`;
  },
});
