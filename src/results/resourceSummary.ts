/**
 * The `resources` part of summary.json: databases, proxies, NAT gateways, VPC endpoints, SQS
 * queues, Kinesis/DynamoDB streams, S3 buckets, SNS topics and secrets, in the scenario's order. Pure.
 */
import { histogramMean } from '../metrics/index.ts';
import type { DatabaseEngine } from '../scenario/index.ts';
import type { DataStreamResult, RunData, SqsQueueResult, SqsSourceResult } from './runData.ts';
import { ms, type Percentiles, percentiles } from './summaryNumbers.ts';

export interface DatabaseSummary {
  readonly type: DatabaseEngine;
  readonly instanceClass: string;
  /** The instance's vCPUs: queries (`query`, CPU time) share them (processor sharing). */
  readonly vcpus: number;
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
  /** Mean wait per borrow over all borrows, zero for borrows that found a connection at once. */
  readonly meanBorrowWaitMs: number;
  /**
   * Mean wait of the borrows that waited (`borrowWaits`; those whose wait ended in the window, by a
   * connection or by `connectionBorrowTimeout`); 0 when none waited.
   */
  readonly meanWaitWhenWaitedMs: number;
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
  /**
   * Provisioned mode only (`provisionedPollers`): the event pollers' configured range, the most
   * in use at once, and the event poller hours billed over the window.
   */
  readonly eventPollers?: {
    readonly min: number;
    readonly max: number;
    readonly peak: number;
    readonly hours: number;
  };
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
  readonly peakInFlight: number;
  /** Time at the in-flight quota (the queue's maxInFlightMessages): receives got nothing. */
  readonly atInFlightQuotaMs: number;
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
  /** Write attempts refused by the shard write limits (Kinesis: 1,000 records/s and 1 MiB/s per shard). */
  readonly writeThrottled: number;
  /** Writes refused on every attempt of the producer's retries (lost). */
  readonly writeFailed: number;
  /** Largest iterator age of any consumer. */
  readonly maxAgeMs: number;
  readonly consumers: Readonly<Record<string, StreamConsumerSummary>>;
}

export interface NotifierSummary {
  readonly type: 's3-bucket' | 'sns-topic';
  /** Objects created or messages published. */
  readonly published: number;
  /** Notifications delivered to subscribed functions (one per subscriber of each object or message). */
  readonly deliveries: number;
  /** Functions subscribed. */
  readonly subscribers: number;
  /**
   * Notifications still on their way (S3 250 ms, SNS 50 ms) when the window ended.
   * published x subscribers = deliveries + inTransitAtEnd.
   */
  readonly inTransitAtEnd: number;
}

export interface SecretSummary {
  readonly type: 'secret';
  /** GetSecretValue calls. */
  readonly calls: number;
}

export type ResourceSummary =
  | DatabaseSummary
  | ProxySummary
  | NatSummary
  | EndpointSummary
  | QueueSummary
  | StreamSummary
  | NotifierSummary
  | SecretSummary;

/** The `eventPollers` entry of a mapping in provisioned mode (none otherwise). */
function eventPollersOf(run: RunData, c: SqsSourceResult): Pick<SqsConsumerSummary, 'eventPollers'> {
  const fn = run.scenario.functions.find((f) => f.name === c.function);
  const mapping = fn?.events.find((e) => e.kind === 'sqs' && e.queue === c.queue);
  const range = mapping?.kind === 'sqs' ? mapping.provisionedPollers : null;
  if (range === null || range === undefined) return {};
  return {
    eventPollers: {
      min: range.min,
      max: range.max,
      peak: c.peakEventPollers,
      hours: c.eventPollerMs / 3_600_000,
    },
  };
}

function summarizeQueue(run: RunData, q: SqsQueueResult): QueueSummary {
  const w = q.window;
  const consumers: Record<string, SqsConsumerSummary> = {};
  for (const c of run.eventSources.sqs) {
    if (c.queue !== q.name) continue;
    consumers[c.function] = {
      batches: c.batches,
      throttledBatches: c.throttledBatches,
      messagesSucceeded: c.messagesSucceeded,
      messagesFailed: c.messagesFailed,
      peakConcurrency: c.peakRunning,
      peakPollerConcurrency: Math.floor(c.peakAllowed),
      ...eventPollersOf(run, c),
    };
  }
  return {
    type: 'sqs-queue',
    sent: q.sent,
    received: q.received,
    deleted: q.deleted,
    returned: q.returned,
    movedToDeadLetterQueue: q.movedToDeadLetterQueue,
    expired: q.expired,
    recursionStopped: q.recursionStopped,
    lateDeletes: q.lateDeletes,
    visibleAtEnd: q.visibleAtEnd,
    inFlightAtEnd: q.inFlightAtEnd,
    backlog: { peak: w.peakBacklog, mean: w.meanBacklog },
    meanInFlight: w.meanInFlight,
    peakInFlight: w.peakInFlight,
    atInFlightQuotaMs: ms(w.atInFlightQuotaMs),
    maxAgeMs: ms(q.maxAgeMs),
    waitMs: percentiles(q.wait),
    messageLatencyMs: percentiles(q.latency),
    consumers,
  };
}

