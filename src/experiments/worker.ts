/**
 * The piscina worker: one task = one scenario run, answered with its summary (plain data, so it
 * crosses the thread boundary by structured clone), run without time series, which only charts read
 * (SimulateOptions.series; the summary is the same to the last bit).
 * Loaded from the built `dist/` by the pool in ./runners.ts; the same functions run in-process
 * when there is no pool.
 */
import { ArrivalMemo, DrawMemo } from '../model/index.ts';
import type { Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { runScenario } from './run.ts';

/**
 * The arrivals this thread's runs share when asked to (each traffic source's latest: 8 bytes per
 * arrival, at most MAX_KEPT_ARRIVALS in all; src/model/traffic/arrivalMemo.ts).
 */
const threadArrivals = new ArrivalMemo();

/**
 * The handler times this thread's runs share when asked to (each function's compute and io
 * draws: 8 bytes each, at most MAX_KEPT_DRAWS in all; src/model/handler/drawMemo.ts).
 */
const threadDraws = new DrawMemo();

/**
 * What a run shares with this thread's earlier runs of its batch (common random numbers): nothing,
 * its arrivals (a plan's variants at its target load), or its arrivals and handler times (a memory
 * sweep's points). A shared part is replayed from what the thread's previous run kept when it is
 * the same, instead of being drawn again, and kept for the next run.
 */
export type Sharing = 'none' | 'arrivals' | 'arrivalsAndDraws';

/**
 * The summary of one run, without time series, sharing what `sharing` says (the summary is the
 * same to the last bit either way). `onProgress`: the fraction of the run simulated.
 */
export function summaryOf(
  scenario: Scenario,
  sharing: Sharing,
  onProgress?: (fraction: number) => void,
): Summary {
  return runScenario(scenario, {
    series: false,
    ...(sharing !== 'none' ? { arrivals: threadArrivals } : {}),
    ...(sharing === 'arrivalsAndDraws' ? { draws: threadDraws } : {}),
    ...(onProgress ? { onProgress } : {}),
  }).summary;
}

/** The default task: one run. */
export default function runSummary(scenario: Scenario): Summary {
  return summaryOf(scenario, 'none');
}

/** The task of a run that shares its arrivals (see Sharing). */
export function runSharingArrivals(scenario: Scenario): Summary {
  return summaryOf(scenario, 'arrivals');
}

/** The task of a run that shares its arrivals and handler times (see Sharing). */
export function runSharingDraws(scenario: Scenario): Summary {
  return summaryOf(scenario, 'arrivalsAndDraws');
}

/** The name piscina calls each task by (its export's name; undefined: the default export). */
export const SHARING_TASKS: Readonly<Record<Sharing, string | undefined>> = {
  none: undefined,
  arrivals: 'runSharingArrivals',
  arrivalsAndDraws: 'runSharingDraws',
};
