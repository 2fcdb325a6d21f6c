/**
 * Recommendations at a target load: the smallest change of each relevant knob that makes the
 * scenario meet every SLO, each verified by simulating it (with replications) at the target.
 *
 * For the bottleneck found at the target, every knob of its remedies is searched for its smallest
 * value that meets the SLOs (integers: doubling then bisection to 2 %, scouted on one run per value
 * and confirmed by full verdicts at its end; lists: the strongest value first, which settles a knob
 * that cannot help, then in order). Every knob
 * that gets there is an alternative; the cheapest by monthly cost is recommended (the monthly cost
 * bills everything a change brings, database instance hours included). When no single
 * knob gets there, the one that relieves its bottleneck with the smallest value (the bottleneck's
 * evidence gone) is applied and the search repeats on the next bottleneck, up to `maxSteps`
 * changes, so combined changes (reserved concurrency, then the database behind it) are found.
 */
import type { Scenario, SloMetric } from '../../scenario/index.ts';
import { scaleTraffic } from '../edits.ts';
import { type BottleneckFinding, findBottlenecks } from './bottleneck.ts';
import type { Evaluation, Evaluator } from './evaluate.ts';
import { type Change, type Knob, type KnobValue, knobsFor } from './knobs.ts';
import { ratiosOf, releaseAll, walkAhead } from './lookahead.ts';

export interface Alternative {
  /** Every setting changed, in the order applied. */
  readonly changes: readonly Change[];
  /** The verifying evaluation at the target load. */
  readonly evaluation: Evaluation;
  readonly scenario: Scenario;
}

export interface RecommendationSearch {
  /** The scenario at the target load, unchanged. */
  readonly before: Evaluation;
  /** What limits it there (null when it meets the SLOs). */
  readonly finding: BottleneckFinding | null;
  /** Alternatives that meet every SLO, cheapest first. */
  readonly alternatives: readonly Alternative[];
  /** When nothing met the SLOs: the furthest the search got, for the report. */
  readonly partial: Alternative | null;
  /** Remedies tried that did not meet every SLO even at their strongest value, in the order tried. */
  readonly failed: readonly FailedRemedy[];
}

/** A remedy (knob) that did not meet every SLO at the target, and why: codes and numbers. */
export interface FailedRemedy {
  /** The knob's id (`reservedConcurrency`, `memory`, `dbInstanceClass`, ...). */
  readonly knob: string;
  /** The bottleneck it was tried against (a BottleneckFinding code). */
  readonly bottleneck: string;
  /** Changes already applied before it (earlier steps of a combination). */
  readonly after: readonly Change[];
  /** The strongest value tried: its changes (the knob's own, and what AWS makes them imply). */
  readonly strongest: readonly Change[];
  /** The objectives still missed there (means over the replications). */
  readonly missed: readonly { readonly metric: SloMetric; readonly mean: number; readonly max: number }[];
  /** Whether some value removed the bottleneck it was tried for (then another limit broke the SLOs). */
  readonly relievedBottleneck: boolean;
}

interface Tried {
  readonly value: KnobValue;
  readonly scenario: Scenario;
  readonly changes: readonly Change[];
  readonly evaluation: Evaluation;
}

type Predicate = (scenario: Scenario, e: Evaluation) => boolean;

type IntegerDomain = Extract<Knob['domain'], { kind: 'integer' }>;

/**
 * The walk of an integer knob: doubling from the current value until a value passes, then
 * bisection down to 2 %, asking `passes` of each value in turn. Returns the final bracket: `lo` the
 * largest value that failed (the current value when none did), `hi` the smallest that passed (null:
 * the walk reached `to` without a pass, then `lo` is `to`).
 *
 * Every value the walk asks about is at most `lo` (it failed) or at least `hi` (it passed). So when
 * `passes` is monotone (a value passes when a smaller one does), the walk is fixed by the outcomes
 * at `lo` and `hi` alone: a walk on cheaper outcomes whose bracket the real outcomes confirm is the
 * real walk (see `smallest`).
 */
