/**
 * The piscina worker: one task = one scenario run, answered with its summary (plain data, so it
 * crosses the thread boundary by structured clone), run without time series, which only charts read
 * (SimulateOptions.series; the summary is the same to the last bit).
 * Loaded from the built `dist/` by the pool in ./runners.ts; the same function runs in-process
 * when there is no pool.
 */
import type { Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { runScenario } from './run.ts';

export default function runSummary(scenario: Scenario): Summary {
  return runScenario(scenario, { series: false }).summary;
}
