/** What invokes a function besides traffic: event sources, schedules, and provisioned concurrency over time. */

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

/** ProvisionedPollerConfig of an SQS mapping in provisioned mode: its event pollers stay between min and max. */
export interface ProvisionedPollers {
  readonly min: number;
  readonly max: number;
}

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
  /** Provisioned mode (dedicated event pollers, billed per hour); null: the default (on-demand) polling. */
  readonly provisionedPollers: ProvisionedPollers | null;
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
  /** Kinesis: read through an enhanced fan-out consumer (dedicated 2 MiB/s per shard, push); false for DynamoDB. */
  readonly enhancedFanOut: boolean;
}

/** `events: [{ schedule: rate(5 minutes) }]`: EventBridge invokes the function asynchronously. */
export interface ScheduleEventSource {
  readonly kind: 'schedule';
  readonly expression: string;
  readonly schedule: ScheduleSpec;
  /**
   * What fires it: EventBridge Scheduler (billed per invocation) or a scheduled EventBridge rule
   * (free). Both invoke the function asynchronously at the same times.
   */
  readonly service: ScheduleService;
}

/** `scheduler`: EventBridge Scheduler (AWS::Scheduler::Schedule); `rule`: a scheduled AWS::Events::Rule. */
export type ScheduleService = 'scheduler' | 'rule';

/** `events: [{ s3: bucket }]` / `[{ sns: topic }]`: notifications invoke the function asynchronously. */
export interface NotificationEventSource {
  readonly kind: 's3' | 'sns';
  /** The s3-bucket or sns-topic resource. */
  readonly source: string;
}

export type EventSource = SqsEventSource | StreamEventSource | ScheduleEventSource | NotificationEventSource;

/** The resource an event source reads or is notified by: its queue, stream, bucket or topic (null: a schedule). */
export function eventSourceResource(e: EventSource): string | null {
  if (e.kind === 'sqs') return e.queue;
  if (e.kind === 'stream') return e.stream;
  if (e.kind === 's3' || e.kind === 'sns') return e.source;
  return null;
}
