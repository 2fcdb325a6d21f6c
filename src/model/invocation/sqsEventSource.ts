/**
 * An SQS event source mapping: Lambda's pollers receive batches from a queue and invoke the
 * function synchronously with each (Lambda developer guide "Using Lambda with Amazon
 * SQS", "services-sqs-scaling"; What's New 2023-11-06).
 *
 * Pollers (./sqsPollers.ts). The mapping has `pollers.count` pollers, each running one batch or
 * long-polling the queue; a long poll returns as soon as a message is visible. It starts with 5
 * (or maximumConcurrency when lower). "If messages are still available, Lambda increases the
 * number of processes that are reading batches by up to 300 more concurrent invokes per minute":
 * once a second, if since the last second a message waited with every poller busy, 5 pollers are
 * added (`nov-2023`, since 2023-11-06; 1 a second up to 1,000 for `legacy`), up to 1,250 and
 * never above `maximumConcurrency`. "When traffic is low, Lambda scales back the processing to
 * five concurrent invokes": a poller whose 20 s long poll comes back empty is retired while there
 * are more than 5, so pollers come down one by one as they stop being needed (the idle ones are
 * the longest idle, see SqsPollers; AWS publishes no scale-down rate ⚠). Every empty long poll is
 * one billed ReceiveMessage (`emptyReceives`). AWS's optimisation to as few as 2 pollers on an
 * idle queue is not modelled.
 *
 * Provisioned mode (`provisionedPollers`, ProvisionedPollerConfig; Lambda developer guide
 * "Configuring scaling behavior for SQS event source mappings"; AWS News Blog 2025-11-14 "AWS Lambda
 * enhances event processing with provisioned mode for SQS event-source mapping"). Dedicated event
 * pollers, each running up to SQS_INVOKES_PER_EVENT_POLLER batches at once (its 1 MB/s is not
 * modelled), stay between `min` and `max`: the mapping starts with min's concurrency, ready; while messages wait it adds one event
 * poller every SQS_PROVISIONED_TICK_MS ("auto scale up to 1000 concurrent executions per minute"),
 * up to max's. Scale-down is as above, to min's concurrency. The event pollers in use,
 * ceil(concurrency / 10), are billed per hour (`eventPollerMs`); AWS's one-minute minimum per
 * poller is not applied (⚠ it adds at most a minute per scale-up).
 *
 * Batches. A batch holds up to `batchSize` messages. With a batching window, a batch smaller than
 * batchSize waits until the window has passed since it started gathering (one gathering batch at a
 * time). Received messages are hidden for the queue's visibility timeout, or for window + function
 * timeout + 30 s when that is longer (the docs' rule for batching windows).
 *
 * Outcomes. Success deletes the batch. A function error or timeout deletes nothing: the messages
 * become visible again when their visibility timeout passes (and, with a redrive policy, go to the
 * dead-letter queue after maxReceiveCount receives). With ReportBatchItemFailures, a handler error
 * is reported per message in a successful response (the invocation counts as succeeded, as AWS
 * counts it) and deletes all but the failed messages: errorRate is per message, and given that the batch failed,
 * the failed ones are drawn as independent failures conditioned on at least one. An error that does
 * not come from the messages (a failed database call) fails the whole batch.
 *
 * Throttles (Lambda developer guide "services-sqs-errorhandling", Backoff strategy for failed
 * invocations: "If the invocation fails due to throttling, Lambda gradually backs off retries by
 * reducing the amount of concurrency allocated to your Amazon SQS event source mapping. Lambda
 * continues to retry the message until the message's timestamp exceeds your queue's visibility
 * timeout"). The throttled poller keeps its batch and invokes it again after SQS_THROTTLE_RETRY_MS,
 * doubling after each refusal (AWS publishes no delays ⚠), while the messages are still hidden: a
 * retry that would come at or after their visibility deadline is not made, the poller lets the
 * batch go (the messages come back when their visibility timeout ends, one receive counted, which
 * is why AWS advises maxReceiveCount >= 5). Each throttle retires one idle poller (down to the
 * floor) and holds scaling up for SQS_THROTTLE_SCALE_HOLD_MS ("Lambda throttles function scaling
 * when invocation issues occur", knowledge center lambda-sqs-scaling); the other pollers keep
 * polling, so a function whose concurrency covers its load keeps up.
 *
 * FIFO message groups: a FIFO queue that gives its `messageGroups` N caps the batches at once at N
 * ("If you use FIFO event source mapping, then functions can scale in concurrency to the number of
 * active message groups", knowledge center lambda-sqs-scaling; with a maximum concurrency, "the
 * number of message group IDs or the maximum concurrency setting, whichever is lower",
 * services-sqs-scaling): with one group, one batch at a time. Only the cap: which group a batch
 * takes and the order within a group are not modelled (batches still take the oldest messages).
 *
 * Recursive loop detection: messages whose chain depth reached RECURSION_LIMIT are not delivered
 * to a function with `recursiveLoop: terminate` (moved to the queue's dead-letter queue, if any).
 */
