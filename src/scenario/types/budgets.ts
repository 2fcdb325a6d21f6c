/** Performance and cost budgets (the `budgets:` block), checked by `lamsim check` and `lamsim diff`. */
import { FUNCTION_SLO_METRICS, SLO_METRIC_KINDS, SLO_METRICS } from './slo.ts';

/**
 * Metrics a budget can bound: the scenario's monthly bill (USD) and every SLO metric (latency
 * percentiles and queue age in ms, rates as fractions, database connection errors as a count).
 */
export const BUDGET_METRICS = ['monthlyCostUsd', ...SLO_METRICS] as const;
export type BudgetMetric = (typeof BUDGET_METRICS)[number];

export const BUDGET_METRIC_KINDS: Readonly<Record<BudgetMetric, 'usd' | 'duration' | 'fraction' | 'count'>> =
  { monthlyCostUsd: 'usd', ...SLO_METRIC_KINDS };

/** Metrics a per-function budget (`budgets.functions.NAME`) can bound: those measured per function. */
export const FUNCTION_BUDGET_METRICS = FUNCTION_SLO_METRICS;

/**
 * `absolute`: the figure at most `max` (the metric's canonical unit: USD, ms, fraction, count).
 * `relative`: the figure at most the base's figure times (1 + `maxIncrease`) (written `+10%`:
 * maxIncrease 0.1); only `lamsim diff` has a base to check it against.
 */
export type BudgetLimit =
  | { readonly kind: 'absolute'; readonly max: number }
  | { readonly kind: 'relative'; readonly maxIncrease: number };

export interface Budget {
  readonly metric: BudgetMetric;
  /** The function the budget bounds; null: the whole scenario (per-function metrics: the worst function). */
  readonly function: string | null;
  readonly limit: BudgetLimit;
  /** Where it is written, e.g. `budgets.functions.api.p99` (names it in check lines). */
  readonly key: string;
}