async function walkInteger(
  d: IntegerDomain,
  passes: (value: number) => Promise<boolean>,
): Promise<{ lo: number; hi: number | null }> {
  let lo = d.current;
  let hi: number;
  for (let v = Math.max(d.from, 2 * d.current); ; v = Math.min(d.to, 2 * v)) {
    if (await passes(v)) {
      hi = v;
      break;
    }
    lo = v;
    if (v >= d.to) return { lo, hi: null };
  }
  while (hi - lo > Math.max(1, Math.ceil(0.02 * hi))) {
    const mid = Math.floor((lo + hi) / 2);
    if (await passes(mid)) hi = mid;
    else lo = mid;
  }
  return { lo, hi };
}

/** The smallest value of the knob satisfying `ok`, or null when even its strongest value does not. */
async function smallest(
  base: Scenario,
  knob: Knob,
  target: number,
  evaluator: Evaluator,
  ok: Predicate,
): Promise<{ found: Tried | null; strongest: Tried | null }> {
  const tried = new Map<KnobValue, Tried>();
  const at = async (value: KnobValue): Promise<Tried> => {
    const cached = tried.get(value);
    if (cached) return cached;
    const applied = knob.apply(base, value);
    const t = { value, ...applied, evaluation: await evaluator.evaluate(applied.scenario, target) };
    tried.set(value, t);
    return t;
  };
  const d = knob.domain;
  if (d.kind === 'list') {
    // Values go from weakest to strongest: when the strongest does not satisfy `ok`, none does
    // (what failed at the strongest setting settles the knob), so with more than one value it is
    // tried first: a knob that cannot help costs one evaluation, not one per value.
    if (d.values.length > 1) {
      const strongest = await at(d.values[d.values.length - 1]);
      if (!ok(strongest.scenario, strongest.evaluation)) return { found: null, strongest };
    }
    let last: Tried | null = null;
    for (const value of d.values) {
      last = await at(value);
      if (ok(last.scenario, last.evaluation)) return { found: last, strongest: last };
    }
    return { found: null, strongest: last };
  }
  const passes = async (t: Tried) => ok(t.scenario, t.evaluation);
  // Scouting: the walk on replication 0 alone (one run per value instead of the replications of a
  // verdict), then full evaluations at the two values that end it. When they confirm its bracket,
  // the walk on full evaluations would have asked the same values with the same outcomes (see
  // walkInteger; the walk assumes monotone outcomes as bisection does), so it ends the same, at a
  // third of the runs or so; when they do not, the walk is made again on full evaluations.
  // While a value's scout runs, the walk's next value after the likelier outcome (or the further
  // replications of the values it would end at) is asked ahead (./lookahead.ts); the likelier
  // outcome is interpolated from the objectives' values when `ok` is meeting them.
  const scenarioAt = (value: number) => knob.apply(base, value).scenario;
  const scout = await walkAhead(
    (decide) => walkInteger(d, decide),
    async (value) => {
      const applied = knob.apply(base, value);
      const evaluation = await evaluator.scout(applied.scenario, target);
      return {
        passes: await passes({ value, ...applied, evaluation }),
        ratios: ok === meetsSlo ? ratiosOf(evaluation) : null,
      };
    },
    (step) =>
      'point' in step
        ? evaluator.aheadScout(scenarioAt(step.point), target)
        : releaseAll(
            [step.result.hi, step.result.lo > d.current ? step.result.lo : null].flatMap((v) =>
              v === null ? [] : [evaluator.aheadConfirming(scenarioAt(v), target)],
            ),
          ),
  );
  if (scout.hi === null) {
    const strongest = await at(scout.lo);
    if (!(await passes(strongest))) return { found: null, strongest };
  } else {
    const [hi, lo] = await Promise.all([at(scout.hi), scout.lo > d.current ? at(scout.lo) : null]);
    if ((await passes(hi)) && (lo === null || !(await passes(lo)))) return { found: hi, strongest: hi };
  }
  const walk = await walkInteger(d, async (value) => passes(await at(value)));
  const end = await at(walk.hi ?? walk.lo);
  return { found: walk.hi === null ? null : end, strongest: end };
}

const meetsSlo: Predicate = (_s, e) => e.meets;

