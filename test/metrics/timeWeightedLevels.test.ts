/**
 * TimeWeightedLevels (src/metrics/timeWeightedLevels.ts): each level is a TimeWeighted of its own,
 * to the last bit, for times >= 0. Checked against one TimeWeighted per level on random operations
 * with fractional times, where any difference in the order of the arithmetic would show.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { TimeWeighted } from '../../src/metrics/timeWeighted.ts';
import { TimeWeightedLevels } from '../../src/metrics/timeWeightedLevels.ts';

/** What a reader can ask of a level, as numbers or the error's class, compared with Object.is. */
function readings(
  read: {
    value: number;
    max: number;
    integral: (until: number) => number;
    mean: (until: number, from: number) => number;
  },
  times: number[],
): unknown[] {
  const attempt = (f: () => number) => {
    try {
      return f();
    } catch (e) {
      return e instanceof InvalidParameterError ? 'InvalidParameterError' : e;
    }
  };
  const out: unknown[] = [read.value, read.max];
  for (const until of times) {
    out.push(attempt(() => read.integral(until)));
    for (const from of times) out.push(attempt(() => read.mean(until, from)));
  }
  return out;
}

const operation = fc.record({
  level: fc.nat({ max: 3 }),
  kind: fc.constantFrom('set', 'add', 'restart', 'back'),
  // Thousandths, which binary fractions round: arithmetic in another order would show.
  dt: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 1000),
  ),
  value: fc.integer({ min: -5, max: 300 }),
});

describe('TimeWeightedLevels', () => {
  it('property: every level reads as its own TimeWeighted, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 80 }),
        fc.integer({ min: -3, max: 7 }),
        fc.integer({ min: 0, max: 50_000 }).map((n) => n / 1000),
        (ops, initial, start) => {
          const levels = new TimeWeightedLevels(4, initial);
          const refs = [0, 1, 2, 3].map(() => new TimeWeighted(initial));
          const times = [start, start, start, start];
          const updated = [false, false, false, false];
          const seen = new Set<number>([start, 0]);
          for (const op of ops) {
            const outcome = (f: () => unknown) => {
              try {
                return f();
              } catch (e) {
                return e instanceof InvalidParameterError ? 'InvalidParameterError' : e;
              }
            };
            const k = op.level;
            const ref = refs[k] as TimeWeighted;
            // Before a level's first update any time >= 0 is fine for both (TimeWeighted takes
            // negative times too, which the levels refuse: times >= 0).
            if (op.kind === 'back' && !updated[k]) continue;
            if (op.kind !== 'back') updated[k] = true;
            // 'back': an update before the level's previous one, which both must refuse.
            const t = op.kind === 'back' ? (times[k] as number) - 1 - op.dt : (times[k] as number) + op.dt;
            if (op.kind !== 'back') times[k] = t;
            seen.add(t);
            if (op.kind === 'add') {
              const got = outcome(() => levels.add(k, t, op.value));
              const want = outcome(() => {
                ref.add(t, op.value);
                return ref.value;
              });
              expect(got).toBe(want);
            } else if (op.kind === 'restart') {
              expect(outcome(() => levels.restartAt(k, t))).toEqual(outcome(() => ref.restartAt(t)));
            } else {
              expect(outcome(() => levels.set(k, t, op.value))).toEqual(outcome(() => ref.set(t, op.value)));
            }
          }
          // Readings at times >= 0 (the levels' contract; TimeWeighted reads negative ones too).
          const probe = [...seen, ...times.map((t) => t + 0.375)].filter((t) => t >= 0);
          for (let k = 0; k < 4; k++) {
            const ref = refs[k] as TimeWeighted;
            const got = readings(
              {
                value: levels.value(k),
                max: levels.max(k),
                integral: (until) => levels.integral(k, until),
                mean: (until, from) => levels.mean(k, until, from),
              },
              probe,
            );
            const want = readings(
              {
                value: ref.value,
                max: ref.max,
                integral: (until) => ref.integral(until),
                mean: (until, from) => ref.mean(until, from),
              },
              probe,
            );
            // Bit for bit, but for the sign of a zero (see the class comment).
            for (let i = 0; i < got.length; i++) {
              const same = Object.is(got[i], want[i]) || (got[i] === 0 && want[i] === 0);
              if (!same) expect([i, got[i]]).toEqual([i, want[i]]);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps levels apart: updating one leaves the others where they were', () => {
    const levels = new TimeWeightedLevels(3);
    levels.set(1, 10, 4);
    levels.add(1, 20, 2);
    expect(levels.value(1)).toBe(6);
    expect(levels.max(1)).toBe(6);
    expect(levels.mean(1, 30)).toBe((4 * 10 + 6 * 10) / 30);
    for (const k of [0, 2]) {
      expect(levels.value(k)).toBe(0);
      expect(levels.max(k)).toBe(0);
      expect(levels.integral(k, 30)).toBe(0);
    }
    levels.set(0, 5, 1); // an earlier time than level 1's last update: levels have their own clocks
    expect(levels.integral(0, 30)).toBe(25);
    expect(() => levels.set(1, 15, 0)).toThrow(InvalidParameterError);
  });

  it('refuses negative times, as times going backwards', () => {
    const levels = new TimeWeightedLevels(1, 2);
    expect(() => levels.set(0, -1, 3)).toThrow(InvalidParameterError);
    expect(() => levels.set(0, Number.NaN, 3)).toThrow(InvalidParameterError);
    levels.set(0, 0, 3);
    expect(levels.integral(0, 10)).toBe(30);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => new TimeWeightedLevels(1.5)).toThrow(InvalidParameterError);
    expect(() => new TimeWeightedLevels(-1)).toThrow(InvalidParameterError);
  });
});
