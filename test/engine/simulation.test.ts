import { describe, expect, it } from 'vitest';
import { SchedulingError } from '../../src/engine/errors.ts';
import { Simulation } from '../../src/engine/simulation.ts';

describe('Simulation', () => {
  it('gives dense kind ids from 0 and remembers names', () => {
    const sim = new Simulation();
    expect(sim.on('a', () => {})).toBe(0);
    expect(sim.on('b', () => {})).toBe(1);
    expect(sim.on('a', () => {})).toBe(2);
    expect(sim.kindName(1)).toBe('b');
    expect(() => sim.kindName(3)).toThrow(SchedulingError);
  });

  it('runs events in time order with now at each event time and payloads passed through', () => {
    const sim = new Simulation();
    const seen: [number, number, number][] = [];
    const k = sim.on('x', (a, b) => seen.push([sim.now, a, b]));
    sim.at(30, k, 3, 0.3);
    sim.at(10, k, 1, 0.1);
    sim.at(20, k, 2);
    sim.runUntil(Number.POSITIVE_INFINITY);
    expect(seen).toEqual([
      [10, 1, 0.1],
      [20, 2, 0],
      [30, 3, 0.3],
    ]);
    expect(sim.eventsProcessed).toBe(3);
    expect(sim.pending).toBe(0);
    expect(sim.now).toBe(30); // drained: the clock stays at the last event
  });

  it('runs same-time events in scheduling order, newly scheduled ones after those already pending', () => {
    const sim = new Simulation();
    const order: string[] = [];
    const child = sim.on('child', (a) => order.push(`child${a}`));
    const parent = sim.on('parent', (a) => {
      order.push(`parent${a}`);
      sim.at(sim.now, child, a);
      sim.after(0, child, a + 10);
    });
    sim.at(5, parent, 1);
    sim.at(5, parent, 2);
    sim.at(5, child, 3);
    sim.runUntil(5);
    expect(order).toEqual(['parent1', 'parent2', 'child3', 'child1', 'child11', 'child2', 'child12']);
  });

  it('runUntil includes events at exactly `until`, excludes later ones, then moves the clock to until', () => {
    const sim = new Simulation();
    const times: number[] = [];
    const k = sim.on('x', () => times.push(sim.now));
    for (const t of [1, 2, 2, 3, 4]) sim.at(t, k);
    sim.runUntil(2);
    expect(times).toEqual([1, 2, 2]);
    expect(sim.now).toBe(2);
    expect(sim.pending).toBe(2);
    sim.runUntil(3.5);
    expect(times).toEqual([1, 2, 2, 3]);
    expect(sim.now).toBe(3.5);
    sim.runUntil(1); // earlier than now: nothing runs, clock unchanged
    expect(sim.now).toBe(3.5);
    expect(sim.pending).toBe(1);
    sim.runUntil(10);
    expect(sim.now).toBe(10);
    expect(times).toEqual([1, 2, 2, 3, 4]);
  });

  it('runs events that handlers schedule inside the horizon, and not those beyond it', () => {
    const sim = new Simulation();
    let fired = 0;
    const tick = sim.on('tick', () => {
      fired++;
      sim.after(1, tick);
    });
    sim.at(0, tick);
    sim.runUntil(9);
    expect(fired).toBe(10); // t = 0..9
    expect(sim.pending).toBe(1);
    expect(sim.now).toBe(9);
  });

  it('throws SchedulingError (not a user error) when scheduling in the past, at a non-finite time or an unknown kind', () => {
    const sim = new Simulation();
    const k = sim.on('x', () => {});
    sim.runUntil(10);
    const bad: (() => void)[] = [
      () => sim.at(9.999, k),
      () => sim.at(Number.NaN, k),
      () => sim.at(Number.POSITIVE_INFINITY, k),
      () => sim.after(-1, k),
      () => sim.after(Number.NaN, k),
      () => sim.at(11, 1),
      () => sim.at(11, -1),
      () => sim.at(11, 0.5),
    ];
    for (const f of bad) {
      expect(f).toThrow(SchedulingError);
      try {
        f();
      } catch (e) {
        expect((e as Error).name).toBe('SchedulingError');
      }
    }
    expect(sim.pending).toBe(0);
    sim.at(10, k); // scheduling at now is fine
    expect(sim.pending).toBe(1);
    expect(() => sim.runUntil(Number.NaN)).toThrow(SchedulingError);
  });

  it('stop() ends the run after the current event and leaves the rest pending', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const k = sim.on('x', (a) => {
      seen.push(a);
      if (a === 2) sim.stop();
    });
    for (let i = 1; i <= 4; i++) sim.at(i * 10, k, i);
    sim.runUntil(100);
    expect(seen).toEqual([1, 2]);
    expect(sim.now).toBe(20);
    expect(sim.pending).toBe(2);
    sim.stop(); // outside a run: no effect on the next run
    sim.runUntil(100);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(sim.now).toBe(100);
  });

  it('refuses a re-entrant runUntil and recovers after a handler throws', () => {
    const sim = new Simulation();
    const nested = sim.on('nested', () => sim.runUntil(100));
    sim.at(1, nested);
    expect(() => sim.runUntil(10)).toThrow(SchedulingError);
    expect(sim.now).toBe(1);
    const boom = sim.on('boom', () => {
      throw new Error('boom');
    });
    const ok = sim.on('ok', () => {});
    sim.at(2, boom);
    sim.at(3, ok);
    expect(() => sim.runUntil(10)).toThrow('boom');
    expect(sim.now).toBe(2);
    sim.runUntil(10);
    expect(sim.eventsProcessed).toBe(3);
    expect(sim.now).toBe(10);
  });
});