/** True when the finding no longer shows at the evaluation. */
const relieves =
  (finding: BottleneckFinding, target: number): Predicate =>
  (scenario, e) =>
    !findBottlenecks({ scenario: scaleTraffic(scenario, target), evaluation: e }).some(
      (f) =>
        f.bottleneck === finding.bottleneck &&
        f.function === finding.function &&
        f.resource === finding.resource,
    );

/** How far from meeting: the sum of mean / objective over the failing objectives. */
const shortfall = (e: Evaluation) =>
  e.metrics.reduce(
    (sum, m) =>
      m.meets || m.mean === null ? sum : sum + Math.min(1e6, m.mean / Math.max(m.objective.max, 1e-12)),
    0,
  );

export async function recommendAt(
  scenario: Scenario,
  target: number,
  evaluator: Evaluator,
  maxSteps = 3,
): Promise<RecommendationSearch> {
  const before = await evaluator.evaluate(scenario, target);
  const findingAt = (s: Scenario, e: Evaluation) =>
    findBottlenecks({ scenario: scaleTraffic(s, target), evaluation: e })[0] ?? null;
  const firstFinding = before.meets ? null : findingAt(scenario, before);
  if (before.meets) return { before, finding: null, alternatives: [], partial: null, failed: [] };
  const failed: FailedRemedy[] = [];

  let base = scenario;
  let baseChanges: Change[] = [];
  let current = before;
  let partial: Alternative | null = null;
  for (let step = 0; step < maxSteps; step++) {
    const finding = findingAt(base, current);
    if (!finding) break;
    const knobs = knobsFor(base, finding);
    const alternatives: Alternative[] = [];
    const relieved: Tried[] = [];
    // Every knob's searches at once (their runs keep a worker pool busy), read in knob order: the
    // searches are independent and the evaluator's cache is keyed by input, so the result, and
    // the runs made, are those of searching one knob after the other.
    const searches = knobs.map((knob) => {
      const meets = smallest(base, knob, target, evaluator, meetsSlo);
      const relief = meets.then(({ found, strongest }) =>
        found || !strongest ? null : smallest(base, knob, target, evaluator, relieves(finding, target)),
      );
      // Awaited below in order; a failure surfaces there, not as an unhandled rejection first.
      meets.catch(() => {});
      relief.catch(() => {});
      return { knob, meets, relief };
    });
    for (const { knob, meets, relief } of searches) {
      const { found, strongest } = await meets;
      if (found) {
        alternatives.push({
          changes: [...baseChanges, ...found.changes],
          evaluation: found.evaluation,
          scenario: found.scenario,
        });
        continue;
      }
      const r = await relief;
      if (!strongest || !r) continue;
      // Only a change that removes its bottleneck is built on (the contract above): one that
      // leaves it would meet the same finding again and be tried again from its strongest value.
      if (r.found) relieved.push(r.found);
      failed.push({
        knob: knob.id,
        bottleneck: finding.bottleneck,
        after: baseChanges,
        strongest: strongest.changes,
        missed: strongest.evaluation.metrics.flatMap((m) =>
          m.meets || m.mean === null
            ? []
            : [{ metric: m.objective.metric, mean: m.mean, max: m.objective.max }],
        ),
        relievedBottleneck: r.found !== null,
      });
    }
    if (alternatives.length > 0) {
      alternatives.sort((a, b) => a.evaluation.monthlyCostUsd.mean - b.evaluation.monthlyCostUsd.mean);
      return { before, finding: firstFinding, alternatives, partial: null, failed };
    }
    if (relieved.length === 0) break;
    relieved.sort((a, b) => shortfall(a.evaluation) - shortfall(b.evaluation));
    const next = relieved[0];
    base = next.scenario;
    baseChanges = [...baseChanges, ...next.changes];
    current = next.evaluation;
    partial = { changes: baseChanges, evaluation: current, scenario: base };
    if (current.meets) {
      return { before, finding: firstFinding, alternatives: [partial], partial: null, failed };
    }
  }
  return { before, finding: firstFinding, alternatives: [], partial, failed };
}