import type { Rng, Simulation } from '../../engine/index.ts';
import { type BucketedGauge, type GaugeSeriesData, TimeWeighted } from '../../metrics/index.ts';
import type { SqsEventSource as SqsEventConfig } from '../../scenario/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { FunctionRuntime } from '../function/functionRuntime.ts';
import { type InvokeRequest, invokeRequest, Outcome, type RequestView } from '../function/requests.ts';
import { RECURSION_LIMIT } from '../messaging/sink.ts';
import type { QueueConsumer, SqsQueueModel } from '../messaging/sqsQueue.ts';
import type { InvocationSource, SourceWiring } from './invocationSource.ts';
import { SqsPollers } from './sqsPollers.ts';

export const SQS_POLLERS_START = 5;
/** Scale-up per minute and ceiling: since 2023-11-06, and before. */
export const SQS_SCALING = {
  'nov-2023': { perMinute: 300, max: 1250 },
  legacy: { perMinute: 60, max: 1000 },
} as const;
export const SQS_SCALING_TICK_MS = 1_000;
/** A throttled batch is invoked again after 1 s, then 2, 4, ... s (⚠ AWS publishes no delays). */
export const SQS_THROTTLE_RETRY_MS = 1_000;
/** After a throttle, no poller is added for this long. */
export const SQS_THROTTLE_SCALE_HOLD_MS = 1_000;
/** Added to window + timeout when that exceeds the queue's visibility timeout. */
export const SQS_VISIBILITY_MARGIN_MS = 30_000;
/** Lambda's pollers long-poll: a ReceiveMessage that finds no message waits up to 20 s (the SQS maximum). */
export const SQS_LONG_POLL_MS = 20_000;
/**
 * Provisioned mode: concurrent invocations one event poller runs ("Each poller can handle up to 1
 * MB/sec of throughput and 10 concurrent invokes", Lambda developer guide
 * "services-sqs-parameters", ProvisionedPollerConfig), and one event poller added per 600 ms while
 * messages wait (1,000 concurrent executions a minute, AWS News Blog 2025-11-14).
 */
export const SQS_INVOKES_PER_EVENT_POLLER = 10;
export const SQS_PROVISIONED_TICK_MS = 600;

/** An SQS event source mapping over a run, as plain data (SqsEventSource.result()). */
export interface SqsSourceResult {
  readonly function: string;
  readonly queue: string;
  /** ScalingConfig.MaximumConcurrency, or null. */
  readonly maximumConcurrency: number | null;
  /** Pollers kept while the queue is empty (each long-polls: one empty ReceiveMessage per 20 s). */
  readonly minimumPollers: number;
  readonly batches: number;
  readonly throttledBatches: number;
  readonly messagesSucceeded: number;
  readonly messagesFailed: number;
  /** Long polls in the window that came back empty (billed ReceiveMessage requests). */
  readonly emptyReceives: number;
  /** Batches running at once at their peak. */
  readonly peakRunning: number;
  /** The most pollers the mapping had at once. */
  readonly peakAllowed: number;
  /**
   * Provisioned mode: Σ event pollers x time over the recorded window, ms (what AWS bills per
   * hour), and the most event pollers at once; 0 and 0 in the default mode.
   */
  readonly eventPollerMs: number;
  readonly peakEventPollers: number;
  readonly series: {
    /** Pollers over the window (busy and long-polling). */
    readonly pollers: GaugeSeriesData;
  };
}

/** One SQS event source mapping: `config` reads `queue` for `target`, drawing from `rng`; `label` names its event kinds. */
export interface SqsMapping {
  readonly label: string;
  readonly config: SqsEventConfig;
  readonly queue: SqsQueueModel;
  readonly target: FunctionRuntime;
  readonly rng: Rng;
}

