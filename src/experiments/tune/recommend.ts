/**
 * The recommendation of a sweep: Power Tuning's strategy applied to the points that meet every
 * constraint, with a reason a reader can check against the table. Pure.
 *
 * Strategy inputs: `cost` = cost per invocation with the full bill, `duration` = mean handler
 * duration. The balanced strategy normalizes by the maxima over *all* points, so adding a
 * constraint only removes candidates and never reorders the rest (with no constraint binding it is
 * exactly Power Tuning's ranking). When no point meets every constraint, the point violating the
 * fewest wins (ties by the strategy), and the reason says so.
 */
import { formatUsd } from '../../billing/index.ts';
import { formatMs, formatPercent } from '../../report/format.ts';
import type { Architecture, SloObjective } from '../../scenario/types.ts';
import { describeObjective } from '../slo.ts';
import type { TunePoint } from './point.ts';
import { balancedNorms, balancedScore, rankByStrategy, type Strategy } from './strategies.ts';

export interface TuneRecommendation {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  readonly reason: string;
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
}

const label = (p: TunePoint) => `${p.memoryMb} MB ${p.architecture}`;
const cd = (p: TunePoint) => ({ cost: p.costUsdPerInvocation, duration: p.durationMs.mean, point: p });

const pct = (to: number, from: number): string => {
  if (from === 0) return to === 0 ? '0%' : 'n/a';
  const r = (to / from - 1) * 100;
  return `${Math.abs(r) < 0.05 ? '0' : Math.abs(r).toFixed(1)}%`;
};

const usdPerInvocation = (usd: number): string => `$${Number(usd.toPrecision(3))}`;

function strategyPhrase(
  strategy: Strategy,
  weight: number,
  best: TunePoint,
  next: TunePoint | undefined,
  all: readonly TunePoint[],
): string {
  const cost = usdPerInvocation(best.costUsdPerInvocation);
  const dur = formatMs(best.durationMs.mean);
  if (strategy === 'cost') {
    const head = `the cheapest: ${cost} per invocation (${formatUsd(best.monthlyCostUsd)} per month), mean duration ${dur}`;
    if (!next) return head;
    return next.costUsdPerInvocation === best.costUsdPerInvocation
      ? `${head}; ${label(next)} costs the same but is slower (${formatMs(next.durationMs.mean)})`
      : `${head}; the next cheapest, ${label(next)}, costs ${pct(next.costUsdPerInvocation, best.costUsdPerInvocation)} more`;
  }
  if (strategy === 'speed') {
    const head = `the fastest: mean duration ${dur} at ${cost} per invocation`;
    if (!next) return head;
    return next.durationMs.mean === best.durationMs.mean
      ? `${head}; ${label(next)} is as fast but costs more (${usdPerInvocation(next.costUsdPerInvocation)})`
      : `${head}; the next fastest, ${label(next)}, takes ${pct(next.durationMs.mean, best.durationMs.mean)} longer (${formatMs(next.durationMs.mean)})`;
  }
  const norms = balancedNorms(all.map(cd));
  const score = (p: TunePoint) => balancedScore(cd(p), weight, norms).toFixed(3);
  const head =
    `the best balance, score ${score(best)} (lowest of ${weight} × cost/max cost + ${Number((1 - weight).toFixed(6))} × duration/max duration): ` +
    `${cost} per invocation, mean duration ${dur}`;
  return next ? `${head}; next, ${label(next)} scores ${score(next)}` : head;
}

export function recommend(
  points: readonly TunePoint[],
  current: TunePoint,
  strategy: Strategy,
  weight: number,
  constraints: readonly SloObjective[],
): TuneRecommendation {
  if (points.length === 0) throw new Error('recommend: no points');
  const norms = balancedNorms(points.map(cd));
  const rank = (ps: readonly TunePoint[]) =>
    rankByStrategy(ps.map(cd), strategy, weight, norms).map((x) => x.point);
  const feasible = points.filter((p) => p.meetsConstraints);
  let best: TunePoint;
  let next: TunePoint | undefined;
  const parts: string[] = [];
  const bounds = constraints.map(describeObjective).join(', ');
  if (feasible.length > 0) {
    [best, next] = rank(feasible);
    const among =
      feasible.length === points.length
        ? `all ${points.length} configurations meet the constraints (${bounds})`
        : `${feasible.length} of ${points.length} configurations meet the constraints (${bounds})`;
    parts.push(`${label(best)} is ${strategyPhrase(strategy, weight, best, next, points)}; ${among}.`);
    const excluded = points.filter((p) => !p.meetsConstraints);
    if (excluded.length > 0) {
      const shown = excluded.slice(0, 4).map((p) => `${label(p)} (${p.violations.join(', ')})`);
      parts.push(
        `Excluded: ${shown.join('; ')}${excluded.length > 4 ? `; and ${excluded.length - 4} more` : ''}.`,
      );
    }
  } else {
    const fewest = Math.min(...points.map((p) => p.violations.length));
    [best, next] = rank(points.filter((p) => p.violations.length === fewest));
    parts.push(
      `No configuration meets every constraint (${bounds}). ${label(best)} violates the fewest ` +
        `(${best.violations.join(', ')}) and among those is ${strategyPhrase(strategy, weight, best, next, points)}.`,
    );
  }
  if (best.memoryMb === current.memoryMb && best.architecture === current.architecture) {
    parts.push('This is the current configuration.');
  } else {
    const m0 = current.monthlyCostUsd;
    const m1 = best.monthlyCostUsd;
    const d0 = current.durationMs.mean;
    const d1 = best.durationMs.mean;
    parts.push(
      `Against the current ${label(current)}: ${formatUsd(m0)} → ${formatUsd(m1)} per month ` +
        `(${m1 <= m0 ? `${pct(m1, m0)} less` : `${pct(m1, m0)} more`}), mean duration ${formatMs(d0)} → ${formatMs(d1)}, ` +
        `p99 latency ${formatMs(current.latencyMs.p99)} → ${formatMs(best.latencyMs.p99)}` +
        (current.throttleRate !== best.throttleRate
          ? `, throttled ${formatPercent(current.throttleRate)} → ${formatPercent(best.throttleRate)} of requests`
          : '') +
        (current.meetsConstraints
          ? '.'
          : `; the current configuration violates ${current.violations.join(', ')}.`),
    );
  }
  return {
    memoryMb: best.memoryMb,
    architecture: best.architecture,
    reason: parts.join(' '),
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
  };
}
