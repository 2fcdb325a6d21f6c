/**
 * Defaults of the scenario's top-level keys and of its `account`, `platform` and `billing` blocks
 * (the name defaults to the file's base name and `duration` to the longest traffic source: both
 * are derived in ../normalize/scenario.ts; the region is in ./regions.ts, the idle timeout in
 * ./idleTimeout.ts).
 *
 * Account: 1000 concurrent executions per Region (Lambda developer guide, "Lambda quotas"); at least
 * 100 must stay unreserved (PutFunctionConcurrency API reference); scaling per-function-2023.
 * Platform: AWS terminates environments "every few hours" even when busy and publishes no figure
 * (Lambda developer guide, "Lambda execution environment"): 2h is an assumption (⚠); the newest idle
 * environment takes a request.
 * Billing: no free tier, 1 ms granularity (since Dec 2020), INIT billed for on-demand functions
 * (since 2025-08-01), no price overrides.
 */
import type { Account, Billing, Platform } from '../types.ts';

export const TOP_DEFAULTS = { description: '', seed: 1 } as const;

export const ACCOUNT_DEFAULTS: Omit<Account, 'burstLimit'> = {
  concurrentExecutions: 1000,
  unreservedMinimum: 100,
  scaling: 'per-function-2023',
};

export const PLATFORM_DEFAULTS: Omit<Platform, 'idleTimeoutMs'> = {
  maxLifetimeMs: 2 * 3_600_000,
  placement: 'newest',
};

export const BILLING_DEFAULTS: Billing = {
  freeTier: false,
  granularityMs: 1,
  initBilled: true,
  prices: {},
  month: { window: 'repeat' },
  savingsPlan: null,
};
