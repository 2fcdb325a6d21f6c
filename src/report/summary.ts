/**
 * summary.json: the contract's output (scenario-format.md "Report bundle"), built from a run's
 * aggregates and its bill. Pure and deterministic: key order is fixed here, numbers come from
 * the run, nothing depends on wall-clock time.
 *
 * Extensions beyond the contract (allowed by it): `provenance`, `window.bucketMs`/`endMs`,
 * per function `throttledAttempts`, `throttledBy`, `gatewayTimeouts`, `latencyColdMs`, `latencyWarmMs`,
 * `environments.{meanInitializing, reclaimed, retired}`, `suppressedInits`, `billing`, `async`
 * (functions that received asynchronous events), `provisioned` (functions whose provisioned
 * concurrency changes); resources of type sqs-queue, kinesis-stream, dynamodb-stream, s3-bucket
 * and sns-topic with their consumers.
 *
 * Counting rules: `throttled` counts requests refused in the end (a synchronous caller's last
 * attempt was throttled), so `throttleRate` = throttled / arrived is a share of requests and, for
 * synchronous traffic, arrived = started + throttled (+ requests refused for want of a legacy ENI);
 * `throttledAttempts` counts every refused attempt (CloudWatch's Throttles metric), retries
 * included, and `throttledBy` splits those attempts by the limit that refused them.
 * For asynchronous events, `arrived` = events, `succeeded` = events processed, `failed`/`timedOut` =
 * failed attempts, `retried` = retries (after errors or throttles), `dropped` = events discarded;
 * arrived = succeeded + dropped + async.waitingAtEnd (+ attempts running at the end). For event
 * source mappings, `arrived` counts batches.
 */
import type { CostBreakdown } from '../billing/index.ts';
import type { Provenance } from '../experiments/provenance.ts';
import type { Histogram } from '../metrics/index.ts';
import type { AsyncQueue } from '../model/invocation/asyncQueue.ts';
import type { DataStreamModel } from '../model/messaging/dataStream.ts';
import type { SqsQueueModel } from '../model/messaging/sqsQueue.ts';
import type { FunctionResult, ProvisionedSummary, RunResult } from '../model/world.ts';
import type { DatabaseEngine } from '../scenario/types.ts';

export interface Percentiles {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface FunctionSummary {
  readonly invocations: {
    readonly arrived: number;
    readonly started: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly timedOut: number;
    readonly throttled: number;
    readonly retried: number;
    readonly dropped: number;
  };
  /** Every refused attempt, retries included (CloudWatch Throttles); `throttledBy` splits these. */
  readonly throttledAttempts: number;
  readonly throttledBy: {
    readonly reservedConcurrency: number;
    readonly accountConcurrency: number;
    readonly scalingRate: number;
  };
  readonly gatewayTimeouts: number;
  readonly coldStarts: number;
  readonly coldStartRate: number;
  readonly throttleRate: number;
  readonly latencyMs: Percentiles;
  readonly latencyColdMs: Percentiles;
  readonly latencyWarmMs: Percentiles;
  readonly durationMs: Percentiles;
  readonly initDurationMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly suppressedInits: number;
  /** Cold starts that restored a SnapStart snapshot (counted in coldStarts too). */
  readonly snapStartRestores: number;
  readonly concurrency: { readonly peak: number; readonly mean: number };
  readonly environments: {
    readonly created: number;
    readonly peak: number;
    readonly meanLive: number;
    readonly meanBusy: number;
    readonly meanIdle: number;
    readonly meanInitializing: number;
    readonly reclaimed: number;
    readonly retired: number;
  };
  /** Present for functions that received asynchronous events. */
  readonly async?: AsyncSummary;
  /** Present for functions whose provisioned concurrency changes (schedule, auto scaling). */
  readonly provisioned?: ProvisionedSummary;
}

export interface Summary {
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly scenario: string;
  readonly seed: number;
  readonly provenance: { readonly scenarioHash: string };
  readonly window: { readonly durationMs: number; readonly bucketMs: number; readonly endMs: number };
  readonly functions: Readonly<Record<string, FunctionSummary>>;
  readonly resources: Readonly<Record<string, ResourceSummary>>;
  readonly cost: { readonly window: CostBreakdown; readonly monthly: CostBreakdown };
}

/** Milliseconds to microsecond precision: keeps summaries readable and stable. */
const ms = (x: number): number => Math.round(x * 1000) / 1000;
const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

function percentiles(h: Histogram): Percentiles {
  const s = h.summary();
  return { mean: ms(s.mean), p50: ms(s.p50), p90: ms(s.p90), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) };
}

