import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchedulingError } from '../../src/engine/errors.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { TimerSet } from '../../src/engine/timerSet.ts';

/**
 * A timer set's keys moved either way and cancelled, beside a plain timer and plain events,
 * against a reference where each arming is an event (`sim.at`) carrying a token, and an event
 * whose token is no longer its key's latest (moved or cancelled since) is ignored when it runs.
 * Integer times make ties between keys, the timer and the events common: each occurrence must run
 * where the event of its latest arming would, in (time, scheduling order), and `timeOf` and
 * `size` must say what is armed.
 */
type Op = { at: number; op: 'set' | 'cancel' | 'other'; key: number; delay: number; next: number };

const KEYS = 5;

function run(ops: Op[], timerSet: boolean) {
  const sim = new Simulation();
  const log: [number, string, number][] = [];
  const token = new Array<number>(KEYS + 1).fill(0);
  const nextDelay = new Array<number>(KEYS).fill(0);
  /** Each key's armed time as the test sees it (Infinity: none), and the set's size seen at each op. */
  const armedAtMs = new Array<number>(KEYS).fill(Number.POSITIVE_INFINITY);
  const wake = (key: number): void => {
    armedAtMs[key] = Number.POSITIVE_INFINITY;
    log.push([sim.now, 'wake', key]);
    const d = nextDelay[key];
    nextDelay[key] = 0;
    if (d > 0) arm(key, sim.now + d);
  };
  const wakeKind = sim.on('wake', (key, k) => {
    if (k === token[key]) wake(key); // else superseded or cancelled
  });
  const set = new TimerSet(sim, 'keys', wake);
  const other = (): void => {
    log.push([sim.now, 'other-ran', 0]);
  };
  const otherKind = sim.on('other', (_, k) => {
    if (k === token[KEYS]) other();
  });
  const otherTimer = sim.timer('other', other);
  const arm = (key: number, atMs: number): void => {
    armedAtMs[key] = atMs;
    if (timerSet) set.set(key, atMs);
    else sim.at(atMs, wakeKind, key, ++token[key]);
  };
  const opKind = sim.on('op', (i) => {
    const o = ops[i];
    if (o.op === 'set') {
      nextDelay[o.key] = o.next;
      arm(o.key, sim.now + o.delay);
    } else if (o.op === 'cancel') {
      armedAtMs[o.key] = Number.POSITIVE_INFINITY;
      if (timerSet) set.cancel(o.key);
      else token[o.key]++;
    } else if (timerSet) sim.setTimer(otherTimer, sim.now + o.delay);
    else sim.at(sim.now + o.delay, otherKind, 0, ++token[KEYS]);
    if (timerSet) {
      for (let key = 0; key < KEYS; key++) expect(set.timeOf(key)).toBe(armedAtMs[key]);
      expect(set.size).toBe(armedAtMs.filter((t) => t < Number.POSITIVE_INFINITY).length);
    }
    log.push([sim.now, o.op, i]);
  });
  ops.forEach((o, i) => {
    sim.at(o.at, opKind, i);
  });
  sim.runUntil(Number.POSITIVE_INFINITY);
  return { log, events: sim.eventsProcessed, pending: sim.pending, size: set.size };
}

const opsArb = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 12 }),
    op: fc.constantFrom<Op['op']>('set', 'set', 'set', 'cancel', 'other'),
    key: fc.integer({ min: 0, max: KEYS - 1 }),
    delay: fc.integer({ min: 0, max: 4 }),
    next: fc.integer({ min: 0, max: 4 }),
  }),
  { maxLength: 60 },
);

describe('TimerSet', () => {
  it('property: keys moved either way or cancelled run where the event of their latest arming would', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const reference = run(ops, false);
        const timed = run(ops, true);
        expect(timed.log).toEqual(reference.log);
        // Superseded and cancelled occurrences do not run; the set's queue events are at most
        // the reference's (one per arming), and none is left.
        expect(timed.events).toBeLessThanOrEqual(reference.events);
        expect(timed.pending).toBe(0);
        expect(timed.size).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('queues one event for its earliest key, and one more each time the earliest moves earlier', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const set = new TimerSet(sim, 's', (key) => fired.push(key));
    expect(sim.pending).toBe(0);
    set.set(3, 30);
    set.set(40, 10); // keys grow on demand; earlier than 30: a second event
    set.set(7, 20); // later than the earliest: no event
    set.set(9, 25);
    expect(set.size).toBe(4);
    expect(sim.pending).toBe(2);
    set.set(3, 5); // earlier again: a third event (the one at 10 will do nothing)
    expect(sim.pending).toBe(3);
    expect(set.timeOf(3)).toBe(5);
    expect(set.timeOf(1000)).toBe(Number.POSITIVE_INFINITY);
    set.cancel(40);
    set.cancel(1000); // never armed: nothing to do
    set.cancel(9);
    expect(set.size).toBe(2);
    sim.runUntil(Number.POSITIVE_INFINITY);
    expect(fired).toEqual([3, 7]);
    // Events at 5 (key 3), 10 (superseded: queues key 7), 20 (key 7) and 30 (superseded).
    expect(sim.eventsProcessed).toBe(4);
    expect(sim.pending).toBe(0);
    expect(set.size).toBe(0);
    expect(set.timeOf(3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets a key set itself again from its handler, and cancelling the earliest key disarms it', () => {
    const sim = new Simulation();
    const fired: [number, number][] = [];
    const set: TimerSet = new TimerSet(sim, 's', (key) => {
      fired.push([sim.now, key]);
      if (sim.now < 30) set.set(key, sim.now + 10);
    });
    set.set(0, 10);
    set.set(1, 15);
    set.cancel(1);
    sim.runUntil(Number.POSITIVE_INFINITY);
    expect(fired).toEqual([
      [10, 0],
      [20, 0],
      [30, 0],
    ]);
  });

  it('refuses a time in the past or not finite, and a key that is not an integer >= 0', () => {
    const sim = new Simulation();
    const set = new TimerSet(sim, 's', () => {});
    sim.runUntil(10);
    expect(() => set.set(0, 9)).toThrow(SchedulingError);
    expect(() => set.set(0, Number.NaN)).toThrow(SchedulingError);
    expect(() => set.set(0, Number.POSITIVE_INFINITY)).toThrow(SchedulingError);
    expect(() => set.set(-1, 20)).toThrow(SchedulingError);
    expect(() => set.set(1.5, 20)).toThrow(SchedulingError);
    expect(sim.pending).toBe(0);
  });
});
