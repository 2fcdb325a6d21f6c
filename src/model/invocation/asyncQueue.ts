/**
 * Lambda's internal queue for asynchronous invocations of one function (Invoke with InvocationType
 * Event, S3, SNS, EventBridge, schedules, async destinations), as the Lambda developer guide
 * describes it ("Asynchronous invocation", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html):
 *
 * - An event is tried at once. A throttle (429) or a system error (legacy ENI shortage) returns it
 *   to the queue, retried with exponential backoff from 1 s up to 5 minutes (1, 2, 4, ... 300 s).
 * - A function error or timeout is retried `maximumRetryAttempts` times (0..2), 1 minute before the
 *   second attempt and 2 minutes before the third.
 * - An event older than `maximumEventAge` when it would be tried is discarded, as is an event whose
 *   retries are used up; discarded events go to the on-failure destination and the dead-letter
 *   queue (when configured) and count as `dropped`. With reserved concurrency 0 events are
 *   discarded at once, without retries. Successful events go to the on-success destination.
 * - Recursive loop detection (`recursiveLoop: terminate`): an event whose chain depth reached
 *   RECURSION_LIMIT is not invoked; it is discarded like a failed event.
 * - The request-rate quota (10 x account concurrency per second) covers Invoke calls with
 *   InvocationType Event from non-AWS callers (a client's or a function's SDK call): such a call
 *   above the quota gets a 429 and the event never enters the queue (`invokeApi`). Events from AWS
 *   services (S3, SNS, EventBridge, schedules, destinations) are not counted: "Unlimited requests
 *   accepted. Execution rate is based on concurrency available to the function" (Lambda quotas,
 *   "Invocation requests per Region (requests per second)": "10 x concurrent executions quota
 *   (asynchronous – non-AWS sources)", in the guide's published source, github.com/awsdocs/
 *   aws-lambda-developer-guide doc_source/gettingstarted-limits.md). A refused call counts in the
 *   function's `arrived` and `throttled` (the caller got a 429 in the end), not in the queue's
 *   `events`; lamsim does not model the caller retrying it.
 *
 * Waiting events are not objects: an event waiting for a retry is one engine event carrying
 * (enqueue time, packed state), so memory grows with the events waiting, in typed arrays.
 * Billing: every attempt is a request; an event beyond 256 KB adds one request per 64 KB chunk
 * per attempt (AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/).
 */
import { lambdaAsyncBilledRequests } from '../../billing/metering/index.ts';
import type { Simulation } from '../../engine/index.ts';
import {
  type BucketedGauge,
  type GaugeSeriesData,
  Histogram,
  type HistogramData,
  TimeWeighted,
} from '../../metrics/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { FunctionRuntime } from '../function/functionRuntime.ts';
import { type InvokeRequest, invokeRequest, Outcome, type RequestView } from '../function/requests.ts';
import { type MessageSink, nextDepth, RECURSION_LIMIT } from '../messaging/sink.ts';
import type { InvocationSource, SourceWiring } from './invocationSource.ts';

/** Backoff of throttled async events: 1 s doubling to 5 minutes (docs invocation-async). */
export const ASYNC_THROTTLE_BACKOFF_MIN_MS = 1_000;
export const ASYNC_THROTTLE_BACKOFF_MAX_MS = 300_000;
/** Waits before the 2nd and 3rd attempts after function errors (docs invocation-async). */
export const ASYNC_ERROR_RETRY_DELAYS_MS = [60_000, 120_000] as const;

// Packed per-event state (an integer in a float):
// (((depth * 64 + throttles) * 2 + timedOut) * 4 + errorRetries) * 32 + chunks, where `timedOut`
// is 1 once an attempt of the event timed out.
const pack = (depth: number, throttles: number, errorRetries: number, chunks: number, timedOut = 0): number =>
  (((depth * 64 + Math.min(throttles, 63)) * 2 + timedOut) * 4 + errorRetries) * 32 + Math.min(chunks, 31);
const chunksOf = (p: number): number => p % 32;
const errorRetriesOf = (p: number): number => Math.floor(p / 32) % 4;
const timedOutOf = (p: number): number => Math.floor(p / 128) % 2;
const throttlesOf = (p: number): number => Math.floor(p / 256) % 64;
const depthOf = (p: number): number => Math.floor(p / 16384);

export interface AsyncDestinations {
  readonly onSuccess: MessageSink | null;
  readonly onFailure: MessageSink | null;
  readonly deadLetterQueue: MessageSink | null;
}

