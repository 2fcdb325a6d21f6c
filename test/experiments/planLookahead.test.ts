/**
 * Looking ahead in a walk (src/experiments/plan/lookahead.ts): the next step after each outcome is
 * the walk's own (found by replaying it), the walk's result does not depend on looking ahead, and
 * the likelier outcome comes first when the answers around a point say so.
 */
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  likelyPasses,
  type NextStep,
  nextStep,
  walkAhead,
} from '../../src/experiments/plan/lookahead.ts';

/** Bisection for the first integer that passes in (lo, hi], like the plan's walks. */
const bisect =
  (lo: number, hi: number) =>
  async (decide: (x: number) => Promise<boolean>): Promise<{ lo: number; hi: number }> => {
    let l = lo;
    let h = hi;
    while (h - l > 1) {
      const mid = Math.floor((l + h) / 2);
      if (await decide(mid)) h = mid;
      else l = mid;
    }
    return { lo: l, hi: h };
  };

describe('nextStep', () => {
  it('is the point the walk asks after the outcomes given, or its result when it ends', async () => {
    const walk = bisect(0, 16);
    expect(await nextStep(walk, [])).toEqual({ point: 8 });
    expect(await nextStep(walk, [true])).toEqual({ point: 4 });
    expect(await nextStep(walk, [false])).toEqual({ point: 12 });
    expect(await nextStep(walk, [false, true, false, true])).toEqual({ result: { lo: 10, hi: 11 } });
  });
});

describe('likelyPasses', () => {
  // Two objectives: the first at 0.5 of its bound everywhere, the second falling tenfold from 10
  // to 20 (ratio 4 at 10, 0.4 at 20: log-linear, 1 at 16.02).
  const answers = new Map<number, Answer>([
    [10, { passes: false, ratios: [0.5, 4] }],
    [20, { passes: true, ratios: [0.5, 0.4] }],
  ]);
  it('interpolates each objective log-linearly between the nearest answers below and above', () => {
    expect(likelyPasses(15, answers)).toBe(false);
    expect(likelyPasses(17, answers)).toBe(true);
    // Linear in the ratio it would fail at 17 (4 - 0.7 x 3.6 = 1.48).
  });
  it('counts ratios below 1e-3 as 1e-3 and skips objectives not measured', () => {
    const zeros = new Map<number, Answer>([
      [0, { passes: false, ratios: [null, 1000] }],
      [10, { passes: true, ratios: [2, 0] }],
    ]);
    // ln ratio from ln 1000 to ln 1e-3: 0 halfway.
    expect(likelyPasses(5, zeros)).toBe(true);
    expect(likelyPasses(4.9, zeros)).toBe(false);
  });
  it('has no guess without an answer on each side', () => {
    expect(likelyPasses(25, answers)).toBe(null);
    expect(likelyPasses(5, answers)).toBe(null);
  });
});

describe('walkAhead', () => {
  it('gives the walk its own result and hands ahead the step after a point’s likelier outcome, when it can guess', async () => {
    // Passes from 11 up; the ratio, e^((11 - x) / 4), falls log-linearly through 1 at 11.
    const threshold = 11;
    const answer = async (x: number): Promise<Answer> => ({
      passes: x >= threshold,
      ratios: [Math.exp((threshold - x) / 4)],
    });
    const offered: NextStep<unknown>[] = [];
    let released = 0;
    const result = await walkAhead(bisect(0, 16), answer, (next) => {
      offered.push(next);
      return () => {
        released++;
      };
    });
    expect(result).toEqual(await bisect(0, 16)(async (x) => x >= threshold));
    expect(released).toBe(offered.length);
    // At 8 and at 12 (nothing answered above 8 yet): no guess, nothing asked ahead.
    // At 10, between 8 and 12: interpolated exactly, fails: the walk asks 11 next.
    expect(offered[0]).toEqual({ point: 11 });
    // At 11: passes: the walk ends there.
    expect(offered[1]).toEqual({ result: { lo: 10, hi: 11 } });
    expect(offered).toHaveLength(2);
  });
});