export class SqsEventSource implements InvocationSource, QueueConsumer {
  private readonly pollers: SqsPollers;
  private readonly ceiling: number;
  /** Concurrency added per scaling tick, and the ticks' period. */
  private readonly step: number;
  private readonly tickMs: number;
  /** Provisioned mode: the event pollers in use, ceil(concurrency / 10), over time; null otherwise. */
  private readonly eventPollers: TimeWeighted | null;
  private eventPollerMs = 0;
  private recordFromMs = 0;
  private readonly visibilityMs: number;
  private readonly depthLimit: number;
  private closed = false;
  /** A message waited with every poller busy since the last scaling tick. */
  private saturated = false;
  private gatherUntilMs = -1;
  /** No scale-up before this (a throttle holds scaling up). */
  private scaleHoldUntilMs = -1;
  /** Pollers holding a throttled batch until its retry (busy, but not running it). */
  private retrying = 0;
  private pumpAtMs = Number.POSITIVE_INFINITY;
  /** When the pending long-poll check runs (Infinity: none pending). */
  private checkAtMs = Number.POSITIVE_INFINITY;
  // Batches in flight, by slot (the request tag): in-flight range of the queue and size.
  private batchStart = new Float64Array(16);
  private batchCount = new Int32Array(16);
  /** When the batch was received (its visibility deadline is that + visibilityMs), and its throttled invokes. */
  private batchReceivedMs = new Float64Array(16);
  private batchThrottles = new Int32Array(16);
  private batchDepth = new Float64Array(16);
  private readonly freeBatches: number[] = [];
  private batchSlots = 0;
  private scratch = new Uint8Array(16);
  private readonly request: InvokeRequest;
  /** Event kinds: the end of a batching window; the scaling tick; long polls ending; a throttled batch's retry (payload: slot). */
  private readonly pumpKind: number;
  private readonly retryKind: number;
  private readonly tickKind: number;
  private readonly longPollKind: number;
  private readonly pollerSeries: BucketedGauge;

  // Counters.
  private batches = 0;
  private throttledBatches = 0;
  private messagesSucceeded = 0;
  private messagesFailed = 0;
  private emptyReceives = 0;
  private peakAllowed: number;
  private peakRunning = 0;

  readonly config: SqsEventConfig;
  readonly queue: SqsQueueModel;
  private readonly target: FunctionRuntime;
  private readonly requests: RequestView;
  private readonly sim: Simulation;
  private readonly rng: Rng;
  private readonly windowMs: number;

  /** The mapping's `label` names its event kinds (function and event index). Adds itself as the queue's consumer. */
  constructor(wiring: SourceWiring, mapping: SqsMapping) {
    const { label, config, queue, target } = mapping;
    const { sim, windowMs, series } = wiring;
    this.config = config;
    this.queue = queue;
    this.target = target;
    this.requests = wiring.requests;
    this.sim = sim;
    this.rng = mapping.rng;
    this.windowMs = windowMs;
    this.request = invokeRequest(wiring.registry.add(this));
    this.pumpKind = sim.on(`sqs-pump:${label}`, () => this.pump());
    this.tickKind = sim.on(`sqs-scale:${label}`, () => this.tick());
    this.longPollKind = sim.on(`sqs-long-poll:${label}`, () => this.onLongPollsEnd());
    this.retryKind = sim.on(`sqs-throttle-retry:${label}`, (slot) => this.retryThrottled(slot));
    queue.addConsumer(this);
    const provisioned = config.provisionedPollers;
    // A FIFO queue's message groups cap the batches at once (see the class comment).
    const groups = queue.config.messageGroups ?? Number.POSITIVE_INFINITY;
    if (provisioned !== null) {
      this.ceiling = Math.min(groups, provisioned.max * SQS_INVOKES_PER_EVENT_POLLER);
      this.step = SQS_INVOKES_PER_EVENT_POLLER;
      this.tickMs = SQS_PROVISIONED_TICK_MS;
      this.pollers = new SqsPollers(
        Math.min(this.ceiling, provisioned.min * SQS_INVOKES_PER_EVENT_POLLER),
        0,
      );
      this.eventPollers = new TimeWeighted(provisioned.min);
    } else {
      const rule = SQS_SCALING[config.pollerScaling];
      this.ceiling = Math.min(rule.max, config.maximumConcurrency ?? Number.POSITIVE_INFINITY, groups);
      this.step = (rule.perMinute * SQS_SCALING_TICK_MS) / 60_000;
      this.tickMs = SQS_SCALING_TICK_MS;
      this.pollers = new SqsPollers(Math.min(SQS_POLLERS_START, this.ceiling), 0);
      this.eventPollers = null;
    }
    this.peakAllowed = this.pollers.count;
    this.pollerSeries = series.gauge(this.pollers.count);
    const fn = target.config;
    const needed = config.maximumBatchingWindowMs + fn.timeoutMs;
    this.visibilityMs =
      needed > queue.config.visibilityTimeoutMs
        ? needed + SQS_VISIBILITY_MARGIN_MS
        : queue.config.visibilityTimeoutMs;
    this.depthLimit = fn.recursiveLoop === 'terminate' ? RECURSION_LIMIT : Number.POSITIVE_INFINITY;
  }

