import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchedulingError } from '../../src/engine/errors.ts';
import { Simulation } from '../../src/engine/simulation.ts';

/**
 * A wake-up that keeps moving earlier (a database's next completion): `moves[i]` arrives at an
 * integer time and asks to be woken at `wakeAt` if that is earlier than the pending wake-up; each
 * wake-up logs and re-arms at its `next` offset (0: not re-armed). Integer times make ties with
 * the other events common. `timers`: through sim.timer/setTimer, else an event per request with
 * the stale ones ignored when they run (the reference).
 */
type Move = { at: number; delay: number; next: number };

function run(moves: Move[], timers: boolean) {
  const sim = new Simulation();
  const log: [number, string, number][] = [];
  let wakeAtMs = Number.POSITIVE_INFINITY;
  let nextDelay = 0;
  const wake = (): void => {
    if (!timers && sim.now !== wakeAtMs) return; // superseded
    wakeAtMs = Number.POSITIVE_INFINITY;
    log.push([sim.now, 'wake', nextDelay]);
    if (nextDelay > 0) arm(sim.now + nextDelay);
    nextDelay = 0;
  };
  const wakeKind = sim.on('wake', wake);
  const timer = sim.timer('wake', wake);
  const arm = (atMs: number): void => {
    if (!(atMs < wakeAtMs)) return;
    wakeAtMs = atMs;
    if (timers) sim.setTimer(timer, atMs);
    else sim.at(atMs, wakeKind);
  };
  const moveKind = sim.on('move', (i) => {
    log.push([sim.now, 'move', i]);
    nextDelay = moves[i].next;
    arm(sim.now + moves[i].delay);
  });
  moves.forEach((m, i) => {
    sim.at(m.at, moveKind, i);
  });
  sim.runUntil(Number.POSITIVE_INFINITY);
  return { log, events: sim.eventsProcessed };
}

const movesArb = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 20 }),
    delay: fc.integer({ min: 0, max: 6 }),
    next: fc.integer({ min: 0, max: 4 }),
  }),
  { maxLength: 40 },
);

describe('Simulation timers', () => {
  it('property: a moved timer runs where the latest of one event per move would, without the stale ones', () => {
    fc.assert(
      fc.property(movesArb, (moves) => {
        const reference = run(moves, false);
        const timed = run(moves, true);
        expect(timed.log).toEqual(reference.log);
        const wakes = reference.log.filter((e) => e[1] === 'wake').length;
        // Exactly one event per move and per wake-up that happened: none is stale.
        expect(timed.events).toBe(moves.length + wakes);
        expect(timed.events).toBeLessThanOrEqual(reference.events);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps one occurrence pending per timer, counts it in pending and eventsProcessed', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const t = sim.timer('t', () => fired.push(sim.now));
    const k = sim.on('k', () => fired.push(-sim.now));
    sim.setTimer(t, 50);
    sim.setTimer(t, 30);
    sim.setTimer(t, 40); // moved later too: only the last setting counts
    sim.at(40, k);
    expect(sim.pending).toBe(2);
    sim.runUntil(35);
    expect(fired).toEqual([]);
    sim.runUntil(Number.POSITIVE_INFINITY);
    // The timer was set before the event at 40 was scheduled: it runs first.
    expect(fired).toEqual([40, -40]);
    expect(sim.eventsProcessed).toBe(2);
    expect(sim.pending).toBe(0);
    expect(sim.now).toBe(40);
  });

  it('runs a timer alone in the queue, and stop() after it leaves the clock at its time', () => {
    const sim = new Simulation();
    const t = sim.timer('t', () => sim.stop());
    sim.setTimer(t, 7);
    sim.runUntil(100);
    expect(sim.now).toBe(7);
    sim.runUntil(100);
    expect(sim.now).toBe(100);
  });

  it('refuses a time in the past or not finite, and an unknown timer', () => {
    const sim = new Simulation();
    const t = sim.timer('t', () => {});
    sim.runUntil(10);
    expect(() => sim.setTimer(t, 9)).toThrow(SchedulingError);
    expect(() => sim.setTimer(t, Number.NaN)).toThrow(SchedulingError);
    expect(() => sim.setTimer(t, Number.POSITIVE_INFINITY)).toThrow(SchedulingError);
    expect(() => sim.setTimer(t + 1, 20)).toThrow(SchedulingError);
  });
});
