/**
 * The sentences of what a plan watches beside its SLOs: throttled and failed requests (events,
 * batches: each function's own noun, countWords.ts) at every verdict, the guards exceeded where the SLOs hold (src/experiments/plan/plan.ts GuardWarning),
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
import { arrivalNoun } from '../countWords.ts';
import { formatPercent, formatSloValue } from '../format.ts';
import { loadFactor, loadRate } from './loadText.ts';

/**
 * What `fn`'s counts and rates count, in the run report's words: `requests`, `events` (asynchronous
 * invokes), `batches` (SQS and stream mappings) or `invocations` (more than one kind); `requests`
 * for a scenario-wide figure (no function).
 */
export function nounOf(p: Pick<PlanResult, 'invokedAs'>, fn: string | null): string {
  const kinds = fn === null ? undefined : p.invokedAs[fn];
  return kinds ? arrivalNoun({ invokedAs: kinds }) : 'requests';
}

/** The estimate of `metric` at `e`, from its objectives or its guards (undefined: not watched). */
const estimateOf = (e: Evaluation, metric: SloMetric) =>
  e.metrics.find((x) => x.objective.metric === metric) ?? e.guards.find((x) => x.objective.metric === metric);

/**
 * `throttled 48.2%, errors 0% of requests`: what the verdict at `e` always states, each rate of
 * the function it is worst for, in that function's noun (`throttled 9.5% of batches, errors 1% of
 * requests` when they differ).
 */
export function refusedText(p: Pick<PlanResult, 'invokedAs'>, e: Evaluation): string {
  const rates = [
    { word: 'throttled', m: estimateOf(e, 'throttleRate') },
    { word: 'errors', m: estimateOf(e, 'errorRate') },
  ].flatMap(({ word, m }) =>
    m && m.mean !== null ? [{ text: `${word} ${formatPercent(m.mean)}`, noun: nounOf(p, m.function) }] : [],
  );
  if (rates.length === 0) return '';
  if (rates.every((r) => r.noun === rates[0].noun)) {
    return `${rates.map((r) => r.text).join(', ')} of ${rates[0].noun}`;
  }
  return rates.map((r) => `${r.text} of ${r.noun}`).join(', ');
}

const NAMES: Partial<Record<SloMetric, string>> = {
  throttleRate: 'throttled',
  errorRate: 'failed or timed out',
  lostWriteRate: 'lost to its shard write limit',
};

/** What a scenario-wide guard counts a share of (per-function guards: the function's noun). */
const SHARE_OF: Partial<Record<SloMetric, string>> = {
  lostWriteRate: 'the writes into a Kinesis stream',
};

/** The `--slo` argument that makes a guard an SLO, e.g. `--slo throttleRate=1%`. */
export const sloFlag = (w: GuardWarning) =>
  `--slo ${w.objective.metric}=${formatSloValue(w.objective.metric, w.objective.max).replace(/\s/g, '')}`;

/** Why a guard warning matters and how to act on it, in a sentence or two. */
export function warningText(p: PlanResult, w: GuardWarning): string {
  const what = NAMES[w.objective.metric] ?? SLO_METRIC_INFO[w.objective.metric].label;
  const f = w.firstExceeded;
  const noun = SHARE_OF[w.objective.metric] ?? nounOf(p, f.function);
  const guard = `lamsim's default guard of ${formatSloValue(w.objective.metric, w.objective.max)}, which is not one of your SLOs`;
  const head = `Warning: ${formatPercent(f.value)} of ${noun} are ${what} at ${loadRate(p.arrivalUnit, f.peakRate)} (${loadFactor(f.scale)})${f.function ? ` for ${f.function}` : ''}, above ${guard}`;
  const hidden =
    w.objective.metric === 'throttleRate' || w.objective.metric === 'errorRate'
      ? `; latency percentiles cover only the ${noun} that succeeded, so your SLOs do not see them`
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
