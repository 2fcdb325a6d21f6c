/**
 * Power Tuning's strategies (aws-lambda-power-tuning lambda/analyzer.js): cheapest with ties to the
 * faster, fastest with ties to the cheaper, balanced = weight * cost/maxCost + (1 - weight) *
 * duration/maxDuration, weight clamped to [0, 1], remaining ties in input order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancedScore, clampWeight, rankByStrategy } from '../../src/experiments/tune/index.ts';

const P = (name: string, cost: number, duration: number) => ({ name, cost, duration });
// Power Tuning's own test fixture shape: 128/256/512 with price 100/200/300 and duration 300/200/100.
const linear = [P('128', 100, 300), P('256', 200, 200), P('512', 300, 100)];
const best = (points: ReturnType<typeof P>[], s: 'cost' | 'speed' | 'balanced', w?: number) =>
  rankByStrategy(points, s, w)[0].name;

describe('Power Tuning strategies', () => {
  it('cost picks the cheapest, speed the fastest', () => {
    expect(best(linear, 'cost')).toBe('128');
    expect(best(linear, 'speed')).toBe('512');
  });

  it('cost breaks ties by duration, speed by cost', () => {
    const tied = [P('a', 1, 50), P('b', 1, 40), P('c', 2, 40)];
    expect(best(tied, 'cost')).toBe('b');
    expect(best(tied, 'speed')).toBe('b');
    expect(rankByStrategy(tied, 'speed').map((p) => p.name)).toEqual(['b', 'c', 'a']);
  });

  it('balanced uses weight * cost/maxCost + (1 - weight) * duration/maxDuration', () => {
    const points = [P('128', 0.2, 1000), P('512', 0.3, 300), P('1024', 0.5, 200)];
    const norms = { maxCost: 0.5, maxDuration: 1000 };
    expect(balancedScore(points[1], 0.5, norms)).toBeCloseTo(0.5 * 0.6 + 0.5 * 0.3, 12);
    expect(best(points, 'balanced', 0.5)).toBe('512'); // 0.45 vs 0.7 and 0.6
    expect(best(points, 'balanced', 1)).toBe('128'); // pure cost
    expect(best(points, 'balanced', 0)).toBe('1024'); // pure speed
    expect(best(points, 'balanced', 0.9)).toBe('128'); // 0.9*0.4+0.1 = 0.46 vs 0.57
  });

  it('clamps the weight to [0, 1] like getBalancedWeight', () => {
    expect(clampWeight(-3)).toBe(0);
    expect(clampWeight(7)).toBe(1);
    expect(clampWeight(0.3)).toBe(0.3);
    const points = [P('a', 0.2, 1000), P('b', 0.5, 200)];
    expect(best(points, 'balanced', 5)).toBe(best(points, 'balanced', 1));
    expect(best(points, 'balanced', -5)).toBe(best(points, 'balanced', 0));
  });

  it('keeps the input order on full ties (stable sort)', () => {
    const same = [P('x', 1, 1), P('y', 1, 1), P('z', 1, 1)];
    for (const s of ['cost', 'speed', 'balanced'] as const) expect(best(same, s)).toBe('x');
  });

  it('weight 1 ranks like cost and weight 0 like speed (distinct values)', () => {
    const point = fc.record({
      cost: fc.double({ min: 1e-9, max: 1, noNaN: true }),
      duration: fc.double({ min: 1, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(point, { minLength: 2, maxLength: 12, selector: (p) => p.cost }), (raw) => {
        const points = raw.map((p, i) => P(String(i), p.cost, p.duration));
        expect(best(points, 'balanced', 1)).toBe(best(points, 'cost'));
      }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(point, { minLength: 2, maxLength: 12, selector: (p) => p.duration }),
        (raw) => {
          const points = raw.map((p, i) => P(String(i), p.cost, p.duration));
          expect(best(points, 'balanced', 0)).toBe(best(points, 'speed'));
        },
      ),
    );
  });

  it('never mutates its input', () => {
    const copy = linear.map((p) => ({ ...p }));
    rankByStrategy(linear, 'speed');
    expect(linear).toEqual(copy);
  });
});