export function summarizeFunction(f: FunctionResult): FunctionSummary {
  const s = f.stats;
  const levels = s.levels;
  const init = s.init.summary();
  return {
    invocations: {
      arrived: s.arrived,
      started: s.started,
      succeeded: s.succeeded,
      failed: s.failed,
      timedOut: s.timedOut,
      throttled: s.throttledFinal,
      retried: s.retried,
      dropped: s.dropped,
    },
    throttledAttempts: s.throttled,
    throttledBy: s.throttledByReason,
    gatewayTimeouts: s.gatewayTimeouts,
    coldStarts: s.coldStarts,
    coldStartRate: ratio(s.coldStarts, s.started),
    throttleRate: ratio(s.throttledFinal, s.arrived),
    latencyMs: percentiles(s.latency),
    latencyColdMs: percentiles(s.latencyCold),
    latencyWarmMs: percentiles(s.latencyWarm),
    durationMs: percentiles(s.duration),
    initDurationMs: { mean: ms(init.mean), p50: ms(init.p50), p99: ms(init.p99), max: ms(init.max) },
    suppressedInits: s.suppressedInits,
    snapStartRestores: s.snapStartRestores,
    concurrency: { peak: levels.concurrency.peak, mean: levels.concurrency.mean },
    environments: {
      created: s.environmentsCreated,
      peak: levels.live.peak,
      meanLive: levels.live.mean,
      meanBusy: levels.concurrency.mean,
      meanIdle: levels.idle.mean,
      meanInitializing: levels.initializing.mean,
      reclaimed: s.environmentsReclaimed,
      retired: s.environmentsRetired,
    },
    ...(f.async ? { async: summarizeAsync(f.async) } : {}),
    ...(f.provisioned ? { provisioned: f.provisioned } : {}),
  };
}

export interface AsyncSummary {
  readonly events: number;
  readonly succeeded: number;
  readonly dropped: {
    readonly expired: number;
    readonly retriesExhausted: number;
    readonly recursion: number;
    readonly noConcurrency: number;
  };
  readonly retries: { readonly afterError: number; readonly afterThrottle: number };
  readonly sentTo: {
    readonly onSuccess: number;
    readonly onFailure: number;
    readonly deadLetterQueue: number;
  };
  /** Events still queued (waiting for an attempt or a retry) when the window ended. */
  readonly waitingAtEnd: number;
  readonly queueDepth: { readonly peak: number; readonly mean: number };
  /** AsyncEventAge: enqueue to each attempt's start. */
  readonly eventAgeMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
}

function summarizeAsync(q: AsyncQueue): AsyncSummary {
  const age = q.eventAgeMs.summary();
  const w = q.windowLevels;
  return {
    events: q.received,
    succeeded: q.succeeded,
    dropped: { ...q.drops },
    retries: { afterError: q.errorRetries, afterThrottle: q.throttleRetries },
    sentTo: { onSuccess: q.toOnSuccess, onFailure: q.toOnFailure, deadLetterQueue: q.toDeadLetterQueue },
    waitingAtEnd: q.waiting,
    queueDepth: { peak: w.peak, mean: w.mean },
    eventAgeMs: { mean: ms(age.mean), p50: ms(age.p50), p99: ms(age.p99), max: ms(age.max) },
  };
}

export interface DatabaseSummary {
  readonly type: DatabaseEngine;
  readonly instanceClass: string;
  readonly maxConnections: number;
  readonly peakConnections: number;
  readonly meanConnections: number;
  readonly connectionErrors: number;
  readonly queries: number;
  readonly queryMs: Percentiles;
  /** Mean vCPUs busy with queries over the window, and as a share of the instance's vCPUs. */
  readonly meanBusyVcpus: number;
  readonly cpuUtilization: number;
}

export interface ProxySummary {
  readonly type: 'rds-proxy';
  readonly poolSize: number;
  readonly borrows: number;
  readonly borrowWaits: number;
  /** Mean wait per borrow, zero for borrows that found a connection at once. */
  readonly meanBorrowWaitMs: number;
  readonly borrowTimeouts: number;
  readonly peakClientConnections: number;
  readonly meanClientConnections: number;
  readonly meanPoolInUse: number;
}

