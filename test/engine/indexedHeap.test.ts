/** IndexedHeap against a sorted-array reference model, with removals of arbitrary ids. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedHeap } from '../../src/engine/indexedHeap.ts';
import { withCapacity } from '../../src/engine/typedArrays.ts';

describe('IndexedHeap', () => {
  it('pops by key then id and removes any id, like a sorted list', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), id: fc.integer({ min: 0, max: 300 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 300 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 301, maxLength: 301 }),
        fc.array(op),
        (keys, ops) => {
          const before = (a: number, b: number) => keys[a] < keys[b] || (keys[a] === keys[b] && a < b);
          const heap = new IndexedHeap();
          let model: number[] = [];
          for (const o of ops) {
            if (o.kind === 'push') {
              if (model.includes(o.id)) continue;
              heap.push(o.id, keys[o.id]);
              model.push(o.id);
              model.sort((a, b) => (before(a, b) ? -1 : 1));
            } else if (o.kind === 'pop') {
              if (model.length === 0) continue;
              expect(heap.pop()).toBe(model.shift());
            } else {
              heap.remove(o.id);
              model = model.filter((id) => id !== o.id);
            }
            expect(heap.size).toBe(model.length);
            expect(heap.peek()).toBe(model.length ? model[0] : -1);
            if (model.length) expect(heap.keyOf(model[0])).toBe(keys[model[0]]);
          }
        },
      ),
    );
  });
});

describe('withCapacity', () => {
  it('keeps the array when it is long enough, else grows it (at least doubling) and fills the new part', () => {
    const a = new Int32Array([1, 2, 3]);
    expect(withCapacity(a, 3)).toBe(a);
    const b = withCapacity(a, 40, -1);
    expect(b).toBeInstanceOf(Int32Array);
    expect(b.length).toBeGreaterThanOrEqual(40);
    expect([...b.slice(0, 4)]).toEqual([1, 2, 3, -1]);
    expect(b.every((v, i) => i < 3 || v === -1)).toBe(true);
  });
});
