/**
 * An SQS event source mapping: Lambda's pollers receive batches from a queue and invoke the
 * function synchronously with each (aws-facts C6; Lambda developer guide "Using Lambda with Amazon
 * SQS", "services-sqs-scaling"; What's New 2023-11-06).
 *
 * Concurrency. The mapping runs at most `allowed` batches at once. It starts at 5; while messages
 * wait and every allowed batch is running, it grows by 300 per minute up to 1,250 (`nov-2023`, since
 * 2023-11-06) or by 60 per minute up to 1,000 (`legacy`), never above `maximumConcurrency`; when the
 * queue is empty it shrinks by the same step down to 5 (or maximumConcurrency when lower), never
 * below the batches running. Growth and shrinkage are applied once per second.
 *
 * Batches. A batch holds up to `batchSize` messages. With a batching window, a batch smaller than
 * batchSize waits until the window has passed since it started gathering (one gathering batch at a
 * time). Received messages are hidden for the queue's visibility timeout, or for window + function
 * timeout + 30 s when that is longer (the docs' rule for batching windows).
 *
 * Outcomes. Success deletes the batch. A function error or timeout deletes nothing: the messages
 * become visible again when their visibility timeout passes (and, with a redrive policy, go to the
 * dead-letter queue after maxReceiveCount receives). With ReportBatchItemFailures, a function error
 * deletes all but the failed messages: errorRate is per message, and given that the batch failed,
 * the failed ones are drawn as independent failures conditioned on at least one. An error that does
 * not come from the messages (a failed database call) fails the whole batch. A throttled invoke
 * leaves the messages hidden until their visibility timeout, halts polling for 1 s and shrinks the
 * allowed concurrency to the batches running (this is why AWS advises maxReceiveCount >= 5).
 *
 * Recursive loop detection: messages whose chain depth reached RECURSION_LIMIT are not delivered
 * to a function with `recursiveLoop: terminate` (moved to the queue's dead-letter queue, if any).
 */
import type { Rng, Simulation } from '../../engine/index.ts';
import type { SqsEventSource as SqsEventConfig } from '../../scenario/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { FunctionRuntime } from '../function/functionRuntime.ts';
import { type InvokeRequest, invokeRequest, Outcome, type RequestView } from '../function/requests.ts';
import { RECURSION_LIMIT } from '../messaging/sink.ts';
import type { QueueConsumer, SqsQueueModel } from '../messaging/sqsQueue.ts';
import type { InvocationSource, SourceRegistry } from './invocationSource.ts';

export const SQS_POLLERS_START = 5;
/** Scale-up per minute and ceiling: since 2023-11-06, and before. */
export const SQS_SCALING = {
  'nov-2023': { perMinute: 300, max: 1250 },
  legacy: { perMinute: 60, max: 1000 },
} as const;
export const SQS_SCALING_TICK_MS = 1_000;
export const SQS_THROTTLE_PAUSE_MS = 1_000;
/** Added to window + timeout when that exceeds the queue's visibility timeout. */
export const SQS_VISIBILITY_MARGIN_MS = 30_000;
/** Lambda's pollers long-poll: an empty ReceiveMessage waits up to 20 s. */
export const SQS_LONG_POLL_MS = 20_000;

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
  /** Batches running at once at their peak. */
  readonly peakRunning: number;
  /** The concurrency the pollers had scaled to at its peak (fractional between whole steps). */
  readonly peakAllowed: number;
}

export class SqsEventSource implements InvocationSource, QueueConsumer {
  /** Batches the mapping may run at once now. */
  allowed: number;
  private readonly floor: number;
  private readonly ceiling: number;
  private readonly step: number;
  private readonly visibilityMs: number;
  private readonly depthLimit: number;
  running = 0;
  private closed = false;
  private gatherUntilMs = -1;
  private pausedUntilMs = -1;
  private pumpAtMs = Number.POSITIVE_INFINITY;
  // Batches in flight, by slot (the request tag): in-flight range of the queue and size.
  private batchStart = new Float64Array(16);
  private batchCount = new Int32Array(16);
  private readonly freeBatches: number[] = [];
  private batchSlots = 0;
  private scratch = new Uint8Array(16);
  private readonly request: InvokeRequest;
  /** Event kinds: the end of a batching window or a throttle pause; the scaling tick. */
  private readonly pumpKind: number;
  private readonly tickKind: number;

  // Counters.
  private batches = 0;
  private throttledBatches = 0;
  private messagesSucceeded = 0;
  private messagesFailed = 0;
  private peakAllowed: number;
  private peakRunning = 0;

  /** `label`: names its event kinds (function and event index). Adds itself as the queue's consumer. */
  constructor(
    label: string,
    readonly config: SqsEventConfig,
    readonly queue: SqsQueueModel,
    private readonly target: FunctionRuntime,
    private readonly requests: RequestView,
    registry: SourceRegistry,
    private readonly sim: Simulation,
    private readonly rng: Rng,
  ) {
    this.request = invokeRequest(registry.add(this));
    this.pumpKind = sim.on(`sqs-pump:${label}`, () => this.pump());
    this.tickKind = sim.on(`sqs-scale:${label}`, () => this.tick());
    queue.addConsumer(this);
    const rule = SQS_SCALING[config.pollerScaling];
    this.ceiling = Math.min(rule.max, config.maximumConcurrency ?? Number.POSITIVE_INFINITY);
    this.floor = Math.min(SQS_POLLERS_START, this.ceiling);
    this.step = (rule.perMinute * SQS_SCALING_TICK_MS) / 60_000;
    this.allowed = this.floor;
    this.peakAllowed = this.allowed;
    const fn = target.config;
    const needed = config.maximumBatchingWindowMs + fn.timeoutMs;
    this.visibilityMs =
      needed > queue.config.visibilityTimeoutMs
        ? needed + SQS_VISIBILITY_MARGIN_MS
        : queue.config.visibilityTimeoutMs;
    this.depthLimit = fn.recursiveLoop === 'terminate' ? RECURSION_LIMIT : Number.POSITIVE_INFINITY;
  }

