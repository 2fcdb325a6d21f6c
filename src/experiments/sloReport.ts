/**
 * The scenario's `slo:` block checked against one run (`lamsim run`): pass or fail per objective,
 * for summary.json's `slo`, the printed summary and the report. Pure. The objectives apply to the
 * functions the traffic reaches, as in `plan` (every function when it reaches none: a scenario of
 * schedules), and the worst of them decides each objective (slo.ts).
 */
import type { SloCheckSummary, SloSummary, Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { checkObjectives, SLO_METRIC_INFO } from './slo.ts';
import { trafficFunctions } from './trafficFunctions.ts';

/** The scenario's objectives checked against its run; null when the scenario writes none. */
export function sloSummary(scenario: Scenario, summary: Summary): SloSummary | null {
  const objectives = scenario.slo;
  if (objectives.length === 0) return null;
  const reached = trafficFunctions(scenario);
  const functions = reached.length > 0 ? reached : scenario.functions.map((f) => f.name);
  const checks = checkObjectives(objectives, summary, functions);
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
