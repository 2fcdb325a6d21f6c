/**
 * An SQS standard queue: messages sent, received in batches, hidden for the visibility timeout,
 * deleted when processed, or visible again when the timeout passes; moved to the dead-letter queue
 * when received more than maxReceiveCount times (RedrivePolicy), deleted when older than the
 * retention period (SQS developer guide, "Visibility timeout", "Dead-letter queues"; Amazon SQS
 * API reference, SetQueueAttributes: MessageRetentionPeriod, "the length of time for which Amazon
 * SQS retains a message"): a visible message leaves the queue when it reaches that age, whether
 * or not anything reads the queue (an unread dead-letter queue holds only the last retention
 * period's messages). A message's age for expiry counts from its enqueue time: when it was sent,
 * except that a message a standard queue moves to its dead-letter queue keeps the enqueue time it
 * had ("For standard queues, the expiration of a message is always based on its original enqueue
 * timestamp"; a FIFO queue's resets: SQS developer guide, "Setting-up dead-letter queue
 * retention"), while the dead-letter queue's ages (wait, oldest message) count from the move, as
 * ApproximateAgeOfOldestMessage does there. Expiry is exact for the message at the head; one
 * behind it that is due earlier (made visible again by a visibility timeout, or moved to a
 * dead-letter queue with an older enqueue time) expires when it reaches the head or a receive.
 *
 * Storage (design principle 6): two typed-array rings, no object per message.
 *   visible   (sentAtMs, receiveCount, depth, enqueuedAtMs): FIFO by the time a message became
 *             visible. SQS standard queues promise no order; lamsim serves oldest-visible first.
 *   inFlight  (visibleAtMs, sentAtMs, receiveCount, depth, deleted 0/1, enqueuedAtMs): in receive
 *             order, so sorted by visibleAt (the timeout is one per queue). A batch is a range of
 *             absolute indices.
 * A delete for a message whose visibility already expired (it was handed out again) is lost, as
 * SQS loses a delete with a stale receipt handle: the message is processed twice.
 *
 * In-flight quota (`maxInFlightMessages`, 120,000 by default: SQS developer guide, "Amazon SQS
 * standard queue quotas", "Amazon SQS FIFO queue quotas"): a receive takes at most the room left
 * under it, and nothing at it (long polling returns no error, only no messages). Messages that fail
 * stay in flight until their visibility timeout ends, so failures with a long timeout fill it. When
 * a delete makes room while messages are visible, the consumers are told, as when messages arrive.
 *
 * Oldest-message age (ApproximateAgeOfOldestMessage) is sampled a few times per time bucket and at
 * every receive: the age of the oldest message at the head of either ring (AWS's own metric is
 * likewise approximate).
 */
import type { Simulation } from '../../engine/index.ts';
import {
  type BucketedGauge,
  type GaugeSeriesData,
  Histogram,
  type HistogramData,
  type SeriesMaker,
  TimeInState,
  TimeWeighted,
} from '../../metrics/index.ts';
import type { SqsQueue } from '../../scenario/index.ts';
import { Ring } from './ring.ts';
import type { MessageSink } from './sink.ts';

/** Whether `queue` keeps every message sent in a window of `windowMs`: none expires inside it. */
export function keepsWholeWindow(queue: SqsQueue, windowMs: number): boolean {
  return queue.messageRetentionMs >= windowMs;
}

/** Levels of a queue over the window. */
export interface SqsQueueWindow {
  readonly meanBacklog: number;
  readonly peakBacklog: number;
  readonly meanInFlight: number;
  /** Time in the window the queue had no visible message (pollers long-poll then). */
  readonly emptyMs: number;
  /** Largest number of messages in flight (received, not deleted). */
  readonly peakInFlight: number;
  /** Time in the window the queue was at its in-flight quota (receives got nothing). */
  readonly atInFlightQuotaMs: number;
}