/** Why events were discarded. */
export interface AsyncDrops {
  expired: number;
  retriesExhausted: number;
  recursion: number;
  noConcurrency: number;
}

/** Events discarded for any reason. */
export function totalDrops(d: Readonly<AsyncDrops>): number {
  return d.expired + d.retriesExhausted + d.recursion + d.noConcurrency;
}

/** Lambda's async event queue of one function over a run, as plain data (AsyncQueue.result()). */
export interface AsyncQueueResult {
  readonly function: string;
  /** Events received. */
  readonly events: number;
  /** Events processed successfully. */
  readonly succeeded: number;
  /** Events with at least one timed-out attempt (an event counts once, however many of its attempts timed out). */
  readonly timedOutEvents: number;
  /** Events discarded, by reason. */
  readonly dropped: Readonly<AsyncDrops>;
  readonly retries: { readonly afterError: number; readonly afterThrottle: number };
  readonly sentTo: {
    readonly onSuccess: number;
    readonly onFailure: number;
    readonly deadLetterQueue: number;
  };
  /** Events still queued (waiting for an attempt or a retry) when the run ended. */
  readonly waitingAtEnd: number;
  /** Events queued when recording began (a time shard's slice start); 0 in a whole run. */
  readonly waitingAtStart: number;
  /** A merged run: events queued at the ends of the slices before the last (as FunctionResult.inFlightAtBorders). */
  readonly waitingAtBorders: number;
  /** Events waiting, over the window. */
  readonly queueDepth: { readonly mean: number; readonly peak: number };
  /** AsyncEventAge: enqueue to each attempt's start. */
  readonly eventAge: HistogramData;
  readonly series: {
    /** Events waiting (not running). */
    readonly waiting: GaugeSeriesData;
    /** Age of an event when an attempt starts, held until the next attempt. */
    readonly eventAge: GaugeSeriesData;
  };
}

export class AsyncQueue implements InvocationSource, MessageSink {
  /** Events waiting over the window, once it closed (no event is attempted after that). */
  private window: { readonly mean: number; readonly peak: number } | null = null;
  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;
  // Counters (events unless said otherwise).
  private received = 0;
  /** Events waiting when recording began (startRecording); 0 in a whole run. */
  private waitingAtStart = 0;
  private succeeded = 0;
  private timedOutEvents = 0;
  private readonly drops: AsyncDrops = { expired: 0, retriesExhausted: 0, recursion: 0, noConcurrency: 0 };
  private throttleRetries = 0;
  private errorRetries = 0;
  private toOnSuccess = 0;
  private toOnFailure = 0;
  private toDeadLetterQueue = 0;
  /** AsyncEventAge: time from enqueue to each attempt's start. */
  private eventAgeMs = new Histogram();
  /** Events waiting (not running): queued for an attempt or a retry. */
  private waitingLevel = new TimeWeighted();
  private readonly depthSeries: BucketedGauge;
  private readonly ageSeries: BucketedGauge;
  private readonly request: InvokeRequest;
  /** Event kind of retries: (enqueuedAtMs, packed state). */
  private readonly retryKind: number;
  destinations: AsyncDestinations = { onSuccess: null, onFailure: null, deadLetterQueue: null };

  /**
   * The Invoke API with InvocationType Event, as a non-AWS caller reaches this queue: checked
   * against the account's request-rate quota first (see the header). AWS services use `put`.
   */
  readonly invokeApi: MessageSink;
  readonly windowMs: number;
  private readonly requests: RequestView;
  private readonly sim: Simulation;

  constructor(
    wiring: SourceWiring,
    private readonly target: FunctionRuntime,
  ) {
    const { sim, windowMs, series } = wiring;
    this.windowMs = windowMs;
    this.requests = wiring.requests;
    this.sim = sim;
    this.depthSeries = series.gauge();
    this.ageSeries = series.gauge();
    this.request = invokeRequest(wiring.registry.add(this));
    this.retryKind = sim.on(`async-retry:${target.config.name}`, (enqueuedAtMs, packed) =>
      this.attempt(enqueuedAtMs, packed),
    );
    this.invokeApi = {
      name: target.config.name,
      put: (nowMs, depth, bytes) => this.invokeEvent(nowMs, depth, bytes),
    };
  }

  get name(): string {
    return this.target.config.name;
  }

  /** True once the window closed: no event is attempted any more. */
  private get closed(): boolean {
    return this.window !== null;
  }

