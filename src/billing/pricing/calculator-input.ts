/**
 * What `lamsim cost` (and calculateCost) takes: monthly averages of one function and the services
 * in front of and around it. Optional parts default as documented; absent services cost nothing.
 */
import type { Architecture, DatabaseEngine, PackageType, SavingsPlan } from '../../scenario/index.ts';

export interface CostCalculatorInput {
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Invocations per month. */
  readonly requests: number;
  /** Average duration of an invocation (handler), ms. */
  readonly durationMs: number;
  readonly memoryMb: number;
  /** Default `x86_64`. */
  readonly architecture?: Architecture;
  /** Default 512 (free). */
  readonly ephemeralStorageMb?: number;
  /** Apply the always-free tiers (Lambda 1M requests + 400,000 GB-s, ...). Default false. */
  readonly freeTier?: boolean;
  /** Default 1 (since December 2020); 100 before. */
  readonly granularityMs?: 1 | 100;
  /** Price overrides by price id, USD per unit. */
  readonly prices?: Readonly<Record<string, number>>;
  /** A Lambda@Edge function: edge prices, no free tier. */
  readonly edge?: boolean;
  readonly provisioned?: {
    readonly concurrency: number;
    /** Time the concurrency is configured in the month (one interval, rounded up to 5 min). Default 730. */
    readonly hours?: number;
    /** Requests served by provisioned environments; default `requestShare` × requests. */
    readonly requests?: number;
    /** Fraction of requests served by provisioned environments, 0..1; default 1. */
    readonly requestShare?: number;
    /** Average duration of those requests, ms; default `durationMs`. */
    readonly durationMs?: number;
  };
  /** Cold starts among on-demand invocations, whose INIT is billed by the INIT rule. */
  readonly coldStarts?: {
    /** Fraction of on-demand invocations that are cold starts, 0..1. */
    readonly share: number;
    readonly initMs: number;
    /** Default `nodejs22.x`. */
    readonly runtime?: string;
    /** Default `zip`. */
    readonly packageType?: PackageType;
    /** AWS's rule since 2025-08-01 (default true); false = INIT free for zip on managed runtimes. */
    readonly initBilled?: boolean;
  };
  /** SnapStart for Python or .NET (Java has no SnapStart charge). */
  readonly snapStart?: {
    /** Restores in the month; default `restoreShare` × requests. */
    readonly restores?: number;
    readonly restoreShare?: number;
    /** Versions kept active; default 1. */
    readonly versions?: number;
    /** Hours each version is active (billed at least 3); default 730. */
    readonly hours?: number;
  };
  readonly responseStreaming?: {
    /** Responses of that size; default all requests. */
    readonly requests?: number;
    /** Bytes per streamed response; the first 6 MB of each are free. */
    readonly bytesPerResponse: number;
  };
  /** Every request arrives through an API Gateway API. */
  readonly apiGateway?: { readonly type: 'rest' | 'http'; readonly bytesPerRequest?: number };
  /** Every request arrives through an ALB (Lambda target); defaults: one new connection per request, 730 h. */
  readonly alb?: {
    readonly hours?: number;
    readonly newConnections?: number;
    readonly activeConnectionMinutes?: number;
    readonly processedBytes?: number;
    readonly ruleEvaluations?: number;
  };
  readonly sqs?: { readonly requests: number; readonly fifo?: boolean; readonly bytesPerRequest?: number };
  readonly natGateway?: { readonly azs: number; readonly hours?: number; readonly bytesPerRequest?: number };
  readonly vpcEndpoints?: {
    readonly endpoints: number;
    readonly azs: number;
    readonly hours?: number;
    readonly bytesPerRequest?: number;
  };
  readonly rdsProxy?: {
    readonly target: 'instance' | 'aurora-serverless-v2';
    /** vCPUs of the target, or mean ACUs of an Aurora Serverless v2 target. */
    readonly capacity: number;
    readonly hours?: number;
  };
  readonly secretsManager?: { readonly secrets: number; readonly apiCalls?: number };
  /** CloudWatch Logs bytes written per invocation; default 0. */
  readonly logBytesPerRequest?: number;
  /** Bytes sent to the internet per invocation; default 0. */
  readonly dataTransferOutBytesPerRequest?: number;
  /** A Compute Savings Plan on Lambda duration and provisioned concurrency. */
  readonly savingsPlan?: SavingsPlan;
  /** RDS or Aurora DB instances (on-demand, single-AZ); default one instance for 730 h. */
  readonly database?: {
    readonly engine: DatabaseEngine;
    readonly instanceClass: string;
    readonly instances?: number;
    readonly hours?: number;
  };
  /** A provisioned Kinesis stream; every invocation's records are PUT into it (default none). */
  readonly kinesis?: {
    readonly shards: number;
    readonly hours?: number;
    /** Records written in the month; default 0. */
    readonly records?: number;
    /** Bytes per record (25 KB PUT payload units); default 1 KB. */
    readonly recordBytes?: number;
    readonly extendedRetention?: boolean;
    /**
     * Consumers registered for enhanced fan-out (default 0): each bills consumer-shard-hours for
     * the stream's hours and the GB of every record written pushed to it.
     */
    readonly enhancedFanOutConsumers?: number;
  };
  /** SNS publishes in the month (64 KB chunks of `bytesPerMessage`), each delivered to the function. */
  readonly sns?: { readonly publishes: number; readonly bytesPerMessage?: number };
  /** EventBridge custom events and Scheduler invocations in the month. */
  readonly eventBridge?: { readonly customEvents?: number; readonly schedulerInvocations?: number };
  /** S3 requests in the month. */
  readonly s3?: { readonly putRequests?: number; readonly getRequests?: number };
}
