/**
 * The invoke request-rate quota (AWS docs lambda-concurrency.html, "Understanding concurrency and
 * requests per second"): "Across all functions in your account, Lambda enforces a requests per
 * second limit that's equal to 10 times your account concurrency." The quotas page (AWS docs
 * gettingstarted-limits, "Lambda API requests") applies it to synchronous invocations ("the total
 * invocation limit is 10 times your concurrency limit") and not to asynchronous ones ("Each instance
 * of your execution environment can serve an unlimited number of requests"). A refused request gets
 * a 429 TooManyRequestsException (reasons FunctionInvocationRateLimitExceeded and the like, in the
 * Lambda API's error model), counted as a throttle with its own reason.
 *
 * Modelled as one token bucket for the account: capacity one second's worth (10 x
 * concurrentExecutions), refilled continuously at that rate, so a steady rate above it is cut to it
 * and a burst of up to a second's worth passes. AWS does not say how it measures a second; a
 * continuous refill is how it describes its other rate limits (scaling-behavior.html).
 *
 * Which requests count: synchronous Invoke calls (traffic through any synchronous front door,
 * synchronous calls between functions). Asynchronous events and Lambda's own pollers (event source
 * mappings) do not. The check comes first on arrival, before the concurrency limits, and a request
 * that passes it uses its token even if concurrency then refuses it (the rate is of requests
 * received, not of requests run). Ties: requests at the same time take tokens in arrival order.
 */
import type { Account } from '../../scenario/index.ts';
import { TokenBucket } from './tokenBucket.ts';

/** AWS: requests per second allowed per unit of account concurrency. */
export const REQUESTS_PER_SECOND_PER_CONCURRENCY = 10;

export class RequestRateLimit {
  /** The account's quota, requests per second. */
  readonly requestsPerSecond: number;
  private readonly bucket: TokenBucket;

  constructor(account: Account) {
    this.requestsPerSecond = REQUESTS_PER_SECOND_PER_CONCURRENCY * account.concurrentExecutions;
    this.bucket = new TokenBucket(this.requestsPerSecond, this.requestsPerSecond / 1000);
  }

  /** True if a synchronous request arriving at `nowMs` is within the quota (and counts it). O(1). */
  tryAdmit(nowMs: number): boolean {
    return this.bucket.tryTake(nowMs);
  }
}