  /** The mapping over the run, as plain data. */
  result(): SqsSourceResult {
    return {
      function: this.target.config.name,
      queue: this.queue.name,
      maximumConcurrency: this.config.maximumConcurrency,
      minimumPollers: this.floor,
      batches: this.batches,
      throttledBatches: this.throttledBatches,
      messagesSucceeded: this.messagesSucceeded,
      messagesFailed: this.messagesFailed,
      peakRunning: this.peakRunning,
      peakAllowed: this.peakAllowed,
    };
  }

  onMessagesAvailable(nowMs: number): void {
    this.pumpNow(nowMs);
  }

  /** Starts the scaling ticks (call once before the run). */
  start(): void {
    this.sim.at(SQS_SCALING_TICK_MS, this.tickKind);
  }

  /** Event: a batching window ended or a throttle pause is over. */
  private pump(): void {
    const nowMs = this.sim.now;
    if (this.pumpAtMs !== nowMs) return; // superseded
    this.pumpAtMs = Number.POSITIVE_INFINITY;
    this.pumpNow(nowMs);
  }

  /** Event: once per second, the allowed concurrency follows the backlog. */
  private tick(): void {
    if (this.closed) return;
    const nowMs = this.sim.now;
    const q = this.queue;
    if (q.visibleCount > 0 && this.running >= this.allowed) {
      this.allowed = Math.min(this.ceiling, this.allowed + this.step);
    } else if (q.visibleCount === 0 && this.running < this.allowed) {
      this.allowed = Math.max(this.floor, this.running, this.allowed - this.step);
    }
    if (this.allowed > this.peakAllowed) this.peakAllowed = this.allowed;
    this.sim.at(nowMs + SQS_SCALING_TICK_MS, this.tickKind);
    this.pumpNow(nowMs);
  }

  /** Stops polling (messages left stay in the queue). */
  closeWindow(): void {
    this.closed = true;
  }

  private pumpNow(nowMs: number): void {
    if (this.closed || nowMs < this.pausedUntilMs) return;
    const q = this.queue;
    const batchSize = this.config.batchSize;
    const window = this.config.maximumBatchingWindowMs;
    while (this.running < Math.floor(this.allowed) && q.visibleCount > 0) {
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
      if (!this.invokeBatch(nowMs, q.lastReceiveStart, count, q.lastReceiveDepth)) return;
    }
  }

  /** Invokes the function with a batch; false when throttled (polling pauses). */
  private invokeBatch(nowMs: number, start: number, count: number, depth: number): boolean {
    const stats = this.target.stats;
    const slot = this.allocateBatch();
    this.batchStart[slot] = start;
    this.batchCount[slot] = count;
    this.batches++;
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
    const request = this.request;
    request.arrivalMs = nowMs;
    request.tag = slot;
    request.records = count;
    request.depth = depth;
    const refused = this.target.invoke(request);
    if (refused === ThrottleReason.None) {
      this.running++;
      if (this.running > this.peakRunning) this.peakRunning = this.running;
      return true;
    }
    this.freeBatches.push(slot);
    this.throttledBatches++;
    if (refused === ThrottleReason.NetworkInterfaces) {
      stats.networkInterfaceFailures++;
      stats.failed++;
    } else stats.recordThrottle(nowMs, refused);
    // The messages stay hidden until their visibility timeout; polling pauses and shrinks.
    this.allowed = Math.max(this.floor, this.running);
    this.pausedUntilMs = nowMs + SQS_THROTTLE_PAUSE_MS;
    this.schedulePump(this.pausedUntilMs);
    return false;
  }

  onFinished(slot: number, nowMs: number): void {
    const requests = this.requests;
    const stats = this.target.stats;
    const batch = requests.tag(slot);
    const start = this.batchStart[batch];
    const count = this.batchCount[batch];
    this.freeBatches.push(batch);
    this.running--;
    const outcome = requests.outcome(slot);
    if (outcome === Outcome.Success) {
      const arrivalMs = requests.arrivalMs(slot);
      const latencyMs = nowMs - arrivalMs;
      stats.recordSuccess(arrivalMs, latencyMs, requests.wasCold(slot));
      this.messagesSucceeded += this.queue.deleteRange(nowMs, start, count, null);
    } else {
      if (outcome === Outcome.Timeout) stats.timedOut++;
      else stats.failed++;
      const perMessage = outcome === Outcome.FunctionError && requests.handlerError(slot);
      if (this.config.reportBatchItemFailures && perMessage) {
        const failed = this.drawFailures(count);
        const scratch = this.scratch;
        const deleted = this.queue.deleteRange(nowMs, start, count, (k) => scratch[k] === 1);
        this.messagesSucceeded += deleted;
        this.messagesFailed += failed;
      } else {
        this.messagesFailed += count;
      }
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

  private schedulePump(atMs: number): void {
    if (atMs < this.pumpAtMs) {
      this.pumpAtMs = atMs;
      this.sim.at(atMs, this.pumpKind);
    }
  }

  private allocateBatch(): number {
    if (this.freeBatches.length > 0) return this.freeBatches.pop()!;
    if (this.batchSlots === this.batchStart.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.batchStart = grow(this.batchStart, (n) => new Float64Array(n));
      this.batchCount = grow(this.batchCount, (n) => new Int32Array(n));
    }
    return this.batchSlots++;
  }
}
