/**
 * A Kinesis or DynamoDB stream event source mapping (Lambda developer guide "Using
 * Lambda with Kinesis", "... with DynamoDB", API_CreateEventSourceMapping):
 *
 * - Each shard is read by `parallelizationFactor` lanes (1..10); a record goes to one lane of its
 *   shard (by partition key, random here), so order holds per key. A lane runs one batch at a time.
 * - Reading. "Lambda polls each shard in your Kinesis stream for records at a base rate of once per
 *   second. When more records are available, Lambda keeps processing batches until the function
 *   catches up with the stream" (with-kinesis): a lane with nothing to do polls on a grid of
 *   pollMs (1 s for Kinesis, 250 ms for DynamoDB streams: four times a second), so a record that
 *   reaches an idle lane waits for the next poll; a lane whose batch finished with records waiting
 *   reads again at once. A GetRecords call fetches every record of the shard written so far (the
 *   10,000-record and 10 MiB caps of one call are not modelled); batches are served from what was
 *   fetched, and a new call is made when a lane needs records not fetched yet. Kinesis standard
 *   consumers share each shard's 5 calls and 2 MiB per second (DataStreamModel.readBudgets): a
 *   batch waits until a call (when it needs one) and its bytes are available. Enhanced fan-out
 *   (`enhancedFanOut`) pushes records as they arrive, with 2 MiB/s per shard for this consumer
 *   alone. DynamoDB streams: no read budget modelled.
 * - A batch takes up to `batchSize` records and at most 6 MB (the synchronous payload limit); with
 *   a batching window, a short batch waits until its oldest record is that old.
 * - A failed batch (function error or timeout) blocks its lane: it is retried until it succeeds,
 *   `maximumRetryAttempts` is used up or its oldest record is older than `maximumRecordAge`; then
 *   the batch is skipped and one failure record goes to the on-failure destination. With
 *   `bisectBatchOnFunctionError` a failed batch is split in two and the halves retried in order
 *   (splitting does not count as a retry).
 * - Records older than the stream's retention are trimmed before they are read (lost).
 * - A throttled invoke is retried after 1 s and does not count as a retry.
 * - Counting: every delivery of a batch to the function (first, retry, bisected half, again after
 *   a throttle) is one arrival, so arrived = started + throttled + refused; `retried` counts the
 *   failed batches sent back for another try (bisected halves are not retries).
 * - IteratorAge: when a batch starts, the age of its last (newest) record (CloudWatch IteratorAge).
 *
 * Conservation: records appended = processed + discarded (given up) + trimmed + still waiting.
 */
import type { Rng, Simulation } from '../../engine/index.ts';
import {
  type BucketedGauge,
  type GaugeSeriesData,
  Histogram,
  type HistogramData,
  TimeWeighted,
} from '../../metrics/index.ts';
import type { StreamEventSource as StreamEventConfig } from '../../scenario/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import { TokenBucket } from '../concurrency/tokenBucket.ts';
import type { FunctionRuntime } from '../function/functionRuntime.ts';
import { type InvokeRequest, invokeRequest, Outcome, type RequestView } from '../function/requests.ts';
import {
  type DataStreamModel,
  KINESIS_SHARD_READ_BYTES_PER_SECOND,
  type ShardReadBudget,
  type StreamConsumer,
} from '../messaging/dataStream.ts';
import { Ring } from '../messaging/ring.ts';
import { type MessageSink, nextDepth } from '../messaging/sink.ts';
import type { InvocationSource, SourceWiring } from './invocationSource.ts';

/** Polling interval per shard: Kinesis once per second, DynamoDB streams four times per second. */
export const STREAM_POLL_INTERVAL_MS = { kinesis: 1_000, dynamodb: 250 } as const;
export const STREAM_THROTTLE_RETRY_MS = 1_000;
/** Largest batch: the synchronous invocation payload limit, 6 MB. */
export const STREAM_BATCH_MAX_BYTES = 6 * 1024 * 1024;
// Lane ring columns.
/**
 * A consumer that finds a shard's read budget short waits until the exact instant it refills
 * (no rounding to the millisecond: rounding made the consumer whose clock phase rounded last lose
 * every race, so one of three standard consumers read a fifth of its share for minutes). Waiting
 * consumers that wake at the same instant are served in the order they were refused. A shortfall
 * below this tolerance is floating-point rounding of that instant, not a wait.
 */
const BUDGET_EPSILON_MS = 1e-6;

const R_TIME = 0;
const R_DEPTH = 1;
const R_BYTES = 2;

