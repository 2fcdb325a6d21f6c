/**
 * The normalized scenario: what every layer below the parser sees.
 *
 * Contract: every default is filled, every quantity is a number in its canonical unit
 * (durations in milliseconds, sizes in bytes unless the name says `Mb`, rates per second,
 * fractions in 0..1), and nothing is `undefined`. Written YAML is turned into this by
 * `parseScenario` (src/scenario/parse.ts); downstream code never parses units.
 */
import type { DistSpec } from '../engine/distributions.ts';
import type { RuntimeProfile } from './defaults/runtimes.ts';

export const FORMAT_VERSION = 1;

export type Architecture = 'x86_64' | 'arm64';
export type PackageType = 'zip' | 'image';
export type ScalingMode = 'per-function-2023' | 'account-burst-legacy' | 'unlimited';
export type Placement = 'newest' | 'mru' | 'lru' | 'random';
export type SyncVia =
  | 'direct'
  | 'api-gateway-rest'
  | 'api-gateway-http'
  | 'alb'
  | 'function-url'
  | 'cloudfront-edge';
export type AsyncVia = 'async' | 's3' | 'sns' | 'eventbridge';
export type Via = SyncVia | AsyncVia;
export type ArrivalMode = 'poisson' | 'uniform';
/** Lambda@Edge trigger of a `cloudfront-edge` traffic source (CloudFront `EventType`). */
export type EdgeEventType = 'viewer-request' | 'viewer-response' | 'origin-request' | 'origin-response';
/** What a function does when AWS detects a recursive loop (Lambda `RecursiveLoop`). */
export type RecursiveLoop = 'terminate' | 'allow';

export interface Scenario {
  readonly format: 1;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly region: string;
  /** The simulated window: arrivals happen in [0, durationMs). */
  readonly durationMs: number;
  readonly account: Account;
  readonly platform: Platform;
  readonly traffic: readonly Traffic[];
  /** In written order; a function's index in this list is its id inside the model. */
  readonly functions: readonly LambdaFunction[];
  readonly resources: readonly Resource[];
  readonly billing: Billing;
  /** Service-level objectives (the `slo:` block), in SLO_METRICS order; empty when none is written. */
  readonly slo: readonly SloObjective[];
}

export interface Account {
  readonly concurrentExecutions: number;
  readonly unreservedMinimum: number;
  readonly scaling: ScalingMode;
  /** account-burst-legacy: environments available at once (3000/1000/500 by region). */
  readonly burstLimit: number;
}

export interface Platform {
  /** How long an idle environment lives before it is reclaimed. */
  readonly idleTimeoutMs: DistSpec;
  /** An environment is retired at this age, after its current request; Infinity = never. */
  readonly maxLifetimeMs: number;
  readonly placement: Placement;
}

export interface Phase {
  readonly name: string;
  /** Start of the phase in the window (phases run back to back). */
  readonly startMs: number;
  readonly durationMs: number;
  /** Arrivals per second at the start of the phase (written `arrivalRate`). */
  readonly arrivalsPerSecond: number;
  /** Arrivals per second at the end of the phase (written `rampTo`; = arrivalsPerSecond when there is no ramp). */
  readonly rampToPerSecond: number;
}

export type Arrivals =
  | { readonly kind: 'phases'; readonly phases: readonly Phase[] }
  /** Replayed arrival times in ms from the start of the window, ascending. */
  | { readonly kind: 'trace'; readonly timesMs: readonly number[] };

