/**
 * One run of one scenario: simulate -> bill -> summarize. Pure: the CLI and the tests call this
 * same function; writing files is the caller's business.
 *
 * With `billing.month: { window: bursts, baseline: R }` the rest of the month is priced from a
 * second simulation of the scenario at R requests per second per traffic source for an hour
 * (edits.ts, baselineScenario), scaled to the hours the bursts leave.
 */
import {
  billMonth,
  billWindow,
  type CostBreakdown,
  calendarCaveat,
  calendarSchedules,
  functionLambdaUsd,
  type MonthlyCost,
  priceRegionFor,
  type Usage,
} from '../billing/index.ts';
import { type SimulateOptions, simulate } from '../model/index.ts';
import { buildSummary, type Provenance, provenanceOf, type RunData, type Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { baselineScenario } from './edits.ts';
import { sloSummary } from './sloReport.ts';

export interface RunOutput {
  readonly run: RunData;
  readonly cost: { readonly window: CostBreakdown; readonly monthly: MonthlyCost };
  readonly provenance: Provenance;
  readonly summary: Summary;
}

/** A region without a price table is billed at the fallback region's prices (the parser warns). */
const priced = (usage: Usage): Usage => ({ ...usage, region: priceRegionFor(usage.region) });

export function runScenario(scenario: Scenario, options: SimulateOptions = {}): RunOutput {
  return finishRun(scenario, simulate(scenario, options));
}

/** Bills and summarizes a run's data (a whole run's, or the merge of its shards'). */
export function finishRun(scenario: Scenario, run: RunData): RunOutput {
  const usage = priced(run.usage);
  const month = scenario.billing.month;
  const baseline =
    month.window === 'bursts' && month.baselinePerSecond > 0
      ? priced(simulate(baselineScenario(scenario, month.baselinePerSecond), {}).usage)
      : undefined;
  const monthly = billMonth(usage, scenario.billing, undefined, baseline);
  // The monthly figure says when a cron's calendar is longer than the window it repeats.
  const caveat = calendarCaveat(calendarSchedules(scenario.functions, scenario.durationMs));
  const cost = {
    window: billWindow(usage, scenario.billing),
    monthly:
      caveat === undefined
        ? monthly
        : { ...monthly, basis: { ...monthly.basis, assumption: `${monthly.basis.assumption}; ${caveat}` } },
  };
  const provenance = provenanceOf(scenario);
  const summary = buildSummary(run, cost, provenance, functionLambdaUsd(usage, scenario.billing));
  const slo = sloSummary(scenario, summary);
  return { run, cost, provenance, summary: slo ? { ...summary, slo } : summary };
}
