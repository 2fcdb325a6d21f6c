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

/**
 * The arrivals this thread's runs share when asked to (each traffic source's latest: 8 bytes per
 * arrival, at most MAX_KEPT_ARRIVALS in all; src/model/traffic/arrivalMemo.ts).
 */
const threadArrivals = new ArrivalMemo();

/**
 * The summary of one run, without time series. `sharedArrivals`: the batch's runs have the same
 * arrivals (a memory sweep's points: common random numbers), so the run replays the arrivals this
 * thread's previous run kept when they are the same, instead of drawing them again; the summary is
 * the same to the last bit either way. `onProgress`: the fraction of the run simulated.
 */
export function summaryOf(
  scenario: Scenario,
  sharedArrivals: boolean,
  onProgress?: (fraction: number) => void,
): Summary {
  return runScenario(scenario, {
    series: false,
    ...(sharedArrivals ? { arrivals: threadArrivals } : {}),
    ...(onProgress ? { onProgress } : {}),
  }).summary;
}

/** The default task: one run. */
export default function runSummary(scenario: Scenario): Summary {
  return summaryOf(scenario, false);
}

/** The task of a batch whose runs share their arrivals (see summaryOf). */
export function runSharingArrivals(scenario: Scenario): Summary {
  return summaryOf(scenario, true);
}

/** The name piscina calls runSharingArrivals by (its export's name). */
export const SHARING_ARRIVALS_TASK = 'runSharingArrivals';
