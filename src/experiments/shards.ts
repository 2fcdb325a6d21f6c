/**
 * Time shards of one run (issue 15): `runShard` simulates the K-th of N slices of a scenario's
 * window and hands out its partial result; `mergePartials` merges the partials of every slice
 * and bills and summarizes the merged data once, as `runScenario` does for a whole run. Pure.
 *
 * Shard K of N (N > 1) simulates [start - warm-up, end) of its slice [start, end) (sliceOf), with
 * random streams of its own forked from the seed's by `shard:K/N`, and records only [start, end)
 * (model/world.ts, ShardWindow); the last slice drains as a whole run does. Exact: whatever adds
 * over arrivals when no state crosses a border (uniform or traced arrivals are the whole run's,
 * arrival for arrival). Approximate: the state a slice inherits (warm environments and their ages,
 * requests in flight) comes from its warm-up, not from the previous slice.
 */
import { type SimulateOptions, simulate } from '../model/index.ts';
import {
  mergeRuns,
  type NamedPartial,
  type Partial,
  partialOf,
  type RunParts,
  type ShardIndex,
  sliceOf,
  slicesOf,
} from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { finishRun, type RunOutput } from './run.ts';
import { warmupMsOf } from './shardPlan.ts';

export interface ShardOptions {
  readonly onProgress?: SimulateOptions['onProgress'];
  /** The warm-up before the slice (ms); default warmupMsOf(scenario). */
  readonly warmupMs?: number;
}

/** The shard's partial result: slice K of N of the window (the whole window for 1/1). */
export function runShard(
  scenario: Scenario,
  scenarioText: string,
  shard: ShardIndex,
  options: ShardOptions = {},
): Partial {
  if (shard.count === 1) {
    const { scenario: _s, usage: _u, ...run } = simulate(scenario, { onProgress: options.onProgress });
    return partialOf({ scenario, scenarioText, shard, warmupMs: 0, run });
  }
  const slice = sliceOf(scenario.durationMs, shard);
  const fromMs = Math.max(0, slice.startMs - (options.warmupMs ?? warmupMsOf(scenario)));
  const {
    scenario: _s,
    usage: _u,
    ...run
  } = simulate(scenario, {
    onProgress: options.onProgress,
    shard: {
      fromMs,
      recordFromMs: slice.startMs,
      untilMs: slice.endMs,
      drain: shard.index === shard.count,
      streams: `shard:${shard.index}/${shard.count}`,
    },
  });
  const parts: RunParts = run;
  return partialOf({ scenario, scenarioText, shard, warmupMs: slice.startMs - fromMs, run: parts });
}

/**
 * The whole run from the partials of all its slices, checked and in slice order (checkPartials).
 * Its summary says, under `provenance.shards`, how many shards it was merged from and the longest
 * warm-up among them (absent for one shard: `--shard 1/1` is the whole run, byte for byte).
 */
export function mergePartials(partials: readonly NamedPartial[]): {
  output: RunOutput;
  scenarioText: string;
} {
  const scenario = partials[0].partial.scenario;
  const output = finishRun(scenario, mergeRuns(scenario, slicesOf(partials)));
  const count = partials[0].partial.shard.count;
  const shards = { count, warmupMs: Math.max(...partials.map((p) => p.partial.warmupMs)) };
  const summary =
    count > 1 ? { ...output.summary, provenance: { ...output.summary.provenance, shards } } : output.summary;
  return { output: { ...output, summary }, scenarioText: partials[0].partial.scenarioText };
}
