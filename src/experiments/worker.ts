/**
 * The piscina worker: one task = one scenario run, answered with its summary (plain data, so it
 * crosses the thread boundary by structured clone), run without time series, which only charts read
 * (SimulateOptions.series; the summary is the same to the last bit).
 * Loaded from the built `dist/` by the pool in ./runners.ts; the same functions run in-process
 * when there is no pool.
 */
import { ArrivalMemo } from '../model/index.ts';
import type { Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { runScenario } from './run.ts';

/** The default task: one run. */
export default function runSummary(scenario: Scenario): Summary {
  return runScenario(scenario, { series: false }).summary;
}

/**
 * The arrivals kept by this thread's runSharingArrivals: each traffic source's latest (8 bytes
 * per arrival, at most MAX_KEPT_ARRIVALS in all; src/model/traffic/arrivalMemo.ts).
 */
export const threadArrivals = new ArrivalMemo();

/**
 * The task of a batch whose runs share their arrivals (a memory sweep's points: common random
 * numbers): the same summary as runSummary's, to the last bit, but a run replays the arrivals the
 * thread's previous run kept when they are the same, instead of drawing them again.
 */
export function runSharingArrivals(scenario: Scenario): Summary {
  return runScenario(scenario, { series: false, arrivals: threadArrivals }).summary;
}

/** The name piscina calls runSharingArrivals by (its export's name). */
export const SHARING_ARRIVALS_TASK = 'runSharingArrivals';
