/**
 * How fast Lambda may create new execution environments (Lambda developer guide "Lambda scaling behavior", https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
 *
 *   per-function-2023     each function independently: +1,000 environments every 10 s, refilled
 *                         continuously (AWS docs `scaling-behavior.html`, since Nov 2023)
 *   account-burst-legacy  one account-wide allowance: an initial burst (3,000 / 1,000 / 500 by
 *                         region) then +500 per minute (AWS docs `invocation-scaling.md`, until
 *                         Nov 2023). Modelled as a token bucket on environment creation.
 *   unlimited             no rate limit, only the concurrency limits
 *
 * Only creating an environment consumes the allowance; reusing a warm one never does.
 */
import type { Account } from '../../scenario/index.ts';
import { TokenBucket } from './tokenBucket.ts';

export interface ScalingLimiter {
  /** True if function `fn` may create one more environment at `nowMs` (and consumes the allowance). */
  tryCreate(fn: number, nowMs: number): boolean;
}

/** AWS docs scaling-behavior.html: "1,000 execution environment instances every 10 seconds". */
export const PER_FUNCTION_SCALE_ENVIRONMENTS = 1000;
export const PER_FUNCTION_SCALE_INTERVAL_MS = 10_000;
/** Old docs invocation-scaling.md: "an additional 500 instances each minute". */
export const LEGACY_SCALE_PER_MINUTE = 500;

export function makeScalingLimiter(account: Account, functionCount: number): ScalingLimiter {
  switch (account.scaling) {
    case 'unlimited':
      return { tryCreate: () => true };
    case 'per-function-2023': {
      const buckets = Array.from(
        { length: functionCount },
        () =>
          new TokenBucket(
            PER_FUNCTION_SCALE_ENVIRONMENTS,
            PER_FUNCTION_SCALE_ENVIRONMENTS / PER_FUNCTION_SCALE_INTERVAL_MS,
          ),
      );
      return { tryCreate: (fn, nowMs) => buckets[fn].tryTake(nowMs) };
    }
    case 'account-burst-legacy': {
      const bucket = new TokenBucket(account.burstLimit, LEGACY_SCALE_PER_MINUTE / 60_000);
      return { tryCreate: (_fn, nowMs) => bucket.tryTake(nowMs) };
    }
  }
}
