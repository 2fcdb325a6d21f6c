/**
 * An SQS standard queue: messages sent, received in batches, hidden for the visibility timeout,
 * deleted when processed, or visible again when the timeout passes; moved to the dead-letter queue
 * when received more than maxReceiveCount times (RedrivePolicy), deleted when older than the
 * retention period (aws-facts C6; SQS developer guide, "Visibility timeout", "Dead-letter queues").
 *
 * Storage (design principle 6): two typed-array rings, no object per message.
 *   visible   (sentAtMs, receiveCount, depth): FIFO by the time a message became visible. SQS
 *             standard queues promise no order; lamsim serves oldest-visible first.
 *   inFlight  (visibleAtMs, sentAtMs, receiveCount, depth, deleted 0/1): in receive order, so sorted by
 *             visibleAt (the timeout is one per queue). A batch is a range of absolute indices.
 * A delete for a message whose visibility already expired (it was handed out again) is lost, as
 * SQS loses a delete with a stale receipt handle: the message is processed twice.
 *
 * Oldest-message age (ApproximateAgeOfOldestMessage) is sampled a few times per time bucket and at
 * every receive: the age of the oldest message at the head of either ring (AWS's own metric is
 * likewise approximate).
 */
import type { Simulation } from '../../engine/index.ts';
import { BucketedGauge, Histogram, TimeWeighted } from '../../metrics/index.ts';
import type { SqsQueue } from '../../scenario/types.ts';
import { Ring } from './ring.ts';
import type { MessageSink } from './sink.ts';

/** Told when messages become visible, so idle pollers can receive them. */
export interface QueueConsumer {
  onMessagesAvailable(nowMs: number): void;
}

// Columns.
const V_SENT = 0;
const V_RECEIVES = 1;
const V_DEPTH = 2;
const F_VISIBLE_AT = 0;
const F_SENT = 1;
const F_RECEIVES = 2;
const F_DEPTH = 3;
const F_DELETED = 4;

export class SqsQueueModel implements MessageSink {
  private readonly visible = new Ring(3);
  private readonly inFlight = new Ring(5);
  private readonly consumers: QueueConsumer[] = [];
  private checkAtMs = Number.POSITIVE_INFINITY;
  private windowClosed = false;
  deadLetterQueue: SqsQueueModel | null = null;

  // Counters (messages unless said otherwise).
  sent = 0;
  sentBytes = 0;
  /** Messages handed to consumers (a message received twice counts twice). */
  received = 0;
  /** ReceiveMessage calls that returned messages. */
  receiveCalls = 0;
  deletedCount = 0;
  /** DeleteMessageBatch calls (up to 10 messages each). */
  deleteCalls = 0;
  /** Messages whose visibility timeout expired: back in the queue for another receive. */
  returned = 0;
  movedToDeadLetterQueue = 0;
  /** Messages deleted by SQS for exceeding the retention period. */
  expired = 0;
  /** Messages stopped by recursive loop detection (moved to the DLQ, or dropped without one). */
  recursionStopped = 0;
  /** Deletes that came too late (the message was visible again): it will be processed twice. */
  lostDeletes = 0;
  /** Messages that were not received the moment they were sent (a poller was not free). */
  waited = 0;
  maxAgeMs = 0;

  /** Time from send to first receive. */
  readonly waitMs = new Histogram();
  /** Time from send to delete (end-to-end latency of processed messages). */
  readonly latencyMs = new Histogram();
  readonly backlog: BucketedGauge;
  readonly inFlightSeries: BucketedGauge;
  readonly oldestAgeSeries: BucketedGauge;
  private readonly backlogLevel = new TimeWeighted();
  private window: { meanBacklog: number; peakBacklog: number; meanInFlight: number } | null = null;
  private readonly inFlightLevel = new TimeWeighted();

  constructor(
    readonly config: SqsQueue,
    private readonly sim: Simulation,
    private readonly visibilityKind: number,
    readonly windowMs: number,
    bucketMs: number,
  ) {
    this.backlog = new BucketedGauge(windowMs, bucketMs);
    this.inFlightSeries = new BucketedGauge(windowMs, bucketMs);
    this.oldestAgeSeries = new BucketedGauge(windowMs, bucketMs);
  }

  get name(): string {
    return this.config.name;
  }

  /** Visible messages (ApproximateNumberOfMessagesVisible). */
  get visibleCount(): number {
    return this.visible.size;
  }

  /** Received and neither deleted nor visible again (ApproximateNumberOfMessagesNotVisible). */
  get inFlightCount(): number {
    return this.inFlightLevel.value;
  }

  addConsumer(consumer: QueueConsumer): void {
    this.consumers.push(consumer);
  }

