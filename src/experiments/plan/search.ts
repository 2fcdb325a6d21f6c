/**
 * The breaking point of a scenario: the largest factor on its traffic at which every SLO still
 * holds. Bracketing first (doubling up from 1 while the SLOs hold, halving down while they do
 * not), then bisection on the bracket's geometric midpoint until the bracket is narrower than
 * `tolerance` (relative), a verdict is not trusted at the requested confidence, or the step budget
 * is spent: the walk (`walk`), on full evaluations (replications until the verdict is trusted).
 *
 * Scouting (issue 14 item 5; `scout`, on by default): the walk is made first on one run per factor
 * (replication 0, `Evaluator.scout`; the baseline, factor 1, is always a full evaluation), then the
 * factors that end it are evaluated in full. When the full verdicts there are the decisions the
 * walk took (see `walk`: meets at `lo`, fails at `hi`, each trusted when bisection asked it), the
 * walk on full evaluations would have asked the same factors with the same decisions, so it ends
 * the same — same `lo`, `hi` and stop — assuming, as bisection does, that outcomes are monotone
 * in the factor: the SLOs hold with confidence below the breaking point, the replications cannot
 * tell near it, and they fail with confidence above it. When they are not, the walk is made again
 * on full evaluations (every run made is reused), which is then the answer. A scout has no
 * confidence, so only the full walk stops for `confidence`: under that assumption a full walk that
 * would meet an uncertain midpoint leaves an end of the scouted walk unconfirmed (when both ends
 * confirm, every factor asked is surely on its side), so it is made and stops there. The ends are
 * confirmed one after the other, in the order the walk asked them (see endsOf).
 *
 * Looking ahead (./lookahead.ts): while a scout runs, the scout of the factor the walk asks next
 * after the likelier outcome (or, where it would end, the further replications of its ends) is
 * asked ahead, and
 * while an end is confirmed, the next end's further replications. They run only on threads
 * nothing else waits for and count only when the walk asks them, so the walk, its runs and the
 * result are the same; the chain of one scout at a time no longer leaves a thread idle.
 *
 * What the result states: the SLOs hold at `lo` (with confidence `lo.confidence`) and fail at `hi`
 * (with confidence `hi.confidence`), so — the metrics growing with load — the breaking point is
 * between them; `lo`, `hi` and `inconclusive` are always full evaluations, never scouts. Bisection
 * stops at a midpoint whose verdict stays below the requested confidence after the maximum
 * replications: the breaking point is then statistically indistinguishable from that midpoint
 * (`inconclusive`) at this budget, and the bracket is what can be stated.
 */

import { present } from '../../result.ts';
import type { Scenario } from '../../scenario/index.ts';
import { type BacklogEstimate, largestBacklog } from '../backlogEstimate.ts';
import { scaleTraffic } from '../edits.ts';
import { estimateSize } from '../sizeCheck.ts';
import type { Evaluation, Evaluator } from './evaluate.ts';
import { type Answer, type NextStep, ratiosOf, releaseAll, walkAhead } from './lookahead.ts';

export interface SearchSettings {
  /** Stop when hi / lo - 1 is at most this (default 0.02). */
  readonly tolerance: number;
  /** Largest factor tried (default 1024). */
  readonly maxScale: number;
  /** Smallest factor tried (default 1/1024). */
  readonly minScale: number;
  /** Factors asked at most, the baseline included (default 40; per walk: a scouted step counts as one). */
  readonly maxSteps: number;
  /** A factor whose runs would simulate more invocations than this is not tried. */
  readonly maxInvocationsPerRun: number;
  /**
   * A factor at which a queue would hold more messages than this at once is not tried
   * (../backlogEstimate.ts; default 2^21, 64 MB of messages per run, and the search runs two at once).
   */
  readonly maxHeldMessagesPerRun: number;
  /** Walk on one run per factor first, then confirm its ends in full (default true; see above). */
  readonly scout: boolean;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = {
  tolerance: 0.02,
  maxScale: 1024,
  minScale: 1 / 1024,
  maxSteps: 40,
  maxInvocationsPerRun: 50_000_000,
  maxHeldMessagesPerRun: 2 ** 21,
  scout: true,
};

/** Why the search stopped. */
export type SearchStop =
  | 'resolution' // the bracket is narrower than the tolerance
  | 'confidence' // a verdict stayed uncertain at the maximum replications
  | 'steps' // the step budget ran out
  | 'max-scale' // the SLOs hold at the largest factor tried
  | 'size' // a larger factor would exceed the size limit
  | 'backlog' // at a larger factor a queue would hold more messages than the limit (`backlog` says which)
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
  /** Every full evaluation the search made, by factor. */
  readonly evaluations: readonly Evaluation[];
  /**
   * The scouted walk's steps, by factor: one run each (replication 0), the baseline left out.
   * A step's `meets` is the way the walk went, not a verdict; empty when `scout` is off.
   */
  readonly scouts: readonly Evaluation[];
  /** When the search stopped at `backlog`: the queue and its estimate at the factor not tried. */
  readonly backlog: SearchBacklog | null;
}

