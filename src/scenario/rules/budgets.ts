/**
 * A budget the scenario can never measure (budgetMeasures.ts) is refused at its key:
 * `budgets.dbConnectionErrors` without a database, `budgets.queueAge` without anything that
 * queues, `budgets.functions.NAME` when nothing invokes NAME. It could never be checked on a run.
 */
import { unmeasurableBudgets } from '../budgetMeasures.ts';
import type { Rule } from './rule.ts';

export const budgetRules: Rule = (draft, report) => {
  const budgets = draft.budgets.value;
  if (!budgets) return;
  const parts = {
    functions: draft.functions.map((f) => f.value),
    resources: draft.resources.map((r) => r.value),
    traffic: draft.traffic.map((t) => t.value),
  };
  // A function, resource or traffic source with a rejected key may have lost the path to a function.
  const sound =
    [...draft.functions, ...draft.resources, ...draft.traffic].every((d) => d.bad.size === 0) &&
    draft.functions.length === draft.functionNames.length &&
    draft.resources.length === draft.resourceNames.length;
  for (const p of unmeasurableBudgets(budgets, parts, sound)) report.error(p.path, p.message, 'key');
};
