/**
 * Scouting the breaking-point search (issue 14 item 5): the doubling/halving and bisection walk runs
 * on replication 0 alone (the baseline in full), then full evaluations at the two factors that end
 * it confirm the bracket. The result (lo, hi, inconclusive, stop, and every evaluation reported at
 * them) must be the one the walk on full evaluations gives (`scout: false`, the search as it was
 * before scouting), with fewer runs; a scout that misleads may cost runs, never change the answer.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEARCH_SETTINGS,
  type Evaluation,
  Evaluator,
  type ReplicationSettings,
  type SearchResult,
  type SearchSettings,
  searchBreakingPoint,
} from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import type { Scenario, SloObjective } from '../../src/scenario/index.ts';
import { erlangB } from '../helpers/queueing.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

// 20 req/s of exponential 100 ms behind reserved concurrency 10, no SDK retries: an M/M/10/10 loss
// system, 2 Erlangs today. Erlang B reaches 10 % between 2 and 4x (4 and 8 Erlangs), so the
// search doubles to 4x and bisects; at 10 % the replications tell the loads 2 % apart (at 1 % they
// cannot, and the search stops for confidence: the fourth case).
const loss = scenarioFrom(
  oneFunction(
    { io: '{ dist: exponential, mean: 100ms }', extra: 'reservedConcurrency: 10', attempts: 1 },
    20,
    '2m',
    'poisson',
  ),
);
const objectives: SloObjective[] = [{ metric: 'throttleRate', max: 0.1 }];

/** A scout that says the opposite of the full verdict at every factor. */
class OppositeEvaluator extends Evaluator {
  override async scout(scenario: Scenario, scale: number): Promise<Evaluation> {
    const e = await this.evaluate(scenario, scale);
    return { ...e, meets: !e.meets };
  }
}

/**
 * Replication 0 that is not monotone in the factor: its own verdict everywhere except at the
 * `lieAt`-th factor scouted, where it says the opposite.
 */
class OneLieEvaluator extends Evaluator {
  private asked = 0;
  lieAt = 2;
  override async scout(scenario: Scenario, scale: number): Promise<Evaluation> {
    const e = await super.scout(scenario, scale);
    return ++this.asked === this.lieAt ? { ...e, meets: !e.meets } : e;
  }
}

const evaluator = (replications?: ReplicationSettings) =>
  new Evaluator(inProcessRunner(), objectives, ['f'], replications);

async function search(e: Evaluator, settings: Partial<SearchSettings> = {}) {
  const r = await searchBreakingPoint(loss, e, { ...DEFAULT_SEARCH_SETTINGS, ...settings });
  return { r, runs: e.runs };
}

/** What the search answers: its bracket, stop and the full evaluations there (summaries included). */
const answerOf = (r: SearchResult) =>
  JSON.stringify({ baseline: r.baseline, lo: r.lo, hi: r.hi, inconclusive: r.inconclusive, stop: r.stop });