export interface NatSummary {
  readonly type: 'nat-gateway';
  readonly calls: number;
  readonly processedBytes: number;
}

export interface EndpointSummary {
  readonly type: 'vpc-endpoint';
  readonly endpointType: 'gateway' | 'interface';
  readonly service: string;
  readonly calls: number;
  readonly processedBytes: number;
}

export interface SqsConsumerSummary {
  readonly batches: number;
  readonly throttledBatches: number;
  readonly messagesSucceeded: number;
  readonly messagesFailed: number;
  /** Batches running at once, and the concurrency the pollers had scaled to, at their peak. */
  readonly peakConcurrency: number;
  readonly peakPollerConcurrency: number;
}

export interface QueueSummary {
  readonly type: 'sqs-queue';
  readonly sent: number;
  /** Deliveries (a message received twice counts twice). */
  readonly received: number;
  readonly deleted: number;
  /** Visibility timeouts that expired: messages back in the queue. */
  readonly returned: number;
  readonly movedToDeadLetterQueue: number;
  readonly expired: number;
  readonly recursionStopped: number;
  /** Deletes that came after the message was visible again (it is processed twice). */
  readonly lateDeletes: number;
  readonly visibleAtEnd: number;
  readonly inFlightAtEnd: number;
  readonly backlog: { readonly peak: number; readonly mean: number };
  readonly meanInFlight: number;
  /** Largest age of the oldest message (ApproximateAgeOfOldestMessage). */
  readonly maxAgeMs: number;
  /** Send to first receive. */
  readonly waitMs: Percentiles;
  /** Send to delete, for processed messages. */
  readonly messageLatencyMs: Percentiles;
  readonly consumers: Readonly<Record<string, SqsConsumerSummary>>;
}

export interface StreamConsumerSummary {
  readonly records: number;
  readonly processed: number;
  /** Given up (retries or maximumRecordAge used up): sent to the on-failure destination. */
  readonly discarded: number;
  /** Lost to the stream's retention before being read. */
  readonly trimmed: number;
  readonly waitingAtEnd: number;
  readonly backlog: { readonly peak: number; readonly mean: number };
  readonly batches: number;
  readonly failedBatches: number;
  readonly retries: number;
  readonly bisections: number;
  readonly throttledBatches: number;
  readonly iteratorAgeMs: Percentiles;
}

export interface StreamSummary {
  readonly type: 'kinesis-stream' | 'dynamodb-stream';
  readonly shards: number;
  readonly records: number;
  /** Writes refused by the shard write limit (Kinesis: 1,000 records/s per shard). */
  readonly writeThrottled: number;
  /** Largest iterator age of any consumer. */
  readonly maxAgeMs: number;
  readonly consumers: Readonly<Record<string, StreamConsumerSummary>>;
}

export interface NotifierSummary {
  readonly type: 's3-bucket' | 'sns-topic';
  /** Objects created or messages published. */
  readonly published: number;
  /** Notifications delivered to subscribed functions. */
  readonly deliveries: number;
}

export type ResourceSummary =
  | DatabaseSummary
  | ProxySummary
  | NatSummary
  | EndpointSummary
  | QueueSummary
  | StreamSummary
  | NotifierSummary;

function summarizeQueue(run: RunResult, q: SqsQueueModel): QueueSummary {
  const w = q.windowLevels;
  const consumers: Record<string, SqsConsumerSummary> = {};
  for (const c of run.eventSources.sqs) {
    if (c.queue !== q) continue;
    consumers[c.functionName] = {
      batches: c.batches,
      throttledBatches: c.throttledBatches,
      messagesSucceeded: c.messagesSucceeded,
      messagesFailed: c.messagesFailed,
      peakConcurrency: c.peakRunning,
      peakPollerConcurrency: Math.floor(c.peakAllowed),
    };
  }
  return {
    type: 'sqs-queue',
    sent: q.sent,
    received: q.received,
    deleted: q.deletedCount,
    returned: q.returned,
    movedToDeadLetterQueue: q.movedToDeadLetterQueue,
    expired: q.expired,
    recursionStopped: q.recursionStopped,
    lateDeletes: q.lostDeletes,
    visibleAtEnd: q.visibleCount,
    inFlightAtEnd: q.inFlightCount,
    backlog: { peak: w.peakBacklog, mean: w.meanBacklog },
    meanInFlight: w.meanInFlight,
    maxAgeMs: ms(q.maxAgeMs),
    waitMs: percentiles(q.waitMs),
    messageLatencyMs: percentiles(q.latencyMs),
    consumers,
  };
}

