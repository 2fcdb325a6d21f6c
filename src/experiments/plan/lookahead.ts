/**
 * Looking ahead in a walk (issue 14 item 5): a search that asks one point at a time (bisection on
 * the load factor, or on a knob's value) is a chain of runs, each waiting for the one before, while
 * the other threads may have nothing to do. Its next point is one of two, one for each outcome of
 * the point asked now, so the likelier one can be run ahead on an idle thread, and the search
 * takes it when it gets there. Only the likelier: the other one, run too when a thread frees
 * before the answer, was mostly wasted and held that thread from the runs asked next (a replay of
 * plan on api-burst in virtual time, each run lasting its measured CPU: 12.14 s with both, 11.05 s
 * with the likelier alone, 12.08 s without looking ahead).
 *
 * A walk here is a function of the outcomes it is given: called again with the same outcomes, it
 * asks the same points in the same order (no other input, no side effect but asking). So the point
 * it would ask after an outcome is found by replaying it (`nextStep`), and the walk itself is
 * untouched: looking ahead changes which runs start when, never what the walk asks or decides.
 *
 * Which outcome is likelier: interpolated from the points already asked. Each answered point has
 * its objectives' values over their bounds (`ratiosOf`: a verdict meets when each is at most 1);
 * between the nearest points asked below and above, each ratio is taken as log-linear in the point
 * (tails and refusal rates fall about exponentially with capacity; ratios below 1e-3 count as
 * 1e-3), and the point likely passes when every interpolated ratio is at most 1. With a neighbour
 * on one side only (while a walk brackets), there is no guess and nothing is asked ahead: on plan's
 * api-burst, repeating the last outcome there was wrong 3 times in 4. A wrong guess costs a run on
 * a thread that was idle, and delays what is asked while it runs. (On plan's api-burst, 5 of the 6 bisection steps of each walk are guessed
 * right; linear interpolation of the worst ratio guessed 4 of 6.)
 */
import type { Evaluation } from './evaluate.ts';

/** A walk asking points by `decide` (true: the point passes), ending with a result. */
export type Walk<R> = (decide: (point: number) => Promise<boolean>) => Promise<R>;

/** What the walk does next after an outcome: ask a point, or end with a result. */
export type NextStep<R> = { readonly point: number } | { readonly result: R };

/** An answered point: whether it passed, and its objectives' ratios (null: none to interpolate). */
export interface Answer {
  readonly passes: boolean;
  readonly ratios: readonly (number | null)[] | null;
}

class Stop {
  constructor(readonly point: number) {}
}

/** One release that calls each of `releases` (the runs a step asked ahead, in several evaluations). */
export function releaseAll(releases: readonly (() => void)[]): () => void {
  return () => {
    for (const release of releases) release();
  };
}

/** What `walk` does after answering `outcomes` in order (its asks beyond them are not answered). */
export async function nextStep<R>(walk: Walk<R>, outcomes: readonly boolean[]): Promise<NextStep<R>> {
  let asked = 0;
  try {
    const result = await walk(async (point) => {
      if (asked === outcomes.length) throw new Stop(point);
      return outcomes[asked++];
    });
    return { result };
  } catch (e) {
    if (e instanceof Stop) return { point: e.point };
    throw e;
  }
}

/** Each objective's mean over its bound (null: not measured); a bound of 0 exceeded counts as 1e6. */
export function ratiosOf(e: Evaluation): (number | null)[] {
  return e.metrics.map((m) => {
    if (m.mean === null) return null;
    const max = m.objective.max;
    return Math.min(1e6, max > 0 ? m.mean / max : m.mean > 0 ? 1e6 : 0);
  });
}

const RATIO_FLOOR = 1e-3;

/** Whether `point` likely passes, from the answers so far (see the module comment); null: no guess. */
export function likelyPasses(point: number, answers: ReadonlyMap<number, Answer>): boolean | null {
  let below: [number, readonly (number | null)[]] | null = null;
  let above: [number, readonly (number | null)[]] | null = null;
  for (const [x, a] of answers) {
    if (a.ratios === null) continue;
    if (x < point && (below === null || x > below[0])) below = [x, a.ratios];
    if (x > point && (above === null || x < above[0])) above = [x, a.ratios];
  }
  if (!(below && above)) return null;
  const f = (point - below[0]) / (above[0] - below[0]);
  const [lo, hi] = [below[1], above[1]];
  return lo.every((r, i) => {
    const q = hi[i];
    if (r === null || q === undefined || q === null) return true;
    const ln = (x: number) => Math.log(Math.max(x, RATIO_FLOOR));
    return ln(r) + f * (ln(q) - ln(r)) <= 0;
  });
}

/**
 * Runs `walk` with `answer` deciding each point, and while a point's answer is awaited, hands
 * `ahead` what the walk does next after the likelier outcome (when there is a guess). `ahead` returns a
 * release, called when the answer is known and before the walk asks its next point (so the run it
 * asks next is taken from the runs asked ahead, and the other ones dropped if not started).
 * The result is `walk`'s on `answer`'s outcomes, whatever `ahead` does.
 */
export async function walkAhead<R>(
  walk: Walk<R>,
  answer: (point: number) => Promise<Answer>,
  ahead: (next: NextStep<R>) => () => void,
): Promise<R> {
  const answers = new Map<number, Answer>();
  const outcomes: boolean[] = [];
  return walk(async (point) => {
    // The point's own run is asked before any run ahead, so it is not queued behind them.
    const answered = answer(point);
    answered.catch(() => {}); // surfaces below
    const likely = likelyPasses(point, answers);
    let release = () => {};
    if (likely !== null) release = ahead(await nextStep(walk, [...outcomes, likely]));
    let a: Answer;
    try {
      a = await answered;
    } finally {
      release();
    }
    answers.set(point, a);
    outcomes.push(a.passes);
    return a.passes;
  });
}
