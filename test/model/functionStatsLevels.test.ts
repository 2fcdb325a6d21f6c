/**
 * FunctionStats' levels of environments by state (src/model/stats/functionStats.ts): the levels
 * are stepped by a table, and must equal, bit for bit, levels recomputed from the count of
 * environments in each state at every move that changes them, which is the reference model here:
 * one TimeWeighted and one BucketedGauge per level, updated as the definitions say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketedGauge, seriesMaker, TimeWeighted } from '../../src/metrics/index.ts';
import { EnvState } from '../../src/model/environments/environmentTable.ts';
import { FunctionStats } from '../../src/model/index.ts';

const { Dead, Initializing, Provisioning, Busy, Idle } = EnvState;
const STATES = [Dead, Initializing, Provisioning, Busy, Idle];

/** The levels as sums of state counts (README: concurrency counts a cold start's INIT). */
const DEFINITIONS = {
  concurrency: (c: number[]) => (c[Initializing] as number) + (c[Busy] as number),
  initializing: (c: number[]) => (c[Initializing] as number) + (c[Provisioning] as number),
  live: (c: number[]) =>
    (c[Initializing] as number) + (c[Provisioning] as number) + (c[Busy] as number) + (c[Idle] as number),
  busy: (c: number[]) => c[Busy] as number,
  idle: (c: number[]) => c[Idle] as number,
};
type Level = keyof typeof DEFINITIONS;
const LEVELS = Object.keys(DEFINITIONS) as Level[];
const CHARTED: Level[] = ['concurrency', 'initializing', 'busy', 'idle'];

/** Which state a level counts, so a move touches it when either end is that state (live: Dead). */
const TOUCHED_BY: Partial<Record<Level, EnvState>> = { live: Dead, busy: Busy, idle: Idle };

/** The reference: counts by state, each level recomputed from them when a move changes it. */
class Reference {
  readonly counts = [0, 0, 0, 0, 0];
  levels = Object.fromEntries(LEVELS.map((l) => [l, new TimeWeighted()])) as Record<Level, TimeWeighted>;
  readonly series: Record<string, BucketedGauge>;
  closed = false;

  constructor(windowMs: number, bucketMs: number) {
    this.series = Object.fromEntries(CHARTED.map((l) => [l, new BucketedGauge(windowMs, bucketMs)]));
  }

  move(timeMs: number, from: EnvState, to: EnvState): void {
    if (this.closed) return;
    const before = LEVELS.map((l) => DEFINITIONS[l](this.counts));
    (this.counts[from] as number)--;
    (this.counts[to] as number)++;
    for (const [i, l] of LEVELS.entries()) {
      const value = DEFINITIONS[l](this.counts);
      const touched = value !== before[i] || from === TOUCHED_BY[l] || to === TOUCHED_BY[l];
      if (!touched) continue;
      this.levels[l].set(timeMs, value);
      this.series[l]?.set(timeMs, value);
    }
  }

  restartAt(timeMs: number): void {
    for (const l of LEVELS) {
      const fresh = new TimeWeighted(this.levels[l].value);
      fresh.set(timeMs, this.levels[l].value);
      this.levels[l] = fresh;
    }
    for (const g of Object.values(this.series)) g.restartAt(timeMs);
  }
}

const move = fc.record({
  env: fc.nat({ max: 5 }),
  to: fc.constantFrom(...STATES),
  // Thousandths of a ms, which binary fractions round: a level integrated in other pieces would differ.
  dtMs: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 700_000 }).map((n) => n / 1000),
  ),
});

describe('FunctionStats levels', () => {
  it('property: stepped levels and their series equal levels recomputed from the state counts', () => {
    fc.assert(
      fc.property(
        fc.array(move, { maxLength: 120 }),
        fc.option(fc.nat({ max: 119 })),
        fc.integer({ min: 1_000, max: 20_000 }),
        (moves, restartAt, windowMs) => {
          const bucketMs = 1_000;
          const stats = new FunctionStats(windowMs, seriesMaker(windowMs, bucketMs, true));
          const ref = new Reference(windowMs, bucketMs);
          const states: EnvState[] = [Dead, Dead, Dead, Dead, Dead, Dead];
          let t = 0;
          let from = 0;
          for (const [i, m] of moves.entries()) {
            t += m.dtMs;
            if (i === restartAt && t < windowMs) {
              stats.startRecording(t, 0);
              ref.restartAt(t);
              from = t;
            }
            if (t >= windowMs && !ref.closed) {
              stats.closeWindow(windowMs);
              for (const g of Object.values(ref.series)) g.finish(windowMs);
              ref.closed = true;
            }
            const old = states[m.env] as EnvState;
            stats.transition(t, old, m.to);
            ref.move(t, old, m.to);
            states[m.env] = m.to;
          }
          const result = stats.result(); // closes the window at windowMs if no move reached it

          for (const l of LEVELS) {
            const want = ref.levels[l];
            const got = result.levels[l];
            expect(Object.is(got.mean, want.mean(windowMs, from))).toBe(true);
            expect(Object.is(got.peak, want.max)).toBe(true);
          }
          if (!ref.closed) for (const g of Object.values(ref.series)) g.finish(windowMs);
          for (const l of CHARTED) {
            expect(result.series[l as 'busy']).toStrictEqual((ref.series[l] as BucketedGauge).toData());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a move between two busy states still splits the integral (a new point), as the counts model does', () => {
    const stats = new FunctionStats(10_000, seriesMaker(10_000, 1_000, false));
    stats.transition(0.1, Dead, Busy);
    stats.transition(0.3, Busy, Busy);
    const ref = new TimeWeighted();
    ref.set(0.1, 1);
    ref.set(0.3, 1);
    const unsplit = new TimeWeighted();
    unsplit.set(0.1, 1);
    // 1 * (0.3 - 0.1) + 1 * (10000 - 0.3) differs in its last bit from 1 * (10000 - 0.1).
    expect(ref.mean(10_000)).not.toBe(unsplit.mean(10_000));
    expect(stats.result().levels.busy.mean).toBe(ref.mean(10_000));
  });
});