function summarizeStream(run: RunResult, stream: DataStreamModel): StreamSummary {
  const consumers: Record<string, StreamConsumerSummary> = {};
  let maxAgeMs = 0;
  for (const c of run.eventSources.streams) {
    if (c.stream !== stream) continue;
    const w = c.windowLevels;
    const age = percentiles(c.iteratorAgeMs);
    maxAgeMs = Math.max(maxAgeMs, age.max);
    consumers[c.functionName] = {
      records: c.appended,
      processed: c.processed,
      discarded: c.discarded,
      trimmed: c.trimmed,
      waitingAtEnd: c.waiting,
      backlog: { peak: w.peakBacklog, mean: w.meanBacklog },
      batches: c.batches,
      failedBatches: c.failedBatches,
      retries: c.retries,
      bisections: c.bisections,
      throttledBatches: c.throttledBatches,
      iteratorAgeMs: age,
    };
  }
  return {
    type: stream.config.type,
    shards: stream.config.shardCount,
    records: stream.records,
    writeThrottled: stream.writeThrottled,
    maxAgeMs,
    consumers,
  };
}

export function summarizeResources(run: RunResult): Record<string, ResourceSummary> {
  const out: Record<string, ResourceSummary> = {};
  for (const r of run.scenario.resources) {
    const db = run.resources.databases.get(r.name);
    if (db) {
      const w = db.window;
      out[r.name] = {
        type: db.config.type,
        instanceClass: db.config.instanceClass,
        maxConnections: db.config.maxConnections,
        peakConnections: w.peakConnections,
        meanConnections: w.meanConnections,
        connectionErrors: db.connectionErrors,
        queries: db.queries,
        queryMs: percentiles(db.queryTime),
        meanBusyVcpus: w.meanBusyVcpus,
        cpuUtilization: w.meanBusyVcpus / db.config.vcpus,
      };
      continue;
    }
    const proxy = run.resources.proxies.get(r.name);
    if (proxy) {
      const w = proxy.window;
      out[r.name] = {
        type: 'rds-proxy',
        poolSize: proxy.poolSize,
        borrows: proxy.borrows,
        borrowWaits: proxy.borrowWaits,
        meanBorrowWaitMs: ms(proxy.meanBorrowWaitMs),
        borrowTimeouts: proxy.borrowTimeouts,
        peakClientConnections: w.peakClientConnections,
        meanClientConnections: w.meanClientConnections,
        meanPoolInUse: w.meanPoolInUse,
      };
      continue;
    }
    const queue = run.resources.queues.get(r.name);
    if (queue) {
      out[r.name] = summarizeQueue(run, queue);
      continue;
    }
    const stream = run.resources.streams.get(r.name);
    if (stream) {
      out[r.name] = summarizeStream(run, stream);
      continue;
    }
    const notifier = run.resources.notifiers.get(r.name);
    if (notifier) {
      out[r.name] = {
        type: notifier.config.type,
        published: notifier.published,
        deliveries: notifier.deliveries,
      };
      continue;
    }
    const nat = run.resources.nats.get(r.name);
    if (nat) out[r.name] = { type: 'nat-gateway', calls: nat.calls, processedBytes: nat.processedBytes };
    const endpoint = run.resources.endpoints.get(r.name);
    if (endpoint) {
      out[r.name] = {
        type: 'vpc-endpoint',
        endpointType: endpoint.config.endpointType,
        service: endpoint.config.service,
        calls: endpoint.calls,
        processedBytes: endpoint.processedBytes,
      };
    }
  }
  return out;
}

export function buildSummary(
  run: RunResult,
  cost: { readonly window: CostBreakdown; readonly monthly: CostBreakdown },
  provenance: Provenance,
): Summary {
  return {
    lamsim: { version: provenance.version, format: provenance.format },
    scenario: run.scenario.name,
    seed: provenance.seed,
    provenance: { scenarioHash: provenance.scenarioHash },
    window: { durationMs: run.windowMs, bucketMs: run.bucketMs, endMs: ms(run.endMs) },
    functions: Object.fromEntries(run.functions.map((f) => [f.name, summarizeFunction(f)])),
    resources: summarizeResources(run),
    cost,
  };
}

/** The bytes of summary.json: two-space JSON and a final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