  /** Batches running now (not counting those waiting to be retried after a throttle). */
  get running(): number {
    return this.pollers.busy - this.retrying;
  }

  /** Pollers now (busy and long-polling). */
  get allowed(): number {
    return this.pollers.count;
  }

  /** The mapping over the run, as plain data. */
  result(): SqsSourceResult {
    this.closeWindow();
    return {
      function: this.target.config.name,
      queue: this.queue.name,
      maximumConcurrency: this.config.maximumConcurrency,
      minimumPollers: this.pollers.floor,
      batches: this.batches,
      throttledBatches: this.throttledBatches,
      messagesSucceeded: this.messagesSucceeded,
      messagesFailed: this.messagesFailed,
      emptyReceives: this.emptyReceives,
      peakRunning: this.peakRunning,
      peakAllowed: this.peakAllowed,
      eventPollerMs: this.eventPollerMs,
      peakEventPollers:
        this.eventPollers === null ? 0 : Math.ceil(this.peakAllowed / SQS_INVOKES_PER_EVENT_POLLER),
      series: { pollers: this.pollerSeries.toData() },
    };
  }

  onMessagesAvailable(nowMs: number): void {
    this.pumpNow(nowMs);
  }

  /**
   * Starts the scaling ticks and the pollers' first long polls (call once before the run, at time
   * 0). Nothing reaches the queue before `fromMs` (0, or a time shard's start), so the mapping
   * starts there in the state a quiet mapping has then: the floor's pollers, their long polls last
   * renewed on the 20 s grid before `fromMs`, the next tick on the ticks' grid at or after `fromMs`.
   * The ticks and empty polls before it (one event a second) are never run.
   */
  start(fromMs = 0): void {
    if (fromMs > 0) this.pollers.idleAllSince((Math.ceil(fromMs / SQS_LONG_POLL_MS) - 1) * SQS_LONG_POLL_MS);
    // Long polls first: in a run from 0, a long poll due at the same time as a tick was armed first.
    this.armLongPolls();
    this.sim.at(Math.max(1, Math.ceil(fromMs / this.tickMs)) * this.tickMs, this.tickKind);
  }

  /** Event: a batching window ended. */
  private pump(): void {
    const nowMs = this.sim.now;
    if (this.pumpAtMs !== nowMs) return; // superseded
    this.pumpAtMs = Number.POSITIVE_INFINITY;
    this.pumpNow(nowMs);
  }

  /** Event: every tick (1 s; 600 ms in provisioned mode), pollers are added if a message waited for one since the last tick. */
  private tick(): void {
    if (this.closed) return;
    const nowMs = this.sim.now;
    const p = this.pollers;
    const waiting = this.saturated || (this.queue.receivableCount > 0 && p.idleCount === 0);
    if (waiting && nowMs >= this.scaleHoldUntilMs && p.count < this.ceiling) {
      p.add(Math.min(this.step, this.ceiling - p.count), nowMs);
      if (p.count > this.peakAllowed) this.peakAllowed = p.count;
      this.levelChanged(nowMs);
      this.armLongPolls();
    }
    this.saturated = false;
    this.sim.at(nowMs + this.tickMs, this.tickKind);
    this.pumpNow(nowMs);
  }

  /** Event: the long poll of the poller idle the longest may have come back. */
  private onLongPollsEnd(): void {
    const nowMs = this.sim.now;
    if (this.checkAtMs !== nowMs) return; // superseded
    this.checkAtMs = Number.POSITIVE_INFINITY;
    if (this.closed) return;
    const before = this.pollers.count;
    this.emptyReceives += this.pollers.expire(nowMs, SQS_LONG_POLL_MS, this.queue.receivableCount === 0);
    if (this.pollers.count !== before) this.levelChanged(nowMs);
    this.armLongPolls();
  }

