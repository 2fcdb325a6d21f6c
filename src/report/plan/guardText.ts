/**
 * The sentences of what a plan watches beside its SLOs: throttled and failed requests at every
 * verdict, the guards exceeded where the SLOs hold (src/experiments/plan/plan.ts GuardWarning),
 * and the remedies that were tried at the target and did not get there (FailedRemedy). Pure.
 */
import type {
  Evaluation,
  FailedRemedy,
  GuardStep,
  GuardWarning,
  PlanResult,
} from '../../experiments/index.ts';
import { SLO_METRIC_INFO } from '../../experiments/index.ts';
import type { SloMetric } from '../../scenario/index.ts';
import { formatPercent, formatSloValue } from '../format.ts';
import { loadFactor, loadRate } from './loadText.ts';

/** The mean of `metric` at an evaluation, from its objectives or its guards (null: not measured). */
export function metricMean(e: Evaluation, metric: SloMetric): number | null {
  const m =
    e.metrics.find((x) => x.objective.metric === metric) ??
    e.guards.find((x) => x.objective.metric === metric);
  return m?.mean ?? null;
}

/** `throttled 48.2%, errors 0% of requests`: what the verdict at `e` always states. */
export function refusedText(e: Evaluation): string {
  const throttled = metricMean(e, 'throttleRate');
  const errors = metricMean(e, 'errorRate');
  const parts = [
    throttled === null ? '' : `throttled ${formatPercent(throttled)}`,
    errors === null ? '' : `errors ${formatPercent(errors)}`,
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')} of requests` : '';
}

const NAMES: Partial<Record<SloMetric, string>> = {
  throttleRate: 'throttled',
  errorRate: 'failed or timed out',
};

/** The `--slo` argument that makes a guard an SLO, e.g. `--slo throttleRate=1%`. */
export const sloFlag = (w: GuardWarning) =>
  `--slo ${w.objective.metric}=${formatSloValue(w.objective.metric, w.objective.max).replace(/\s/g, '')}`;

/** Why a guard warning matters and how to act on it, in a sentence or two. */
export function warningText(p: PlanResult, w: GuardWarning): string {
  const what = NAMES[w.objective.metric] ?? SLO_METRIC_INFO[w.objective.metric].label;
  const f = w.firstExceeded;
  const guard = `lamsim's default guard of ${formatSloValue(w.objective.metric, w.objective.max)}, which is not one of your SLOs`;
  const head = `Warning: ${formatPercent(f.value)} of requests are ${what} at ${loadRate(p.arrivalUnit, f.peakRate)} (${loadFactor(f.scale)})${f.function ? ` for ${f.function}` : ''}, above ${guard}`;
  const hidden =
    w.objective.metric === 'throttleRate' || w.objective.metric === 'errorRate'
      ? '; latency percentiles cover only the requests that succeeded, so your SLOs do not see them'
      : '';
  const step = (x: GuardStep) =>
    `${loadRate(p.arrivalUnit, x.peakRate)} (${loadFactor(x.scale)}; ${formatPercent(x.value)}${x.scout ? " in the search step's one run" : ''})`;
  const above = w.exceededAbove;
  const held = !w.withinHeadroom
    ? ''
    : w.lastHeld
      ? `. Counting them, the load held is at least ${step(w.lastHeld)} and below ${step(above)}, as far as the search's loads tell, not ${loadRate(p.arrivalUnit, p.search.lo?.peakRate ?? 0)}`
      : `. Counting them, not even the lowest load tried (${loadRate(p.arrivalUnit, above.peakRate)}, ${loadFactor(above.scale)}) is held`;
  const target =
    w.atTarget.exceeded && w.atTarget.value !== null
      ? `. At the target (${loadRate(p.arrivalUnit, p.target.peakRate)}) ${formatPercent(w.atTarget.value)} are ${what}`
      : '';
  return `${head}${hidden}${held}${target}. Add ${sloFlag(w)} (or an slo: block entry) to plan for it and find where it breaks.`;
}

/** `functions.api.reservedConcurrency up to 3200: p99 612 ms > 500 ms still; ...` (what a failed remedy left). */
export function failedRemedyText(f: FailedRemedy): string {
  const own = f.strongest[0];
  const upTo = own ? ` up to ${own.to}` : '';
  const after =
    f.after.length > 0 ? ` (after ${f.after.map((c) => `${c.setting} → ${c.to}`).join(', ')})` : '';
  const missed = f.missed
    .map((m) => `${m.metric} ${formatSloValue(m.metric, m.mean)} > ${formatSloValue(m.metric, m.max)}`)
    .join(', ');
  const why = f.relievedBottleneck
    ? `removes the ${f.bottleneck} limit but another one breaks the SLOs`
    : `does not remove the ${f.bottleneck} limit`;
  const what = own ? own.setting : f.knob;
  return `${what}${upTo}${after}: ${missed ? `${missed} still; ` : ''}${why}`;
}
