/**
 * The scenario's `slo:` block checked against one run (`lamsim run`): pass or fail per objective,
 * for summary.json's `slo`, the printed summary and the report. Pure. The worst function decides
 * each objective, as in `plan` and `tune` (slo.ts).
 */
import type { SloCheckSummary, SloSummary, Summary } from '../results/index.ts';
import type { SloObjective } from '../scenario/index.ts';
import { checkObjectives, SLO_METRIC_INFO } from './slo.ts';

/** The objectives checked against the run; null when the scenario writes none. */
export function sloSummary(objectives: readonly SloObjective[], summary: Summary): SloSummary | null {
  if (objectives.length === 0) return null;
  const checks = checkObjectives(objectives, summary, Object.keys(summary.functions));
  const rows = checks.map((c): SloCheckSummary => {
    const measured =
      c.value === null ? 'notMeasured' : Number.isFinite(c.value) ? 'measured' : 'noneSucceeded';
    return {
      metric: c.objective.metric,
      key: SLO_METRIC_INFO[c.objective.metric].jsonKey,
      max: c.objective.max,
      // JSON has no Infinity: a latency with no successful request is null with `noneSucceeded`.
      value: measured === 'measured' ? c.value : null,
      measured,
      function: c.function,
      meets: c.meets,
    };
  });
  return { meets: rows.every((r) => r.meets), objectives: rows };
}