  /** An event arrives (Invoke with InvocationType Event). */
  put(nowMs: number, depth: number, bytes: number): void {
    this.received++;
    this.countArrival(nowMs);
    const chunks = lambdaAsyncBilledRequests(bytes);
    const fn = this.target.config;
    if (fn.recursiveLoop === 'terminate' && depth >= RECURSION_LIMIT) {
      this.discard(nowMs, pack(depth, 0, 0, chunks), 'recursion', false);
      return;
    }
    this.attempt(nowMs, pack(depth, 0, 0, chunks), false);
  }

  /** Invoke (InvocationType Event) from a non-AWS caller: the request-rate quota first, then `put`. */
  private invokeEvent(nowMs: number, depth: number, bytes: number): void {
    if (this.target.withinRequestRate(nowMs)) {
      this.put(nowMs, depth, bytes);
      return;
    }
    this.countArrival(nowMs);
    this.target.stats.recordFinalRefusal(nowMs, ThrottleReason.RequestRate);
  }

  /** An event arrived for the function (taken into its queue or refused at the Invoke). */
  private countArrival(nowMs: number): void {
    const stats = this.target.stats;
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
  }

  /**
   * Tries an event (first attempt or a retry); `enqueuedAtMs` is the event's arrival. `waiting`:
   * the event is counted in the queue's depth (a retry); a new event joins the depth only if its
   * first attempt is refused, so an event that starts at once never shows as waiting.
   */
  private attempt(enqueuedAtMs: number, packed: number, waiting = true): void {
    const nowMs = this.sim.now;
    if (this.closed) {
      if (!waiting) this.setWaiting(nowMs, 1); // stays queued: counted as waiting at the end
      return;
    }
    const fn = this.target.config;
    // Same expression as the retry times below, so an event retried at its expiry is discarded.
    if (nowMs >= enqueuedAtMs + fn.maximumEventAgeMs) {
      this.discard(nowMs, packed, 'expired', waiting);
      return;
    }
    if (fn.reservedConcurrency === 0) {
      this.discard(nowMs, packed, 'noConcurrency', waiting);
      return;
    }
    const request = this.request;
    request.arrivalMs = enqueuedAtMs;
    request.tag = packed;
    request.depth = depthOf(packed);
    const refused = this.target.invoke(request);
    if (refused === ThrottleReason.None) {
      if (waiting) this.setWaiting(nowMs, -1);
      const age = nowMs - enqueuedAtMs;
      this.eventAgeMs.record(age);
      if (nowMs < this.windowMs) this.ageSeries.set(nowMs, age);
      const extra = chunksOf(packed) - 1;
      if (extra > 0) this.target.stats.requests += extra;
      return;
    }
    if (!waiting) this.setWaiting(nowMs, 1);
    const stats = this.target.stats;
    if (refused === ThrottleReason.NetworkInterfaces) stats.networkInterfaceFailures++;
    else stats.recordThrottle(nowMs, refused);
    const throttles = throttlesOf(packed) + 1;
    const backoff = Math.min(
      ASYNC_THROTTLE_BACKOFF_MAX_MS,
      ASYNC_THROTTLE_BACKOFF_MIN_MS * 2 ** Math.min(throttles - 1, 20),
    );
    this.throttleRetries++;
    stats.retried++;
    const next = pack(
      depthOf(packed),
      throttles,
      errorRetriesOf(packed),
      chunksOf(packed),
      timedOutOf(packed),
    );
    this.sim.at(
      Math.min(nowMs + backoff, enqueuedAtMs + fn.maximumEventAgeMs),
      this.retryKind,
      enqueuedAtMs,
      next,
    );
  }

  onFinished(slot: number, nowMs: number): void {
    const requests = this.requests;
    const stats = this.target.stats;
    const enqueuedAtMs = requests.arrivalMs(slot);
    const packed = requests.tag(slot);
    const outcome = requests.outcome(slot);
    if (outcome === Outcome.Success) {
      this.succeeded++;
      const latencyMs = nowMs - enqueuedAtMs;
      stats.recordSuccess(enqueuedAtMs, latencyMs, requests.wasCold(slot));
      if (this.destinations.onSuccess) {
        this.toOnSuccess++;
        this.destinations.onSuccess.put(nowMs, nextDepth(depthOf(packed)), 1024);
      }
      return;
    }
    let timedOut = timedOutOf(packed);
    if (outcome === Outcome.Timeout) {
      stats.timedOut++;
      if (timedOut === 0) this.timedOutEvents++;
      timedOut = 1;
    } else stats.failed++;
    const fn = this.target.config;
    const retries = errorRetriesOf(packed);
    this.setWaiting(nowMs, 1);
    const expiresAt = enqueuedAtMs + fn.maximumEventAgeMs;
    if (retries < fn.maximumRetryAttempts && !this.closed && nowMs < expiresAt) {
      this.errorRetries++;
      stats.retried++;
      const at = nowMs + ASYNC_ERROR_RETRY_DELAYS_MS[Math.min(retries, 1)];
      const next = pack(depthOf(packed), throttlesOf(packed), retries + 1, chunksOf(packed), timedOut);
      this.sim.at(Math.min(at, expiresAt), this.retryKind, enqueuedAtMs, next);
      return;
    }
    if (retries < fn.maximumRetryAttempts && this.closed) return; // left waiting for its retry
    this.discard(nowMs, packed, retries < fn.maximumRetryAttempts ? 'expired' : 'retriesExhausted');
  }

