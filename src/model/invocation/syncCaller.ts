/**
 * A synchronous caller (direct Invoke, API Gateway, ALB, function URL, CloudFront): waits for
 * the function's answer and sees its latency, a throttle (429) at once, or the front door's
 * timeout (504) when the integration takes longer than the door allows.
 *
 * Latency as the caller sees it = (finish - first arrival) + front-door overhead; the request
 * reaches the function at its arrival time (the overhead is added to the round trip, it does not
 * delay admission). Each attempt draws its overhead (one draw of the caller's stream, whether or
 * not the attempt is admitted), but only a request answered successfully has its latency read, so
 * the draw travels with the request as its tag (the uniform u) and the overhead is worked out from
 * it then: quantile(u), the same number to the last bit as sample(rng) at the attempt (the
 * Sampler contract), without the log, exp or search for attempts that are throttled or fail.
 *
 * Throttles are retried as the AWS SDK's standard retry mode does it (@smithy/util-retry):
 * at most `maxAttempts` attempts in all, the k-th retry (k = 0, 1, ...) after
 * floor(random * min(20 s, 2^k * 500 ms)) (THROTTLING_RETRY_DELAY_BASE 500 ms, MAXIMUM_RETRY_DELAY
 * 20 s, full jitter). The SDK's retry quota (500 tokens per client) is not modelled: a traffic source
 * stands for many clients. Every refused attempt counts in `throttledAttempts` (CloudWatch Throttles),
 * every retry in `retried`; a request throttled on its last attempt counts in `throttled`.
 */
import type { DistSpec, Rng, Sampler, Simulation } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { RetryPolicy } from '../../scenario/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { FunctionRuntime } from '../function/functionRuntime.ts';
import { type InvokeRequest, invokeRequest, Outcome, type RequestView } from '../function/requests.ts';
import type { InvocationSource, SourceRegistry } from './invocationSource.ts';

/** @smithy/util-retry: THROTTLING_RETRY_DELAY_BASE and MAXIMUM_RETRY_DELAY (ms). */
export const SDK_THROTTLE_DELAY_BASE_MS = 500;
export const SDK_MAX_RETRY_DELAY_MS = 20_000;

/**
 * The longest a caller waits in all between the attempts of one request: the sum of every
 * retry's largest delay, min(20 s, 2^k x 500 ms) for k = 0 .. maxAttempts - 2.
 */
export function maxRetryBackoffMs(policy: RetryPolicy): number {
  let totalMs = 0;
  for (let k = 0; k + 1 < policy.maxAttempts; k++) {
    totalMs += Math.min(SDK_MAX_RETRY_DELAY_MS, 2 ** k * SDK_THROTTLE_DELAY_BASE_MS);
  }
  return totalMs;
}

/** The SDK's delay before retry number `retry` (0 for the first retry), given a uniform draw u in [0, 1). */
export const sdkRetryDelayMs = (retry: number, u: number): number =>
  Math.floor(u * Math.min(SDK_MAX_RETRY_DELAY_MS, 2 ** retry * SDK_THROTTLE_DELAY_BASE_MS));

/** How a caller retries throttles (when the policy allows more than one attempt). */
export interface RetryScheduling {
  readonly sim: Simulation;
  readonly rng: Rng;
  readonly policy: RetryPolicy;
  /** Called after each retry is made (the World's drain check). */
  readonly afterRetry: () => void;
}

/**
 * A traffic source's synchronous caller: requests of traffic `name` reach `target` after a front
 * door overhead drawn from `overheadMs` with `rng`; the front door cuts a request at `cutMs`;
 * throttles are retried per `retries` (null: not retried).
 */
export interface SyncCallerWiring {
  readonly name: string;
  readonly target: FunctionRuntime;
  readonly overheadMs: DistSpec;
  readonly cutMs: number;
  readonly requests: RequestView;
  readonly registry: SourceRegistry;
  readonly rng: Rng;
  readonly retries: RetryScheduling | null;
}

export class SyncCaller implements InvocationSource {
  private readonly overhead: Sampler;
  private readonly request: InvokeRequest;
  /** Event kind of retries: (arrivalMs, attempt number). */
  private readonly retryKind: number;
  /** Requests answered successfully (responses sent back to the caller). */
  succeeded = 0;
  /** Retries scheduled and not yet made (the World drains them before it stops). */
  pendingRetries = 0;

  private readonly target: FunctionRuntime;
  private readonly cutMs: number;
  private readonly requests: RequestView;
  private readonly rng: Rng;
  private readonly retries: RetryScheduling | null;

  constructor(c: SyncCallerWiring) {
    const { name, retries } = c;
    this.target = c.target;
    this.cutMs = c.cutMs;
    this.requests = c.requests;
    this.rng = c.rng;
    this.retries = retries;
    this.overhead = makeSampler(c.overheadMs);
    this.request = invokeRequest(c.registry.add(this), true);
    this.retryKind =
      retries === null
        ? -1
        : retries.sim.on(`sync-retry:${name}`, (arrivalMs, attempt) => {
            this.pendingRetries--;
            this.attempt(retries.sim.now, arrivalMs, attempt);
            retries.afterRetry();
          });
  }

  /** A request arrives at `nowMs`. */
  arrive(nowMs: number): void {
    const stats = this.target.stats;
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
    this.attempt(nowMs, nowMs, 1);
  }

  /** Attempt number `attempt` of the request that first arrived at `arrivalMs`. */
  private attempt(nowMs: number, arrivalMs: number, attempt: number): void {
    const stats = this.target.stats;
    const request = this.request;
    request.arrivalMs = arrivalMs;
    request.tag = this.rng.next(); // the overhead's draw (see the class comment)
    const refused = this.target.invoke(request);
    if (refused === ThrottleReason.None) return;
    if (refused === ThrottleReason.NetworkInterfaces) {
      stats.networkInterfaceFailures++;
      stats.refused++;
      stats.series.errors.add(nowMs, 1);
      return;
    }
    stats.recordThrottle(nowMs, refused);
    const r = this.retries;
    if (r === null || attempt >= r.policy.maxAttempts) {
      stats.throttled++;
      return;
    }
    stats.retried++;
    this.pendingRetries++;
    r.sim.at(nowMs + sdkRetryDelayMs(attempt - 1, r.rng.next()), this.retryKind, arrivalMs, attempt + 1);
  }

  onFinished(slot: number, nowMs: number): void {
    const requests = this.requests;
    const stats = this.target.stats;
    const arrivalMs = requests.arrivalMs(slot);
    const integrationMs = nowMs - arrivalMs;
    const outcome = requests.outcome(slot);
    if (outcome === Outcome.Timeout) {
      stats.timedOut++;
      return;
    }
    if (integrationMs > this.cutMs) {
      stats.gatewayTimeouts++;
      stats.failed++;
      return;
    }
    if (outcome === Outcome.FunctionError) {
      stats.failed++;
      return;
    }
    const latencyMs = integrationMs + this.overhead.quantile(requests.tag(slot));
    this.succeeded++;
    stats.recordSuccess(arrivalMs, latencyMs, requests.wasCold(slot));
  }
}
