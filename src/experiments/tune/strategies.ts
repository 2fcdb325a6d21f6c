/**
 * The three optimization strategies of AWS Lambda Power Tuning (lambda/analyzer.js), reproduced
 * exactly so a lamsim recommendation and a Power Tuning run rank the same numbers the same way:
 *
 * - cost: lowest cost; equal costs -> lowest duration.
 * - speed: lowest duration; equal durations -> lowest cost.
 * - balanced: lowest `weight * cost / maxCost + (1 - weight) * duration / maxDuration`, the maxima
 *   taken over the points compared; `weight` is clamped to [0, 1] (0 = fastest, 1 = cheapest).
 *
 * Remaining ties keep the input order (Array.prototype.sort is stable, as in Power Tuning).
 * `cost` is a cost per invocation and `duration` a mean duration; the caller decides which ones.
 */

export const STRATEGIES = ['cost', 'speed', 'balanced'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Power Tuning's defaults: strategy `cost`, balancedWeight 0.5. */
export const DEFAULT_STRATEGY: Strategy = 'cost';
export const DEFAULT_BALANCED_WEIGHT = 0.5;

export interface CostAndDuration {
  readonly cost: number;
  readonly duration: number;
}

/** Power Tuning's getBalancedWeight: clamped to [0, 1]. */
export const clampWeight = (weight: number): number => Math.min(Math.max(weight, 0), 1);

export interface BalancedNorms {
  readonly maxCost: number;
  readonly maxDuration: number;
}

export function balancedNorms(points: readonly CostAndDuration[]): BalancedNorms {
  return {
    maxCost: Math.max(...points.map((p) => p.cost)),
    maxDuration: Math.max(...points.map((p) => p.duration)),
  };
}

/** The balanced strategy's score (lower is better). */
export function balancedScore(p: CostAndDuration, weight: number, norms: BalancedNorms): number {
  return (weight * p.cost) / norms.maxCost + ((1 - weight) * p.duration) / norms.maxDuration;
}

/**
 * `points` ordered best first by `strategy` (a sorted copy). `norms` (balanced only) default to
 * the maxima over `points`, as in Power Tuning.
 */
export function rankByStrategy<T extends CostAndDuration>(
  points: readonly T[],
  strategy: Strategy,
  weight = DEFAULT_BALANCED_WEIGHT,
  norms: BalancedNorms = balancedNorms(points),
): T[] {
  const sorted = [...points];
  if (strategy === 'cost') {
    sorted.sort((a, b) => (a.cost === b.cost ? a.duration - b.duration : a.cost - b.cost));
  } else if (strategy === 'speed') {
    sorted.sort((a, b) => (a.duration === b.duration ? a.cost - b.cost : a.duration - b.duration));
  } else {
    const w = clampWeight(weight);
    const score = (p: T) => balancedScore(p, w, norms);
    sorted.sort((a, b) => score(a) - score(b));
  }
  return sorted;
}
