/**
 * The stable ids of every price lamsim bills with: what each means and its unit.
 *
 * Contract: ids never change meaning once released (scenarios override them by id in
 * `billing.prices`); the values, sources and dates per Region live in ./price-data.ts.
 * Every price is USD per one unit as written in `unit` (never "per million"). DB instance prices
 * have their own ids (DbInstancePriceId below), one per engine and instance class.
 */
import { DATABASE_ENGINES, type DatabaseEngine, KNOWN_DB_INSTANCE_CLASSES } from '../../scenario/index.ts';

export const PRICE_IDS = [
  'lambda.requests',
  'lambda.duration.x86_64.tier1',
  'lambda.duration.x86_64.tier2',
  'lambda.duration.x86_64.tier3',
  'lambda.duration.arm64.tier1',
  'lambda.duration.arm64.tier2',
  'lambda.duration.arm64.tier3',
  'lambda.provisioned.concurrency.x86_64',
  'lambda.provisioned.concurrency.arm64',
  'lambda.provisioned.duration.x86_64',
  'lambda.provisioned.duration.arm64',
  'lambda.ephemeralStorage',
  'lambda.snapStart.cache',
  'lambda.snapStart.restore',
  'lambda.responseStreaming',
  'lambda.eventPollers.sqs',
  'lambdaEdge.requests',
  'lambdaEdge.duration',
  'apiGateway.rest.tier1',
  'apiGateway.rest.tier2',
  'apiGateway.rest.tier3',
  'apiGateway.rest.tier4',
  'apiGateway.http.tier1',
  'apiGateway.http.tier2',
  'alb.hours',
  'alb.lcuHours',
  'sqs.standard.tier1',
  'sqs.standard.tier2',
  'sqs.standard.tier3',
  'sqs.fifo',
  'natGateway.hours',
  'natGateway.processed',
  'vpcEndpoint.hours',
  'vpcEndpoint.processed.tier1',
  'vpcEndpoint.processed.tier2',
  'vpcEndpoint.processed.tier3',
  'rdsProxy.vcpuHours',
  'rdsProxy.acuHours',
  'secretsManager.secretMonths',
  'secretsManager.apiCalls',
  'cloudwatchLogs.ingestion.tier1',
  'cloudwatchLogs.ingestion.tier2',
  'cloudwatchLogs.ingestion.tier3',
  'cloudwatchLogs.ingestion.tier4',
  'dataTransfer.out.tier1',
  'dataTransfer.out.tier2',
  'dataTransfer.out.tier3',
  'dataTransfer.out.tier4',
  'kinesis.shardHours',
  'kinesis.extendedRetention',
  'kinesis.putPayloadUnits',
  'kinesis.enhancedFanOut.consumerShardHours',
  'kinesis.enhancedFanOut.dataRetrievals',
  'sns.publishes',
  'eventBridge.customEvents',
  'scheduler.invocations',
  's3.putRequests',
  's3.getRequests',
] as const;

export type PriceId = (typeof PRICE_IDS)[number];

export interface PriceDefinition {
  /** What one unit is: the price is USD per one of these. */
  readonly unit: string;
  readonly description: string;
}