/** An SQS queue over a run, as plain data (SqsQueueModel.result()). Counts are messages. */
export interface SqsQueueResult {
  readonly name: string;
  readonly fifo: boolean;
  readonly deadLetterQueue: string | null;
  readonly maxReceiveCount: number;
  readonly sent: number;
  /** Mean bytes per message sent (billing meters receives in 64 KB chunks). */
  readonly meanMessageBytes: number;
  /** Deliveries (a message received twice counts twice). */
  readonly received: number;
  /** ReceiveMessage calls that returned messages. */
  readonly receiveCalls: number;
  readonly deleted: number;
  /** DeleteMessageBatch calls (up to 10 messages each). */
  readonly deleteCalls: number;
  /** Visibility timeouts that expired: messages back in the queue. */
  readonly returned: number;
  readonly movedToDeadLetterQueue: number;
  /** Deleted by SQS for exceeding the retention period. */
  readonly expired: number;
  /** Stopped by recursive loop detection. */
  readonly recursionStopped: number;
  /** Deletes that came after the message was visible again (it is processed twice). */
  readonly lateDeletes: number;
  /** Messages not received the moment they were sent (no poller was free). */
  readonly waited: number;
  /** Largest age of the oldest message (ApproximateAgeOfOldestMessage). */
  readonly maxAgeMs: number;
  /** When the first message recorded was sent (null: none); a time shard's merge needs it. */
  readonly firstSentMs: number | null;
  readonly visibleAtEnd: number;
  readonly inFlightAtEnd: number;
  readonly window: SqsQueueWindow;
  /** Send to first receive. */
  readonly wait: HistogramData;
  /** Send to delete, for processed messages. */
  readonly latency: HistogramData;
  readonly series: {
    /** Visible messages (ApproximateNumberOfMessagesVisible). */
    readonly visible: GaugeSeriesData;
    /** ApproximateNumberOfMessagesNotVisible. */
    readonly inFlight: GaugeSeriesData;
    /** ApproximateAgeOfOldestMessage, sampled. */
    readonly oldestAge: GaugeSeriesData;
  };
}

/** Told when messages become visible, so idle pollers can receive them. */
export interface QueueConsumer {
  onMessagesAvailable(nowMs: number): void;
}

// Columns.
const V_SENT = 0;
const V_RECEIVES = 1;
const V_DEPTH = 2;
/** When the message's retention started (its send, or the source queue's enqueue time: see above). */
const V_ENQUEUED = 3;
const F_VISIBLE_AT = 0;
const F_SENT = 1;
const F_RECEIVES = 2;
const F_DEPTH = 3;
const F_DELETED = 4;
const F_ENQUEUED = 5;

export class SqsQueueModel implements MessageSink {
  private readonly visible = new Ring(4);
  private readonly inFlight = new Ring(6);
  private readonly consumers: QueueConsumer[] = [];
  private checkAtMs = Number.POSITIVE_INFINITY;
  /** Time of the pending retention check (Infinity when none is pending). */
  private expiryAtMs = Number.POSITIVE_INFINITY;
  /** The window's levels, once it closed. */
  private window: SqsQueueWindow | null = null;
  deadLetterQueue: SqsQueueModel | null = null;

  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;
  /** Messages and bytes sent over the whole simulation (the size of a message moved to the DLQ). */
  private sentEver = 0;
  private sentBytesEver = 0;

  // Counters (messages unless said otherwise), from recordFromMs.
  private sent = 0;
  private sentBytes = 0;
  /** Messages handed to consumers (a message received twice counts twice). */
  private received = 0;
  /** ReceiveMessage calls that returned messages. */
  private receiveCalls = 0;
  private deletedCount = 0;
  /** DeleteMessageBatch calls (up to 10 messages each). */
  private deleteCalls = 0;
  /** Messages whose visibility timeout expired: back in the queue for another receive. */
  private returned = 0;
  private movedToDeadLetterQueue = 0;
  /** Messages deleted by SQS for exceeding the retention period. */
  private expired = 0;
  /** Messages stopped by recursive loop detection (moved to the DLQ, or dropped without one). */
  private recursionStopped = 0;
  /** Deletes that came too late (the message was visible again): it will be processed twice. */
  private lostDeletes = 0;
  /** Messages that were not received the moment they were sent (a poller was not free). */
  private waited = 0;
  private maxAgeMs = 0;
  private firstSentMs: number | null = null;

