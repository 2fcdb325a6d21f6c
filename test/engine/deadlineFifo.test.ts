import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeadlineFifo } from '../../src/engine/deadlineFifo.ts';
import { SchedulingError } from '../../src/engine/errors.ts';
import { EventQueue } from '../../src/engine/eventQueue.ts';
import { Simulation } from '../../src/engine/simulation.ts';

/** Jobs on integer times (so ties are common): start, work, and a timeout the same for all. */
const jobsArb = fc.record({
  timeoutMs: fc.integer({ min: 0, max: 8 }),
  jobs: fc.array(
    fc.record({ gapMs: fc.integer({ min: 0, max: 3 }), workMs: fc.integer({ min: 0, max: 12 }) }),
    {
      maxLength: 60,
    },
  ),
});

type Log = [number, string, number][];

/**
 * Runs the jobs: each starts at its time, finishes after its work unless its timeout comes first
 * (a job whose work ends exactly at the timeout finishes: its finish is scheduled first). A job
 * that finishes may start a follow-up job at once (odd ids), whose timeout is set from a handler.
 * `fifo`: timeouts through a DeadlineFifo, else one event per timeout (the reference).
 */
function run(spec: { timeoutMs: number; jobs: { gapMs: number; workMs: number }[] }, fifo: boolean) {
  const sim = new Simulation();
  const log: Log = [];
  const done: boolean[] = [];
  const work: number[] = [];
  let deadlines: DeadlineFifo | null = null;
  const finishKind = sim.on('finish', (id) => {
    if (done[id]) return;
    done[id] = true;
    log.push([sim.now, 'finish', id]);
    if (id % 2 === 1 && id < 1000) begin(id + 1000, 1);
  });
  const onTimeout = (id: number) => {
    if (done[id]) return;
    done[id] = true;
    log.push([sim.now, 'timeout', id]);
  };
  const timeoutKind = sim.on('timeout', (id) => onTimeout(id));
  if (fifo)
    deadlines = new DeadlineFifo(
      sim,
      'timeouts',
      (id) => !done[id],
      (id) => onTimeout(id),
    );
  const begin = (id: number, workMs: number) => {
    done[id] = false;
    log.push([sim.now, 'start', id]);
    sim.at(sim.now + workMs, finishKind, id);
    if (deadlines) deadlines.add(sim.now + spec.timeoutMs, id, 0);
    else sim.at(sim.now + spec.timeoutMs, timeoutKind, id);
  };
  const startKind = sim.on('start', (id) => begin(id, work[id]));
  let t = 0;
  spec.jobs.forEach((job, id) => {
    t += job.gapMs;
    work[id] = job.workMs;
    sim.at(t, startKind, id);
  });
  sim.runUntil(Number.POSITIVE_INFINITY);
  return { log, events: sim.eventsProcessed };
}

describe('DeadlineFifo', () => {
  it('property: handles the same deadlines at the same places as one event per deadline, with fewer events', () => {
    fc.assert(
      fc.property(jobsArb, (spec) => {
        const reference = run(spec, false);
        const fifo = run(spec, true);
        expect(fifo.log).toEqual(reference.log);
        expect(fifo.events).toBeLessThanOrEqual(reference.events);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps one event pending however many deadlines wait, and drops finished jobs without an event', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const live = new Set<number>();
    const fifo = new DeadlineFifo(
      sim,
      'deadlines',
      (a) => live.has(a),
      (a) => fired.push(a),
    );
    for (let i = 0; i < 1000; i++) {
      live.add(i);
      fifo.add(10_000 + i, i, 0);
    }
    expect(sim.pending).toBe(1);
    expect(fifo.size).toBe(1000);
    for (let i = 0; i < 1000; i++) if (i !== 500) live.delete(i); // finished before their deadline
    sim.runUntil(Number.POSITIVE_INFINITY);
    expect(fired).toEqual([500]);
    // The head's event (0, dead by then) and 500's: two events for 1000 deadlines.
    expect(sim.eventsProcessed).toBe(2);
    expect(sim.now).toBe(10_500);
    expect(fifo.size).toBe(0);
  });

  it('refuses a deadline before an earlier one or in the past', () => {
    const sim = new Simulation();
    const fifo = new DeadlineFifo(
      sim,
      'deadlines',
      () => true,
      () => {},
    );
    fifo.add(5, 0, 0);
    expect(() => fifo.add(4, 1, 0)).toThrow(SchedulingError);
    expect(() => fifo.add(Number.NaN, 1, 0)).toThrow(SchedulingError);
    sim.runUntil(10);
    expect(() => fifo.add(6, 1, 0)).toThrow(SchedulingError);
  });
});

describe('EventQueue reserved sequence numbers', () => {
  it('property: an event pushed later with a reserved number pops where it would have popped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 5 }), late: fc.boolean() }), { maxLength: 80 }),
        (events) => {
          const direct = new EventQueue(16);
          const reserved = new EventQueue(16);
          const later: [number, number, number][] = [];
          events.forEach((e, id) => {
            direct.push(e.time, 0, id, 0);
            if (e.late) later.push([e.time, reserved.reserveSeq(), id]);
            else reserved.push(e.time, 0, id, 0);
          });
          for (const [time, seq, id] of later.reverse()) reserved.pushReserved(time, seq, 0, id, 0);
          const order = (q: EventQueue) => {
            const out: number[] = [];
            while (q.pop()) out.push(q.a);
            return out;
          };
          expect(order(reserved)).toEqual(order(direct));
        },
      ),
      { numRuns: 500 },
    );
  });
});