/** The backlog estimate that kept the search from a factor (`scale`). */
export interface SearchBacklog extends BacklogEstimate {
  readonly scale: number;
}

/** The walk's decision at a factor: `uncertain` only where bisection asks for a trusted verdict. */
type Decision = 'meets' | 'fails' | 'uncertain';
/** Where in the walk a factor is asked: bracketing takes the verdict as it is, bisection needs it trusted. */
type Phase = 'bracket' | 'bisection';

interface Walk {
  readonly lo: number | null;
  readonly hi: number | null;
  readonly stop: SearchStop;
  readonly inconclusive: number | null;
  /** The phase each factor was asked in. */
  readonly phases: ReadonlyMap<number, Phase>;
}

/**
 * The walk, asking `decide` about one factor at a time (1 first). Every factor it asks ends at most
 * `lo` (the walk's decision there was meets) or at least `hi` (fails), bisection's midpoints lying
 * strictly inside the bracket. So when decisions are monotone in the factor, the walk is fixed by
 * the decisions at `lo` and `hi` alone: a walk on cheaper decisions whose ends the real decisions
 * confirm is the real walk (see searchBreakingPoint).
 */
async function walk(
  settings: SearchSettings,
  fits: (scale: number) => 'size' | 'backlog' | null,
  decide: (scale: number, phase: Phase) => Promise<Decision>,
): Promise<Walk> {
  const phases = new Map<number, Phase>();
  const ask = (scale: number, phase: Phase) => {
    phases.set(scale, phase);
    return decide(scale, phase);
  };
  const done = (
    lo: number | null,
    hi: number | null,
    stop: SearchStop,
    inconclusive: number | null = null,
  ) => ({
    lo,
    hi,
    stop,
    inconclusive,
    phases,
  });
  let lo: number | null = null;
  let hi: number | null = null;
  if ((await ask(1, 'bracket')) === 'meets') {
    lo = 1;
    for (let s = 2; ; s *= 2) {
      if (s > settings.maxScale) return done(lo, null, 'max-scale');
      const tooLarge = fits(s);
      if (tooLarge !== null) return done(lo, null, tooLarge);
      if (phases.size >= settings.maxSteps) return done(lo, null, 'steps');
      if ((await ask(s, 'bracket')) !== 'meets') {
        hi = s;
        break;
      }
      lo = s;
    }
  } else {
    hi = 1;
    for (let s = 0.5; ; s /= 2) {
      if (s < settings.minScale) return done(null, hi, 'min-scale');
      if (phases.size >= settings.maxSteps) return done(null, hi, 'steps');
      if ((await ask(s, 'bracket')) === 'meets') {
        lo = s;
        break;
      }
      hi = s;
    }
  }
  while (hi / lo - 1 > settings.tolerance) {
    if (phases.size >= settings.maxSteps) return done(lo, hi, 'steps');
    const mid = Math.sqrt(lo * hi);
    const d = await ask(mid, 'bisection');
    if (d === 'uncertain') return done(lo, hi, 'confidence', mid);
    if (d === 'meets') lo = mid;
    else hi = mid;
  }
  return done(lo, hi, 'resolution');
}

const byScale = (a: Evaluation, b: Evaluation) => a.scale - b.scale;

