import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/eventQueue.ts';

/**
 * The queue's order against a reference (a list sorted by time, then sequence number), under
 * interleaved pushes, reservations, reserved pushes (older sequence numbers than pending events)
 * and pops. Times come from a few integers (ties on almost every comparison of the pop's walk)
 * mixed with doubles, and the queue starts small so it grows mid-run.
 */
type Op =
  | { kind: 'push'; time: number }
  | { kind: 'reserve'; time: number }
  | { kind: 'pushReserved'; pick: number }
  | { kind: 'pop' };

const timeArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 4 },
  { arbitrary: fc.double({ min: 0, max: 100, noNaN: true }), weight: 1 },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('push' as const), time: timeArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('reserve' as const), time: timeArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pushReserved' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pop' as const) }), weight: 2 },
);

describe('EventQueue order', () => {
  it('property: pops in (time, sequence) order with ties, reserved sequence numbers and growth', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 500 }), (ops) => {
        const q = new EventQueue(16);
        const model: { time: number; seq: number }[] = [];
        const reserved: { time: number; seq: number }[] = [];
        let nextSeq = 0;
        // Popped times never go back: pushes are at or after the last popped time, as in a run.
        let now = 0;
        const insert = (time: number, seq: number): void => {
          let k = model.length;
          while (
            k > 0 &&
            (model[k - 1].time > time || (model[k - 1].time === time && model[k - 1].seq > seq))
          )
            k--;
          model.splice(k, 0, { time, seq });
        };
        for (const op of ops) {
          if (op.kind === 'push') {
            const time = now + op.time;
            const seq = nextSeq++;
            q.push(time, 1, seq, time);
            insert(time, seq);
          } else if (op.kind === 'reserve') {
            expect(q.reserveSeq()).toBe(nextSeq);
            reserved.push({ time: now + op.time, seq: nextSeq++ });
          } else if (op.kind === 'pushReserved') {
            if (reserved.length === 0) continue;
            const [r] = reserved.splice(op.pick % reserved.length, 1);
            // A reserved event is pushed when due: never before the clock.
            const time = Math.max(r.time, now);
            q.pushReserved(time, r.seq, 2, r.seq, time);
            insert(time, r.seq);
          } else {
            const head = model.shift();
            expect(q.pop()).toBe(head !== undefined);
            if (head === undefined) continue;
            expect([q.time, q.a, q.b]).toEqual([head.time, head.seq, head.time]);
            now = head.time;
          }
          expect(q.size).toBe(model.length);
          expect(q.peekTime()).toBe(model.length > 0 ? model[0].time : Number.POSITIVE_INFINITY);
          if (model.length > 0) expect(q.peekSeq()).toBe(model[0].seq);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('breaks ties at every depth of a deep heap by sequence number', () => {
    // 1,000 events at four times, pushed in a scrambled time order: every sibling comparison in
    // the pop's walk is a tie or a strict order, at every level.
    const q = new EventQueue(16);
    const pushed: { time: number; seq: number }[] = [];
    for (let i = 0; i < 1000; i++) {
      const time = (i * 7) % 4;
      q.push(time, 0, i, 0);
      pushed.push({ time, seq: i });
    }
    pushed.sort((x, y) => x.time - y.time || x.seq - y.seq);
    const popped: number[] = [];
    while (q.pop()) popped.push(q.a);
    expect(popped).toEqual(pushed.map((e) => e.seq));
  });
});
