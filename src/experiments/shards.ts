/**
 * Time shards of one run (issue 15): `runShard` simulates the K-th of N slices of a scenario's
 * window and hands out its partial result; `mergePartials` merges the partials of every slice
 * and bills and summarizes the merged data once, as `runScenario` does for a whole run. Pure.
 */
import { type SimulateOptions, simulate } from '../model/index.ts';
import {
  mergeRuns,
  type NamedPartial,
  type Partial,
  partialOf,
  type RunParts,
  type ShardIndex,
  slicesOf,
} from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { finishRun, type RunOutput } from './run.ts';

/** The shard's partial result: slice K of N of the window (the whole window for 1/1). */
export function runShard(
  scenario: Scenario,
  scenarioText: string,
  shard: ShardIndex,
  options: SimulateOptions = {},
): Partial {
  if (shard.count !== 1) throw new Error('lamsim bug: only --shard 1/1 is simulated so far');
  const { scenario: _scenario, usage: _usage, ...run } = simulate(scenario, options);
  const parts: RunParts = run;
  return partialOf({ scenario, scenarioText, shard, warmupMs: 0, run: parts });
}

/** The whole run from the partials of all its slices, checked and in slice order (checkPartials). */
export function mergePartials(partials: readonly NamedPartial[]): {
  output: RunOutput;
  scenarioText: string;
} {
  const scenario = partials[0].partial.scenario;
  return {
    output: finishRun(scenario, mergeRuns(scenario, slicesOf(partials))),
    scenarioText: partials[0].partial.scenarioText,
  };
}
