/**
 * Test helpers for time shards (issue 15): a scenario run as N shards and merged as `lamsim merge`
 * merges them, and the comparison of every summary figure with the whole run's over replications.
 */
import { expect } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { mergePartials, runShard } from '../../src/experiments/shards.ts';
import { type NamedPartial, type Partial, partialJson, readPartial } from '../../src/results/partial.ts';
import type { Summary } from '../../src/results/summary.ts';
import { summaryFigures } from '../../src/results/summaryFigures.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { meanAndStandardError } from './run.ts';

/** Replications on each side of shardedAgainstWhole. */
export const R = 8;

/**
 * Every shard's partial (warm-up `warmupMs`, or the scenario's), written and read back as
 * `lamsim merge` reads them, merged.
 */
export function sharded(scenario: Scenario, count: number, warmupMs?: number): Summary {
  const partials: NamedPartial[] = [];
  for (let index = 1; index <= count; index++) {
    const read = readPartial(partialJson(runShard(scenario, 'text', { index, count }, { warmupMs })));
    if (!read.ok) expect.fail(read.error);
    partials.push({ file: `p${index}`, partial: read.value as Partial });
  }
  return mergePartials(partials).output.summary;
}

/**
 * Each figure of the summary (results/summaryFigures.ts) over `R` replications (seeds 1..R), whole
 * against sharded in `count` (3 unless given; warm-up `warmupMs`, or the scenario's): the figures
 * whose means differ by more than 4 standard errors of the difference (none, when sharding is
 * right; about 6e-5 each by chance), and the whole run's figures for the caller's own checks.
 */
export function shardedAgainstWhole(
  scenario: Scenario,
  warmupMs?: number,
  count = 3,
): { readonly off: string[]; readonly whole: Map<string, number> } {
  const whole = Array.from({ length: R }, (_, i) =>
    summaryFigures(runScenario({ ...scenario, seed: i + 1 }).summary),
  );
  const shards = Array.from({ length: R }, (_, i) =>
    summaryFigures(sharded({ ...scenario, seed: i + 1 }, count, warmupMs)),
  );
  const off: string[] = [];
  for (const key of whole[0].keys()) {
    const a = meanAndStandardError(whole.map((f) => f.get(key) as number));
    const b = meanAndStandardError(shards.map((f) => f.get(key) as number));
    const tolerance = 4 * Math.hypot(a.se, b.se);
    if (!(Math.abs(a.mean - b.mean) <= tolerance + 1e-9 * Math.abs(a.mean))) {
      off.push(`${key}: whole ${a.mean} ± ${a.se}, sharded ${b.mean} ± ${b.se}`);
    }
  }
  return { off, whole: whole[0] };
}
