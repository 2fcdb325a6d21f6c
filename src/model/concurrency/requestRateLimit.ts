/**
 * The invoke request-rate quota (AWS docs lambda-concurrency.html, "Understanding concurrency and
 * requests per second"): "Across all functions in your account, Lambda enforces a requests per
 * second limit that's equal to 10 times your account concurrency." The Lambda quotas table
 * ("Invocation requests per Region (requests per second)", in the developer guide's published
 * source, github.com/awsdocs/aws-lambda-developer-guide doc_source/gettingstarted-limits.md)
 * applies it to "synchronous – all sources" and "asynchronous – non-AWS sources"; asynchronous
 * events from AWS services are "Unlimited requests accepted". A refused request gets a 429
 * TooManyRequestsException, counted as a throttle with its own reason.
 *
 * Modelled as one token bucket for the account: capacity one second's worth (10 x
 * concurrentExecutions), refilled continuously at that rate, so a steady rate above it is cut to it
 * and a burst of up to a second's worth passes. AWS does not say how it measures a second; a
 * continuous refill is how it describes its other rate limits (scaling-behavior.html).
 *
 * Which requests count: synchronous Invoke calls (traffic through any synchronous front door,
 * synchronous calls between functions), checked on arrival before the concurrency limits; and
 * asynchronous Invoke calls from non-AWS callers (`via: async` traffic, a function's
 * `invocation: async` call), checked once when the event is put in the function's queue (Lambda's
 * own retries from its queue are not new requests). S3, SNS, EventBridge, schedules, destinations
 * and Lambda's pollers (event source mappings) do not count. A request that passes uses its token
 * even if concurrency then refuses it (the rate is of requests received, not of requests run).
 * Ties: requests at the same time take tokens in arrival order.
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

  /** True if a request arriving at `nowMs` is within the quota (and counts it). O(1). */
  tryAdmit(nowMs: number): boolean {
    return this.bucket.tryTake(nowMs);
  }
}
