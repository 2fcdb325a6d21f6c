/**
 * The sentences of a tuning sweep's recommendation (tune.json's `reason`, the report's and the
 * CLI's text), written from the sweep's codes and numbers (src/experiments/tune/recommend.ts): why
 * this configuration under the strategy, which points the constraints excluded, and the change
 * against the current configuration. Pure.
 */
import type { TuneConfiguration, TunePoint, TuneResult, Violation } from '../../experiments/index.ts';
import { describeObjective, formatMs, formatPercent, formatSloValue, formatUsd } from '../format.ts';

const label = (p: TuneConfiguration) => `${p.memoryMb} MB ${p.architecture}`;

const pct = (to: number, from: number): string => {
  if (from === 0) return to === 0 ? '0%' : 'n/a';
  const r = (to / from - 1) * 100;
  return `${Math.abs(r) < 0.05 ? '0' : Math.abs(r).toFixed(1)}%`;
};

const usdPerInvocation = (usd: number): string => `$${Number(usd.toPrecision(3))}`;

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
  const cost = usdPerInvocation(best.costUsdPerInvocation);
  const dur = formatMs(best.durationMs.mean);
  if (r.strategy === 'cost') {
    const head = `the cheapest: ${cost} per invocation (${formatUsd(best.monthlyCostUsd)} per month), mean duration ${dur}`;
    if (!next) return head;
    return next.costUsdPerInvocation === best.costUsdPerInvocation
      ? `${head}; ${label(next)} costs the same but is slower (${formatMs(next.durationMs.mean)})`
      : `${head}; the next cheapest, ${label(next)}, costs ${pct(next.costUsdPerInvocation, best.costUsdPerInvocation)} more`;
  }
  if (r.strategy === 'speed') {
    const head = `the fastest: mean duration ${dur} at ${cost} per invocation`;
    if (!next) return head;
    return next.durationMs.mean === best.durationMs.mean
      ? `${head}; ${label(next)} is as fast but costs more (${usdPerInvocation(next.costUsdPerInvocation)})`
      : `${head}; the next fastest, ${label(next)}, takes ${pct(next.durationMs.mean, best.durationMs.mean)} longer (${formatMs(next.durationMs.mean)})`;
  }
  const scores = r.recommendation.scores;
  if (!scores) throw new Error('tune result: a balanced recommendation without scores');
  const head =
    `the best balance, score ${scores.recommended.toFixed(3)} (lowest of ${r.weight} × cost/max cost + ${Number((1 - r.weight).toFixed(6))} × duration/max duration): ` +
    `${cost} per invocation, mean duration ${dur}`;
  return next ? `${head}; next, ${label(next)} scores ${(scores.runnerUp ?? Number.NaN).toFixed(3)}` : head;
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
  } else {
    parts.push(
      `No configuration meets every constraint (${bounds}). ${label(best)} violates the fewest ` +
        `(${violationsText(best)}) and among those is ${strategyPhrase(r, best, next)}.`,
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
        (current.meetsConstraints ? '.' : `; the current configuration violates ${violationsText(current)}.`),
    );
  }
  return parts.join(' ');
}
