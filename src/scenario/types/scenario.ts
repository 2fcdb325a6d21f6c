/**
 * The normalized scenario as a whole, and its account, platform and billing settings.
 * Contract of every type in this folder: see ../types.ts.
 */
import type { DistSpec } from '../../engine/index.ts';
import type { Budget } from './budgets.ts';
import type { LambdaFunction } from './function.ts';
import type { Resource } from './resources.ts';
import type { SloObjective } from './slo.ts';
import type { Traffic } from './traffic.ts';

export const FORMAT_VERSION = 1;

export type ScalingMode = 'per-function-2023' | 'account-burst-legacy' | 'unlimited';
export type Placement = 'newest' | 'mru' | 'lru' | 'random';

export interface Scenario {
  readonly format: 1;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly region: string;
  /** The simulated window: arrivals happen in [0, durationMs). */
  readonly durationMs: number;
  readonly account: Account;
  readonly platform: Platform;
  readonly traffic: readonly Traffic[];
  /** In written order; a function's index in this list is its id inside the model. */
  readonly functions: readonly LambdaFunction[];
  readonly resources: readonly Resource[];
  readonly billing: Billing;
  /** Service-level objectives (the `slo:` block), in SLO_METRICS order; empty when none is written. */
  readonly slo: readonly SloObjective[];
  /**
   * The templates a `stack:` key read, in its order (absent without `stack:`, so other scenarios
   * hash as before): where the scenario names them and the sha256 of the text that was read.
   */
  readonly templates?: readonly TemplateRef[];
  /** Budgets (the `budgets:` block), scenario-wide first; absent when no `budgets:` is written. */
  readonly budgets?: readonly Budget[];
}

export interface TemplateRef {
  /** As the scenario writes it (relative to the scenario file). */
  readonly path: string;
  /** `sha256:<hex>` of the template's text. */
  readonly sha256: string;
}

export interface Account {
  readonly concurrentExecutions: number;
  readonly unreservedMinimum: number;
  readonly scaling: ScalingMode;
  /** account-burst-legacy: environments available at once (3000/1000/500 by region). */
  readonly burstLimit: number;
}

export interface Platform {
  /** How long an idle environment lives before it is reclaimed. */
  readonly idleTimeoutMs: DistSpec;
  /** An environment is retired at this age, after its current request; Infinity = never. */
  readonly maxLifetimeMs: number;
  readonly placement: Placement;
}

export interface Billing {
  /** Apply the always-free tier (1M requests + 400,000 GB-s per month). */
  readonly freeTier: boolean;
  readonly granularityMs: 1 | 100;
  /** INIT billed for on-demand functions (AWS since 2025-08-01). */
  readonly initBilled: boolean;
  /** Price overrides by price id (USD), see src/billing/prices. */
  readonly prices: Readonly<Record<string, number>>;
  /** How `cost.monthly` makes a month of the window (`billing.month`; default repeat). */
  readonly month: MonthBasis;
  /** A Compute Savings Plan on Lambda compute (`billing.savingsPlan`), or null. */
  readonly savingsPlan: SavingsPlan | null;
}

/**
 * `repeat`: the window repeated to fill 730 hours; `daily-profile`: the window is one day's
 * traffic, 30.42 days a month; `bursts`: `burstsPerMonth` windows a month, the rest of the month at
 * `baselinePerSecond` requests per second per traffic source (0: idle). Hourly resources always run
 * 730 hours.
 */
export type MonthBasis =
  | { readonly window: 'repeat' }
  | { readonly window: 'daily-profile' }
  | { readonly window: 'bursts'; readonly burstsPerMonth: number; readonly baselinePerSecond: number };

/** Compute Savings Plan: a fraction off Lambda duration and provisioned concurrency. */
export interface SavingsPlan {
  /** 0..1 (AWS publishes up to 17% for Lambda). */
  readonly discount: number;
  /** Committed spend per hour at savings-plan rates (USD); null: sized to the usage. */
  readonly commitmentUsdPerHour: number | null;
}