/**
 * A scouted walk's ends and the decision it took there, in the order it asked them: its ends are
 * confirmed one after the other in that order, because the walk on full evaluations follows the
 * same path until it disagrees, so it would reach the first one first, and when that one disagrees
 * the other is not evaluated for nothing. (On two threads each end's two further replications take
 * one round, whether the ends run together or in turn.)
 */
function endsOf(w: Walk): [number, Decision][] {
  const asked = [...w.phases.keys()];
  const ends: [number, Decision][] = [];
  if (w.lo !== null) ends.push([w.lo, 'meets']);
  if (w.hi !== null) ends.push([w.hi, 'fails']);
  return ends.sort((a, b) => asked.indexOf(a[0]) - asked.indexOf(b[0]));
}

export async function searchBreakingPoint(
  scenario: Scenario,
  evaluator: Evaluator,
  settings: SearchSettings = DEFAULT_SEARCH_SETTINGS,
): Promise<SearchResult> {
  const full = new Map<number, Evaluation>();
  const scouts = new Map<number, Evaluation>();
  const evaluate = async (scale: number) => {
    const e = await evaluator.evaluate(scenario, scale);
    full.set(scale, e);
    return e;
  };
  const fullDecision = async (scale: number, phase: Phase): Promise<Decision> => {
    const e = await evaluate(scale);
    if (phase === 'bisection' && e.confidence < evaluator.settings.confidence) return 'uncertain';
    return e.meets ? 'meets' : 'fails';
  };
  const scoutAnswer = async (scale: number): Promise<Answer> => {
    // The baseline is reported, so it is evaluated in full, and the walk takes its verdict.
    const e = scale === 1 ? await evaluate(scale) : await evaluator.scout(scenario, scale);
    if (scale !== 1) scouts.set(scale, e);
    return { passes: e.meets, ratios: ratiosOf(e) };
  };
  // The runs the walk's likelier next step needs, asked ahead (./lookahead.ts): the next factor's
  // scout, or the further replications of the ends it would stop at.
  const aheadOf = (step: NextStep<Walk>) =>
    'point' in step
      ? evaluator.aheadScout(scenario, step.point)
      : releaseAll(endsOf(step.result).map(([scale]) => evaluator.aheadConfirming(scenario, scale)));
  // Why a factor is not tried (null: it is), and the backlog estimate of the last one refused for it.
  let backlog: SearchBacklog | null = null;
  const fits = (scale: number): 'size' | 'backlog' | null => {
    const scaled = scaleTraffic(scenario, scale);
    if (!(estimateSize(scaled).invocations <= settings.maxInvocationsPerRun)) return 'size';
    const held = largestBacklog(scaled);
    if (held === null || held.heldMessages <= settings.maxHeldMessagesPerRun) return null;
    backlog = { ...held, scale };
    return 'backlog';
  };
  const result = (w: Walk): SearchResult => {
    const at = (scale: number | null) =>
      scale === null ? null : present(full.get(scale), 'a full evaluation');
    return {
      baseline: present(full.get(1), 'the baseline evaluation'),
      lo: at(w.lo),
      hi: at(w.hi),
      inconclusive: at(w.inconclusive),
      stop: w.stop,
      evaluations: [...full.values()].sort(byScale),
      scouts: [...scouts.values()].sort(byScale),
      backlog: w.stop === 'backlog' ? backlog : null,
    };
  };

  if (settings.scout) {
    const scouted = await walkAhead(
      (decide) => walk(settings, fits, async (scale) => ((await decide(scale)) ? 'meets' : 'fails')),
      scoutAnswer,
      aheadOf,
    );
    // The ends one after the other (see endsOf); the next one's further replications asked ahead.
    const ends = endsOf(scouted);
    let confirmed = true;
    for (const [i, [scale, decision]] of ends.entries()) {
      const phase = present(scouted.phases.get(scale), 'the phase of a factor asked');
      const decided = fullDecision(scale, phase); // asked before the runs ahead
      const following = ends[i + 1];
      const release = following ? evaluator.aheadConfirming(scenario, following[0]) : () => {};
      const confirms = (await decided) === decision;
      release();
      if (!confirms) {
        confirmed = false;
        break;
      }
    }
    if (confirmed) return result(scouted);
  }
  return result(await walk(settings, fits, fullDecision));
}
