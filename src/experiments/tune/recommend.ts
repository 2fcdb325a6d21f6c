/**
 * The recommendation of a sweep: Power Tuning's strategy applied to the points that meet every
 * constraint, with what a reader needs to check it against the table. Pure.
 *
 * Strategy inputs: `cost` = cost per invocation with the full bill, `duration` = mean handler
 * duration. The balanced strategy normalizes by the maxima over *all* points, so adding a
 * constraint only removes candidates and never reorders the rest (with no constraint binding it is
 * exactly Power Tuning's ranking). When no point meets every constraint, the point violating the
 * fewest wins (ties by the strategy). The result is codes and numbers: src/report/tune writes the
 * reason from it and the sweep's points.
 */
import type { Architecture } from '../../scenario/index.ts';
import type { TunePoint } from './point.ts';
import { balancedNorms, balancedScore, rankByStrategy, type Strategy } from './strategies.ts';

/** A configuration of the tuned function. */
export interface TuneConfiguration {
  readonly memoryMb: number;
  readonly architecture: Architecture;
}

export interface TuneRecommendation {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  // Extensions beyond the contract.
  readonly meetsConstraints: boolean;
  readonly costUsdPerInvocation: number;
  readonly meanDurationMs: number;
  readonly monthlyCostUsd: number;
  /** Change against the scenario's own configuration. */
  readonly vsCurrent: {
    readonly memoryMb: number;
    readonly architecture: Architecture;
    readonly monthlyCostUsd: { readonly from: number; readonly to: number };
    readonly meanDurationMs: { readonly from: number; readonly to: number };
    readonly p99LatencyMs: { readonly from: number; readonly to: number };
  };
  /** The configuration the strategy ranks next among the same candidates (null: none). */
  readonly runnerUp: TuneConfiguration | null;
  /**
   * Balanced strategy only (else null): the scores, lower is better, of the recommendation and the
   * runner-up (`weight × cost/max cost + (1 − weight) × duration/max duration`, maxima over all points).
   */
  readonly scores: { readonly recommended: number; readonly runnerUp: number | null } | null;
}

const cd = (p: TunePoint) => ({ cost: p.costUsdPerInvocation, duration: p.durationMs.mean, point: p });
const configuration = (p: TunePoint): TuneConfiguration => ({
  memoryMb: p.memoryMb,
  architecture: p.architecture,
});

export function recommend(
  points: readonly TunePoint[],
  current: TunePoint,
  strategy: Strategy,
  weight: number,
): TuneRecommendation {
  if (points.length === 0) throw new Error('recommend: no points');
  const norms = balancedNorms(points.map(cd));
  const rank = (ps: readonly TunePoint[]) =>
    rankByStrategy(ps.map(cd), strategy, weight, norms).map((x) => x.point);
  const feasible = points.filter((p) => p.meetsConstraints);
  const fewest = Math.min(...points.map((p) => p.violations.length));
  const candidates = feasible.length > 0 ? feasible : points.filter((p) => p.violations.length === fewest);
  const [best, next] = rank(candidates);
  const score = (p: TunePoint) => balancedScore(cd(p), weight, norms);
  return {
    memoryMb: best.memoryMb,
    architecture: best.architecture,
    meetsConstraints: best.meetsConstraints,
    costUsdPerInvocation: best.costUsdPerInvocation,
    meanDurationMs: best.durationMs.mean,
    monthlyCostUsd: best.monthlyCostUsd,
    vsCurrent: {
      memoryMb: current.memoryMb,
      architecture: current.architecture,
      monthlyCostUsd: { from: current.monthlyCostUsd, to: best.monthlyCostUsd },
      meanDurationMs: { from: current.durationMs.mean, to: best.durationMs.mean },
      p99LatencyMs: { from: current.latencyMs.p99, to: best.latencyMs.p99 },
    },
    runnerUp: next ? configuration(next) : null,
    scores:
      strategy === 'balanced' ? { recommended: score(best), runnerUp: next ? score(next) : null } : null,
  };
}
