/**
 * Price tables as data: every price per Region with its source, the date the source was read, and
 * (when known) the date the price took effect. Each source is named beside its value: the AWS
 * pricing page or whitepaper it was read on, or the third-party pages that quote it (read
 * 2026-11-21 unless noted).
 *
 * Contract: values are USD per one unit of PRICE_DEFINITIONS[id].unit; tier boundaries are in the
 * same unit, cumulative over the month; free-tier allowances are the always-free monthly amounts.
 * `confidence`: `aws` = read on an AWS page or AWS example; `aws-copy` = an AWS table as copied
 * by third parties (and consistent with AWS examples); `third-party` = not read on an AWS page.
 * Adding a Region = adding one `RegionPrices` value below and to REGION_PRICES.
 */
import { DB_INSTANCES_US_EAST_1, type DbInstancePrices } from './db-price-data.ts';
import type { PriceId } from './price-ids.ts';

export interface PriceSource {
  readonly usd: number;
  readonly source: string;
  readonly confidence: 'aws' | 'aws-copy' | 'third-party';
  /** The date the source was read (YYYY-MM-DD). */
  readonly asOf: string;
  /** The date the price took effect, when known (YYYY-MM or YYYY-MM-DD). */
  readonly since?: string;
  /** Set when the Region has no data of its own for this price and us-east-1's is used. */
  readonly fallbackFrom?: 'us-east-1';
}

/** A volume tier: applies to the month's units up to `upTo` (cumulative); the last one is Infinity. */
export interface Tier {
  readonly upTo: number;
  readonly price: PriceId;
}

export interface RegionPrices {
  readonly region: string;
  readonly prices: Readonly<Record<PriceId, PriceSource>>;
  readonly tiers: {
    /** GB-s per architecture (aggregated over the account's functions of that architecture). */
    readonly lambdaDurationX86: readonly Tier[];
    readonly lambdaDurationArm: readonly Tier[];
    readonly apiGatewayRest: readonly Tier[];
    readonly apiGatewayHttp: readonly Tier[];
    readonly sqsStandard: readonly Tier[];
    /** GB */
    readonly vpcEndpointProcessed: readonly Tier[];
    /** GB */
    readonly cloudwatchLogsIngestion: readonly Tier[];
    /** GB */
    readonly dataTransferOut: readonly Tier[];
  };
  /** Always-free monthly allowances, applied when `billing.freeTier` is true. */
  readonly freeTier: {
    readonly lambdaRequests: number;
    readonly lambdaGbSeconds: number;
    readonly responseStreamingGb: number;
    readonly sqsRequests: number;
    readonly cloudwatchLogsGb: number;
    readonly dataTransferOutGb: number;
    readonly snsPublishes: number;
    readonly schedulerInvocations: number;
  };
  /** ALB: what one LCU buys per hour, per dimension (the LCU count is the largest dimension). */
  readonly albLcu: {
    readonly newConnectionsPerSecond: number;
    readonly activeConnectionsPerMinute: number;
    readonly processedGbPerHourLambda: number;
    readonly processedGbPerHourInstance: number;
    readonly ruleEvaluationsPerSecond: number;
  };
  readonly rdsProxyMinimum: { readonly vcpus: number; readonly acus: number };
  /** DB instance-hours by engine and class (./db-price-data.ts). */
  readonly dbInstances: DbInstancePrices;
}

const READ = '2026-11-21';
const LAMBDA_PAGE = 'https://aws.amazon.com/lambda/pricing/ (2026 copy)';
const LAMBDA_TIERS = `${LAMBDA_PAGE} (pricing table as copied in public repos; tier-1 rates in AWS examples)`;
const ARM_PC = `${LAMBDA_PAGE} (arm64 values from Price-List-derived tables in public repos)`;
const APIGW = 'AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs" cost table';
const READ_2 = '2026-12-05';
/** Read on 2026-12-07 (Kinesis enhanced fan-out). */
const READ_3 = '2026-12-07';
const KINESIS_PAGE = 'https://aws.amazon.com/kinesis/data-streams/pricing/ (provisioned mode)';
const SNS_PAGE = 'https://aws.amazon.com/sns/pricing/';
const EVENTBRIDGE_PAGE = 'https://aws.amazon.com/eventbridge/pricing/';
const S3_PAGE = 'https://aws.amazon.com/s3/pricing/ (S3 Standard requests)';
const B = 1e9;
const M = 1e6;
const TB = 1024;