/** A stream event source mapping over a run, as plain data (StreamEventSource.result()). Counts are records. */
export interface StreamSourceResult {
  readonly function: string;
  readonly stream: string;
  readonly appended: number;
  readonly processed: number;
  /** Given up (retries or maximumRecordAge used up): sent to the on-failure destination. */
  readonly discarded: number;
  /** Lost to the stream's retention before being read. */
  readonly trimmed: number;
  /** Records waiting in the lanes when the run ended. */
  readonly waitingAtEnd: number;
  readonly batches: number;
  readonly failedBatches: number;
  readonly retries: number;
  readonly bisections: number;
  readonly throttledBatches: number;
  /** GetRecords calls made (enhanced fan-out: 0, records are pushed). */
  readonly getRecordsCalls: number;
  /**
   * Bytes Kinesis pushed to this consumer with enhanced fan-out (billed per GB retrieved): each
   * record once, when a batch first takes it (a retried batch is not pushed again); 0 when polling.
   */
  readonly pushedBytes: number;
  /** Records waiting over the window (the batch running included). */
  readonly backlog: { readonly mean: number; readonly peak: number };
  /** IteratorAge: the age of a batch's newest record when it starts. */
  readonly iteratorAge: HistogramData;
  readonly series: {
    readonly iteratorAge: GaugeSeriesData;
    readonly backlog: GaugeSeriesData;
  };
}

const IDLE = 0;
const SCHEDULED = 1;
const RUNNING = 2;

/** One stream event source mapping: `config` reads `stream` for `target`, drawing from `rng`; `label` names its event kinds. */
export interface StreamMapping {
  readonly label: string;
  readonly config: StreamEventConfig;
  readonly stream: DataStreamModel;
  readonly target: FunctionRuntime;
  readonly rng: Rng;
}

export class StreamEventSource implements InvocationSource, StreamConsumer {
  private readonly lanes: Ring[];
  private readonly state: Uint8Array;
  private readonly wakeAtMs: Float64Array;
  private readonly lastPollMs: Float64Array;
  /** Per lane, 1 when its last batch finished with records waiting: it reads again at once. */
  private readonly backlogged: Uint8Array;
  /** Per shard, the time of this consumer's last GetRecords: records written up to then are fetched. */
  private readonly fetchedUntilMs: Float64Array;
  /** Per shard, the read budget: shared by standard consumers, this consumer's own with enhanced fan-out; null: none. */
  private readonly readBudgets: readonly ShardReadBudget[] | null;
  private readonly pushed: boolean;
  private getRecordsCalls = 0;
  private pushedBytes = 0;
  /** Size of the batch being run or retried (0: none), its retries, and the end of a bisected range. */
  private readonly batchCount: Int32Array;
  private readonly attempts: Float64Array;
  private readonly bisectEnd: Float64Array;
  private readonly pollMs: number;
  private readonly retention: number;
  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;
  /** The window's backlog, once it closed (no batch starts after that). */
  private window: { readonly mean: number; readonly peak: number } | null = null;
  onFailure: MessageSink | null = null;

  // Counters (records unless said otherwise).
  private appended = 0;
  private processed = 0;
  private discarded = 0;
  private trimmed = 0;
  private batches = 0;
  private failedBatches = 0;
  private retries = 0;
  private bisections = 0;
  private throttledBatches = 0;
  private iteratorAgeMs = new Histogram();
  private readonly iteratorAgeSeries: BucketedGauge;
  private readonly backlogSeries: BucketedGauge;
  private readonly backlogLevel = new TimeWeighted();
  private readonly request: InvokeRequest;
  /** Event kind: (lane) may start a batch. */
  private readonly pollKind: number;

  readonly config: StreamEventConfig;
  readonly stream: DataStreamModel;
  readonly windowMs: number;
  private readonly target: FunctionRuntime;
  private readonly requests: RequestView;
  private readonly sim: Simulation;
  private readonly rng: Rng;

