/**
 * Placement policies against reference models: newest = the largest creation serial, mru = the
 * most recently idled, lru = the least recently idled, random = any member (uniformly).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/index.ts';
import { makeIdleSet } from '../../src/model/environments/idleSets.ts';

type Op = { kind: 'add'; slot: number } | { kind: 'remove'; pick: number } | { kind: 'take' };
const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('add' as const), slot: fc.integer({ min: 0, max: 200 }) }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('take' as const) }),
  ),
  { maxLength: 300 },
);

/** Runs the ops on a policy and on a reference (a list in idle order) that picks with `choose`. */
function agrees(
  placement: 'newest' | 'mru' | 'lru',
  choose: (idleOrder: number[], serial: (s: number) => number) => number,
) {
  fc.assert(
    fc.property(fc.array(fc.integer(), { minLength: 201, maxLength: 201 }), ops, (serials, list: Op[]) => {
      const serial = (slot: number) => serials[slot] * 1000 + slot; // distinct
      const set = makeIdleSet(placement, serial, Rng.fromSeed(1));
      let order: number[] = []; // idle order, oldest first
      for (const op of list) {
        if (op.kind === 'add') {
          if (order.includes(op.slot)) continue;
          set.add(op.slot);
          order.push(op.slot);
        } else if (op.kind === 'remove') {
          if (order.length === 0) continue;
          const slot = order[op.pick % order.length];
          set.remove(slot);
          order = order.filter((s) => s !== slot);
        } else {
          if (order.length === 0) continue;
          const expected = choose(order, serial);
          expect(set.take()).toBe(expected);
          order = order.filter((s) => s !== expected);
        }
        expect(set.size).toBe(order.length);
        for (const s of order) expect(set.has(s)).toBe(true);
      }
    }),
  );
}

describe('placement policies', () => {
  it('newest takes the most recently created environment', () =>
    agrees('newest', (order, serial) => order.reduce((a, b) => (serial(b) > serial(a) ? b : a))));
  it('mru takes the environment that became idle last', () =>
    agrees('mru', (order) => order[order.length - 1]));
  it('lru takes the environment idle the longest', () => agrees('lru', (order) => order[0]));

  it('random takes each member about equally often (chi-square, alpha = 0.001)', () => {
    const set = makeIdleSet('random', (s) => s, Rng.fromSeed(7));
    const counts = new Array<number>(10).fill(0);
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      for (let s = 0; s < 10; s++) if (!set.has(s)) set.add(s);
      counts[set.take()]++;
    }
    const expected = draws / 10;
    const chi2 = counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.88); // chi-square critical value, 9 degrees of freedom, alpha 0.001
  });
});