export interface Traffic {
  readonly name: string;
  /** Name of a function or of a resource (queue, stream). */
  readonly target: string;
  readonly targetKind: 'function' | 'resource';
  readonly via: Via;
  readonly mode: ArrivalMode;
  readonly arrivals: Arrivals;
  /** Event payload size (metering of async requests in 64 KB chunks, gateway metering). */
  readonly payloadBytes: number;
  /** Bytes of each successful response returned over the internet (data transfer out). */
  readonly responseBytes: number;
  /**
   * Latency the front door (`via`) adds to a synchronous caller's round trip (extension key
   * `overhead`; default by `via`, see src/model/invocation/frontDoors.ts).
   */
  readonly overheadMs: DistSpec;
  /**
   * Caller-side retries of throttles (429) by a synchronous caller, as the AWS SDK's standard
   * retry mode does them: at most `maxAttempts` attempts in all (1 = no retry). Default 3 for
   * `direct` (SDK default), 1 for the other front doors (they return the error to the client).
   */
  readonly retry: RetryPolicy;
  /** Lambda@Edge trigger (via cloudfront-edge only; default origin-request). */
  readonly edgeEventType: EdgeEventType;
}

/** AWS SDK standard retry mode for throttling errors (@smithy/util-retry). */
export interface RetryPolicy {
  /** Attempts in all, first included (SDK `maxAttempts`, default 3). */
  readonly maxAttempts: number;
}

export interface Vpc {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly eniMode: 'hyperplane' | 'legacy';
  /** Free IP addresses per subnet; each legacy ENI takes one. */
  readonly ipsPerSubnet: number;
}

/** When a fixed-latency call is made: by every invocation, or once per environment during INIT. */
export type CallPhase = 'invoke' | 'init';

export type Call =
  /** A call to the public internet (through a NAT gateway when the function is in a VPC). */
  | {
      readonly kind: 'internet';
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
      readonly phase: CallPhase;
    }
  /**
   * A call to a named resource: a database or proxy (its behaviour comes from the resource), or
   * a VPC endpoint (a fixed-latency call to an AWS service that stays off the NAT gateway;
   * `latencyMs` and `bytes` are used only there).
   */
  | {
      readonly kind: 'resource';
      readonly resource: string;
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
      /** Whether `latency` was written (a rule requires it for endpoints, forbids it elsewhere). */
      readonly latencyWritten: boolean;
      /** `init` only for fixed-latency calls (VPC endpoint, secret): a rule checks. */
      readonly phase: CallPhase;
    }
  /**
   * A call to another function through the Invoke API: `sync` (RequestResponse: waits for the
   * answer, retries throttles as the SDK does) or `async` (Event: queued, answered at once).
   * `latencyMs` is the API call's own round trip (async), or what it adds to the callee's time (sync).
   */
  | {
      readonly kind: 'function';
      readonly function: string;
      readonly invocation: 'sync' | 'async';
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
      readonly retry: RetryPolicy;
    };

export interface FunctionModel {
  /** INIT phase duration (default: measured, by runtime, architecture and packaging). */
  readonly initMs: DistSpec;
  /** True when `initMs` is the measured default (not written), so a resize may pick another row. */
  readonly initMeasured: boolean;
  /** With SnapStart, the time to restore the snapshot (instead of INIT). */
  readonly restoreMs: DistSpec;
  /** CPU-bound handler work as measured at `computeAtMb`. */
  readonly computeMs: DistSpec;
  readonly computeAtMb: number;
  /** How many vCPUs the handler's code can use at once. */
  readonly threads: number;
  /** Waiting that memory does not speed up. */
  readonly ioMs: DistSpec;
  /** Downstream calls made in sequence by each invocation, after compute and io. */
  readonly calls: readonly Call[];
  /**
   * Fraction of invocations that end in a function error, 0..1. For batches (SQS, streams) it is
   * per record: a batch of n records fails when any record fails, 1 - (1 - errorRate)^n.
   */
  readonly errorRate: number;
  /** Handler time per record of a batch (SQS, streams), added n times: CPU part, scaled by memory. */
  readonly perRecordComputeMs: DistSpec;
  /** Handler time per record of a batch that memory does not speed up. */
  readonly perRecordIoMs: DistSpec;
}

/**
 * Provisioned concurrency over time. The level at the start (`LambdaFunction.provisionedConcurrency`)
 * is ready when the window opens; later changes (schedule, auto scaling) take `allocationMs` before
 * the new environments start their INIT.
 */