  /** Time from send to first receive. */
  private waitMs = new Histogram();
  /** Time from send to delete (end-to-end latency of processed messages). */
  private latencyMs = new Histogram();
  private readonly backlog: BucketedGauge;
  private readonly inFlightSeries: BucketedGauge;
  private readonly oldestAgeSeries: BucketedGauge;
  private readonly backlogLevel = new TimeWeighted();
  private readonly inFlightLevel = new TimeWeighted();

  private readonly visibilityKind: number;
  private readonly expiryKind: number;

  constructor(
    readonly config: SqsQueue,
    private readonly sim: Simulation,
    readonly windowMs: number,
    series: SeriesMaker,
  ) {
    this.visibilityKind = sim.on(`sqs-visibility:${config.name}`, () => this.onVisibilityCheck());
    this.expiryKind = sim.on(`sqs-retention:${config.name}`, () => this.onRetentionCheck());
    this.backlog = series.gauge();
    this.inFlightSeries = series.gauge();
    this.oldestAgeSeries = series.gauge();
  }

  get name(): string {
    return this.config.name;
  }

  /** Visible messages (ApproximateNumberOfMessagesVisible). */
  get visibleCount(): number {
    return this.visible.size;
  }

  /** Messages a receive may take now: visible ones, up to the room under the in-flight quota. */
  get receivableCount(): number {
    return Math.min(this.visible.size, this.inFlightRoom);
  }

  /** How many more messages may be in flight before the quota (0 at it). */
  private get inFlightRoom(): number {
    return Math.max(0, this.config.maxInFlightMessages - this.inFlightLevel.value);
  }

  addConsumer(consumer: QueueConsumer): void {
    this.consumers.push(consumer);
  }

  /**
   * SendMessage. `enqueuedAtMs` (default now): when the message's retention started, earlier than
   * now for a message moved here from a standard queue (it keeps its original enqueue time).
   */
  put(nowMs: number, depth: number, bytes: number, enqueuedAtMs = nowMs): void {
    this.sent++;
    this.sentBytes += bytes;
    this.sentEver++;
    this.sentBytesEver += bytes;
    if (this.firstSentMs === null) this.firstSentMs = nowMs;
    this.visible.push(nowMs, 0, depth, enqueuedAtMs);
    this.levels(nowMs);
    // A message sent behind others expires after them: only a new head needs a check.
    if (this.visible.size === 1) this.armRetentionCheck();
    for (const c of this.consumers) c.onMessagesAvailable(nowMs);
  }

  /** Mean bytes per message sent (billing meters receives in 64 KB chunks). */
  private get meanMessageBytes(): number {
    return this.sent > 0 ? this.sentBytes / this.sent : 0;
  }

