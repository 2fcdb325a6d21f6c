/**
 * The breaking point of a scenario: the largest factor on its traffic at which every SLO still
 * holds. Bracketing first (doubling up from 1 while the SLOs hold, halving down while they do
 * not), then bisection on the bracket's geometric midpoint until the bracket is narrower than
 * `tolerance` (relative), a verdict is not trusted at the requested confidence, or the step budget
 * is spent.
 *
 * What the result states: the SLOs hold at `lo` (with confidence `lo.confidence`) and fail at `hi`
 * (with confidence `hi.confidence`), so — the metrics growing with load — the breaking point is
 * between them. Bisection stops at a midpoint whose verdict stays below the requested confidence
 * after the maximum replications: the breaking point is then statistically indistinguishable from
 * that midpoint (`inconclusive`) at this budget, and the bracket is what can be stated.
 */

import { present } from '../../result.ts';
import type { Scenario } from '../../scenario/index.ts';
import { scaleTraffic } from '../edits.ts';
import { estimateSize } from '../sizeCheck.ts';
import type { Evaluation, Evaluator } from './evaluate.ts';

export interface SearchSettings {
  /** Stop when hi / lo - 1 is at most this (default 0.02). */
  readonly tolerance: number;
  /** Largest factor tried (default 1024). */
  readonly maxScale: number;
  /** Smallest factor tried (default 1/1024). */
  readonly minScale: number;
  /** Evaluations at most (default 40). */
  readonly maxSteps: number;
  /** A factor whose runs would simulate more invocations than this is not tried. */
  readonly maxInvocationsPerRun: number;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = {
  tolerance: 0.02,
  maxScale: 1024,
  minScale: 1 / 1024,
  maxSteps: 40,
  maxInvocationsPerRun: 50_000_000,
};

/** Why the search stopped. */
export type SearchStop =
  | 'resolution' // the bracket is narrower than the tolerance
  | 'confidence' // a verdict stayed uncertain at the maximum replications
  | 'steps' // the step budget ran out
  | 'max-scale' // the SLOs hold at the largest factor tried
  | 'size' // a larger factor would exceed the size limit
  | 'min-scale'; // the SLOs fail even at the smallest factor tried

export interface SearchResult {
  readonly baseline: Evaluation;
  /** Largest factor at which the SLOs hold (null: they fail at every factor tried). */
  readonly lo: Evaluation | null;
  /** Smallest factor above `lo` at which they fail (null: they hold at every factor tried). */
  readonly hi: Evaluation | null;
  /** A midpoint whose verdict stayed uncertain (the breaking point is about there). */
  readonly inconclusive: Evaluation | null;
  readonly stop: SearchStop;
  /** Every evaluation, by factor. */
  readonly evaluations: readonly Evaluation[];
}

const trusted = (e: Evaluation, confidence: number) => e.confidence >= confidence;

export async function searchBreakingPoint(
  scenario: Scenario,
  evaluator: Evaluator,
  settings: SearchSettings = DEFAULT_SEARCH_SETTINGS,
): Promise<SearchResult> {
  const all = new Map<number, Evaluation>();
  let steps = 0;
  const at = async (scale: number) => {
    steps++;
    const e = await evaluator.evaluate(scenario, scale);
    all.set(scale, e);
    return e;
  };
  const fits = (scale: number) =>
    estimateSize(scaleTraffic(scenario, scale)).invocations <= settings.maxInvocationsPerRun;
  const done = (
    lo: Evaluation | null,
    hi: Evaluation | null,
    stop: SearchStop,
    inconclusive: Evaluation | null = null,
  ): SearchResult => ({
    baseline: present(all.get(1), 'the baseline evaluation'),
    lo,
    hi,
    inconclusive,
    stop,
    evaluations: [...all.values()].sort((a, b) => a.scale - b.scale),
  });

  const baseline = await at(1);
  let lo: Evaluation | null = null;
  let hi: Evaluation | null = null;
  if (baseline.meets) {
    lo = baseline;
    for (let s = 2; ; s *= 2) {
      if (s > settings.maxScale) return done(lo, null, 'max-scale');
      if (!fits(s)) return done(lo, null, 'size');
      if (steps >= settings.maxSteps) return done(lo, null, 'steps');
      const e = await at(s);
      if (!e.meets) {
        hi = e;
        break;
      }
      lo = e;
    }
  } else {
    hi = baseline;
    for (let s = 0.5; ; s /= 2) {
      if (s < settings.minScale) return done(null, hi, 'min-scale');
      if (steps >= settings.maxSteps) return done(null, hi, 'steps');
      const e = await at(s);
      if (e.meets) {
        lo = e;
        break;
      }
      hi = e;
    }
  }
  while (hi.scale / lo.scale - 1 > settings.tolerance) {
    if (steps >= settings.maxSteps) return done(lo, hi, 'steps');
    const mid = Math.sqrt(lo.scale * hi.scale);
    const e = await at(mid);
    if (!trusted(e, evaluator.settings.confidence)) return done(lo, hi, 'confidence', e);
    if (e.meets) lo = e;
    else hi = e;
  }
  return done(lo, hi, 'resolution');
}
