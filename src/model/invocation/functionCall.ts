/**
 * Calls a handler makes to other AWS services through the resource-call protocol
 * (../calls/resourceCall.ts):
 *
 * - WriteCall: a write whose answer does not wait for any processing: SendMessage to an SQS queue,
 *   Publish to an SNS topic, PutObject to an S3 bucket, PutRecord to a stream, or Invoke with
 *   InvocationType Event (the callee's async queue). The message is written when the call starts;
 *   the handler waits the call's latency.
 * - SyncFunctionCall: Invoke with InvocationType RequestResponse. The caller waits for the callee
 *   (its cold start, handler and calls); a throttle is retried as the AWS SDK's standard mode does
 *   (see ./syncCaller.ts); a callee that fails, times out or stays throttled fails the caller's
 *   invocation (an unhandled SDK error). The callee keeps running if the caller times out first.
 *   It is the callee's invocation source: the callee's latency is what the caller waited.
 *
 * Both carry the caller's chain depth + 1 (recursive loop detection). AWS stops a chain of Invoke
 * calls too, synchronous ones included: "If your function is invoked more than 16 times in the
 * same chain of requests, then Lambda automatically stops the next function invocation in that
 * request chain" (AWS docs invocation-recursion.html), and the Invoke API lists
 * RecursiveInvocationException among its errors (AWS docs API_Invoke.html). A synchronous call
 * stopped so is an SDK error: the caller's invocation fails; the callee counts it in `arrived`,
 * `refused` and `recursionStopped`. With `recursiveLoop: allow` a synchronous self-call nests (each
 * level holds an environment until its timeout; the callee keeps running when its caller times
 * out), so only concurrency, throttles and the end of the run's drain bound it.
 */
import type { Rng, Sampler, Simulation } from '../../engine/index.ts';
import type { RetryPolicy } from '../../scenario/index.ts';
import { CALL_FAILED, CALL_WAIT, type RequestResumer, type ResourceCall } from '../calls/resourceCall.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { FunctionRuntime } from '../function/functionRuntime.ts';
import { type InvokeRequest, invokeRequest, Outcome, type RequestView } from '../function/requests.ts';
import { type MessageSink, nextDepth, RECURSION_LIMIT } from '../messaging/sink.ts';
import type { InvocationSource, SourceWiring } from './invocationSource.ts';
import { sdkRetryDelayMs } from './syncCaller.ts';

export class WriteCall implements ResourceCall {
  constructor(
    private readonly sink: MessageSink,
    private readonly requests: RequestView,
    private readonly latency: Sampler,
    private readonly rng: Rng,
    private readonly bytes: number,
  ) {}

  begin(slot: number, nowMs: number): number {
    this.sink.put(nowMs, nextDepth(this.requests.depth(slot)), this.bytes);
    return this.latency.sample(this.rng);
  }

  abort(): void {}
  endInvocation(): void {}
  endEnvironment(): void {}
}

const SEQ_SPAN = 2 ** 32;
const tagOf = (slot: number, seq: number): number => slot * SEQ_SPAN + (seq % SEQ_SPAN);

/**
 * A synchronous call from one function to another (`label` names its event kinds): `caller`'s
 * request waits for `callee`; throttles are retried per `policy` with `retryRng`'s jitter; the
 * answer reaches the caller after a `latency` drawn from `latencyRng`.
 */
export interface SyncCallWiring {
  readonly label: string;
  readonly callee: FunctionRuntime;
  readonly caller: RequestResumer;
  readonly policy: RetryPolicy;
  readonly latency: Sampler;
  readonly latencyRng: Rng;
  readonly retryRng: Rng;
}

export class SyncFunctionCall implements ResourceCall, InvocationSource {
  private readonly request: InvokeRequest;
  /** Event kinds: (tag, attempt) a retry of a throttled call; (tag, ok 0/1) the call's answer arrives. */
  private readonly retryKind: number;
  private readonly resumeKind: number;

  /** `label`: names its event kinds (caller and call index). */
  private readonly callee: FunctionRuntime;
  private readonly caller: RequestResumer;
  private readonly requests: RequestView;
  private readonly sim: Simulation;
  private readonly policy: RetryPolicy;
  private readonly latency: Sampler;
  private readonly latencyRng: Rng;
  private readonly retryRng: Rng;