  /**
   * Forgets what the mapping counted before `nowMs` (a time shard's warm-up): counters from zero,
   * peaks from the batches running and the pollers there are now; the pollers, their batches and
   * long polls carry on, and so does their series from `nowMs`.
   */
  startRecording(nowMs: number): void {
    this.batches = 0;
    this.throttledBatches = 0;
    this.messagesSucceeded = 0;
    this.messagesFailed = 0;
    this.emptyReceives = 0;
    this.peakRunning = this.running;
    this.peakAllowed = this.pollers.count;
    this.pollerSeries.restartAt(nowMs);
    this.eventPollers?.restartAt(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Stops polling (messages left stay in the queue) and freezes the pollers' series at `endMs`
   * (the window's end, or a time shard's slice end). Idempotent.
   */
  closeWindow(endMs = this.windowMs): void {
    if (this.closed) return;
    this.closed = true;
    this.pollerSeries.finish(endMs);
    const level = this.eventPollers;
    if (level !== null)
      this.eventPollerMs = level.mean(endMs, this.recordFromMs) * (endMs - this.recordFromMs);
  }

  private pumpNow(nowMs: number): void {
    if (this.closed) return;
    const q = this.queue;
    const p = this.pollers;
    const batchSize = this.config.batchSize;
    const window = this.config.maximumBatchingWindowMs;
    // Visible messages under the in-flight quota (at it, a receive gets nothing: see SqsQueueModel).
    while (p.idleCount > 0 && q.receivableCount > 0) {
      if (window > 0 && q.visibleCount < batchSize) {
        if (this.gatherUntilMs < 0) this.gatherUntilMs = nowMs + window;
        if (nowMs < this.gatherUntilMs) {
          this.schedulePump(this.gatherUntilMs);
          return;
        }
      }
      this.gatherUntilMs = -1;
      const count = q.receive(nowMs, batchSize, this.depthLimit, this.visibilityMs);
      if (count === 0) continue;
      p.take();
      const slot = this.allocateBatch();
      this.batchStart[slot] = q.lastReceiveStart;
      this.batchCount[slot] = count;
      this.batchReceivedMs[slot] = nowMs;
      this.batchThrottles[slot] = 0;
      // After a throttle the other idle pollers wait for the next message or finished batch.
      if (!this.invokeBatch(nowMs, slot, q.lastReceiveDepth)) return;
    }
    if (q.receivableCount > 0) this.saturated = true;
  }

  /**
   * Invokes the function with the batch in `slot` (its poller is busy). Every invoke, a retry after
   * a throttle included, arrives once: arrived = started + throttled + refused. A refused one is
   * retried after a backoff while the messages stay hidden, else let go. False when throttled.
   */
  private invokeBatch(nowMs: number, slot: number, depth: number): boolean {
    const stats = this.target.stats;
    this.batches++;
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
    const request = this.request;
    request.arrivalMs = nowMs;
    request.tag = slot;
    request.records = this.batchCount[slot];
    request.depth = depth;
    this.batchDepth[slot] = depth;
    const refused = this.target.invoke(request);
    if (refused === ThrottleReason.None) {
      if (this.running > this.peakRunning) this.peakRunning = this.running;
      return true;
    }
    this.throttledBatches++;
    stats.recordFinalRefusal(nowMs, refused);
    // Back off: one idle poller fewer, no scale-up for a while.
    const p = this.pollers;
    const before = p.count;
    p.shrinkTo(Math.max(p.floor, p.count - 1));
    if (p.count !== before) this.levelChanged(nowMs);
    this.scaleHoldUntilMs = nowMs + SQS_THROTTLE_SCALE_HOLD_MS;
    const throttles = ++this.batchThrottles[slot];
    const retryAtMs = nowMs + SQS_THROTTLE_RETRY_MS * 2 ** (throttles - 1);
    if (retryAtMs < this.batchReceivedMs[slot] + this.visibilityMs) {
      this.retrying++;
      this.sim.at(retryAtMs, this.retryKind, slot);
      return false;
    }
    // Past the visibility deadline: the messages come back on their own when it passes.
    this.freeBatches.push(slot);
    p.release(nowMs);
    this.armLongPolls();
    return false;
  }

  /** Event: a throttled batch is invoked again (or let go once the window closed). */
  private retryThrottled(slot: number): void {
    const nowMs = this.sim.now;
    this.retrying--;
    if (this.closed) return; // the poller keeps it: the messages stay in flight at the end
    if (this.invokeBatch(nowMs, slot, this.batchDepth[slot])) return;
  }

  onFinished(slot: number, nowMs: number): void {
    const requests = this.requests;
    const stats = this.target.stats;
    const batch = requests.tag(slot);
    const start = this.batchStart[batch];
    const count = this.batchCount[batch];
    this.freeBatches.push(batch);
    this.pollers.release(nowMs);
    this.armLongPolls();
    const outcome = requests.outcome(slot);
    // With ReportBatchItemFailures, messages that fail in the handler are reported in the
    // function's response: the invocation itself succeeds (AWS counts no error for it).
    const reported =
      outcome === Outcome.FunctionError && this.config.reportBatchItemFailures && requests.handlerError(slot);
    if (outcome === Outcome.Success || reported) {
      const arrivalMs = requests.arrivalMs(slot);
      const latencyMs = nowMs - arrivalMs;
      stats.recordSuccess(arrivalMs, latencyMs, requests.wasCold(slot));
    }
    if (outcome === Outcome.Success) {
      this.messagesSucceeded += this.queue.deleteRange(nowMs, start, count, null);
    } else if (reported) {
      const failed = this.drawFailures(count);
      const scratch = this.scratch;
      const deleted = this.queue.deleteRange(nowMs, start, count, (k) => scratch[k] === 1);
      this.messagesSucceeded += deleted;
      this.messagesFailed += failed;
    } else {
      if (outcome === Outcome.Timeout) stats.timedOut++;
      else stats.failed++;
      this.messagesFailed += count;
    }
    this.pumpNow(nowMs);
  }

  /**
   * Marks in `scratch` which of `n` messages failed, given that at least one did: the first failure
   * at j with P(j) proportional to q^j p (q = 1 - p), each later message failing with p. Returns how
   * many failed.
   */
  private drawFailures(n: number): number {
    if (this.scratch.length < n) this.scratch = new Uint8Array(Math.max(n, 2 * this.scratch.length));
    const s = this.scratch;
    s.fill(0, 0, n);
    const p = this.target.config.model.errorRate;
    const q = 1 - p;
    let first = 0;
    if (p > 0 && p < 1) {
      const u = this.rng.next();
      first = Math.min(n - 1, Math.floor(Math.log(1 - u * (1 - q ** n)) / Math.log(q)));
    }
    s[first] = 1;
    let failed = 1;
    for (let k = first + 1; k < n; k++) {
      if (this.rng.next() < p) {
        s[k] = 1;
        failed++;
      }
    }
    return failed;
  }

  /** Schedules the check of the oldest idle poller's long poll, unless an earlier one is pending. */
  private armLongPolls(): void {
    if (this.closed) return;
    const atMs = this.pollers.oldestIdleSinceMs + SQS_LONG_POLL_MS;
    if (atMs < this.checkAtMs) {
      this.checkAtMs = atMs;
      this.sim.at(atMs, this.longPollKind);
    }
  }

  /** The pollers' count changed at `nowMs`. */
  private levelChanged(nowMs: number): void {
    if (nowMs >= this.windowMs) return;
    this.pollerSeries.set(nowMs, this.pollers.count);
    this.eventPollers?.set(nowMs, Math.ceil(this.pollers.count / SQS_INVOKES_PER_EVENT_POLLER));
  }

  private schedulePump(atMs: number): void {
    if (atMs < this.pumpAtMs) {
      this.pumpAtMs = atMs;
      this.sim.at(atMs, this.pumpKind);
    }
  }

  private allocateBatch(): number {
    const reused = this.freeBatches.pop();
    if (reused !== undefined) return reused;
    if (this.batchSlots === this.batchStart.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.batchStart = grow(this.batchStart, (n) => new Float64Array(n));
      this.batchCount = grow(this.batchCount, (n) => new Int32Array(n));
      this.batchReceivedMs = grow(this.batchReceivedMs, (n) => new Float64Array(n));
      this.batchThrottles = grow(this.batchThrottles, (n) => new Int32Array(n));
      this.batchDepth = grow(this.batchDepth, (n) => new Float64Array(n));
    }
    return this.batchSlots++;
  }
}
