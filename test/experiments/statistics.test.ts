import { describe, expect, it } from 'vitest';
import {
  confidenceBelow,
  incompleteBeta,
  meanAndError,
  studentTCdf,
} from '../../src/experiments/statistics.ts';

describe("Student's t", () => {
  it('matches tabulated one-sided quantiles', () => {
    // t_{0.95} and t_{0.975} from standard tables.
    for (const [t, df, p] of [
      [6.314, 1, 0.95],
      [2.92, 2, 0.95],
      [2.132, 4, 0.95],
      [2.015, 5, 0.95],
      [1.833, 9, 0.95],
      [2.262, 9, 0.975],
      [1.96, 1e6, 0.975],
    ] as const) {
      expect(studentTCdf(t, df)).toBeCloseTo(p, 3);
      expect(studentTCdf(-t, df)).toBeCloseTo(1 - p, 3);
    }
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
  });

  it('t with one degree of freedom is Cauchy', () => {
    for (const t of [-5, -1, 0.3, 2, 40])
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 10);
  });

  it('the incomplete beta has its closed forms', () => {
    for (const x of [0.1, 0.5, 0.9]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(incompleteBeta(x, 2, 1)).toBeCloseTo(x * x, 12);
    }
  });
});

describe('confidence from replications', () => {
  it('is the t probability that the mean is below the threshold', () => {
    const m = meanAndError([9, 10, 11, 10, 10]); // mean 10, se = sqrt(0.5/5)
    expect(m.mean).toBe(10);
    expect(m.se).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(confidenceBelow(m, 10)).toBeCloseTo(0.5, 12);
    expect(confidenceBelow(m, 10 + 2.132 * m.se)).toBeCloseTo(0.95, 3);
    expect(confidenceBelow(m, 10 - 2.132 * m.se)).toBeCloseTo(0.05, 3);
  });

  it('handles no spread, one replication and infinite values', () => {
    expect(confidenceBelow(meanAndError([0, 0, 0]), 0)).toBe(1);
    expect(confidenceBelow(meanAndError([1, 1]), 0.5)).toBe(0);
    expect(confidenceBelow(meanAndError([3]), 4)).toBe(0.5);
    expect(confidenceBelow(meanAndError([3, Number.POSITIVE_INFINITY]), 1e9)).toBe(0);
  });
});