export interface ProvisionedConfig {
  readonly allocationMs: number;
  /** Scheduled actions: the level (or, with auto scaling, the minimum) inside [startMs, endMs). */
  readonly schedule: readonly ProvisionedWindow[];
  readonly autoScaling: ProvisionedAutoScaling | null;
}

export interface ProvisionedWindow {
  readonly startMs: number;
  /** Infinity: to the end of the window. */
  readonly endMs: number;
  readonly concurrency: number;
}

/** Application Auto Scaling target tracking on LambdaProvisionedConcurrencyUtilization. */
export interface ProvisionedAutoScaling {
  readonly minimum: number;
  readonly maximum: number;
  /** Target utilisation, 0..1 (AWS default and recommendation 0.7). */
  readonly targetUtilization: number;
}

/** An EventBridge schedule expression, parsed. Times are UTC; the window starts at SCHEDULE_EPOCH_MS. */
export type ScheduleSpec =
  | { readonly kind: 'rate'; readonly periodMs: number }
  | {
      readonly kind: 'cron';
      readonly minutes: readonly number[];
      readonly hours: readonly number[];
      /** null: `?` (any day of the month; the day of week decides). */
      readonly daysOfMonth: readonly number[] | null;
      /** 1..12 */
      readonly months: readonly number[];
      /** 1..7 = SUN..SAT, as EventBridge numbers them; null: `?`. */
      readonly daysOfWeek: readonly number[] | null;
      /** null: every year. */
      readonly years: readonly number[] | null;
    };

/** Calendar time of the window's start for cron schedules: Monday 2024-01-01T00:00:00Z. */
export const SCHEDULE_EPOCH_MS = 1_704_067_200_000;

export type PollerScaling = 'nov-2023' | 'legacy';

/** `events: [{ sqs: ... }]`: an SQS event source mapping (Lambda polls the queue). */
export interface SqsEventSource {
  readonly kind: 'sqs';
  readonly queue: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  /** ScalingConfig.MaximumConcurrency; null = none (the poller limit applies). */
  readonly maximumConcurrency: number | null;
  /** FunctionResponseTypes: [ReportBatchItemFailures]: only the failed messages return to the queue. */
  readonly reportBatchItemFailures: boolean;
  /** How pollers scale up: +300/min to 1,250 (since 2023-11-06) or +60/min to 1,000 (before). */
  readonly pollerScaling: PollerScaling;
}

/** `events: [{ kinesis: ... }]` / `[{ dynamodb: ... }]`: a stream event source mapping. */
export interface StreamEventSource {
  readonly kind: 'stream';
  readonly streamType: 'kinesis' | 'dynamodb';
  readonly stream: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  readonly parallelizationFactor: number;
  /** Retries of a failing batch; Infinity for -1 (until the records expire). */
  readonly maximumRetryAttempts: number;
  /** Records older than this are skipped; Infinity for -1 (the stream's retention). */
  readonly maximumRecordAgeMs: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** On-failure destination of discarded batches (an SQS queue or SNS topic), or null. */
  readonly onFailure: string | null;
}

/** `events: [{ schedule: rate(5 minutes) }]`: EventBridge invokes the function asynchronously. */
export interface ScheduleEventSource {
  readonly kind: 'schedule';
  readonly expression: string;
  readonly schedule: ScheduleSpec;
}

/** `events: [{ s3: bucket }]` / `[{ sns: topic }]`: notifications invoke the function asynchronously. */
export interface NotificationEventSource {
  readonly kind: 's3' | 'sns';
  /** The s3-bucket or sns-topic resource. */
  readonly source: string;
}

export type EventSource = SqsEventSource | StreamEventSource | ScheduleEventSource | NotificationEventSource;

/** Asynchronous invocation destinations (functions, SQS queues or SNS topics); null = none. */
export interface Destinations {
  readonly onSuccess: string | null;
  readonly onFailure: string | null;
}

