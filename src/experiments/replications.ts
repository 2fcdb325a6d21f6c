/**
 * Replications of one run (`lamsim run --replications R`): R independent runs of the scenario,
 * replication r (from 0) with seed `replicationSeed(seed, r)` (plan/evaluate.ts: r = 0 is the
 * scenario's own seed, so replication 0 is the plain run; `plan` and `diff --replications` use the
 * same seeds), and a Student t confidence interval on every summary figure.
 *
 * The result is replication 0's run (its report, charts and figures, byte for byte what `run`
 * writes) with summary.json's `replications` block added for R >= 2: for every figure every
 * replication has (results/summaryFigures.ts), the mean over the R values and the two-sided
 * interval mean ± t(1 - (1 - c) / 2, R - 1) · s / √R at confidence c = 0.95 (a bill line one
 * replication does not have counts 0 there; any other figure missing from some replications is
 * listed under `omitted`, without an interval). Same scenario, seed
 * and R give the same bytes: the values are reduced in replication order.
 */
import {
  type FigureInterval,
  REPLICATIONS_FORMAT,
  type ReplicationsSummary,
  type Summary,
  summaryFigures,
} from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { replicationSeed } from './plan/index.ts';
import type { RunOutput } from './run.ts';
import { meanAndError, studentTHalfWidth } from './statistics.ts';

/** The two-sided confidence level of `run --replications` intervals. */
export const REPLICATION_CONFIDENCE = 0.95;

/** Replications at most (AWS Batch's largest array job). */
export const MAX_REPLICATIONS = 10_000;

/** The seeds of replications 0..count-1 of a scenario seeded `seed`. */
export const replicationSeeds = (seed: number, count: number): number[] =>
  Array.from({ length: count }, (_, r) => replicationSeed(seed, r));

/** Replication r of a scenario: the same scenario with replication r's seed. */
export const replicationScenario = (scenario: Scenario, r: number): Scenario =>
  r === 0 ? scenario : { ...scenario, seed: replicationSeed(scenario.seed, r) };

/** The mean and two-sided Student t interval of one figure's values at `confidence`. */
export function figureInterval(values: readonly number[], confidence: number): FigureInterval {
  const m = meanAndError(values);
  const halfWidth = m.n < 2 ? 0 : studentTHalfWidth(m, confidence);
  return {
    mean: m.mean,
    low: m.mean - halfWidth,
    high: m.mean + halfWidth,
    halfWidth,
  };
}

/** The `replications` block of R >= 2 replications' summaries (replication order). */
export function replicationsSummary(
  summaries: readonly Summary[],
  confidence = REPLICATION_CONFIDENCE,
): ReplicationsSummary {
  if (summaries.length < 2) throw new RangeError('replicationsSummary: needs 2 replications or more');
  const all = summaries.map(summaryFigures);
  const paths = new Set(all.flatMap((f) => [...f.keys()]));
  const figures: Record<string, FigureInterval> = {};
  const omitted: string[] = [];
  for (const path of paths) {
    // A bill line a replication does not have billed nothing there (a tier it did not reach).
    const absent = path.startsWith('cost.') ? 0 : undefined;
    const values = all.map((f) => f.get(path) ?? absent);
    if (values.every((v) => v !== undefined)) figures[path] = figureInterval(values, confidence);
    else omitted.push(path);
  }
  return {
    format: REPLICATIONS_FORMAT,
    count: summaries.length,
    confidence,
    seeds: summaries.map((s) => s.seed),
    figures,
    ...(omitted.length > 0 ? { omitted } : {}),
  };
}

/**
 * The run of R replications: replication 0's output (`first`, the scenario's own seed) and the
 * summaries of all R, replication order; R = 1 leaves `first` as it is.
 */
export function withReplications(first: RunOutput, summaries: readonly Summary[]): RunOutput {
  if (summaries.length < 2) return first;
  if (summaries[0].seed !== first.summary.seed) {
    throw new Error('withReplications: the first summary is not the first replication');
  }
  return {
    ...first,
    summary: { ...first.summary, replications: replicationsSummary(summaries) },
  };
}