  /**
   * ReceiveMessage for up to `max` messages, and at most the room under the in-flight quota: the
   * oldest visible ones, hidden until now + the visibility timeout (`visibilityMs` when given:
   * Lambda extends it, see SqsEventSource). Messages past the retention period are deleted on the
   * way; messages already received maxReceiveCount times go to the dead-letter queue instead;
   * messages whose chain depth reached `depthLimit` are stopped (recursive loop detection). Returns
   * how many were received; they are the in-flight range [lastReceiveStart, lastReceiveStart +
   * count). `lastReceiveDepth` is their largest depth.
   */
  receive(nowMs: number, max: number, depthLimit = Number.POSITIVE_INFINITY, visibilityMs?: number): number {
    const v = this.visible;
    const f = this.inFlight;
    const retention = this.config.messageRetentionMs;
    const maxReceives =
      this.config.deadLetterQueue !== null ? this.config.maxReceiveCount : Number.POSITIVE_INFINITY;
    const visibleAt = nowMs + (visibilityMs ?? this.config.visibilityTimeoutMs);
    this.lastReceiveStart = f.end;
    this.lastReceiveDepth = 0;
    const most = Math.min(max, this.inFlightRoom);
    let count = 0;
    while (count < most && v.size > 0) {
      const i = v.first;
      const sentAt = v.get(V_SENT, i);
      const receives = v.get(V_RECEIVES, i);
      const depth = v.get(V_DEPTH, i);
      const enqueuedAt = v.get(V_ENQUEUED, i);
      v.shift();
      if (nowMs >= enqueuedAt + retention) {
        this.expired++;
        continue;
      }
      if (receives >= maxReceives) {
        this.moveToDeadLetterQueue(nowMs, depth, enqueuedAt);
        continue;
      }
      if (depth >= depthLimit) {
        this.recursionStopped++;
        if (this.deadLetterQueue) this.moveToDeadLetterQueue(nowMs, depth, enqueuedAt);
        continue;
      }
      const age = nowMs - sentAt;
      if (receives === 0) {
        this.waitMs.record(age);
        if (age > 0) this.waited++;
      }
      if (age > this.maxAgeMs) this.maxAgeMs = age;
      f.push(visibleAt, sentAt, receives + 1, depth, 0, enqueuedAt);
      if (depth > this.lastReceiveDepth) this.lastReceiveDepth = depth;
      count++;
    }
    if (count > 0) {
      this.received += count;
      this.receiveCalls++;
      this.inFlightLevel.add(nowMs, count);
      this.levels(nowMs);
      this.armCheck();
    }
    return count;
  }

  lastReceiveStart = 0;
  lastReceiveDepth = 0;

  /** Receive count of the in-flight message at absolute index `i` (1 on its first delivery). */
  receiveCountOf(i: number): number {
    return i >= this.inFlight.first ? this.inFlight.get(F_RECEIVES, i) : 0;
  }

  /**
   * Deletes the messages of the in-flight range [start, start + count) for which `failed(k)` (k the
   * offset in the range) is false; failed ones stay hidden and become visible when their timeout
   * passes. `failed` null: delete them all.
   */
  deleteRange(nowMs: number, start: number, count: number, failed: ((k: number) => boolean) | null): number {
    const f = this.inFlight;
    let deleted = 0;
    for (let k = 0; k < count; k++) {
      if (failed?.(k)) continue;
      const i = start + k;
      if (i < f.first) {
        this.lostDeletes++;
        continue;
      }
      if (this.isDeleted(i)) continue;
      f.set(F_DELETED, i, 1);
      this.latencyMs.record(nowMs - f.get(F_SENT, i));
      deleted++;
    }
    if (deleted > 0) {
      const wasFull = this.inFlightRoom === 0;
      this.deletedCount += deleted;
      this.deleteCalls += Math.ceil(deleted / 10);
      this.inFlightLevel.add(nowMs, -deleted);
      this.levels(nowMs);
      this.dropDeletedHead();
      // Room under the in-flight quota again: messages waiting behind it can be received.
      if (wasFull && this.visible.size > 0 && this.window === null) {
        for (const c of this.consumers) c.onMessagesAvailable(nowMs);
      }
    }
    return deleted;
  }

  /**
   * Event: the oldest visible message may have reached the retention period. Deletes every
   * message at the head that has, then waits for the next head's. Nothing expires once the window
   * is closed (the drain after it only finishes what is in flight).
   */
  private onRetentionCheck(): void {
    const nowMs = this.sim.now;
    if (this.expiryAtMs !== nowMs) return; // superseded
    this.expiryAtMs = Number.POSITIVE_INFINITY;
    if (this.window !== null) return;
    const v = this.visible;
    const retention = this.config.messageRetentionMs;
    let gone = 0;
    while (v.size > 0 && nowMs >= v.get(V_ENQUEUED, v.first) + retention) {
      v.shift();
      gone++;
    }
    if (gone > 0) {
      this.expired += gone;
      this.levels(nowMs);
    }
    this.armRetentionCheck();
  }

