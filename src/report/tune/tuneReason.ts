/**
 * The sentences of a tuning sweep's recommendation (tune.json's `reason`, the report's and the
 * CLI's text), written from the sweep's codes and numbers (src/experiments/tune/recommend.ts): why
 * this configuration under the strategy, which points the constraints excluded, and the change
 * against the current configuration. Pure.
 */
import type {
  ConcurrencyLimit,
  TuneConfiguration,
  TunePoint,
  TuneResult,
  Violation,
} from '../../experiments/index.ts';
import {
  describeObjective,
  formatCount,
  formatMs,
  formatPercent,
  formatSloValue,
  formatUsd,
  formatUsdFine,
} from '../format.ts';
import { monthlyPeriod } from '../monthText.ts';
import { servedMany, servedOne } from './servedText.ts';

const label = (p: TuneConfiguration) => `${p.memoryMb} MB ${p.architecture}`;

const pct = (to: number, from: number): string => {
  if (from === 0) return to === 0 ? '0%' : 'n/a';
  const r = (to / from - 1) * 100;
  return `${Math.abs(r) < 0.05 ? '0' : Math.abs(r).toFixed(1)}%`;
};

/** A small amount with 3 significant digits and no exponent ($0.000000573), or n/a. */
const usdEach = (usd: number): string => (Number.isFinite(usd) ? formatUsdFine(usd) : 'n/a');

/** A latency percentile of a point, or `none succeeded` when no request succeeded there. */
export function latencyText(p: TunePoint, ms: number): string {
  return p.succeeded === 0 ? 'none succeeded' : formatMs(ms);
}

/** `p99 612 ms > 300 ms`. */
export function violationText(v: Violation): string {
  return `${v.metric} ${formatSloValue(v.metric, v.value)} > ${formatSloValue(v.metric, v.max)}`;
}

const violationsText = (p: TunePoint) => p.violations.map(violationText).join(', ');

function pointOf(r: TuneResult, c: TuneConfiguration): TunePoint {
  const p = r.points.find((x) => x.memoryMb === c.memoryMb && x.architecture === c.architecture);
  if (!p) throw new Error(`tune result: no point ${label(c)}`);
  return p;
}

function strategyPhrase(r: TuneResult, best: TunePoint, next: TunePoint | undefined): string {
  const per = servedOne(best);
  const cost = `${usdEach(best.costUsdPerRequestServed)} per ${per}`;
  const dur = formatMs(best.durationMs.mean);
  if (r.strategy === 'cost') {
    const head = `the cheapest per ${per}: ${cost} (its Lambda charges, ${usdEach(best.lambdaCostUsd)} for the window's ${formatCount(best.served)} ${servedMany(best)}), mean duration ${dur}`;
    if (!next) return head;
    return next.costUsdPerRequestServed === best.costUsdPerRequestServed
      ? `${head}; ${label(next)} costs the same but is slower (${formatMs(next.durationMs.mean)})`
      : `${head}; the next cheapest, ${label(next)}, costs ${pct(next.costUsdPerRequestServed, best.costUsdPerRequestServed)} more per ${per}`;
  }
  if (r.strategy === 'speed') {
    const head = `the fastest: mean duration ${dur} at ${cost}`;
    if (!next) return head;
    return next.durationMs.mean === best.durationMs.mean
      ? `${head}; ${label(next)} is as fast but costs more (${usdEach(next.costUsdPerRequestServed)} per ${per})`
      : `${head}; the next fastest, ${label(next)}, takes ${pct(next.durationMs.mean, best.durationMs.mean)} longer (${formatMs(next.durationMs.mean)})`;
  }
  const scores = r.recommendation.scores;
  if (!scores) throw new Error('tune result: a balanced recommendation without scores');
  const head =
    `the best balance, score ${scores.recommended.toFixed(3)} (lowest of ${r.weight} × cost/max cost + ${Number((1 - r.weight).toFixed(6))} × duration/max duration, cost per ${per}): ` +
    `${cost}, mean duration ${dur}`;
  return next ? `${head}; next, ${label(next)} scores ${(scores.runnerUp ?? Number.NaN).toFixed(3)}` : head;
}

/** `throttled 18.6% → 7.95%, errors 0% → 0%`: the shares of the same arrivals not served. */
function refusedChange(from: TunePoint, to: TunePoint): string {
  const parts = [`throttled ${formatPercent(from.throttleRate)} → ${formatPercent(to.throttleRate)}`];
  if (from.errorRate > 0 || to.errorRate > 0) {
    parts.push(`errors ${formatPercent(from.errorRate)} → ${formatPercent(to.errorRate)}`);
  }
  return parts.join(', ');
}