  /**
   * Forgets everything measured before `nowMs` (a time shard's warm-up; call before any event at
   * `nowMs` is handled): counters and the event-age histogram start again from zero; the events
   * waiting now stay queued and carry the depth level and its series on from `nowMs`.
   */
  startRecording(nowMs: number): void {
    this.received = 0;
    this.succeeded = 0;
    this.timedOutEvents = 0;
    this.drops.expired = 0;
    this.drops.retriesExhausted = 0;
    this.drops.recursion = 0;
    this.drops.noConcurrency = 0;
    this.throttleRetries = 0;
    this.errorRetries = 0;
    this.toOnSuccess = 0;
    this.toOnFailure = 0;
    this.toDeadLetterQueue = 0;
    this.eventAgeMs = new Histogram();
    const waiting = this.waitingLevel.value;
    this.waitingAtStart = waiting;
    this.waitingLevel = new TimeWeighted(waiting);
    this.waitingLevel.set(nowMs, waiting);
    this.depthSeries.restartAt(nowMs);
    this.ageSeries.restartAt(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Stops attempting events (those waiting stay in the queue, counted at the end) and freezes the
   * queue depth over [recordFromMs, endMs) (the window, or a time shard's slice), which it returns.
   * Idempotent.
   */
  closeWindow(endMs = this.windowMs): { readonly mean: number; readonly peak: number } {
    if (this.window !== null) return this.window;
    this.window = { mean: this.waitingLevel.mean(endMs, this.recordFromMs), peak: this.waitingLevel.max };
    this.depthSeries.finish(endMs);
    this.ageSeries.finish(endMs);
    return this.window;
  }

  /** The queue over the run, as plain data (closes the window first if nobody did). */
  result(): AsyncQueueResult {
    const depth = this.closeWindow();
    return {
      function: this.name,
      events: this.received,
      succeeded: this.succeeded,
      timedOutEvents: this.timedOutEvents,
      dropped: { ...this.drops },
      retries: { afterError: this.errorRetries, afterThrottle: this.throttleRetries },
      sentTo: {
        onSuccess: this.toOnSuccess,
        onFailure: this.toOnFailure,
        deadLetterQueue: this.toDeadLetterQueue,
      },
      waitingAtEnd: this.waitingLevel.value,
      waitingAtStart: this.waitingAtStart,
      waitingAtBorders: 0,
      queueDepth: { mean: depth.mean, peak: depth.peak },
      eventAge: this.eventAgeMs.toData(),
      series: { waiting: this.depthSeries.toData(), eventAge: this.ageSeries.toData() },
    };
  }

  /** Drops an event; `wasWaiting`: it was counted in the queue's depth. */
  private discard(nowMs: number, packed: number, why: keyof AsyncDrops, wasWaiting = true): void {
    this.drops[why]++;
    this.target.stats.dropped++;
    if (wasWaiting) this.setWaiting(nowMs, -1);
    const depth = nextDepth(depthOf(packed));
    const { onFailure, deadLetterQueue } = this.destinations;
    if (onFailure) {
      this.toOnFailure++;
      onFailure.put(nowMs, depth, 1024);
    }
    if (deadLetterQueue) {
      this.toDeadLetterQueue++;
      deadLetterQueue.put(nowMs, depth, 1024);
    }
  }

  private setWaiting(nowMs: number, delta: number): void {
    this.waitingLevel.add(this.closed ? Math.max(nowMs, this.windowMs) : nowMs, delta);
    if (!this.closed && nowMs < this.windowMs) this.depthSeries.set(nowMs, this.waitingLevel.value);
  }
}