  /** Event: the visibility timeout of the in-flight head may have passed. */
  private onVisibilityCheck(): void {
    const nowMs = this.sim.now;
    if (this.checkAtMs !== nowMs) return; // superseded
    this.checkAtMs = Number.POSITIVE_INFINITY;
    const f = this.inFlight;
    let back = 0;
    while (f.size > 0 && f.get(F_VISIBLE_AT, f.first) <= nowMs) {
      const i = f.first;
      if (!this.isDeleted(i)) {
        this.visible.push(f.get(F_SENT, i), f.get(F_RECEIVES, i), f.get(F_DEPTH, i), f.get(F_ENQUEUED, i));
        back++;
      }
      f.shift();
    }
    this.dropDeletedHead();
    if (back > 0) {
      this.returned += back;
      this.inFlightLevel.add(nowMs, -back);
      this.levels(nowMs);
      this.armRetentionCheck();
      if (this.window === null) for (const c of this.consumers) c.onMessagesAvailable(nowMs);
    }
    this.armCheck();
  }

  /** Samples the age of the oldest message (a periodic event of the World). */
  sampleAge(nowMs: number): void {
    const age = this.oldestAgeMs(nowMs);
    if (age > this.maxAgeMs) this.maxAgeMs = age;
    this.oldestAgeSeries.set(nowMs, age);
  }

  /** Age of the oldest message visible or in flight, 0 when the queue is empty. */
  oldestAgeMs(nowMs: number): number {
    let oldest = Number.POSITIVE_INFINITY;
    if (this.visible.size > 0) oldest = this.visible.get(V_SENT, this.visible.first);
    if (this.inFlight.size > 0) oldest = Math.min(oldest, this.inFlight.get(F_SENT, this.inFlight.first));
    return oldest === Number.POSITIVE_INFINITY ? 0 : nowMs - oldest;
  }

