import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { TimeWeighted } from '../../src/metrics/timeWeighted.ts';

describe('TimeWeighted', () => {
  it('integrates a step function exactly', () => {
    const tw = new TimeWeighted();
    tw.set(0, 2);
    tw.set(4, 6);
    tw.add(6, -5);
    expect(tw.value).toBe(1);
    expect(tw.max).toBe(6);
    expect(tw.integral(8)).toBe(2 * 4 + 6 * 2 + 1 * 2);
    expect(tw.mean(8)).toBe(22 / 8);
  });

  it('holds the initial value from time 0 until the first change', () => {
    const tw = new TimeWeighted(3);
    expect(tw.mean(10)).toBe(3);
    tw.set(2, 5);
    expect(tw.mean(4)).toBe((3 * 2 + 5 * 2) / 4);
    expect(tw.max).toBe(5);
  });

  it('means over [from, until] where from precedes the changes or follows them', () => {
    const tw = new TimeWeighted();
    tw.set(10, 4);
    tw.set(20, 8);
    expect(tw.mean(30, 5)).toBe((0 * 5 + 4 * 10 + 8 * 10) / 25);
    expect(tw.mean(30, 10)).toBe((4 * 10 + 8 * 10) / 20);
    expect(tw.mean(30, 20)).toBe(8);
    expect(tw.mean(30, 25)).toBe(8);
    expect(tw.mean(25, 25)).toBe(8); // zero-length window: the value held from then
    expect(tw.mean(20, 5)).toBe(40 / 15);
  });

  it('restartAt forgets the history: max from the value held, means from the restart', () => {
    const tw = new TimeWeighted();
    tw.set(10, 9);
    tw.set(20, 3);
    tw.restartAt(30);
    expect(tw.value).toBe(3);
    expect(tw.max).toBe(3);
    tw.set(40, 5);
    tw.add(50, -5);
    expect(tw.max).toBe(5);
    expect(tw.mean(60, 30)).toBe((3 * 10 + 5 * 10 + 0 * 10) / 30);
    // Before the restart it reads as the value it held then, from time 0.
    expect(tw.mean(60, 20)).toBe((3 * 20 + 5 * 10 + 0 * 10) / 40);
    expect(() => tw.restartAt(45)).toThrow(InvalidParameterError); // before the last update
  });

  it('refuses windows that would need the discarded history, and time going backwards', () => {
    const tw = new TimeWeighted();
    tw.set(10, 4);
    tw.set(20, 8);
    expect(() => tw.mean(30, 15)).toThrow(InvalidParameterError); // from inside the updates
    expect(() => tw.mean(15)).toThrow(InvalidParameterError); // until before the last update
    expect(() => tw.mean(30, 40)).toThrow(InvalidParameterError); // from after until
    expect(() => tw.set(19, 1)).toThrow(InvalidParameterError);
    expect(() => tw.set(Number.NaN, 1)).toThrow(InvalidParameterError);
    tw.set(20, 9); // same time is fine
    expect(tw.mean(40, 20)).toBe(9);
  });

  it('property: equals a brute-force integral of random integer steps (exact)', () => {
    const steps = fc.array(
      fc.record({ dt: fc.integer({ min: 0, max: 50 }), v: fc.integer({ min: -20, max: 100 }) }),
      {
        maxLength: 60,
      },
    );
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 50 }), (ss, tail) => {
        const tw = new TimeWeighted();
        const level: number[] = []; // value on [t, t + 1) per integer t
        let t = 0;
        let v = 0;
        let max = 0;
        for (const s of ss) {
          for (let k = 0; k < s.dt; k++) level.push(v);
          t += s.dt;
          v = s.v;
          max = Math.max(max, v);
          tw.set(t, v);
        }
        for (let k = 0; k < tail; k++) level.push(v);
        const until = t + tail;
        const area = level.reduce((a, b) => a + b, 0);
        expect(tw.integral(until)).toBe(area);
        if (until > 0) expect(tw.mean(until)).toBe(area / until);
        expect(tw.max).toBe(max);
      }),
      { numRuns: 500 },
    );
  });
});