  /** SendMessage. */
  put(nowMs: number, depth: number, bytes: number): void {
    this.sent++;
    this.sentBytes += bytes;
    this.visible.push(nowMs, 0, depth);
    this.levels(nowMs);
    for (const c of this.consumers) c.onMessagesAvailable(nowMs);
  }

  /** Mean bytes per message sent (billing meters receives in 64 KB chunks). */
  get meanMessageBytes(): number {
    return this.sent > 0 ? this.sentBytes / this.sent : 0;
  }

  /**
   * ReceiveMessage for up to `max` messages: the oldest visible ones, hidden until now + the
   * visibility timeout (`visibilityMs` when given: Lambda extends it, see SqsEventSource). Messages
   * past the retention period are deleted on the way; messages already received maxReceiveCount
   * times go to the dead-letter queue instead; messages whose chain depth reached `depthLimit` are
   * stopped (recursive loop detection). Returns how many were received; they are the in-flight
   * range [lastReceiveStart, lastReceiveStart + count). `lastReceiveDepth` is their largest depth.
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
    let count = 0;
    while (count < max && v.size > 0) {
      const i = v.first;
      const sentAt = v.get(V_SENT, i);
      const receives = v.get(V_RECEIVES, i);
      const depth = v.get(V_DEPTH, i);
      v.shift();
      if (nowMs - sentAt > retention) {
        this.expired++;
        continue;
      }
      if (receives >= maxReceives) {
        this.moveToDeadLetterQueue(nowMs, depth);
        continue;
      }
      if (depth >= depthLimit) {
        this.recursionStopped++;
        if (this.deadLetterQueue) this.moveToDeadLetterQueue(nowMs, depth);
        continue;
      }
      const age = nowMs - sentAt;
      if (receives === 0) {
        this.waitMs.record(age);
        if (age > 0) this.waited++;
      }
      if (age > this.maxAgeMs) this.maxAgeMs = age;
      f.push(visibleAt, sentAt, receives + 1, depth, 0);
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
      this.deletedCount += deleted;
      this.deleteCalls += Math.ceil(deleted / 10);
      this.inFlightLevel.add(nowMs, -deleted);
      this.levels(nowMs);
      this.dropDeletedHead();
    }
    return deleted;
  }

  /** Event: the visibility timeout of the in-flight head may have passed. */
  onVisibilityCheck(): void {
    const nowMs = this.sim.now;
    if (this.checkAtMs !== nowMs) return; // superseded
    this.checkAtMs = Number.POSITIVE_INFINITY;
    const f = this.inFlight;
    let back = 0;
    while (f.size > 0 && f.get(F_VISIBLE_AT, f.first) <= nowMs) {
      const i = f.first;
      if (!this.isDeleted(i)) {
        this.visible.push(f.get(F_SENT, i), f.get(F_RECEIVES, i), f.get(F_DEPTH, i));
        back++;
      }
      f.shift();
    }
    this.dropDeletedHead();
    if (back > 0) {
      this.returned += back;
      this.inFlightLevel.add(nowMs, -back);
      this.levels(nowMs);
      if (!this.windowClosed) for (const c of this.consumers) c.onMessagesAvailable(nowMs);
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

  closeWindow(): void {
    if (this.window) return;
    const end = this.windowMs;
    this.window = {
      meanBacklog: this.backlogLevel.mean(end),
      peakBacklog: this.backlogLevel.max,
      meanInFlight: this.inFlightLevel.mean(end),
    };
    this.backlog.finish(end);
    this.inFlightSeries.finish(end);
    this.oldestAgeSeries.finish(end);
    this.windowClosed = true;
  }

  get windowLevels(): { meanBacklog: number; peakBacklog: number; meanInFlight: number } {
    if (!this.window) throw new Error('SqsQueueModel read before closeWindow()');
    return this.window;
  }

  private moveToDeadLetterQueue(nowMs: number, depth: number): void {
    this.movedToDeadLetterQueue++;
    this.deadLetterQueue?.put(nowMs, depth, this.meanMessageBytes);
  }

  /** Time in [0, untilMs] the queue had no visible message (pollers long-poll then). */
  emptyTimeMs(untilMs: number): number {
    return this.emptyMs + (this.emptySinceMs >= 0 ? Math.max(0, untilMs - this.emptySinceMs) : 0);
  }

  private emptyMs = 0;
  private emptySinceMs = 0;

  private levels(nowMs: number): void {
    if (this.windowClosed) return;
    const empty = this.visible.size === 0;
    if (empty && this.emptySinceMs < 0) this.emptySinceMs = nowMs;
    else if (!empty && this.emptySinceMs >= 0) {
      this.emptyMs += nowMs - this.emptySinceMs;
      this.emptySinceMs = -1;
    }
    this.backlogLevel.set(nowMs, this.visible.size);
    this.backlog.set(nowMs, this.visible.size);
    this.inFlightSeries.set(nowMs, this.inFlightLevel.value);
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