  constructor(wiring: SourceWiring, call: SyncCallWiring) {
    const { sim } = wiring;
    this.callee = call.callee;
    this.caller = call.caller;
    this.requests = wiring.requests;
    this.sim = sim;
    this.policy = call.policy;
    this.latency = call.latency;
    this.latencyRng = call.latencyRng;
    this.retryRng = call.retryRng;
    this.request = invokeRequest(wiring.registry.add(this), true);
    this.retryKind = sim.on(`invoke-retry:${call.label}`, (tag, attempt) => this.retry(tag, attempt));
    this.resumeKind = sim.on(`invoke-resume:${call.label}`, (tag, ok) => this.resumeLater(tag, ok));
  }

  /** When each caller slot's current call started (latency counts from the first attempt). */
  private startedAtMs = new Float64Array(64);

  begin(slot: number, nowMs: number): number {
    const seq = this.caller.sequenceOf(slot);
    const stats = this.callee.stats;
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
    if (slot >= this.startedAtMs.length) {
      const grown = new Float64Array(Math.max(2 * this.startedAtMs.length, slot + 1));
      grown.set(this.startedAtMs);
      this.startedAtMs = grown;
    }
    this.startedAtMs[slot] = nowMs;
    const depth = nextDepth(this.requests.depth(slot));
    if (this.callee.config.recursiveLoop === 'terminate' && depth >= RECURSION_LIMIT) {
      stats.recursionStopped++;
      stats.refused++;
      stats.series.errors.add(nowMs, 1);
      return CALL_FAILED;
    }
    return this.attempt(tagOf(slot, seq), nowMs, 1, depth) ? CALL_WAIT : CALL_FAILED;
  }

  /** Event: a retry of a throttled call. */
  private retry(tag: number, attempt: number): void {
    const slot = Math.floor(tag / SEQ_SPAN);
    const seq = this.caller.sequenceOf(slot);
    if (tagOf(slot, seq) !== tag) return; // the caller timed out meanwhile
    if (!this.attempt(tag, this.sim.now, attempt, nextDepth(this.requests.depth(slot)))) {
      this.caller.resume(slot, seq, false);
    }
  }

  /** Tries the callee; false when throttled for good (the call failed). */
  private attempt(tag: number, nowMs: number, attempt: number, depth: number): boolean {
    const stats = this.callee.stats;
    // The callee's request remembers the caller: tag = caller slot and request sequence number.
    const request = this.request;
    request.arrivalMs = this.startedAtMs[Math.floor(tag / SEQ_SPAN)];
    request.tag = tag;
    request.depth = depth;
    const refused = this.callee.invoke(request);
    if (refused === ThrottleReason.None) return true;
    if (refused === ThrottleReason.NetworkInterfaces) {
      stats.networkInterfaceFailures++;
      stats.refused++;
      return false;
    }
    stats.recordThrottle(nowMs, refused);
    if (attempt >= this.policy.maxAttempts) {
      stats.throttled++;
      return false;
    }
    stats.retried++;
    this.sim.at(nowMs + sdkRetryDelayMs(attempt - 1, this.retryRng.next()), this.retryKind, tag, attempt + 1);
    return true;
  }

  onFinished(slot: number, nowMs: number): void {
    const requests = this.requests;
    const stats = this.callee.stats;
    const outcome = requests.outcome(slot);
    const tag = requests.tag(slot);
    let ok = false;
    if (outcome === Outcome.Timeout) stats.timedOut++;
    else if (outcome === Outcome.FunctionError) stats.failed++;
    else {
      ok = true;
      const arrivalMs = requests.arrivalMs(slot);
      const latencyMs = nowMs - arrivalMs;
      stats.recordSuccess(arrivalMs, latencyMs, requests.wasCold(slot));
    }
    const extraMs = this.latency.sample(this.latencyRng);
    if (extraMs > 0) this.sim.at(nowMs + extraMs, this.resumeKind, tag, ok ? 1 : 0);
    else this.resumeLater(tag, ok ? 1 : 0);
  }

  /** Resumes the caller (at once, or as an event after the call's own latency). */
  private resumeLater(tag: number, ok: number): void {
    const slot = Math.floor(tag / SEQ_SPAN);
    const seq = this.caller.sequenceOf(slot);
    if (tagOf(slot, seq) === tag) this.caller.resume(slot, seq, ok === 1);
  }

  abort(): void {}
  endInvocation(): void {}
  endEnvironment(): void {}
}
