/**
 * The largest backlog an SQS queue or a stream's consumers are expected to hold in a scenario's
 * window, estimated before simulating (pure): a queue keeps every message it holds in memory (32
 * bytes each, twice that while its ring grows: src/model/messaging/ring.ts), and each consumer of
 * a stream every record it has not read yet (24 bytes), so a consumer that cannot keep up with a
 * large load makes a run's memory grow with the messages sent. `lamsim plan` raising the load of
 * a queue whose consumer is capped (`maximumConcurrency`) reached 9 GB this way.
 *
 * Fluid estimate: messages arrive at the traffic's mean rate (traffic into the queue or into a
 * topic or bucket delivering to it, and the writes of the functions the traffic invokes) and leave at the consumers' capacity, the most their
 * concurrency cap can drain: for each function reading the queue, min(maximumConcurrency or the
 * pollers' ceiling, FIFO message groups, reserved or account concurrency) batches at once, each of
 * `batchSize` messages taking the handler's mean time for a full batch. The backlog follows
 * B' = arrivals - capacity, never below 0 and never above the messages sent in the last retention
 * period (SQS deletes older ones). It ignores what only lowers the capacity (the pollers' ramp-up,
 * cold starts, database calls, the in-flight quota, throttles) and the writes of functions further
 * down a chain than the traffic's own targets, so it errs low: an estimate for a refusal, not a
 * prediction.
 */

import { decimalText } from '../decimalText.ts';
import { distMean, PiecewiseLinearRate, type RateSegment } from '../engine/index.ts';
import {
  computeScaleOf,
  KINESIS_SHARD_RECORDS_PER_SECOND,
  rateSegments,
  SQS_INVOKES_PER_EVENT_POLLER,
  SQS_SCALING,
} from '../model/index.ts';
import type {
  DataStream,
  LambdaFunction,
  Scenario,
  SqsEventSource,
  SqsQueue,
  StreamEventSource,
} from '../scenario/index.ts';
import { deliveredTo } from './trafficFunctions.ts';

/** Steps of the fluid walk over the window, besides every phase's start and end. */
const STEPS = 2_000;
/**
 * Bytes kept per message a queue holds (four float64 columns: src/model/messaging/sqsQueue.ts),
 * and per record a stream's consumer has not read (three: src/model/invocation/streamEventSource.ts).
 */
const HELD_BYTES = { queue: 32, stream: 24 } as const;
/**
 * Messages (or records) a run may be expected to hold at once (2^25, about 1 GiB of messages, up
 * to 1.5 GiB while the ring doubles): above it `run`, `validate`, `tune`, `compare` refuse the
 * scenario before simulating.
 */
export const MAX_HELD_MESSAGES = 2 ** 25;

export interface BacklogEstimate {
  /** The queue's or stream's name. */
  readonly resource: string;
  readonly kind: 'queue' | 'stream';
  /** Messages (a stream: records, over all its consumers) it is expected to hold at most (fluid estimate, see above). */
  readonly heldMessages: number;
  /** The messages (records) a second its consumers can drain at most (0: nothing reads it; a stream: the sum over its consumers). */
  readonly drainPerSecond: number;
}

/** Messages a second `fn` can drain from a queue through `source` at most. */
function queueDrainPerSecond(
  scenario: Scenario,
  fn: LambdaFunction,
  source: SqsEventSource,
  queue: SqsQueue,
): number {
  const pollers =
    source.provisionedPollers !== null
      ? source.provisionedPollers.max * SQS_INVOKES_PER_EVENT_POLLER
      : SQS_SCALING[source.pollerScaling].max;
  const batches = Math.min(
    source.maximumConcurrency ?? pollers,
    queue.fifo && queue.messageGroups !== undefined ? queue.messageGroups : Number.POSITIVE_INFINITY,
    fn.reservedConcurrency ?? scenario.account.concurrentExecutions,
  );
  return (batches * source.batchSize * 1000) / batchMsOf(fn, source.batchSize);
}

/** A full batch's mean handler time in ms (at least 1: a handler with no time of its own). */
function batchMsOf(fn: LambdaFunction, n: number): number {
  const m = fn.model;
  const batchMs =
    (distMean(m.computeMs) + n * distMean(m.perRecordComputeMs)) * computeScaleOf(fn) +
    distMean(m.ioMs) +
    n * distMean(m.perRecordIoMs);
  return Math.max(1, batchMs);
}

/** Records a second `fn` can read from `stream` through `source` at most. */
function streamDrainPerSecond(fn: LambdaFunction, source: StreamEventSource, stream: DataStream): number {
  const lanes = Math.min(
    stream.shardCount * source.parallelizationFactor,
    fn.reservedConcurrency ?? Number.POSITIVE_INFINITY,
  );
  return (lanes * source.batchSize * 1000) / batchMsOf(fn, source.batchSize);
}

/**
 * The arrival rate segments (per ms) that reach a queue or stream: traffic sent to it, or to a topic or
 * bucket delivering to it, and the writes into those of the functions the traffic invokes
 * (`count` per invocation; writes further down a chain are not followed).
 */
