/**
 * What a window of simulated (or calculated) traffic consumed, in billable units.
 *
 * Contract: produced by the model as it runs (aggregates only, never per-invocation lists) or by
 * the `lamsim cost` calculator; consumed by the pure billing functions. Durations that AWS
 * rounds per invocation are already rounded here (integer milliseconds, see billedDurationMs).
 */
import type { Architecture } from '../scenario/types.ts';

export interface LambdaUsage {
  readonly function: string;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly ephemeralStorageMb: number;
  /** Lambda@Edge (via: cloudfront-edge): edge prices, no tiers, no free tier. */
  readonly edge: boolean;
  /** Billed requests: every invocation attempt, plus extra 64 KB chunks of async payloads. */
  readonly requests: number;
  /** Σ billed ms (integer, granularity and INIT rule applied) of invocations on on-demand environments. */
  readonly onDemandBilledMs: number;
  /** Σ billed ms of invocations served by provisioned-concurrency environments. */
  readonly provisionedBilledMs: number;
  /** Provisioned concurrency configured: each interval is billed rounded up to 5 minutes. */
  readonly provisionedIntervals: readonly { readonly concurrency: number; readonly durationMs: number }[];
  /** CloudWatch Logs bytes ingested. */
  readonly logBytes: number;
}

export interface Usage {
  readonly region: string;
  /** Length of the window the usage covers (monthly projection scales by 730 h / window). */
  readonly windowMs: number;
  readonly lambda: readonly LambdaUsage[];
}
