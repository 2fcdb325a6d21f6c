/**
 * One run of one scenario: simulate -> bill -> summarize. Pure: the CLI and the tests call this
 * same function; writing files is the caller's business.
 */
import { billMonthly, billWindow, type CostBreakdown, priceRegionFor } from '../billing/index.ts';
import { type RunResult, type SimulateOptions, simulate } from '../model/world.ts';
import { buildSummary, type Provenance, provenanceOf, type Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/types.ts';

export interface RunOutput {
  readonly run: RunResult;
  readonly cost: { readonly window: CostBreakdown; readonly monthly: CostBreakdown };
  readonly provenance: Provenance;
  readonly summary: Summary;
}

export function runScenario(scenario: Scenario, options: SimulateOptions = {}): RunOutput {
  const run = simulate(scenario, options);
  // A region without a price table is billed at the fallback region's prices (the parser warns).
  const usage = { ...run.usage, region: priceRegionFor(run.usage.region) };
  const cost = {
    window: billWindow(usage, scenario.billing),
    monthly: billMonthly(usage, scenario.billing),
  };
  const provenance = provenanceOf(scenario);
  return { run, cost, provenance, summary: buildSummary(run, cost, provenance) };
}