  /** The mapping's `label` names its event kind (function and event index). Adds itself as the stream's consumer. */
  constructor(wiring: SourceWiring, mapping: StreamMapping) {
    const { label, config, stream, target } = mapping;
    const { sim, windowMs, series } = wiring;
    this.config = config;
    this.stream = stream;
    this.target = target;
    this.requests = wiring.requests;
    this.sim = sim;
    this.rng = mapping.rng;
    this.windowMs = windowMs;
    this.request = invokeRequest(wiring.registry.add(this));
    this.pollKind = sim.on(`stream-poll:${label}`, (lane) => this.poll(lane));
    stream.addConsumer(this);
    const n = stream.config.shardCount * config.parallelizationFactor;
    this.lanes = Array.from({ length: n }, () => new Ring(3));
    this.state = new Uint8Array(n);
    this.wakeAtMs = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.lastPollMs = new Float64Array(n);
    this.backlogged = new Uint8Array(n);
    this.fetchedUntilMs = new Float64Array(stream.config.shardCount).fill(Number.NEGATIVE_INFINITY);
    this.pushed = config.enhancedFanOut && stream.config.type === 'kinesis-stream';
    const perSecond = KINESIS_SHARD_READ_BYTES_PER_SECOND;
    this.readBudgets = this.pushed
      ? Array.from({ length: stream.config.shardCount }, () => ({
          calls: new TokenBucket(Number.POSITIVE_INFINITY, 0),
          bytes: new TokenBucket(perSecond, perSecond / 1000),
        }))
      : stream.readBudgets;
    this.batchCount = new Int32Array(n);
    this.attempts = new Float64Array(n);
    this.bisectEnd = new Float64Array(n).fill(-1);
    this.pollMs = STREAM_POLL_INTERVAL_MS[config.streamType];
    this.retention = stream.config.retentionMs;
    this.iteratorAgeSeries = series.gauge();
    this.backlogSeries = series.gauge();
  }

  /** True once the window closed: no batch starts any more. */
  private get closed(): boolean {
    return this.window !== null;
  }

  append(shard: number, nowMs: number, depth: number, bytes: number): void {
    const p = this.config.parallelizationFactor;
    const lane = shard * p + (p > 1 ? Math.floor(this.rng.next() * p) : 0);
    this.lanes[lane].push(nowMs, depth, bytes);
    this.appended++;
    this.setBacklog(nowMs, 1);
    if (this.state[lane] === IDLE) this.poll(lane);
  }

  /** Event (and direct call): the lane may start a batch. */
  private poll(lane: number): void {
    const nowMs = this.sim.now;
    if (this.closed || this.state[lane] === RUNNING) return;
    if (this.state[lane] === SCHEDULED && this.wakeAtMs[lane] > nowMs) return; // an earlier wake-up is pending
    this.state[lane] = IDLE;
    this.wakeAtMs[lane] = Number.POSITIVE_INFINITY;
    const ring = this.lanes[lane];
    this.trim(lane, nowMs);
    if (ring.size === 0) return;
    const stats = this.target.stats;
    let count = this.batchCount[lane];
    if (count > 0 && nowMs < this.lastPollMs[lane] + this.pollMs) {
      // A failed or throttled batch is retried at the lane's next poll.
      this.wake(lane, this.lastPollMs[lane] + this.pollMs);
      return;
    }
    if (count === 0) {
      // When the lane may read: at once when pushed or backlogged, else at its next poll.
      const readAtMs = this.nextReadMs(lane, nowMs);
      if (nowMs < readAtMs) {
        this.wake(lane, readAtMs);
        return;
      }
      // The poll found records: the lane keeps reading until a batch leaves it caught up, so a
      // wait for the shard's read budget below does not send it back to its next poll (which
      // let a consumer that lost one race lose every race after it).
      this.backlogged[lane] = 1;
      const shard = Math.floor(lane / this.config.parallelizationFactor);
      const budget = this.readBudgets?.[shard] ?? null;
      // A GetRecords call when the lane's oldest record was not fetched yet.
      if (!this.pushed && ring.get(R_TIME, ring.first) > this.fetchedUntilMs[shard]) {
        if (budget !== null && budget.calls.msUntil(nowMs, 1) > BUDGET_EPSILON_MS) {
          this.wake(lane, nowMs + budget.calls.msUntil(nowMs, 1));
          return;
        }
        budget?.calls.consume(nowMs, 1);
        this.fetchedUntilMs[shard] = nowMs;
        this.getRecordsCalls++;
      }
      const end = this.bisectEnd[lane];
      if (end >= 0 && end <= ring.first) this.bisectEnd[lane] = -1;
      const limit = this.bisectEnd[lane] > ring.first ? this.bisectEnd[lane] : ring.end;
      const fetched = this.pushed ? nowMs : this.fetchedUntilMs[shard];
      const max = this.config.batchSize;
      let bytes = 0;
      let i = ring.first;
      while (i < limit && count < max && ring.get(R_TIME, i) <= fetched) {
        const b = ring.get(R_BYTES, i);
        if (count > 0 && bytes + b > STREAM_BATCH_MAX_BYTES) break;
        bytes += b;
        count++;
        i++;
      }
      const windowEnd = ring.get(R_TIME, ring.first) + this.config.maximumBatchingWindowMs;
      if (count < max && nowMs < windowEnd) {
        this.wake(lane, windowEnd);
        return;
      }
      // The read budget's bytes: a read is made while the budget is not in debt, then charged.
      if (budget !== null) {
        const waitMs = budget.bytes.msUntil(nowMs, 0);
        if (waitMs > BUDGET_EPSILON_MS) {
          this.wake(lane, nowMs + waitMs);
          return;
        }
        budget.bytes.consume(nowMs, bytes);
      }
      if (this.pushed) this.pushedBytes += bytes;
      this.batchCount[lane] = count;
    } else if (nowMs - ring.get(R_TIME, ring.first) > this.config.maximumRecordAgeMs) {
      // A batch being retried whose oldest record passed maximumRecordAge is given up.
      this.giveUp(lane, nowMs);
      this.poll(lane);
      return;
    }
    this.lastPollMs[lane] = nowMs;
    const last = ring.first + count - 1;
    let depth = 0;
    for (let i = ring.first; i <= last; i++) depth = Math.max(depth, ring.get(R_DEPTH, i));
    const request = this.request;
    request.arrivalMs = nowMs;
    request.tag = lane;
    request.records = count;
    request.depth = depth;
    // Every delivery of a batch to the function (first, retry, bisected half, after a throttle)
    // arrives once: arrived = started + throttled + refused.
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
    const refused = this.target.invoke(request);
    if (refused !== ThrottleReason.None) {
      this.throttledBatches++;
      stats.recordFinalRefusal(nowMs, refused);
      this.wake(lane, nowMs + STREAM_THROTTLE_RETRY_MS);
      return;
    }
    this.batches++;
    this.state[lane] = RUNNING;
    const age = nowMs - ring.get(0, last);
    this.iteratorAgeMs.record(age);
    if (nowMs < this.windowMs) this.iteratorAgeSeries.set(nowMs, age);
  }