function summarizeStream(run: RunData, stream: DataStreamResult): StreamSummary {
  const consumers: Record<string, StreamConsumerSummary> = {};
  let maxAgeMs = 0;
  for (const c of run.eventSources.streams) {
    if (c.stream !== stream.name) continue;
    const age = percentiles(c.iteratorAge);
    maxAgeMs = Math.max(maxAgeMs, age.max);
    consumers[c.function] = {
      records: c.appended,
      processed: c.processed,
      discarded: c.discarded,
      trimmed: c.trimmed,
      waitingAtEnd: c.waitingAtEnd,
      backlog: { peak: c.backlog.peak, mean: c.backlog.mean },
      batches: c.batches,
      failedBatches: c.failedBatches,
      retries: c.retries,
      bisections: c.bisections,
      throttledBatches: c.throttledBatches,
      iteratorAgeMs: age,
    };
  }
  return {
    type: stream.type,
    shards: stream.shards,
    records: stream.records,
    writeThrottled: stream.writeThrottled,
    writeFailed: stream.writeFailed,
    maxAgeMs,
    consumers,
  };
}

/** A top-level field of a resource summary that is a number, a string or a boolean. */
export type ResourceScalar = readonly [key: string, value: number | string | boolean];

/**
 * The top-level numbers, strings and booleans of a resource's summary, in its key order (nested
 * values, such as percentiles and consumers, left out): what generic tables show.
 */
export function resourceScalars(summary: ResourceSummary): ResourceScalar[] {
  const out: ResourceScalar[] = [];
  for (const [key, value] of Object.entries(summary)) {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      out.push([key, value]);
    }
  }
  return out;
}

/** Every resource of the run by name, summarised, in the scenario's order. */
export function summarizeResources(run: RunData): Record<string, ResourceSummary> {
  const r = run.resources;
  const byName = new Map<string, ResourceSummary>();
  for (const db of r.databases) {
    const w = db.window;
    byName.set(db.name, {
      type: db.type,
      instanceClass: db.instanceClass,
      vcpus: db.vcpus,
      maxConnections: db.maxConnections,
      peakConnections: w.peakConnections,
      meanConnections: w.meanConnections,
      connectionErrors: db.connectionErrors,
      queries: db.queries,
      queryMs: percentiles(db.queryTime),
      meanBusyVcpus: w.meanBusyVcpus,
      cpuUtilization: w.meanBusyVcpus / db.vcpus,
    });
  }
  for (const proxy of r.proxies) {
    const w = proxy.window;
    // Mean wait per borrow (zero for the borrows that did not wait), and of the borrows that waited.
    const waited = proxy.borrowWait;
    const meanWaitWhenWaitedMs = waited.count > 0 ? histogramMean(waited) : 0;
    const meanBorrowWaitMs = proxy.borrows > 0 ? (meanWaitWhenWaitedMs * waited.count) / proxy.borrows : 0;
    byName.set(proxy.name, {
      type: 'rds-proxy',
      poolSize: proxy.poolSize,
      borrows: proxy.borrows,
      borrowWaits: proxy.borrowWaits,
      meanBorrowWaitMs: ms(meanBorrowWaitMs),
      meanWaitWhenWaitedMs: ms(meanWaitWhenWaitedMs),
      borrowTimeouts: proxy.borrowTimeouts,
      peakClientConnections: w.peakClientConnections,
      meanClientConnections: w.meanClientConnections,
      meanPoolInUse: w.meanPoolInUse,
    });
  }
  for (const q of r.queues) byName.set(q.name, summarizeQueue(run, q));
  for (const stream of r.streams) byName.set(stream.name, summarizeStream(run, stream));
  for (const n of r.notifiers) {
    byName.set(n.name, {
      type: n.type,
      published: n.published,
      deliveries: n.deliveries,
      subscribers: n.subscribers,
      inTransitAtEnd: n.inTransitAtEnd,
    });
  }
  for (const nat of r.nats) {
    byName.set(nat.name, { type: 'nat-gateway', calls: nat.calls, processedBytes: nat.processedBytes });
  }
  for (const e of r.endpoints) {
    byName.set(e.name, {
      type: 'vpc-endpoint',
      endpointType: e.endpointType,
      service: e.service,
      calls: e.calls,
      processedBytes: e.processedBytes,
    });
  }
  for (const secret of r.secrets) byName.set(secret.name, { type: 'secret', calls: secret.calls });
  const out: Record<string, ResourceSummary> = {};
  for (const { name } of run.scenario.resources) {
    const summary = byName.get(name);
    if (summary) out[name] = summary;
  }
  return out;
}
