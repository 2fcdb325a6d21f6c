/** `lamsim check`: the budgets of one run, as terminal lines and as JSON. Pure. */
import type { BudgetCheck } from '../../experiments/index.ts';
import type { Summary } from '../../results/index.ts';
import { budgetLines } from './diffText.ts';

/** A header, then one line per budget (broken first) and the count of broken ones. */
export function checkText(checks: readonly BudgetCheck[], summary: Summary, file: string): string {
  const broken = checks.filter((c) => c.status === 'broken').length;
  return [
    `lamsim check: ${file} (seed ${summary.seed})`,
    '',
    ...budgetLines(checks, summary),
    '',
    broken > 0
      ? `${broken} of ${checks.length} budgets broken`
      : `every budget holds (${checks.length} checked)`,
    '',
  ].join('\n');
}

/** check.json: the budget checks as data. */
export function checkJson(checks: readonly BudgetCheck[], summary: Summary): string {
  return `${JSON.stringify(
    {
      lamsim: summary.lamsim,
      scenario: summary.scenario,
      seed: summary.seed,
      broken: checks.filter((c) => c.status === 'broken').length,
      budgets: checks,
    },
    null,
    2,
  )}\n`;
}