  /**
   * Forgets everything measured before `nowMs` (a time shard's warm-up; call before any event at
   * `nowMs` is handled): counters, histograms and the largest age start again from zero; the
   * messages visible and in flight stay (with their receive counts and visibility deadlines) and
   * carry the levels and series on from `nowMs`, where the time averages and the empty time start.
   * A queue nobody reads that keeps every message of the window starts empty instead: it would
   * hold everything sent to it since the window began, which the warm-up cannot know; nothing
   * reads it, so nothing else changes, and the merge adds what the earlier slices sent
   * (results/unreadQueues.ts). One whose messages expire inside the window keeps what the warm-up
   * rebuilt (the warm-up covers its retention).
   */
  startRecording(nowMs: number): void {
    if (this.consumers.length === 0 && keepsWholeWindow(this.config, this.windowMs)) {
      while (this.visible.size > 0) this.visible.shift();
      this.levels(nowMs);
      this.oldestAgeSeries.set(nowMs, 0);
    }
    this.firstSentMs = null;
    this.sent = 0;
    this.sentBytes = 0;
    this.received = 0;
    this.receiveCalls = 0;
    this.deletedCount = 0;
    this.deleteCalls = 0;
    this.returned = 0;
    this.movedToDeadLetterQueue = 0;
    this.expired = 0;
    this.recursionStopped = 0;
    this.lostDeletes = 0;
    this.waited = 0;
    this.maxAgeMs = 0;
    this.waitMs = new Histogram();
    this.latencyMs = new Histogram();
    this.backlogLevel.restartAt(nowMs);
    this.inFlightLevel.restartAt(nowMs);
    this.backlog.restartAt(nowMs);
    this.inFlightSeries.restartAt(nowMs);
    this.oldestAgeSeries.restartAt(nowMs);
    this.emptyTime.restartAt(nowMs);
    this.atQuotaTime.restartAt(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Freezes the levels and series over [recordFromMs, endMs) (the window, or a time shard's slice)
   * and returns the levels. Idempotent.
   */
  closeWindow(endMs = this.windowMs): SqsQueueWindow {
    if (this.window !== null) return this.window;
    const end = endMs;
    const from = this.recordFromMs;
    this.window = {
      meanBacklog: this.backlogLevel.mean(end, from),
      peakBacklog: this.backlogLevel.max,
      meanInFlight: this.inFlightLevel.mean(end, from),
      emptyMs: this.emptyTime.totalMs(end),
      peakInFlight: this.inFlightLevel.max,
      atInFlightQuotaMs: this.atQuotaTime.totalMs(end),
    };
    this.backlog.finish(end);
    this.inFlightSeries.finish(end);
    this.oldestAgeSeries.finish(end);
    return this.window;
  }

  /** The queue over the run, as plain data (closes the window first if nobody did). */
  result(): SqsQueueResult {
    const window = this.closeWindow();
    return {
      name: this.name,
      fifo: this.config.fifo,
      deadLetterQueue: this.config.deadLetterQueue,
      maxReceiveCount: this.config.maxReceiveCount,
      sent: this.sent,
      meanMessageBytes: this.meanMessageBytes,
      received: this.received,
      receiveCalls: this.receiveCalls,
      deleted: this.deletedCount,
      deleteCalls: this.deleteCalls,
      returned: this.returned,
      movedToDeadLetterQueue: this.movedToDeadLetterQueue,
      expired: this.expired,
      recursionStopped: this.recursionStopped,
      lateDeletes: this.lostDeletes,
      waited: this.waited,
      maxAgeMs: this.maxAgeMs,
      firstSentMs: this.firstSentMs,
      visibleAtEnd: this.visible.size,
      inFlightAtEnd: this.inFlightLevel.value,
      window,
      wait: this.waitMs.toData(),
      latency: this.latencyMs.toData(),
      series: {
        visible: this.backlog.toData(),
        inFlight: this.inFlightSeries.toData(),
        oldestAge: this.oldestAgeSeries.toData(),
      },
    };
  }

  /** Moves a message enqueued at `enqueuedAtMs` (see the class comment) to the dead-letter queue. */
  private moveToDeadLetterQueue(nowMs: number, depth: number, enqueuedAtMs: number): void {
    this.movedToDeadLetterQueue++;
    // The mean size of every message sent so far, recorded or not (recording changes nothing).
    const bytes = this.sentEver > 0 ? this.sentBytesEver / this.sentEver : 0;
    // A FIFO queue's dead-letter queue is FIFO too (SQS requires it), and resets the enqueue time.
    this.deadLetterQueue?.put(nowMs, depth, bytes, this.config.fifo ? nowMs : enqueuedAtMs);
  }

  /** Time with no visible message (the queue starts empty), and at the in-flight quota. */
  private readonly emptyTime = new TimeInState(true);
  private readonly atQuotaTime = new TimeInState(false);

  private levels(nowMs: number): void {
    if (this.window !== null) return;
    this.emptyTime.set(nowMs, this.visible.size === 0);
    this.atQuotaTime.set(nowMs, this.inFlightRoom === 0);
    this.backlogLevel.set(nowMs, this.visible.size);
    this.backlog.set(nowMs, this.visible.size);
    this.inFlightSeries.set(nowMs, this.inFlightLevel.value);
  }

  /** Schedules the retention check of the oldest visible message, if it expires inside the window. */
  private armRetentionCheck(): void {
    const v = this.visible;
    if (v.size === 0 || this.window !== null) return;
    // A message made visible again (or moved here with an older enqueue time) may be past its age already: it expires now.
    const at = Math.max(this.sim.now, v.get(V_ENQUEUED, v.first) + this.config.messageRetentionMs);
    if (at < this.expiryAtMs && at < this.windowMs) {
      this.expiryAtMs = at;
      this.sim.at(at, this.expiryKind);
    }
  }

  private armCheck(): void {
    const f = this.inFlight;
    if (f.size === 0) return;
    const at = f.get(F_VISIBLE_AT, f.first);
    if (at < this.checkAtMs) {
      this.checkAtMs = at;
      this.sim.at(at, this.visibilityKind);
    }
  }

  private dropDeletedHead(): void {
    const f = this.inFlight;
    while (f.size > 0 && this.isDeleted(f.first)) f.shift();
  }

  private isDeleted(i: number): boolean {
    return this.inFlight.get(F_DELETED, i) === 1;
  }
}