function againstCurrent(current: TunePoint, best: TunePoint): string {
  const c0 = current.costUsdPerRequestServed;
  const c1 = best.costUsdPerRequestServed;
  const m0 = current.monthlyCostUsd;
  const m1 = best.monthlyCostUsd;
  const per = servedOne(best);
  const costChange = Number.isFinite(c0)
    ? `${usdEach(c0)} → ${usdEach(c1)} per ${per} (${c1 <= c0 ? `${pct(c1, c0)} less` : `${pct(c1, c0)} more`})`
    : `nothing served → ${usdEach(c1)} per ${per}`;
  const bill = `the bill ${formatUsd(m0)} → ${formatUsd(m1)} ${monthlyPeriod(current.monthlyBasis)} (${m1 <= m0 ? `${pct(m1, m0)} less` : `${pct(m1, m0)} more`})`;
  // The same arrivals: a larger bill with more requests served is more work done, not a dearer
  // configuration; say so when the served counts differ.
  const served =
    current.served === best.served
      ? bill
      : `${bill} for ${formatCount(best.served)} instead of ${formatCount(current.served)} ${servedMany(best)} of the same ` +
        `${best.servedUnit === 'records' ? 'messages and records' : `${formatCount(best.invocations)} arrivals`} (${refusedChange(current, best)})`;
  return (
    `Against the current ${label(current)}: ${costChange}; ${served}; mean duration ${formatMs(current.durationMs.mean)} → ` +
    `${formatMs(best.durationMs.mean)}, p99 latency ${latencyText(current, current.latencyMs.p99)} → ${latencyText(best, best.latencyMs.p99)}` +
    (current.meetsConstraints ? '.' : `; the current configuration violates ${violationsText(current)}.`)
  );
}

/** `throttleRate 5.2% > 1%, the lowest of any configuration (also 3008 MB x86_64)`. */
function closestText(r: TuneResult, best: TunePoint): string {
  return best.violations
    .map((v) => {
      const values = r.points
        .map((p) => ({ p, x: measuredValue(p, v.metric) }))
        .filter((x): x is { p: TunePoint; x: number } => x.x !== null);
      const lowest = Math.min(...values.map((x) => x.x));
      const ties = values.filter((x) => x.x === v.value && x.p !== best).map((x) => label(x.p));
      const rank =
        v.value <= lowest
          ? `the lowest of any configuration${ties.length > 0 ? ` (also ${ties.join(', ')})` : ''}`
          : `lowest among those violating no more constraints`;
      return `${violationText(v)}, ${rank}`;
    })
    .join('; ');
}

/** A point's value of a metric its violations or fields hold (null: not available). */
function measuredValue(p: TunePoint, metric: Violation['metric']): number | null {
  const v = p.violations.find((x) => x.metric === metric);
  if (v) return v.value;
  switch (metric) {
    case 'throttleRate':
      return p.throttleRate;
    case 'errorRate':
      return p.errorRate;
    case 'timeoutRate':
      return p.timeoutRate;
    case 'coldStartRate':
      return p.coldStartRate;
    case 'p50':
    case 'p90':
    case 'p95':
    case 'p99':
    case 'max':
      return p.succeeded === 0 ? Number.POSITIVE_INFINITY : p.latencyMs[metric];
    default:
      return null;
  }
}

/**
 * `every configuration is throttled by api's reserved concurrency 3 (76.3% to 90.6%), a limit memory
 * does not lift: ...`: why being less throttled is no reason to pay for more memory.
 */
function limitText(r: TuneResult, l: ConcurrencyLimit): string {
  const rates = r.points.map((p) => p.throttleRate);
  const limit =
    l.limit === 'reservedConcurrency'
      ? `${r.function}'s reserved concurrency ${formatCount(l.concurrency)}`
      : `the account's concurrency ${formatCount(l.concurrency)}`;
  return (
    `every configuration is throttled by ${limit} (${formatPercent(Math.min(...rates))} to ${formatPercent(Math.max(...rates))}), ` +
    `a limit memory does not lift: however fast its CPU part, every invocation waits its I/O, so at least ` +
    `${formatPercent(l.leastThrottleRate)} of the arrivals are throttled at any memory size. Run \`lamsim plan\` to find the change ` +
    `that lifts it (${l.limit === 'reservedConcurrency' ? 'more reserved concurrency' : 'a concurrency quota increase'})`
  );
}

/** Why the sweep recommends its configuration, in a few sentences (tune.json's `reason`). */
export function tuneReason(r: TuneResult): string {
  const rec = r.recommendation;
  const points = r.points;
  const best = pointOf(r, rec);
  const next = rec.runnerUp ? pointOf(r, rec.runnerUp) : undefined;
  const current = r.current;
  const parts: string[] = [];
  const bounds = r.objectives.map(describeObjective).join(', ');
  const feasible = points.filter((p) => p.meetsConstraints);
  if (feasible.length > 0) {
    const among =
      feasible.length === points.length
        ? `all ${points.length} configurations meet the constraints (${bounds})`
        : `${feasible.length} of ${points.length} configurations meet the constraints (${bounds})`;
    parts.push(`${label(best)} is ${strategyPhrase(r, best, next)}; ${among}.`);
    const excluded = points.filter((p) => !p.meetsConstraints);
    if (excluded.length > 0) {
      const shown = excluded.slice(0, 4).map((p) => `${label(p)} (${violationsText(p)})`);
      parts.push(
        `Excluded: ${shown.join('; ')}${excluded.length > 4 ? `; and ${excluded.length - 4} more` : ''}.`,
      );
    }
  } else if (rec.limitedBy !== null) {
    parts.push(
      `No configuration meets every constraint (${bounds}): ${limitText(r, rec.limitedBy)}. ` +
        `Among the configurations violating the fewest constraints, ${label(best)} is ${strategyPhrase(r, best, next)}.`,
    );
  } else {
    parts.push(
      `No configuration meets every constraint (${bounds}). The closest is ${label(best)}: ${closestText(r, best)}; ` +
        `among the configurations as close it is ${strategyPhrase(r, best, next)}.`,
    );
  }
  if (best.memoryMb === current.memoryMb && best.architecture === current.architecture) {
    parts.push('This is the current configuration.');
  } else {
    parts.push(againstCurrent(current, best));
  }
  return parts.join(' ');
}