describe('scouting the breaking-point search', () => {
  it('ends where the walk on full evaluations does, with fewer runs', async () => {
    expect(erlangB(10, 4)).toBeLessThan(0.1);
    expect(erlangB(10, 8)).toBeGreaterThan(0.1);
    const reference = await search(evaluator(), { scout: false });
    const scouted = await search(evaluator());
    // The case exercises the walk: doubling past 2x, then bisection to 2 %.
    expect(reference.r.stop).toBe('resolution');
    expect(reference.r.lo!.scale).toBeGreaterThan(2);
    expect(reference.r.hi!.scale).toBeLessThanOrEqual(4);
    expect(reference.r.evaluations.length).toBeGreaterThan(5);
    expect(reference.r.scouts).toEqual([]);

    expect(answerOf(scouted.r)).toBe(answerOf(reference.r));
    // Full evaluations only at the baseline and the bracket's ends; one run at each other step.
    expect(scouted.r.evaluations.map((e) => e.scale)).toEqual([1, scouted.r.lo!.scale, scouted.r.hi!.scale]);
    expect(scouted.r.scouts.map((e) => e.scale)).toEqual(
      reference.r.evaluations.map((e) => e.scale).filter((s) => s !== 1),
    );
    for (const s of scouted.r.scouts) {
      expect(s.replications).toBe(1);
      // A scout is replication 0 of the full evaluation at its factor.
      const full = reference.r.evaluations.find((e) => e.scale === s.scale)!;
      expect(s.metrics[0].values[0]).toBe(full.metrics[0].values[0]);
    }
    expect(scouted.runs).toBeLessThan(reference.runs);
    // Each step after the baseline costs one run; the two ends their other replications.
    const rest = (e: Evaluation) => e.replications - 1;
    expect(scouted.runs).toBe(
      scouted.r.baseline.replications + scouted.r.scouts.length + rest(scouted.r.lo!) + rest(scouted.r.hi!),
    );
  });

  it('answers the same when every scout is wrong, at the cost of runs', async () => {
    const reference = await search(evaluator(), { scout: false });
    const misled = new OppositeEvaluator(inProcessRunner(), objectives, ['f']);
    const r = await search(misled);
    expect(answerOf(r.r)).toBe(answerOf(reference.r));
    // The full walk was made again: every factor it asked is evaluated in full.
    for (const e of reference.r.evaluations) expect(r.r.evaluations.map((x) => x.scale)).toContain(e.scale);
    expect(r.runs).toBeGreaterThan(reference.runs);
  });

  it('answers the same when replication 0 is not monotone in the load', async () => {
    const reference = await search(evaluator(), { scout: false });
    // A lie at each step of the walk in turn: some send the walk astray, and the ends catch it.
    let fellBack = 0;
    for (let lieAt = 1; lieAt <= reference.r.evaluations.length - 1; lieAt++) {
      const misled = new OneLieEvaluator(inProcessRunner(), objectives, ['f']);
      misled.lieAt = lieAt;
      const r = await search(misled);
      expect(answerOf(r.r)).toBe(answerOf(reference.r));
      if (r.r.evaluations.length > 3) fellBack++;
    }
    expect(fellBack).toBeGreaterThan(0);
  });

  it('stops for confidence where the walk on full evaluations does', async () => {
    const cases: [SloObjective[], ReplicationSettings | undefined][] = [
      // At 1 %, ten replications cannot tell loads 2 % apart near the breaking point...
      [[{ metric: 'throttleRate', max: 0.01 }], undefined],
      // ...and with two replications and 99.9 % asked, neither can they at 10 %.
      [objectives, { minReplications: 2, maxReplications: 2, confidence: 0.999 }],
    ];
    for (const [slo, replications] of cases) {
      const full = new Evaluator(inProcessRunner(), slo, ['f'], replications);
      const reference = await search(full, { scout: false });
      expect(reference.r.stop).toBe('confidence');
      expect(reference.r.inconclusive).not.toBeNull();
      const scouted = await search(new Evaluator(inProcessRunner(), slo, ['f'], replications));
      expect(answerOf(scouted.r)).toBe(answerOf(reference.r));
      // The full walk's evaluations are all there, and the bracket is of full evaluations.
      for (const e of reference.r.evaluations) {
        expect(scouted.r.evaluations.map((x) => x.scale)).toContain(e.scale);
      }
    }
  });

  it('confirms the end of a search that never breaks, and of one that never holds', async () => {
    // p99 <= 10 s holds at every load (throttled requests are not in it); p50 <= 1 ms at none.
    for (const settings of [{ maxScale: 4 }, { minScale: 0.25 }]) {
      const slo: SloObjective[] = [
        settings.maxScale ? { metric: 'p99', max: 10_000 } : { metric: 'p50', max: 1 },
      ];
      const reference = new Evaluator(inProcessRunner(), slo, ['f']);
      const scouted = new Evaluator(inProcessRunner(), slo, ['f']);
      const a = await search(reference, { ...settings, scout: false });
      const b = await search(scouted, settings);
      expect(a.r.stop).toBe(settings.maxScale ? 'max-scale' : 'min-scale');
      expect(answerOf(b.r)).toBe(answerOf(a.r));
      expect(b.runs).toBeLessThan(a.runs);
    }
  });
});
