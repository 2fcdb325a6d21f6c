/**
 * The messaging and network parts of a run as chart data: Lambda's async event queue of each
 * function that received asynchronous events, each SQS queue with its consumers, each Kinesis or
 * DynamoDB stream with its consumers (event source mappings), each NAT gateway, read from the
 * run's data; the chart builders take these shapes, so tests can fill them by hand. Order: the
 * scenario's (functions, then resources as written).
 */
import type { CountSeriesData, GaugeSeriesData } from '../../metrics/index.ts';
import type { AsyncDrops, FunctionResult, RunData } from '../../results/index.ts';

export interface AsyncQueueChartData {
  readonly functionName: string;
  /** Events waiting: queued for their first attempt or for a retry (not running). */
  readonly waiting: GaugeSeriesData;
  /** Age of an event when an attempt starts (AsyncEventAge), held until the next attempt. */
  readonly eventAge: GaugeSeriesData;
  readonly events: number;
  readonly succeeded: number;
  /** Events discarded, by reason. */
  readonly dropped: Readonly<AsyncDrops>;
  readonly retries: { readonly afterError: number; readonly afterThrottle: number };
  readonly waitingAtEnd: number;
  /** Largest AsyncEventAge over the run. */
  readonly maxEventAgeMs: number;
}

export interface SqsConsumerChartData {
  readonly functionName: string;
  /** ScalingConfig.MaximumConcurrency, or null. */
  readonly maximumConcurrency: number | null;
  /** Batches running at once, and the concurrency the pollers had scaled to, at their peak. */
  readonly peakConcurrency: number;
  readonly peakPollerConcurrency: number;
  readonly batches: number;
  readonly throttledBatches: number;
}

export interface SqsQueueChartData {
  readonly name: string;
  /** Visible messages (ApproximateNumberOfMessagesVisible): the backlog. */
  readonly visible: GaugeSeriesData;
  /** Received, not yet deleted or visible again (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: GaugeSeriesData;
  /** Age of the oldest message (ApproximateAgeOfOldestMessage), sampled four times per bucket. */
  readonly oldestAge: GaugeSeriesData;
  readonly sent: number;
  readonly deleted: number;
  /** Visibility timeouts that expired: messages back in the queue. */
  readonly returned: number;
  readonly movedToDeadLetterQueue: number;
  readonly deadLetterQueue: string | null;
  readonly maxReceiveCount: number;
  readonly expired: number;
  readonly recursionStopped: number;
  readonly visibleAtEnd: number;
  readonly maxAgeMs: number;
  readonly consumers: readonly SqsConsumerChartData[];
}

export interface StreamConsumerChartData {
  readonly functionName: string;
  /** Records appended and not yet processed or given up (the running batch included). */
  readonly waiting: GaugeSeriesData;
  /** IteratorAge: the age of a batch's newest record when the batch starts, held until the next. */
  readonly iteratorAge: GaugeSeriesData;
  readonly processed: number;
  /** Given up (retries or maximumRecordAge used up). */
  readonly discarded: number;
  /** Lost to the stream's retention. */
  readonly trimmed: number;
  readonly waitingAtEnd: number;
  readonly maxIteratorAgeMs: number;
}

export interface StreamChartData {
  readonly name: string;
  readonly type: 'kinesis-stream' | 'dynamodb-stream';
  readonly shards: number;
  readonly records: number;
  /** Writes refused by the shard write limit (Kinesis). */
  readonly writeThrottled: number;
  /** The shard write limit in records per second (Kinesis), or null. */
  readonly shardRecordsPerSecond: number | null;
  readonly consumers: readonly StreamConsumerChartData[];
}

export interface NatChartData {
  readonly name: string;
  readonly azs: number;
  /** Bytes processed per time bucket (at the start of the handler that made the calls). */
  readonly processedBytes: CountSeriesData;
  /** Over the run, as billed (calls of requests still running after the window included). */
  readonly totalBytes: number;
  readonly calls: number;
}

/** The async event queue of every function that received asynchronous events. */
export function asyncQueueChartData(run: RunData): AsyncQueueChartData[] {
  return run.functions.flatMap((fn) => asyncQueueDataOf(fn) ?? []);
}

/** The async event queue of one function, or undefined when it received no asynchronous event. */
export function asyncQueueDataOf(fn: FunctionResult): AsyncQueueChartData | undefined {
  const q = fn.async;
  if (q === null || q.events === 0) return undefined;
  return {
    functionName: fn.name,
    waiting: q.series.waiting,
    eventAge: q.series.eventAge,
    events: q.events,
    succeeded: q.succeeded,
    dropped: q.dropped,
    retries: q.retries,
    waitingAtEnd: q.waitingAtEnd,
    maxEventAgeMs: q.eventAge.maxMs,
  };
}

/** Every SQS queue of the run with its event source mappings. */
export function sqsQueueChartData(run: RunData): SqsQueueChartData[] {
  return run.resources.queues.map((q) => ({
    name: q.name,
    visible: q.series.visible,
    inFlight: q.series.inFlight,
    oldestAge: q.series.oldestAge,
    sent: q.sent,
    deleted: q.deleted,
    returned: q.returned,
    movedToDeadLetterQueue: q.movedToDeadLetterQueue,
    deadLetterQueue: q.deadLetterQueue,
    maxReceiveCount: q.maxReceiveCount,
    expired: q.expired,
    recursionStopped: q.recursionStopped,
    visibleAtEnd: q.visibleAtEnd,
    maxAgeMs: q.maxAgeMs,
    consumers: run.eventSources.sqs
      .filter((c) => c.queue === q.name)
      .map((c) => ({
        functionName: c.function,
        maximumConcurrency: c.maximumConcurrency,
        peakConcurrency: c.peakRunning,
        peakPollerConcurrency: Math.floor(c.peakAllowed),
        batches: c.batches,
        throttledBatches: c.throttledBatches,
      })),
  }));
}

/** Every Kinesis or DynamoDB stream of the run with its event source mappings. */
export function streamChartData(run: RunData): StreamChartData[] {
  return run.resources.streams.map((s) => ({
    name: s.name,
    type: s.type,
    shards: s.shards,
    records: s.records,
    writeThrottled: s.writeThrottled,
    shardRecordsPerSecond: s.shardRecordsPerSecond,
    consumers: run.eventSources.streams
      .filter((c) => c.stream === s.name)
      .map((c) => ({
        functionName: c.function,
        waiting: c.series.backlog,
        iteratorAge: c.series.iteratorAge,
        processed: c.processed,
        discarded: c.discarded,
        trimmed: c.trimmed,
        waitingAtEnd: c.waitingAtEnd,
        maxIteratorAgeMs: c.iteratorAge.maxMs,
      })),
  }));
}

/** Every NAT gateway of the run. */
export function natChartData(run: RunData): NatChartData[] {
  return run.resources.nats.map((n) => ({
    name: n.name,
    azs: n.azs,
    processedBytes: n.processedBytesSeries,
    totalBytes: n.processedBytes,
    calls: n.calls,
  }));
}