  onFinished(slot: number, nowMs: number): void {
    const requests = this.requests;
    const stats = this.target.stats;
    const lane = requests.tag(slot);
    const count = this.batchCount[lane];
    this.state[lane] = IDLE;
    const outcome = requests.outcome(slot);
    if (outcome === Outcome.Success) {
      const arrivalMs = requests.arrivalMs(slot);
      const latencyMs = nowMs - arrivalMs;
      stats.recordSuccess(arrivalMs, latencyMs, requests.wasCold(slot));
      this.consume(lane, count, nowMs);
      this.processed += count;
      this.attempts[lane] = 0;
      this.backlogged[lane] = this.lanes[lane].size > 0 ? 1 : 0;
    } else {
      if (outcome === Outcome.Timeout) stats.timedOut++;
      else stats.failed++;
      this.failedBatches++;
      if (this.config.bisectBatchOnFunctionError && count > 1) {
        const ring = this.lanes[lane];
        this.bisections++;
        this.bisectEnd[lane] = Math.max(this.bisectEnd[lane], ring.first + count);
        this.batchCount[lane] = Math.ceil(count / 2);
      } else if (this.attempts[lane] >= this.config.maximumRetryAttempts) {
        this.giveUp(lane, nowMs);
      } else {
        this.attempts[lane]++;
        this.retries++;
        stats.retried++;
      }
    }
    if (!this.closed) this.poll(lane);
  }

