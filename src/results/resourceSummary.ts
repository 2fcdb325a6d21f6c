/**
 * The `resources` part of summary.json: databases, proxies, NAT gateways, VPC endpoints, SQS
 * queues, Kinesis/DynamoDB streams, S3 buckets, SNS topics and secrets, in the scenario's order. Pure.
 */
import type { DataStreamModel } from '../model/messaging/dataStream.ts';
import type { SqsQueueModel } from '../model/messaging/sqsQueue.ts';
import type { RunResult } from '../model/world.ts';
import type { DatabaseEngine } from '../scenario/types.ts';
import { ms, type Percentiles, percentiles } from './summaryNumbers.ts';

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
    const secret = run.resources.secrets.get(r.name);
    if (secret) out[r.name] = { type: 'secret', calls: secret.calls };
  }
  return out;
}
