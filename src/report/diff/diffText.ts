/** `lamsim diff` and `lamsim check` for the terminal (`--format text`) and diff.json. Pure. */
import type { BudgetCheck, DiffResult } from '../../experiments/index.ts';
import type { Summary } from '../../results/index.ts';
import { plainTable } from '../plainTable.ts';
import { budgetLine } from './budgetText.ts';
import { type DiffLabels, diffVerdict, measuresTable, movedMeasures } from './diffReport.ts';

/** One line per budget (broken ones first), from the head's first replication for evidence. */
export function budgetLines(checks: readonly BudgetCheck[], summary: Summary): string[] {
  const order = (c: BudgetCheck) => (c.status === 'broken' ? 0 : 1);
  return [...checks].sort((a, b) => order(a) - order(b)).map((c) => budgetLine(c, summary));
}

export function diffText(diff: DiffResult, labels: DiffLabels): string {
  const moved = movedMeasures(diff);
  const out = [
    `lamsim diff: ${labels.base} -> ${labels.head} (seeds ${diff.seeds.join(', ')})`,
    '',
    diffVerdict(diff),
    '',
  ];
  if (diff.budgets.length > 0) out.push(...budgetLines(diff.budgets, diff.head[0].summary), '');
  out.push(moved.length > 0 ? plainTable(measuresTable(moved)) : 'No figure moved.\n');
  return `${out.join('\n')}`;
}

/** diff.json: the compared figures, their deltas and the budgets, data only (no sentences). */
export function diffJson(diff: DiffResult, labels: DiffLabels): string {
  const head = diff.head[0].summary;
  return `${JSON.stringify(
    {
      lamsim: head.lamsim,
      base: {
        label: labels.base,
        scenario: diff.base[0].summary.scenario,
        scenarioHash: diff.base[0].summary.provenance.scenarioHash,
      },
      head: { label: labels.head, scenario: head.scenario, scenarioHash: head.provenance.scenarioHash },
      seed: diff.seed,
      seeds: diff.seeds,
      replications: diff.replications,
      confidence: diff.confidence,
      verdict: diff.verdict,
      budgets: diff.budgets,
      measures: diff.measures,
    },
    null,
    2,
  )}\n`;
}