export interface LambdaFunction {
  readonly name: string;
  readonly runtime: string;
  /** For custom runtimes (provided.*): the measured language profile of INIT defaults. */
  readonly runtimeProfile: RuntimeProfile;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  readonly ephemeralStorageMb: number;
  readonly packageType: PackageType;
  /** null = the function draws on the account's unreserved pool. */
  readonly reservedConcurrency: number | null;
  /** Environments initialised before traffic (the provisioned level at the start); 0 = none. */
  readonly provisionedConcurrency: number;
  /** How provisioned concurrency changes during the window (schedule, auto scaling). */
  readonly provisioned: ProvisionedConfig;
  readonly vpc: Vpc | null;
  /** SnapStart: cold starts restore a snapshot (`model.restoreMs`) instead of running INIT. */
  readonly snapStart: boolean;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
  /** Where failed (and successful) asynchronous events go. */
  readonly destinations: Destinations;
  /** Dead-letter queue of failed asynchronous events (an SQS queue or SNS topic), or null. */
  readonly deadLetterQueue: string | null;
  /** Recursive loop detection: terminate (default) stops a chain after 16 recursive calls. */
  readonly recursiveLoop: RecursiveLoop;
  /** Event sources that invoke the function (mappings, schedules, notifications). */
  readonly events: readonly EventSource[];
  /** CloudWatch Logs bytes written per invocation (billing). */
  readonly logBytesPerInvocation: number;
  readonly model: FunctionModel;
}

export type DatabaseEngine = 'rds-postgres' | 'rds-mysql' | 'aurora-postgresql' | 'aurora-mysql';

export interface Database {
  readonly type: DatabaseEngine;
  readonly name: string;
  readonly instanceClass: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly maxConnections: number;
  /** Time one query holds a connection (and a database vCPU). */
  readonly queryMs: DistSpec;
  /** Time to open a connection (TCP + TLS + auth). */
  readonly connectMs: DistSpec;
  readonly connectionScope: 'environment' | 'invocation';
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
}

/** A Kinesis data stream or a DynamoDB stream: records in shards, read in order per shard. */
export interface DataStream {
  readonly type: 'kinesis-stream' | 'dynamodb-stream';
  readonly name: string;
  readonly shardCount: number;
  /** Records older than this are trimmed (Kinesis default 24 h; DynamoDB streams 24 h). */
  readonly retentionMs: number;
}

/** An S3 bucket or SNS topic whose notifications invoke subscribed functions asynchronously. */
export interface Notifier {
  readonly type: 's3-bucket' | 'sns-topic';
  readonly name: string;
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

export interface Billing {
  /** Apply the always-free tier (1M requests + 400,000 GB-s per month). */
  readonly freeTier: boolean;
  readonly granularityMs: 1 | 100;
  /** INIT billed for on-demand functions (AWS since 2025-08-01). */
  readonly initBilled: boolean;
  /** Price overrides by price id (USD), see src/billing/prices. */
  readonly prices: Readonly<Record<string, number>>;
}

/**
 * Metrics a service-level objective can bound (the `slo:` block, `lamsim plan --slo`): latency
 * percentiles (ms), throttle/error/cold-start/timeout rates (fractions), database connection errors
 * (a count) and queue age (ms). See src/experiments/slo.ts for how each is measured.
 */
export const SLO_METRICS = [
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
  'throttleRate',
  'errorRate',
  'coldStartRate',
  'timeoutRate',
  'dbConnectionErrors',
  'queueAge',
] as const;
export type SloMetric = (typeof SLO_METRICS)[number];

/** How each SLO metric is written and measured: a duration (ms), a fraction (0..1) or a count. */
export const SLO_METRIC_KINDS: Readonly<Record<SloMetric, 'duration' | 'fraction' | 'count'>> = {
  p50: 'duration',
  p90: 'duration',
  p95: 'duration',
  p99: 'duration',
  max: 'duration',
  throttleRate: 'fraction',
  errorRate: 'fraction',
  coldStartRate: 'fraction',
  timeoutRate: 'fraction',
  dbConnectionErrors: 'count',
  queueAge: 'duration',
};

/** An objective `metric <= max`, `max` in the metric's canonical unit (ms, fraction, count). */
export interface SloObjective {
  readonly metric: SloMetric;
  readonly max: number;
}
