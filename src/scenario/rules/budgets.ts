/**
 * A budget on a metric the scenario can never produce (budgetMeasures.ts) is refused at its key:
 * `budgets.dbConnectionErrors` without a database, `budgets.queueAge` without anything that
 * queues. It would otherwise be "not measured" on every run and never break.
 */
import { unmeasurableMessage } from '../budgetMeasures.ts';
import type { Rule } from './rule.ts';

export const budgetRules: Rule = (draft, report) => {
  const budgets = draft.budgets.value;
  if (!budgets) return;
  const parts = {
    functions: draft.functions.map((f) => f.value),
    resources: draft.resources.map((r) => r.value),
    traffic: draft.traffic.map((t) => t.value),
  };
  for (const b of budgets) {
    if (b.function !== null) continue; // per-function metrics are measured wherever a function runs
    const message = unmeasurableMessage(b.metric, parts);
    if (message !== null) report.error(b.key.split('.'), message, 'key');
  }
};