const aws = (usd: number, source: string, since?: string): PriceSource =>
  since === undefined
    ? { usd, source, confidence: 'aws', asOf: READ }
    : { usd, source, confidence: 'aws', asOf: READ, since };
const awsCopy = (usd: number, source: string, since?: string): PriceSource =>
  since === undefined
    ? { usd, source, confidence: 'aws-copy', asOf: READ }
    : { usd, source, confidence: 'aws-copy', asOf: READ, since };
/** Read on 2026-12-05 for issue 12 (services around Lambda). */
const aws2 = (usd: number, source: string): PriceSource => ({ usd, source, confidence: 'aws', asOf: READ_2 });
const thirdParty2 = (usd: number, source: string): PriceSource => ({
  usd,
  source,
  confidence: 'third-party',
  asOf: READ_2,
});
const thirdParty3 = (usd: number, source: string): PriceSource => ({
  usd,
  source,
  confidence: 'third-party',
  asOf: READ_3,
});
const thirdParty = (usd: number, source: string, since?: string): PriceSource =>
  since === undefined
    ? { usd, source, confidence: 'third-party', asOf: READ }
    : { usd, source, confidence: 'third-party', asOf: READ, since };

export const US_EAST_1: RegionPrices = {
  region: 'us-east-1',
  prices: {
    'lambda.requests': aws(0.0000002, LAMBDA_PAGE),
    'lambda.duration.x86_64.tier1': awsCopy(0.0000166667, LAMBDA_TIERS, '2022'),
    'lambda.duration.x86_64.tier2': awsCopy(0.000015, LAMBDA_TIERS, '2022'),
    'lambda.duration.x86_64.tier3': awsCopy(0.0000133334, `${LAMBDA_TIERS}; Lambda FAQ copy`, '2022'),
    'lambda.duration.arm64.tier1': awsCopy(0.0000133334, LAMBDA_TIERS, '2022'),
    'lambda.duration.arm64.tier2': awsCopy(0.0000120001, LAMBDA_TIERS, '2022'),
    'lambda.duration.arm64.tier3': awsCopy(0.0000106667, LAMBDA_TIERS, '2022'),
    'lambda.provisioned.concurrency.x86_64': aws(0.0000041667, LAMBDA_PAGE),
    'lambda.provisioned.concurrency.arm64': awsCopy(0.0000033334, ARM_PC),
    'lambda.provisioned.duration.x86_64': aws(0.0000097222, LAMBDA_PAGE),
    'lambda.provisioned.duration.arm64': awsCopy(0.0000077778, ARM_PC),
    'lambda.ephemeralStorage': aws(0.0000000309, LAMBDA_PAGE),
    'lambda.snapStart.cache': aws(0.0000015046, `${LAMBDA_PAGE} (worked example)`, '2024-11-18'),
    'lambda.snapStart.restore': aws(0.0001397998, `${LAMBDA_PAGE} (worked example)`, '2024-11-18'),
    'lambda.responseStreaming': aws(0.008, `${LAMBDA_PAGE} (worked example)`),
    'lambda.eventPollers.sqs': aws(
      0.00925,
      `${LAMBDA_PAGE} (provisioned mode for SQS event source mappings, worked example: 8,000 EPU-hours x $0.00925 = $74)`,
    ),
    'lambdaEdge.requests': aws(0.0000006, LAMBDA_PAGE),
    'lambdaEdge.duration': awsCopy(
      0.00005001,
      `${LAMBDA_PAGE} ($0.00000625125 per 128 MB-s; per-GB-s figure in a Price-List-derived table)`,
    ),
    'apiGateway.rest.tier1': aws(0.0000035, APIGW),
    'apiGateway.rest.tier2': aws(0.0000028, APIGW),
    'apiGateway.rest.tier3': aws(0.00000238, APIGW),
    'apiGateway.rest.tier4': aws(0.00000151, APIGW),
    'apiGateway.http.tier1': aws(0.000001, APIGW),
    'apiGateway.http.tier2': aws(0.0000009, APIGW),
    'alb.hours': thirdParty(0.0225, 'vantage handbook; awsnegotiations May 2026'),
    'alb.lcuHours': thirdParty(0.008, 'vantage handbook; awsnegotiations May 2026'),
    'sqs.standard.tier1': thirdParty(0.0000004, 'cloudburn.io Mar 2026, factualminds Jun 2026'),
    'sqs.standard.tier2': thirdParty(0.0000003, 'cloudburn.io Mar 2026, factualminds Jun 2026'),
    'sqs.standard.tier3': thirdParty(0.00000024, 'cloudburn.io Mar 2026, factualminds Jun 2026'),
    'sqs.fifo': thirdParty(0.0000005, 'cloudburn.io Mar 2026 (first tier; FIFO volume tiers not listed)'),
    'natGateway.hours': thirdParty(0.045, 'cloudburn.io Feb 2026, cloudpipelines 2026, egresscost.com'),
    'natGateway.processed': thirdParty(0.045, 'cloudburn.io Feb 2026, cloudpipelines 2026, egresscost.com'),
    'vpcEndpoint.hours': thirdParty(
      0.01,
      '2026 pricing guides; not read on aws.amazon.com/privatelink/pricing',
    ),
    'vpcEndpoint.processed.tier1': awsCopy(0.01, 'aws.amazon.com/privatelink/pricing copy'),
    'vpcEndpoint.processed.tier2': awsCopy(0.006, 'aws.amazon.com/privatelink/pricing copy'),
    'vpcEndpoint.processed.tier3': awsCopy(0.004, 'aws.amazon.com/privatelink/pricing copy'),
    'rdsProxy.vcpuHours': thirdParty(0.015, '2026 cost notes citing aws.amazon.com/rds/proxy/pricing'),
    'rdsProxy.acuHours': thirdParty(0.015, 'serverworks.co.jp Jun 2024 (8-ACU minimum)'),
    'secretsManager.secretMonths': thirdParty(0.4, 'hivebook 2026 and others'),
    'secretsManager.apiCalls': thirdParty(0.000005, 'hivebook 2026 and others'),
    'cloudwatchLogs.ingestion.tier1': thirdParty(0.5, 'hykell.com, Duckbill Group', '2025-05-01'),
    'cloudwatchLogs.ingestion.tier2': thirdParty(
      0.25,
      'derived from a 60 TB worked example (hykell.com, Duckbill Group)',
      '2025-05-01',
    ),
    'cloudwatchLogs.ingestion.tier3': thirdParty(
      0.1,
      'derived from a 60 TB worked example (hykell.com, Duckbill Group)',
      '2025-05-01',
    ),
    'cloudwatchLogs.ingestion.tier4': thirdParty(
      0.05,
      'derived from a 60 TB worked example (hykell.com, Duckbill Group)',
      '2025-05-01',
    ),
    'dataTransfer.out.tier1': thirdParty(0.09, 'lastweekinaws 2021, repost.aws, wring.co 2026'),
    'dataTransfer.out.tier2': thirdParty(0.085, 'lastweekinaws 2021, repost.aws, wring.co 2026'),
    'dataTransfer.out.tier3': thirdParty(0.07, 'lastweekinaws 2021, repost.aws, wring.co 2026'),
    'dataTransfer.out.tier4': thirdParty(0.05, 'lastweekinaws 2021, repost.aws, wring.co 2026'),
    'kinesis.shardHours': aws2(0.015, `${KINESIS_PAGE}: worked example, "One shard costs $0.015 per hour"`),
    'kinesis.extendedRetention': thirdParty2(
      0.02,
      `${KINESIS_PAGE} extended retention per shard-hour, as quoted by cloud cost guides 2026`,
    ),
    'kinesis.putPayloadUnits': aws2(
      0.000000014,
      `${KINESIS_PAGE}: worked example, "one million PUT Payload Units cost $0.014"`,
    ),
    // The AWS page lists both under "Enhanced Fan-Out"; its figures were not readable here, so
    // they are the ones cost guides quote (⚠ not read on an AWS page).
    'kinesis.enhancedFanOut.consumerShardHours': thirdParty3(
      0.015,
      `${KINESIS_PAGE} enhanced fan-out consumer-shard hour, as quoted by c3x.dev (aws_kinesis_stream) and awsnegotiations.com May 2026`,
    ),
    'kinesis.enhancedFanOut.dataRetrievals': thirdParty3(
      0.013,
      `${KINESIS_PAGE} enhanced fan-out data retrievals per GB, as quoted by c3x.dev (aws_kinesis_stream)`,
    ),
    'sns.publishes': thirdParty2(
      0.0000005,
      `${SNS_PAGE} standard topics $0.50 per million requests, as quoted by factualminds Jun 2026, dashbird`,
    ),
    'eventBridge.customEvents': thirdParty2(
      0.000001,
      `${EVENTBRIDGE_PAGE} custom events $1.00 per million, as quoted by cloudburn.io Mar 2026, wring.co`,
    ),
    'scheduler.invocations': thirdParty2(
      0.000001,
      `${EVENTBRIDGE_PAGE} Scheduler $1.00 per million invocations, as quoted by cloudburn.io Mar 2026`,
    ),
    's3.putRequests': thirdParty2(0.000005, `${S3_PAGE} $0.005 per 1,000 PUT, COPY, POST, LIST requests`),
    's3.getRequests': thirdParty2(0.0000004, `${S3_PAGE} $0.0004 per 1,000 GET, SELECT requests`),
  },
  tiers: {
    lambdaDurationX86: [
      { upTo: 6 * B, price: 'lambda.duration.x86_64.tier1' },
      { upTo: 15 * B, price: 'lambda.duration.x86_64.tier2' },
      { upTo: Infinity, price: 'lambda.duration.x86_64.tier3' },
    ],
    lambdaDurationArm: [
      { upTo: 7.5 * B, price: 'lambda.duration.arm64.tier1' },
      { upTo: 18.75 * B, price: 'lambda.duration.arm64.tier2' },
      { upTo: Infinity, price: 'lambda.duration.arm64.tier3' },
    ],
    apiGatewayRest: [
      { upTo: 333 * M, price: 'apiGateway.rest.tier1' },
      { upTo: 1000 * M, price: 'apiGateway.rest.tier2' },
      { upTo: 20 * B, price: 'apiGateway.rest.tier3' },
      { upTo: Infinity, price: 'apiGateway.rest.tier4' },
    ],
    apiGatewayHttp: [
      { upTo: 300 * M, price: 'apiGateway.http.tier1' },
      { upTo: Infinity, price: 'apiGateway.http.tier2' },
    ],
    sqsStandard: [
      { upTo: 100 * B, price: 'sqs.standard.tier1' },
      { upTo: 200 * B, price: 'sqs.standard.tier2' },
      { upTo: Infinity, price: 'sqs.standard.tier3' },
    ],
    vpcEndpointProcessed: [
      { upTo: 1 * TB * TB, price: 'vpcEndpoint.processed.tier1' },
      { upTo: 5 * TB * TB, price: 'vpcEndpoint.processed.tier2' },
      { upTo: Infinity, price: 'vpcEndpoint.processed.tier3' },
    ],
    // Decimal TB (1000 GB): the only published figure (60 TB: $30,000 -> $12,500) works out with it.
    cloudwatchLogsIngestion: [
      { upTo: 10_000, price: 'cloudwatchLogs.ingestion.tier1' },
      { upTo: 30_000, price: 'cloudwatchLogs.ingestion.tier2' },
      { upTo: 50_000, price: 'cloudwatchLogs.ingestion.tier3' },
      { upTo: Infinity, price: 'cloudwatchLogs.ingestion.tier4' },
    ],
    dataTransferOut: [
      { upTo: 10 * TB, price: 'dataTransfer.out.tier1' },
      { upTo: 50 * TB, price: 'dataTransfer.out.tier2' },
      { upTo: 150 * TB, price: 'dataTransfer.out.tier3' },
      { upTo: Infinity, price: 'dataTransfer.out.tier4' },
    ],
  },
  freeTier: {
    lambdaRequests: 1 * M,
    lambdaGbSeconds: 400_000,
    responseStreamingGb: 100,
    sqsRequests: 1 * M,
    cloudwatchLogsGb: 5,
    dataTransferOutGb: 100,
    // SNS: "the first 1 million Amazon SNS requests per month are free"; EventBridge Scheduler:
    // 14 million invocations per month (always free).
    snsPublishes: 1 * M,
    schedulerInvocations: 14 * M,
  },
  albLcu: {
    newConnectionsPerSecond: 25,
    activeConnectionsPerMinute: 3000,
    processedGbPerHourLambda: 0.4,
    processedGbPerHourInstance: 1,
    ruleEvaluationsPerSecond: 1000,
  },
  rdsProxyMinimum: { vcpus: 2, acus: 8 },
  dbInstances: DB_INSTANCES_US_EAST_1,
};
