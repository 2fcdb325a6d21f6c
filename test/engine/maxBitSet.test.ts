/** MaxBitSet against a plain Set: membership and largest member after every operation, growth included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaxBitSet } from '../../src/engine/index.ts';

const value = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 40_000 }));
const ops = fc.array(fc.record({ add: fc.boolean(), value }), { maxLength: 300 });

describe('MaxBitSet', () => {
  it('has what was added and not deleted, and max is the largest of it', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const set = new MaxBitSet(32);
        const reference = new Set<number>();
        for (const { add, value } of list) {
          if (add) {
            set.add(value);
            reference.add(value);
          } else {
            set.delete(value);
            reference.delete(value);
          }
          expect(set.max()).toBe(reference.size === 0 ? -1 : Math.max(...reference));
          expect(set.has(value)).toBe(reference.has(value));
        }
        for (const v of reference) expect(set.has(v)).toBe(true);
      }),
    );
  });

  it('finds a member in every bit position of a word, the sign bit included', () => {
    const set = new MaxBitSet();
    for (let i = 0; i < 64; i++) {
      set.add(i);
      expect(set.max()).toBe(i);
    }
    for (let i = 63; i >= 0; i--) {
      expect(set.max()).toBe(i);
      set.delete(i);
    }
    expect(set.max()).toBe(-1);
  });
});