  /**
   * Forgets what the mapping counted before `nowMs` (a time shard's warm-up): counters and the
   * IteratorAge histogram from zero; the records waiting in the lanes, the batches running or
   * being retried (with their attempts) and the lanes' read positions carry on, and so do the
   * backlog level and the series from `nowMs`.
   */
  startRecording(nowMs: number): void {
    this.appended = 0;
    this.processed = 0;
    this.discarded = 0;
    this.trimmed = 0;
    this.batches = 0;
    this.failedBatches = 0;
    this.retries = 0;
    this.bisections = 0;
    this.throttledBatches = 0;
    this.getRecordsCalls = 0;
    this.pushedBytes = 0;
    this.iteratorAgeMs = new Histogram();
    this.backlogLevel.restartAt(nowMs);
    this.iteratorAgeSeries.restartAt(nowMs);
    this.backlogSeries.restartAt(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Stops reading (records left stay in the lanes) and freezes the backlog over [recordFromMs,
   * endMs) (the window, or a time shard's slice), which it returns. Idempotent.
   */
  closeWindow(endMs = this.windowMs): { readonly mean: number; readonly peak: number } {
    if (this.window !== null) return this.window;
    this.window = { mean: this.backlogLevel.mean(endMs, this.recordFromMs), peak: this.backlogLevel.max };
    this.iteratorAgeSeries.finish(endMs);
    this.backlogSeries.finish(endMs);
    return this.window;
  }

  /** The mapping over the run, as plain data (closes the window first if nobody did). */
  result(): StreamSourceResult {
    const backlog = this.closeWindow();
    return {
      function: this.target.config.name,
      stream: this.stream.name,
      appended: this.appended,
      processed: this.processed,
      discarded: this.discarded,
      trimmed: this.trimmed,
      waitingAtEnd: this.backlogLevel.value,
      batches: this.batches,
      failedBatches: this.failedBatches,
      retries: this.retries,
      bisections: this.bisections,
      throttledBatches: this.throttledBatches,
      getRecordsCalls: this.getRecordsCalls,
      pushedBytes: this.pushedBytes,
      backlog: { mean: backlog.mean, peak: backlog.peak },
      iteratorAge: this.iteratorAgeMs.toData(),
      series: { iteratorAge: this.iteratorAgeSeries.toData(), backlog: this.backlogSeries.toData() },
    };
  }

  /** Skips the lane's current batch (retries or record age used up): one record to on-failure. */
  private giveUp(lane: number, nowMs: number): void {
    const count = this.batchCount[lane] || 1;
    const ring = this.lanes[lane];
    const depth = nextDepth(ring.get(R_DEPTH, ring.first));
    this.consume(lane, count, nowMs);
    this.discarded += count;
    this.attempts[lane] = 0;
    this.backlogged[lane] = ring.size > 0 ? 1 : 0;
    this.target.stats.dropped += count;
    this.onFailure?.put(nowMs, depth, 1024);
  }

  /** Drops the first `count` records of a lane (processed or given up). */
  private consume(lane: number, count: number, nowMs: number): void {
    const ring = this.lanes[lane];
    for (let k = 0; k < count && ring.size > 0; k++) ring.shift();
    this.batchCount[lane] = 0;
    this.setBacklog(nowMs, -count);
  }

  /**
   * Before a new batch: records past the stream's retention are trimmed (lost), records past
   * maximumRecordAge are discarded (one failure record to the on-failure destination).
   */
  private trim(lane: number, nowMs: number): void {
    if (this.batchCount[lane] > 0) return; // a batch being retried keeps its records
    const ring = this.lanes[lane];
    const maxAge = Math.min(this.retention, this.config.maximumRecordAgeMs);
    let trimmed = 0;
    let discarded = 0;
    let depth = 0;
    while (ring.size > 0 && nowMs - ring.get(0, ring.first) > maxAge) {
      if (nowMs - ring.get(0, ring.first) > this.retention) trimmed++;
      else {
        discarded++;
        depth = Math.max(depth, ring.get(R_DEPTH, ring.first));
      }
      ring.shift();
    }
    if (trimmed + discarded === 0) return;
    this.trimmed += trimmed;
    this.discarded += discarded;
    this.target.stats.dropped += discarded;
    if (discarded > 0) this.onFailure?.put(nowMs, nextDepth(depth), 1024);
    this.setBacklog(nowMs, -(trimmed + discarded));
  }

  /**
   * When an idle lane may read: at once when records are pushed or it is behind, else at its next
   * poll, the first point of the grid last + k x pollMs at or after `nowMs`. A poll woken at a grid
   * point is on time: (nowMs - last) / pollMs can come out a hair above k in floating point, and
   * rounding that up postponed the poll by a whole period at every wake-up (a lane then stopped
   * reading until a quotient came out exact, for minutes).
   */
  private nextReadMs(lane: number, nowMs: number): number {
    if (this.pushed || this.backlogged[lane] === 1) return nowMs;
    const last = this.lastPollMs[lane];
    const k = Math.ceil((nowMs - last) / this.pollMs);
    const previous = last + this.pollMs * (k - 1);
    return previous >= nowMs ? previous : last + this.pollMs * k;
  }

  private wake(lane: number, atMs: number): void {
    if (this.state[lane] === SCHEDULED && this.wakeAtMs[lane] <= atMs) return;
    this.state[lane] = SCHEDULED;
    this.wakeAtMs[lane] = atMs;
    this.sim.at(atMs, this.pollKind, lane);
  }

  private setBacklog(nowMs: number, delta: number): void {
    this.backlogLevel.add(this.closed ? Math.max(nowMs, this.windowMs) : nowMs, delta);
    if (!this.closed && nowMs < this.windowMs) this.backlogSeries.set(nowMs, this.backlogLevel.value);
  }
}
