/**
 * Budgets (`budgets:`) checked against runs: `lamsim check` (one scenario, absolute budgets) and
 * `lamsim diff` (the head against absolute budgets, and against the base for relative ones). Pure.
 *
 * A figure is the mean over the replications of the run's value (monthly bill: cost.monthly.totalUsd;
 * other metrics measured as the SLOs are, src/experiments/slo.ts; a scenario-wide budget of a
 * per-function metric takes the worst function of each replication). A budget is broken when the
 * figure exceeds the limit: `max` for absolute budgets, base figure x (1 + maxIncrease) for relative
 * ones. A budget on a metric the scenario cannot produce at all (no database, no queue) is refused
 * when the scenario or budget file is parsed (scenario/budgetMeasures.ts), and so is a budget on a
 * function nothing in the scenario invokes. A head figure no replication produced (a function
 * invoked only on a path this run did not take, such as an on-failure destination with no failure)
 * is broken: a budget that cannot be checked must not pass a pull request. A `+N%` budget whose
 * base has no figure (the function is new, or the base never invoked it) is "not measured": there
 * is nothing to compare with, and it is reported, not failed.
 */
import type { Summary } from '../results/index.ts';
import { type Budget, SLO_METRICS, type SloMetric } from '../scenario/index.ts';
import { measure, SLO_METRIC_INFO } from './slo.ts';

export type BudgetStatus = 'within' | 'broken' | 'not-measured' | 'needs-base';

export interface BudgetCheck {
  readonly budget: Budget;
  readonly status: BudgetStatus;
  /** The head's figure (mean over replications); null when not measured (then broken). */
  readonly value: number | null;
  /** The function the figure is from: the budget's, or the worst one in most replications. */
  readonly function: string | null;
  /** The base's figure, for relative budgets checked by `diff`; else null. */
  readonly baseValue: number | null;
  /** The largest allowed figure in the metric's unit; null when it cannot be known. */
  readonly limit: number | null;
  readonly replications: number;
}

const isSlo = (metric: string): metric is SloMetric => (SLO_METRICS as readonly string[]).includes(metric);

/** One run's figure of a budget's metric, and the function it comes from. */
function figure(budget: Budget, summary: Summary): { value: number | null; function: string | null } {
  const metric = budget.metric;
  if (!isSlo(metric)) return { value: summary.cost.monthly.totalUsd, function: null };
  if (budget.function !== null)
    return { value: measure(metric, summary, budget.function), function: budget.function };
  if (!SLO_METRIC_INFO[metric].perFunction) {
    return { value: measure(metric, summary, Object.keys(summary.functions)[0] ?? ''), function: null };
  }
  let worst: { value: number | null; function: string | null } = { value: null, function: null };
  for (const name of Object.keys(summary.functions)) {
    const v = measure(metric, summary, name);
    if (v !== null && (worst.value === null || v > worst.value)) worst = { value: v, function: name };
  }
  return worst;
}

/** The mean figure over replications (null when none measured it) and the usual worst function. */
function meanFigure(budget: Budget, summaries: readonly Summary[]) {
  const figures = summaries.map((s) => figure(budget, s));
  const measured = figures.flatMap((f) => (f.value === null ? [] : [f.value]));
  const counts = new Map<string, number>();
  for (const f of figures) if (f.function !== null) counts.set(f.function, (counts.get(f.function) ?? 0) + 1);
  // Ties go to the function met first (Map keeps insertion order; sort is stable).
  const fn = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const value = measured.length === 0 ? null : measured.reduce((a, b) => a + b, 0) / measured.length;
  return { value, function: fn };
}

/**
 * Checks every budget against the head's replications (`head`) and, for relative budgets, the
 * base's (`base`, paired by replication; absent for `lamsim check`: relative budgets then need a base).
 */
export function checkBudgets(
  budgets: readonly Budget[],
  head: readonly Summary[],
  base?: readonly Summary[],
): BudgetCheck[] {
  return budgets.map((budget): BudgetCheck => {
    const h = meanFigure(budget, head);
    const common = { budget, value: h.value, function: h.function, replications: head.length };
    if (budget.limit.kind === 'absolute') {
      const limit = budget.limit.max;
      if (h.value === null) return { ...common, status: 'broken', baseValue: null, limit };
      return { ...common, status: h.value > limit ? 'broken' : 'within', baseValue: null, limit };
    }
    if (!base) return { ...common, status: 'needs-base', baseValue: null, limit: null };
    const b = meanFigure(budget, base);
    if (h.value === null) return { ...common, status: 'broken', baseValue: b.value, limit: null };
    if (b.value === null) return { ...common, status: 'not-measured', baseValue: null, limit: null };
    const limit = b.value * (1 + budget.limit.maxIncrease);
    return { ...common, status: h.value > limit ? 'broken' : 'within', baseValue: b.value, limit };
  });
}

export const brokenBudgets = (checks: readonly BudgetCheck[]): BudgetCheck[] =>
  checks.filter((c) => c.status === 'broken');