export const PRICE_DEFINITIONS: Readonly<Record<PriceId, PriceDefinition>> = {
  'lambda.requests': { unit: 'request', description: 'Lambda requests (regional functions)' },
  'lambda.duration.x86_64.tier1': {
    unit: 'GB-s',
    description: 'on-demand duration, x86_64, first 6B GB-s/month',
  },
  'lambda.duration.x86_64.tier2': {
    unit: 'GB-s',
    description: 'on-demand duration, x86_64, next 9B GB-s/month',
  },
  'lambda.duration.x86_64.tier3': {
    unit: 'GB-s',
    description: 'on-demand duration, x86_64, over 15B GB-s/month',
  },
  'lambda.duration.arm64.tier1': {
    unit: 'GB-s',
    description: 'on-demand duration, arm64, first 7.5B GB-s/month',
  },
  'lambda.duration.arm64.tier2': {
    unit: 'GB-s',
    description: 'on-demand duration, arm64, next 11.25B GB-s/month',
  },
  'lambda.duration.arm64.tier3': {
    unit: 'GB-s',
    description: 'on-demand duration, arm64, over 18.75B GB-s/month',
  },
  'lambda.provisioned.concurrency.x86_64': {
    unit: 'GB-s',
    description: 'provisioned concurrency configured, x86_64 (time rounded up to 5 min)',
  },
  'lambda.provisioned.concurrency.arm64': {
    unit: 'GB-s',
    description: 'provisioned concurrency configured, arm64 (time rounded up to 5 min)',
  },
  'lambda.provisioned.duration.x86_64': {
    unit: 'GB-s',
    description: 'duration of invocations served by provisioned concurrency, x86_64',
  },
  'lambda.provisioned.duration.arm64': {
    unit: 'GB-s',
    description: 'duration of invocations served by provisioned concurrency, arm64',
  },
  'lambda.ephemeralStorage': { unit: 'GB-s', description: 'ephemeral storage (/tmp) above the free 512 MB' },
  'lambda.snapStart.cache': {
    unit: 'GB-s',
    description: 'SnapStart cache (Python, .NET), per version active',
  },
  'lambda.snapStart.restore': {
    unit: 'GB',
    description: 'SnapStart restore (Python, .NET), per GB of memory',
  },
  'lambda.responseStreaming': {
    unit: 'GB',
    description: 'response streaming beyond the first 6 MB per response',
  },
  'lambda.eventPollers.sqs': {
    unit: 'EPU-hour',
    description: 'event pollers of SQS event source mappings in provisioned mode, per poller-hour',
  },
  'lambdaEdge.requests': { unit: 'request', description: 'Lambda@Edge requests' },
  'lambdaEdge.duration': {
    unit: 'GB-s',
    description: 'Lambda@Edge duration (= $0.00000625125 per 128 MB-s)',
  },
  'apiGateway.rest.tier1': {
    unit: 'request',
    description: 'API Gateway REST API, first 333M requests/month',
  },
  'apiGateway.rest.tier2': { unit: 'request', description: 'API Gateway REST API, next 667M requests/month' },
  'apiGateway.rest.tier3': { unit: 'request', description: 'API Gateway REST API, next 19B requests/month' },
  'apiGateway.rest.tier4': { unit: 'request', description: 'API Gateway REST API, over 20B requests/month' },
  'apiGateway.http.tier1': {
    unit: 'request',
    description: 'API Gateway HTTP API, first 300M requests/month (512 KB units)',
  },
  'apiGateway.http.tier2': {
    unit: 'request',
    description: 'API Gateway HTTP API, over 300M requests/month (512 KB units)',
  },
  'alb.hours': { unit: 'ALB-hour', description: 'Application Load Balancer, per hour' },
  'alb.lcuHours': { unit: 'LCU-hour', description: 'Application Load Balancer capacity units' },
  'sqs.standard.tier1': {
    unit: 'request',
    description: 'SQS standard queue, first 100B requests/month (64 KB chunks)',
  },
  'sqs.standard.tier2': { unit: 'request', description: 'SQS standard queue, next 100B requests/month' },
  'sqs.standard.tier3': { unit: 'request', description: 'SQS standard queue, over 200B requests/month' },
  'sqs.fifo': { unit: 'request', description: 'SQS FIFO queue requests (64 KB chunks)' },
  'natGateway.hours': { unit: 'gateway-hour', description: 'NAT gateway, per gateway (one per AZ) per hour' },
  'natGateway.processed': { unit: 'GB', description: 'NAT gateway data processed, both directions' },
  'vpcEndpoint.hours': { unit: 'endpoint-AZ-hour', description: 'VPC interface endpoint, per AZ per hour' },
  'vpcEndpoint.processed.tier1': { unit: 'GB', description: 'VPC interface endpoint data, first 1 PB/month' },
  'vpcEndpoint.processed.tier2': { unit: 'GB', description: 'VPC interface endpoint data, next 4 PB/month' },
  'vpcEndpoint.processed.tier3': { unit: 'GB', description: 'VPC interface endpoint data, over 5 PB/month' },
  'rdsProxy.vcpuHours': { unit: 'vCPU-hour', description: 'RDS Proxy, per vCPU of the target (minimum 2)' },
  'rdsProxy.acuHours': {
    unit: 'ACU-hour',
    description: 'RDS Proxy for Aurora Serverless v2, per ACU (minimum 8)',
  },
  'secretsManager.secretMonths': {
    unit: 'secret-month',
    description: 'Secrets Manager, per secret per month',
  },
  'secretsManager.apiCalls': {
    unit: 'API call',
    description: 'Secrets Manager API calls ($0.05 per 10,000)',
  },
  'cloudwatchLogs.ingestion.tier1': {
    unit: 'GB',
    description: 'CloudWatch Logs ingestion (Lambda logs), first 10,000 GB/month',
  },
  'cloudwatchLogs.ingestion.tier2': {
    unit: 'GB',
    description: 'CloudWatch Logs ingestion (Lambda logs), next 20,000 GB/month',
  },
  'cloudwatchLogs.ingestion.tier3': {
    unit: 'GB',
    description: 'CloudWatch Logs ingestion (Lambda logs), next 20,000 GB/month',
  },
  'cloudwatchLogs.ingestion.tier4': {
    unit: 'GB',
    description: 'CloudWatch Logs ingestion (Lambda logs), over 50,000 GB/month',
  },
  'dataTransfer.out.tier1': {
    unit: 'GB',
    description: 'data transfer out to the internet, up to 10 TB/month',
  },
  'dataTransfer.out.tier2': {
    unit: 'GB',
    description: 'data transfer out to the internet, next 40 TB/month',
  },
  'dataTransfer.out.tier3': {
    unit: 'GB',
    description: 'data transfer out to the internet, next 100 TB/month',
  },
  'dataTransfer.out.tier4': {
    unit: 'GB',
    description: 'data transfer out to the internet, over 150 TB/month',
  },
  'kinesis.shardHours': {
    unit: 'shard-hour',
    description: 'Kinesis Data Streams (provisioned), per shard per hour',
  },
  'kinesis.extendedRetention': {
    unit: 'shard-hour',
    description: 'Kinesis extended data retention (over 24 h, up to 7 days), per shard per hour',
  },
  'kinesis.putPayloadUnits': {
    unit: 'PUT payload unit',
    description: 'Kinesis PUT payload units (25 KB chunks of each record)',
  },
  'kinesis.enhancedFanOut.consumerShardHours': {
    unit: 'consumer-shard-hour',
    description: 'Kinesis enhanced fan-out (provisioned), per registered consumer per shard per hour',
  },
  'kinesis.enhancedFanOut.dataRetrievals': {
    unit: 'GB',
    description: 'Kinesis enhanced fan-out data retrievals (provisioned), per GB pushed to a consumer',
  },
  'sns.publishes': { unit: 'request', description: 'SNS standard topic publishes (64 KB chunks)' },
  'eventBridge.customEvents': {
    unit: 'event',
    description: 'EventBridge custom events put on an event bus (64 KB chunks)',
  },
  'scheduler.invocations': { unit: 'invocation', description: 'EventBridge Scheduler invocations' },
  's3.putRequests': { unit: 'request', description: 'S3 Standard PUT, COPY, POST, LIST requests' },
  's3.getRequests': { unit: 'request', description: 'S3 Standard GET, SELECT requests' },
};

/**
 * The hourly price of a DB instance: `database.<engine>.<instance class>`, e.g.
 * `database.rds-postgres.db.r6g.large` (USD per instance-hour, on-demand, single-AZ). Values per
 * Region live in ./db-price-data.ts; classes without a published value can be priced by override.
 */
export type DbInstancePriceId = `database.${DatabaseEngine}.${string}`;

export const dbInstancePriceId = (engine: DatabaseEngine, instanceClass: string): DbInstancePriceId =>
  `database.${engine}.${instanceClass}`;

const DB_PRICE_ID = /^database\.([a-z-]+)\.(db\..+)$/;

/** Whether `id` names the hourly price of a known engine and DB instance class. */
export function isDbInstancePriceId(id: string): id is DbInstancePriceId {
  const m = DB_PRICE_ID.exec(id);
  return (
    m !== null &&
    (DATABASE_ENGINES as readonly string[]).includes(m[1]) &&
    KNOWN_DB_INSTANCE_CLASSES.includes(m[2])
  );
}

export function isPriceId(id: string): id is PriceId {
  return Object.hasOwn(PRICE_DEFINITIONS, id);
}
