/**
 * Account and function concurrency (Lambda developer guide "Understanding Lambda function scaling", https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html; API_PutFunctionConcurrency; https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html).
 *
 * A function with reserved concurrency R may run at most R executions at once, whatever the rest
 * of the account does. Functions without reserved concurrency share the unreserved pool:
 * `concurrentExecutions - Σ reserved`. Provisioned concurrency counts against the function's
 * reserved concurrency (or the pool) for as long as it is configured, busy or not; on-demand
 * executions count while they run (INIT of a cold start included).
 *
 * Invariant (checked by tests): for every function, inUse <= reserved; Σ over unreserved
 * functions of inUse <= unreservedPool.
 */
import type { Account, LambdaFunction } from '../../scenario/index.ts';

export const ThrottleReason = {
  None: 0,
  /** ReservedFunctionConcurrentInvocationLimitExceeded */
  ReservedConcurrency: 1,
  /** ConcurrentInvocationLimitExceeded */
  AccountConcurrency: 2,
  /** Scaling rate: no new environment may be created yet. */
  ScalingRate: 3,
  /** Legacy VPC: no IP address left for a network interface (EC2ThrottledException; an error, not a 429). */
  NetworkInterfaces: 4,
  /** The account's Invoke request rate, 10 x its concurrency per second (./requestRateLimit.ts). */
  RequestRate: 5,
} as const;
export type ThrottleReason = (typeof ThrottleReason)[keyof typeof ThrottleReason];

export class ConcurrencyLimits {
  readonly unreservedPool: number;
  private readonly reserved: Float64Array;
  private readonly hasReserved: Uint8Array;
  private readonly inUse: Float64Array;
  private unreservedInUse = 0;

  constructor(account: Account, functions: readonly LambdaFunction[]) {
    const n = functions.length;
    this.reserved = new Float64Array(n);
    this.hasReserved = new Uint8Array(n);
    this.inUse = new Float64Array(n);
    let reservedTotal = 0;
    functions.forEach((f, i) => {
      if (f.reservedConcurrency !== null) {
        this.reserved[i] = f.reservedConcurrency;
        this.hasReserved[i] = 1;
        reservedTotal += f.reservedConcurrency;
      }
    });
    this.unreservedPool = account.concurrentExecutions - reservedTotal;
  }

  /** The limit that applies to function `fn` alone (its reserved concurrency or the pool). */
  limitOf(fn: number): number {
    return this.hasReserved[fn] ? this.reserved[fn] : this.unreservedPool;
  }

  usedBy(fn: number): number {
    return this.inUse[fn];
  }

  get unreservedUsed(): number {
    return this.unreservedInUse;
  }

  /** Claims `count` units for function `fn`, or claims nothing and says which limit binds. */
  tryAcquire(fn: number, count = 1): ThrottleReason {
    if (this.hasReserved[fn]) {
      if (this.inUse[fn] + count > this.reserved[fn]) return ThrottleReason.ReservedConcurrency;
    } else {
      if (this.unreservedInUse + count > this.unreservedPool) return ThrottleReason.AccountConcurrency;
      this.unreservedInUse += count;
    }
    this.inUse[fn] += count;
    return ThrottleReason.None;
  }

  release(fn: number, count = 1): void {
    this.inUse[fn] -= count;
    if (!this.hasReserved[fn]) this.unreservedInUse -= count;
  }
}
