/**
 * The recommendation of a sweep: Power Tuning's strategy applied to the points that meet every
 * constraint, with what a reader needs to check it against the table. Pure.
 *
 * Strategy inputs: `cost` = the full bill per request served (every point sees the same
 * arrivals, so this compares the same work: a point that throttles or fails part of it pays for
 * fewer requests served), `duration` = mean handler duration. The balanced strategy normalizes by
 * the maxima over *all* points (served cost +Infinity when nothing succeeded: such points are
 * left out of the maxima), so adding a constraint only removes candidates and never reorders the
 * rest. When no point meets every constraint, the recommendation is the point that comes closest:
 * fewest violated constraints, then the smallest `shortfall` (the worst violated metric's value
 * over its bound), then the strategy; except when the sweep's throttles come from a concurrency
 * limit no memory size lifts (./concurrencyLimit.ts): being less throttled is then no reason to
 * pay for more memory, so the strategy alone ranks the points violating the fewest constraints,
 * and the recommendation names the limit. The result is codes and numbers: src/report/tune writes the
 * reason from it and the sweep's points.
 */
import type { Architecture } from '../../scenario/index.ts';
import type { ConcurrencyLimit } from './concurrencyLimit.ts';
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
  /** What the strategies rank on (see the module comment). */
  readonly costUsdPerRequestServed: number;
  readonly meanDurationMs: number;
  readonly monthlyCostUsd: number;
  /** Change against the scenario's own configuration. */
  readonly vsCurrent: {
    readonly memoryMb: number;
    readonly architecture: Architecture;
    readonly monthlyCostUsd: { readonly from: number; readonly to: number };
    readonly costUsdPerRequestServed: { readonly from: number; readonly to: number };
    /** Requests served in the window (same arrivals at both). */
    readonly succeeded: { readonly from: number; readonly to: number };
    readonly meanDurationMs: { readonly from: number; readonly to: number };
    readonly p99LatencyMs: { readonly from: number; readonly to: number };
  };
  /** The limit that throttles every configuration and that memory does not lift (null: none). */
  readonly limitedBy: ConcurrencyLimit | null;
  /** The configuration the strategy ranks next among the same candidates (null: none). */
  readonly runnerUp: TuneConfiguration | null;
  /**
   * Balanced strategy only (else null): the scores, lower is better, of the recommendation and the
   * runner-up (`weight × cost/max cost + (1 − weight) × duration/max duration`, maxima over all points).
   */
  readonly scores: { readonly recommended: number; readonly runnerUp: number | null } | null;
}

const cd = (p: TunePoint) => ({ cost: p.costUsdPerRequestServed, duration: p.durationMs.mean, point: p });

/**
 * How far a point is from meeting its constraints: the largest value / bound over its violations
 * (a bound of 0, such as `timeoutRate <= 0`, counts its value times 1e6, so any excess over a zero
 * bound is further than any relative excess over a positive one); 0 when it meets them all.
 */
export function shortfall(p: TunePoint): number {
  let worst = 0;
  for (const v of p.violations) {
    const x = v.max > 0 ? v.value / v.max : 1 + 1e6 * v.value;
    worst = Math.max(worst, Number.isFinite(x) ? x : Number.MAX_VALUE);
  }
  return worst;
}
const configuration = (p: TunePoint): TuneConfiguration => ({
  memoryMb: p.memoryMb,
  architecture: p.architecture,
});

export function recommend(
  points: readonly TunePoint[],
  current: TunePoint,
  strategy: Strategy,
  weight: number,
  limit: ConcurrencyLimit | null = null,
): TuneRecommendation {
  if (points.length === 0) throw new Error('recommend: no points');
  const finite = points.map(cd).filter((x) => Number.isFinite(x.cost));
  const norms = balancedNorms(finite.length > 0 ? finite : points.map(cd));
  const rank = (ps: readonly TunePoint[]) =>
    rankByStrategy(ps.map(cd), strategy, weight, norms).map((x) => x.point);
  const feasible = points.filter((p) => p.meetsConstraints);
  const fewest = Math.min(...points.map((p) => p.violations.length));
  const fewestViolated = points.filter((p) => p.violations.length === fewest);
  const nearest = Math.min(...fewestViolated.map(shortfall));
  const limitedBy = feasible.length === 0 ? limit : null;
  const candidates =
    feasible.length > 0
      ? feasible
      : limitedBy !== null
        ? fewestViolated
        : fewestViolated.filter((p) => shortfall(p) === nearest);
  const [best, next] = rank(candidates);
  const score = (p: TunePoint) => balancedScore(cd(p), weight, norms);
  return {
    memoryMb: best.memoryMb,
    architecture: best.architecture,
    meetsConstraints: best.meetsConstraints,
    costUsdPerInvocation: best.costUsdPerInvocation,
    costUsdPerRequestServed: best.costUsdPerRequestServed,
    meanDurationMs: best.durationMs.mean,
    monthlyCostUsd: best.monthlyCostUsd,
    vsCurrent: {
      memoryMb: current.memoryMb,
      architecture: current.architecture,
      monthlyCostUsd: { from: current.monthlyCostUsd, to: best.monthlyCostUsd },
      costUsdPerRequestServed: { from: current.costUsdPerRequestServed, to: best.costUsdPerRequestServed },
      succeeded: { from: current.succeeded, to: best.succeeded },
      meanDurationMs: { from: current.durationMs.mean, to: best.durationMs.mean },
      p99LatencyMs: { from: current.latencyMs.p99, to: best.latencyMs.p99 },
    },
    limitedBy,
    runnerUp: next ? configuration(next) : null,
    scores:
      strategy === 'balanced' ? { recommended: score(best), runnerUp: next ? score(next) : null } : null,
  };
}