function arrivalSegments(scenario: Scenario, queue: string): RateSegment[][] {
  const reaches = (resource: string) => deliveredTo(scenario, resource).has(queue);
  const byName = new Map(scenario.functions.map((f) => [f.name, f]));
  const segments: RateSegment[][] = [];
  for (const t of scenario.traffic) {
    const written =
      t.targetKind === 'resource'
        ? reaches(t.target)
          ? 1
          : 0
        : (byName.get(t.target)?.model.calls ?? []).reduce(
            (sum, c) => sum + (c.kind === 'resource' && reaches(c.resource) ? c.count : 0),
            0,
          );
    if (written === 0) continue;
    segments.push(
      rateSegments(t, scenario.durationMs).map((s) => ({
        ...s,
        rate0: s.rate0 * written,
        rate1: s.rate1 * written,
      })),
    );
  }
  return segments;
}

/** The fluid backlog's peak over the window (see the module comment). */
function peakBacklog(
  segments: readonly RateSegment[][],
  drainPerMs: number,
  retentionMs: number,
  windowMs: number,
  maxPerMs = Number.POSITIVE_INFINITY,
): number {
  // Above `maxPerMs` (a Kinesis stream's write limit) the writes are refused, not held.
  const capped = segments.map((s) =>
    s.map((x) => ({ ...x, rate0: Math.min(x.rate0, maxPerMs), rate1: Math.min(x.rate1, maxPerMs) })),
  );
  const rates = capped.map((s) => new PiecewiseLinearRate(s));
  const sent = (t: number) => rates.reduce((sum, r) => sum + r.cumulative(Math.max(0, t)), 0);
  // Steps end at every phase's start and end, so a short burst is never averaged with its neighbours.
  const times = new Set<number>();
  for (let k = 1; k <= STEPS; k++) times.add((windowMs * k) / STEPS);
  for (const s of segments.flat()) times.add(s.start).add(s.start + s.duration);
  let backlog = 0;
  let peak = 0;
  let before = 0;
  let t0 = 0;
  for (const t of [...times].filter((t) => t > 0 && t <= windowMs).sort((a, b) => a - b)) {
    const now = sent(t);
    const sentInRetention = now - sent(t - retentionMs);
    backlog = Math.min(sentInRetention, Math.max(0, backlog + (now - before) - drainPerMs * (t - t0)));
    peak = Math.max(peak, backlog);
    before = now;
    t0 = t;
  }
  return peak;
}

/** The queue or stream expected to hold the most messages (records) at once, or null when none receives traffic. */
export function largestBacklog(scenario: Scenario): BacklogEstimate | null {
  let largest: BacklogEstimate | null = null;
  const consider = (b: BacklogEstimate) => {
    if (largest === null || b.heldMessages > largest.heldMessages) largest = b;
  };
  const windowMs = scenario.durationMs;
  for (const r of scenario.resources) {
    if (r.type !== 'sqs-queue' && r.type !== 'kinesis-stream' && r.type !== 'dynamodb-stream') continue;
    const segments = arrivalSegments(scenario, r.name);
    if (segments.length === 0) continue;
    if (r.type === 'sqs-queue') {
      let drain = 0;
      for (const fn of scenario.functions) {
        for (const source of fn.events) {
          if (source.kind === 'sqs' && source.queue === r.name)
            drain += queueDrainPerSecond(scenario, fn, source, r);
        }
      }
      const heldMessages = peakBacklog(segments, drain / 1000, r.messageRetentionMs, windowMs);
      consider({ resource: r.name, kind: 'queue', heldMessages, drainPerSecond: drain });
      continue;
    }
    const maxPerMs =
      r.type === 'kinesis-stream'
        ? (r.shardCount * KINESIS_SHARD_RECORDS_PER_SECOND) / 1000
        : Number.POSITIVE_INFINITY;
    let held = 0;
    let drain = 0;
    for (const fn of scenario.functions) {
      for (const source of fn.events) {
        if (source.kind !== 'stream' || source.stream !== r.name) continue;
        const perSecond = streamDrainPerSecond(fn, source, r);
        const keptMs = Math.min(r.retentionMs, source.maximumRecordAgeMs);
        held += peakBacklog(segments, perSecond / 1000, keptMs, windowMs, maxPerMs);
        drain += perSecond;
      }
    }
    consider({ resource: r.name, kind: 'stream', heldMessages: held, drainPerSecond: drain });
  }
  return largest;
}

/**
 * `queue orders-queue would hold about 276M messages at once (8.8 GB of memory; its consumers
 * drain at most about 1,043 messages/s), above the limit of 33.6M`: a refusal's reason.
 */
export function backlogText(b: BacklogEstimate, limit: number): string {
  const count = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : decimalText(Math.round(n)));
  const gb = (b.heldMessages * HELD_BYTES[b.kind]) / 1e9;
  const memory = gb >= 1 ? `${gb.toFixed(1)} GB` : `${Math.ceil(gb * 1000)} MB`;
  const noun = b.kind === 'queue' ? 'messages' : 'records';
  const drain =
    b.drainPerSecond > 0
      ? `; its consumers ${b.kind === 'queue' ? 'drain' : 'read'} at most about ${count(b.drainPerSecond)} ${noun}/s`
      : '';
  const what =
    b.kind === 'queue'
      ? `queue ${b.resource} would hold`
      : `the consumers of stream ${b.resource} would hold, unread,`;
  return (
    `${what} about ${count(b.heldMessages)} ${noun} at once (${memory} of memory${drain}), ` +
    `above the limit of ${count(limit)}`
  );
}
