/**
 * The messaging and network parts of a run as chart data: Lambda's async event queue of each
 * function that received asynchronous events, each SQS queue with its consumers, each Kinesis or
 * DynamoDB stream with its consumers (event source mappings), each NAT gateway. Read with typed
 * access from the model's classes (AsyncQueue, SqsQueueModel, SqsEventSource, DataStreamModel,
 * StreamEventSource, MeteredRoute); the chart builders take these plain shapes, so tests can fill
 * them by hand. Order: the scenario's (functions, then resources as written).
 */
import type { AsyncDrops } from '../../model/invocation/asyncQueue.ts';
import type { FunctionResult, RunResult } from '../../model/world.ts';
import type { CountSeriesLike, GaugeSeriesLike } from './resourceCharts.ts';

export interface AsyncQueueChartData {
  readonly functionName: string;
  /** Events waiting: queued for their first attempt or for a retry (not running). */
  readonly waiting: GaugeSeriesLike;
  /** Age of an event when an attempt starts (AsyncEventAge), held until the next attempt. */
  readonly eventAge: GaugeSeriesLike;
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
  readonly visible: GaugeSeriesLike;
  /** Received, not yet deleted or visible again (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: GaugeSeriesLike;
  /** Age of the oldest message (ApproximateAgeOfOldestMessage), sampled four times per bucket. */
  readonly oldestAge: GaugeSeriesLike;
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
  readonly waiting: GaugeSeriesLike;
  /** IteratorAge: the age of a batch's newest record when the batch starts, held until the next. */
  readonly iteratorAge: GaugeSeriesLike;
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
  readonly consumers: readonly StreamConsumerChartData[];
}

export interface NatChartData {
  readonly name: string;
  readonly azs: number;
  /** Bytes processed per time bucket (at the start of the handler that made the calls). */
  readonly processedBytes: CountSeriesLike;
  /** Over the run, as billed (calls of requests still running after the window included). */
  readonly totalBytes: number;
  readonly calls: number;
}

/** The async event queue of every function that received asynchronous events. */
export function asyncQueueChartData(run: RunResult): AsyncQueueChartData[] {
  return run.functions.flatMap((fn) => asyncQueueDataOf(fn) ?? []);
}

/** The async event queue of one function, or undefined when it received no asynchronous event. */
export function asyncQueueDataOf(fn: FunctionResult): AsyncQueueChartData | undefined {
  const q = fn.async;
  if (q === null || q.received === 0) return undefined;
  return {
    functionName: fn.name,
    waiting: q.depthSeries,
    eventAge: q.ageSeries,
    events: q.received,
    succeeded: q.succeeded,
    dropped: { ...q.drops },
    retries: { afterError: q.errorRetries, afterThrottle: q.throttleRetries },
    waitingAtEnd: q.waiting,
    maxEventAgeMs: q.eventAgeMs.max,
  };
}

/** Every SQS queue of the run with its event source mappings. */
export function sqsQueueChartData(run: RunResult): SqsQueueChartData[] {
  return [...run.resources.queues.values()].map((q) => ({
    name: q.name,
    visible: q.backlog,
    inFlight: q.inFlightSeries,
    oldestAge: q.oldestAgeSeries,
    sent: q.sent,
    deleted: q.deletedCount,
    returned: q.returned,
    movedToDeadLetterQueue: q.movedToDeadLetterQueue,
    deadLetterQueue: q.config.deadLetterQueue,
    maxReceiveCount: q.config.maxReceiveCount,
    expired: q.expired,
    recursionStopped: q.recursionStopped,
    visibleAtEnd: q.visibleCount,
    maxAgeMs: q.maxAgeMs,
    consumers: run.eventSources.sqs
      .filter((c) => c.queue === q)
      .map((c) => ({
        functionName: c.functionName,
        maximumConcurrency: c.config.maximumConcurrency,
        peakConcurrency: c.peakRunning,
        peakPollerConcurrency: Math.floor(c.peakAllowed),
        batches: c.batches,
        throttledBatches: c.throttledBatches,
      })),
  }));
}

/** Every Kinesis or DynamoDB stream of the run with its event source mappings. */
export function streamChartData(run: RunResult): StreamChartData[] {
  return [...run.resources.streams.values()].map((s) => ({
    name: s.name,
    type: s.config.type,
    shards: s.config.shardCount,
    records: s.records,
    writeThrottled: s.writeThrottled,
    consumers: run.eventSources.streams
      .filter((c) => c.stream === s)
      .map((c) => ({
        functionName: c.functionName,
        waiting: c.backlogSeries,
        iteratorAge: c.iteratorAgeSeries,
        processed: c.processed,
        discarded: c.discarded,
        trimmed: c.trimmed,
        waitingAtEnd: c.waiting,
        maxIteratorAgeMs: c.iteratorAgeMs.max,
      })),
  }));
}

/** Every NAT gateway of the run. */
export function natChartData(run: RunResult): NatChartData[] {
  return [...run.resources.nats.values()].map((n) => ({
    name: n.config.name,
    azs: n.config.azs,
    processedBytes: n.processedBytesSeries,
    totalBytes: n.processedBytes,
    calls: n.calls,
  }));
}
