/**
 * Scouting an integer knob (issue 14 item 5): the knob's doubling-then-bisection walk runs on
 * replication 0 alone, then full evaluations at the two values that end it confirm the bracket.
 * The recommendation must be the one the walk on full evaluations gives (every evaluation, every
 * summary), with fewer runs; a scout that misleads may cost runs, never change the answer.
 */
import { describe, expect, it } from 'vitest';
import { type Evaluation, Evaluator, recommendAt } from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import type { Scenario, SloObjective } from '../../src/scenario/index.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

// 10 reserved environments for requests of 100 ms or more (50 ms of CPU written at 1,769 MB, slower
// at 1,024 MB, and 50 ms of I/O on average) at 40 req/s: at 5x (200 req/s) more than 20 concurrent
// executions are busy on average, so throttleRate <= 2 % needs reserved concurrency well above 20:
// the reserved-concurrency knob walks (doubling, then bisection).
const throttled = scenarioFrom(
  oneFunction(
    {
      compute: '50ms',
      io: '{ dist: exponential, mean: 50ms }',
      memory: 1024,
      extra: 'reservedConcurrency: 10',
      attempts: 1,
    },
    40,
    '2m',
    'poisson',
  ),
);
const objectives: SloObjective[] = [{ metric: 'throttleRate', max: 0.02 }];
const TARGET = 5;

/** The walk on full evaluations: every scout is the full evaluation of its value. */
class FullEvaluator extends Evaluator {
  override scout(scenario: Scenario, scale: number): Promise<Evaluation> {
    return this.evaluate(scenario, scale);
  }
}

/** A scout that always says the opposite of the full verdict. */
class MisleadingEvaluator extends Evaluator {
  override async scout(scenario: Scenario, scale: number): Promise<Evaluation> {
    const e = await this.evaluate(scenario, scale);
    return { ...e, meets: !e.meets };
  }
}

async function recommendWith(evaluator: Evaluator) {
  const r = await recommendAt(throttled, TARGET, evaluator);
  return { json: JSON.stringify(r), runs: evaluator.runs, r };
}

describe('scouting an integer knob', () => {
  it('recommends what the walk on full evaluations does, with fewer runs', async () => {
    const reference = await recommendWith(new FullEvaluator(inProcessRunner(), objectives, ['f']));
    const scouted = await recommendWith(new Evaluator(inProcessRunner(), objectives, ['f']));
    // The case exercises the walk: reserved concurrency is recommended above 20.
    const change = reference.r.alternatives[0]?.changes.find(
      (c) => c.setting === 'functions.f.reservedConcurrency',
    );
    expect(Number(change?.to)).toBeGreaterThan(20);
    expect(scouted.json).toBe(reference.json);
    expect(scouted.runs).toBeLessThan(reference.runs);
  });

  it('still recommends the same when every scout is wrong', async () => {
    const reference = await recommendWith(new FullEvaluator(inProcessRunner(), objectives, ['f']));
    const misled = await recommendWith(new MisleadingEvaluator(inProcessRunner(), objectives, ['f']));
    expect(misled.json).toBe(reference.json);
  });

  it("counts a scout's run once: it is replication 0 of the full evaluation", async () => {
    const evaluator = new Evaluator(inProcessRunner(), objectives, ['f']);
    const scout = await evaluator.scout(throttled, TARGET);
    expect(evaluator.runs).toBe(1);
    const full = await evaluator.evaluate(throttled, TARGET);
    expect(evaluator.runs).toBe(full.replications);
    expect(full.summaries[0]).toBe(scout.summaries[0]);
    expect(scout.replications).toBe(1);
  });
});
