/**
 * Placement policies against reference models: newest = the latest created, mru = the
 * most recently idled, lru = the least recently idled, random = any member (uniformly).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/index.ts';
import { makeIdleSet } from '../../src/model/environments/idleSets.ts';

type Op =
  | { kind: 'create' }
  | { kind: 'add'; pick: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'take' }
  | { kind: 'destroy'; pick: number };
const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('create' as const) }),
    fc.record({ kind: fc.constant('add' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('take' as const) }),
    fc.record({ kind: fc.constant('destroy' as const), pick: fc.nat() }),
  ),
  { maxLength: 400 },
);

/**
 * Runs the ops on a policy and on a reference (the idle slots in idle order, oldest first, and each
 * live slot's creation number) that picks with `choose`. Environments are created in slots reused
 * lowest first, as the environment table does; `created` and `destroyed` are called as the model
 * calls them (an environment is destroyed only when not idle).
 */
function agrees(
  placement: 'newest' | 'mru' | 'lru',
  choose: (idleOrder: number[], createdAs: (slot: number) => number) => number,
  manyCreations = false,
) {
  fc.assert(
    fc.property(ops, (list: Op[]) => {
      const set = makeIdleSet(placement, Rng.fromSeed(1));
      const createdAs = new Map<number, number>(); // live slot -> creation number
      let created = 0;
      let order: number[] = []; // idle order, oldest first
      const live = () => [...createdAs.keys()];
      const notIdle = () => live().filter((s) => !order.includes(s));
      // With manyCreations, each op also creates and destroys 40 environments, so the ranks of
      // `newest` run out and are renumbered many times over.
      const churn = () => {
        for (let i = 0; i < 40; i++) {
          const slot = freeSlot();
          set.created(slot);
          createdAs.set(slot, created++);
          set.destroyed(slot);
          createdAs.delete(slot);
        }
      };
      const freeSlot = () => {
        let slot = 0;
        while (createdAs.has(slot)) slot++;
        return slot;
      };
      for (const op of list) {
        if (manyCreations) churn();
        if (op.kind === 'create') {
          const slot = freeSlot();
          set.created(slot);
          createdAs.set(slot, created++);
        } else if (op.kind === 'add') {
          const candidates = notIdle();
          if (candidates.length === 0) continue;
          const slot = candidates[op.pick % candidates.length];
          set.add(slot);
          order.push(slot);
        } else if (op.kind === 'remove') {
          if (order.length === 0) continue;
          const slot = order[op.pick % order.length];
          set.remove(slot);
          order = order.filter((s) => s !== slot);
        } else if (op.kind === 'take') {
          if (order.length === 0) continue;
          const expected = choose(order, (slot) => createdAs.get(slot) as number);
          expect(set.take()).toBe(expected);
          order = order.filter((s) => s !== expected);
        } else {
          const candidates = notIdle();
          if (candidates.length === 0) continue;
          const slot = candidates[op.pick % candidates.length];
          set.destroyed(slot);
          createdAs.delete(slot);
        }
        expect(set.size).toBe(order.length);
        for (const s of live()) expect(set.has(s)).toBe(order.includes(s));
      }
    }),
  );
}

const newest = (order: number[], createdAs: (slot: number) => number) =>
  order.reduce((a, b) => (createdAs(b) > createdAs(a) ? b : a));

describe('placement policies', () => {
  it('newest takes the most recently created environment', () => agrees('newest', newest));
  it('newest still does after thousands of environments came and went (ranks renumbered)', () =>
    agrees('newest', newest, true));
  it('newest takes environments newest first with thousands live (the rank table doubles)', () => {
    const set = makeIdleSet('newest', Rng.fromSeed(1));
    // 3,000 live environments: ranks run out at 1,024 and 2,048 with every environment live.
    for (let slot = 0; slot < 3000; slot++) set.created(slot);
    // Every even slot goes; new environments take their slots, so slot numbers stop following age.
    for (let slot = 0; slot < 3000; slot += 2) set.destroyed(slot);
    for (let slot = 0; slot < 3000; slot += 2) set.created(slot);
    for (let slot = 0; slot < 3000; slot++) set.add(slot);
    const taken: number[] = [];
    while (set.size > 0) taken.push(set.take());
    const evens = Array.from({ length: 1500 }, (_, i) => 2998 - 2 * i);
    const odds = Array.from({ length: 1500 }, (_, i) => 2999 - 2 * i);
    expect(taken).toEqual([...evens, ...odds]);
  });
  it('mru takes the environment that became idle last', () =>
    agrees('mru', (order) => order[order.length - 1]));
  it('lru takes the environment idle the longest', () => agrees('lru', (order) => order[0]));
  it('mru, lru and random hold hundreds of environments (room made when each is created)', () => {
    // 200 environments, more than any set's starting room (64 slots), made idle in a shuffled order.
    const slots = Array.from({ length: 200 }, (_, i) => i);
    const order = [...slots].sort((a, b) => ((a * 37) % 200) - ((b * 37) % 200));
    const drain = (placement: 'mru' | 'lru' | 'random') => {
      const set = makeIdleSet(placement, Rng.fromSeed(3));
      for (const slot of slots) set.created(slot);
      for (const slot of order) set.add(slot);
      expect(slots.every((slot) => set.has(slot))).toBe(true);
      const taken: number[] = [];
      while (set.size > 0) taken.push(set.take());
      return taken;
    };
    expect(drain('mru')).toEqual([...order].reverse());
    expect(drain('lru')).toEqual(order);
    expect([...drain('random')].sort((a, b) => a - b)).toEqual(slots);
  });

  it('random takes each member about equally often (chi-square, alpha = 0.001)', () => {
    const set = makeIdleSet('random', Rng.fromSeed(7));
    for (let s = 0; s < 10; s++) set.created(s);
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
