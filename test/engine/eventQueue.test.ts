import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/eventQueue.ts';

interface Popped {
  time: number;
  kind: number;
  a: number;
  b: number;
}

function drain(q: EventQueue): Popped[] {
  const out: Popped[] = [];
  while (q.pop()) out.push({ time: q.time, kind: q.kind, a: q.a, b: q.b });
  return out;
}

describe('EventQueue', () => {
  it('is empty at first: pop returns false, peekTime is Infinity', () => {
    const q = new EventQueue();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('pops in time order and exposes every field of the popped event', () => {
    const q = new EventQueue();
    q.push(5, 1, 50, 0.5);
    q.push(1, 2, 10, 0.1);
    q.push(3, 3, 30, 0.3);
    expect(q.size).toBe(3);
    expect(q.peekTime()).toBe(1);
    expect(drain(q)).toEqual([
      { time: 1, kind: 2, a: 10, b: 0.1 },
      { time: 3, kind: 3, a: 30, b: 0.3 },
      { time: 5, kind: 1, a: 50, b: 0.5 },
    ]);
    expect(q.size).toBe(0);
  });

  it('pops equal times in push order (FIFO)', () => {
    const q = new EventQueue();
    for (let i = 0; i < 100; i++) q.push(i % 3, 0, i, 0);
    const popped = drain(q).map((e) => e.a);
    const expected = [...Array(100).keys()].sort((x, y) => (x % 3) - (y % 3) || x - y);
    expect(popped).toEqual(expected);
  });

  it('grows past its initial capacity without losing events', () => {
    const q = new EventQueue(16);
    for (let i = 0; i < 10_000; i++) q.push((i * 7919) % 10_007, i, i, -i);
    expect(q.size).toBe(10_000);
    const out = drain(q);
    for (let i = 1; i < out.length; i++) expect(out[i].time >= out[i - 1].time).toBe(true);
    expect(out.every((e) => e.a === e.kind && e.b === -e.kind)).toBe(true);
  });

  it('clear drops pending events and keeps working', () => {
    const q = new EventQueue();
    q.push(1, 0, 0, 0);
    q.push(2, 0, 0, 0);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
    q.push(4, 1, 2, 3);
    q.push(4, 2, 2, 3);
    expect(drain(q).map((e) => e.kind)).toEqual([1, 2]);
  });

  it('property: any sequence of pushes pops in (time, push order)', () => {
    // Times from a small set force many ties.
    const times = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 8 }), fc.double({ min: 0, max: 1e9, noNaN: true })),
      {
        maxLength: 300,
      },
    );
    fc.assert(
      fc.property(times, fc.integer({ min: 1, max: 64 }), (ts, capacity) => {
        const q = new EventQueue(capacity);
        ts.forEach((t, i) => {
          q.push(t, i, i, t);
        });
        const expected = ts.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i);
        const out = drain(q);
        expect(out.map((e) => e.a)).toEqual(expected.map((e) => e.i));
        expect(out.map((e) => e.time)).toEqual(expected.map((e) => e.t));
      }),
      { numRuns: 300 },
    );
  });

  it('property: interleaved pushes and pops match a reference model', () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ pop: fc.constant(true) }),
      fc.record({ clear: fc.constant(true) }).map((c) => c),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(16);
        // Reference: a list kept sorted by (time, seq) with a stable insert.
        let model: { t: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if ('push' in o) {
            const s = seq++;
            q.push(o.push, 0, s, 0);
            let k = model.length;
            while (k > 0 && model[k - 1].t > o.push) k--;
            model.splice(k, 0, { t: o.push, seq: s });
          } else if ('pop' in o) {
            const head = model.shift();
            expect(q.pop()).toBe(head !== undefined);
            if (head) {
              expect(q.time).toBe(head.t);
              expect(q.a).toBe(head.seq);
            }
          } else {
            q.clear();
            model = [];
          }
          expect(q.size).toBe(model.length);
          expect(q.peekTime()).toBe(model.length ? model[0].t : Number.POSITIVE_INFINITY);
        }
      }),
      { numRuns: 300 },
    );
  });
});
