/**
 * How AWS rounds what it meters, in integer arithmetic.
 *
 * Contract: a duration that is a sum of floats can drift (100 ms computed as 100.00000000001). We
 * first snap a duration to an integer count of a small unit (picoseconds for one invocation,
 * microseconds for provisioned-concurrency intervals), which absorbs drift below half that unit,
 * then ceil-divide exactly with `%`. Never `Math.ceil` on a float that drifted.
 * Pure: no I/O, no clock.
 */

const PS_PER_MS = 1e9;
const NS_PER_MS = 1e6;
const US_PER_MS = 1e3;

/** The longest invocation Lambda allows (900 s); billedDurationMs is exact up to here and beyond. */
export const MAX_INVOCATION_MS = 900_000;

/** Provisioned concurrency is billed from enable to disable, rounded up to 5 minutes. */
export const PROVISIONED_STEP_MS = 300_000;

/** Exact ceil(n / step) × step for non-negative safe integers. */
function ceilToMultiple(n: number, step: number): number {
  const remainder = n % step;
  return remainder === 0 ? n : n - remainder + step;
}

/**
 * Exact ceil(n / step) for integers 0 <= n <= 2^53 and step >= 1, by one float division and no `%`
 * (a float `%` is a library call in V8). Why it is exact: with n = k step + r, 0 <= r < step, r = 0
 * gives the representable k; otherwise n / step = k + r / step lies above k by r / step >= 1 / step,
 * more than half an ulp of k (ulp(k) / 2 <= k 2^-53 < 2^53 / step 2^-53 = 1 / step), and below the
 * representable k + 1, so it rounds into (k, k + 1] and its ceiling is k + 1. Tested against BigInt.
 */
export function ceilDivide(n: number, step: number): number {
  return Math.ceil(n / step);
}

/**
 * The integer milliseconds AWS bills for one invocation of `durationMs` (handler, plus INIT when
 * billed): rounded up to `granularityMs` (1 ms since December 2020, 100 ms before), no minimum.
 * 100.000000001 ms bills 101 ms at 1 ms and 200 ms at 100 ms; 100.00000000001 (drift) bills 100.
 * Throws RangeError on a negative or non-finite duration (a bug in the caller).
 */
export function billedDurationMs(durationMs: number, granularityMs: 1 | 100): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`billedDurationMs: duration must be a finite number >= 0, got ${durationMs}`);
  }
  const ps = Math.round(durationMs * PS_PER_MS);
  // ceil(ps / step) units of granularityMs: the same number as ceilToMultiple(ps, step) / PS_PER_MS
  // (that multiple is below 2^54 and divisible by 2^9, so exact, and so is its division by 1e9).
  if (Number.isSafeInteger(ps)) return ceilDivide(ps, granularityMs * PS_PER_MS) * granularityMs;
  // Beyond ~2.5 hours picoseconds leave the safe-integer range; nanoseconds are exact to ~104 days.
  const ns = Math.round(durationMs * NS_PER_MS);
  return ceilToMultiple(ns, granularityMs * NS_PER_MS) / NS_PER_MS;
}

/**
 * A provisioned-concurrency interval's billed length: rounded up to 5 minutes, after snapping to
 * whole microseconds (exact for intervals up to ~285 years; absorbs float drift of a projection).
 */
export function provisionedBilledMs(intervalMs: number): number {
  if (!Number.isFinite(intervalMs) || intervalMs < 0) {
    throw new RangeError(`provisionedBilledMs: interval must be a finite number >= 0, got ${intervalMs}`);
  }
  const us = Math.round(intervalMs * US_PER_MS);
  return ceilToMultiple(us, PROVISIONED_STEP_MS * US_PER_MS) / US_PER_MS;
}

/**
 * Whether the INIT phase of an on-demand cold start is added to that invocation's billed duration.
 * `initBilled: true` is AWS's rule since 2025-08-01: always. `false` is the earlier rule: INIT free
 * for zip packages on AWS managed runtimes, billed for custom runtimes (`provided.*`) and container
 * images. (INIT of provisioned-concurrency environments and SnapStart restores was billed under both
 * rules; that is the caller's business, not this function's.)
 */
export function isInitBilled(
  fn: { readonly runtime: string; readonly packageType: 'zip' | 'image' },
  initBilled: boolean,
): boolean {
  if (initBilled) return true;
  return fn.packageType === 'image' || fn.runtime.startsWith('provided');
}

/**
 * Whether SnapStart cache and restore are charged for a runtime: Python (3.12+) and .NET (8+) since
 * 2024-11-18; Java managed runtimes have no SnapStart charge.
 */
export function isSnapStartCharged(runtime: string): boolean {
  return runtime.startsWith('python') || runtime.startsWith('dotnet');
}
