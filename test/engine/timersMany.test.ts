import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';

/**
 * Many timers moved both ways (earlier and later), against a reference where each arming is an
 * event (`sim.at`) and a superseded one is ignored when it runs. Integer times make ties between
 * timers, and between timers and events, common; the timers' heap (Timers) must keep them in the
 * order of their arming, as the queue keeps events in the order of their scheduling.
 */
type Move = { at: number; timer: number; delay: number; next: number };

function run(timerCount: number, moves: Move[], timers: boolean) {
  const sim = new Simulation();
  const log: [number, string, number][] = [];
  const token = new Array<number>(timerCount).fill(0);
  const nextDelay = new Array<number>(timerCount).fill(0);
  const ids: number[] = [];
  const wake = (t: number): void => {
    log.push([sim.now, 'wake', t]);
    const d = nextDelay[t];
    nextDelay[t] = 0;
    if (d > 0) arm(t, sim.now + d);
  };
  const wakeKind = sim.on('wake', (t, k) => {
    if (k === token[t]) wake(t); // else superseded
  });
  for (let t = 0; t < timerCount; t++) {
    token[t] = -1;
    ids.push(sim.timer(`t${t}`, () => wake(t)));
  }
  const arm = (t: number, atMs: number): void => {
    if (timers) sim.setTimer(ids[t], atMs);
    else sim.at(atMs, wakeKind, t, ++token[t]);
  };
  const moveKind = sim.on('move', (i) => {
    const m = moves[i];
    log.push([sim.now, 'move', i]);
    nextDelay[m.timer] = m.next;
    arm(m.timer, sim.now + m.delay);
  });
  moves.forEach((m, i) => {
    sim.at(m.at, moveKind, i);
  });
  sim.runUntil(Number.POSITIVE_INFINITY);
  return { log, events: sim.eventsProcessed, pending: sim.pending };
}

describe('Simulation with many timers', () => {
  it('property: timers moved either way run where the latest of one event per arming would', () => {
    const arb = fc.integer({ min: 1, max: 9 }).chain((timerCount) =>
      fc.tuple(
        fc.constant(timerCount),
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 15 }),
            timer: fc.integer({ min: 0, max: timerCount - 1 }),
            delay: fc.integer({ min: 0, max: 8 }),
            next: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 60 },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([timerCount, moves]) => {
        const reference = run(timerCount, moves, false);
        const timed = run(timerCount, moves, true);
        expect(timed.log).toEqual(reference.log);
        const wakes = reference.log.filter((e) => e[1] === 'wake').length;
        expect(timed.events).toBe(moves.length + wakes);
        expect(timed.pending).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
