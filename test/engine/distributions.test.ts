import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DistSpec,
  distMean,
  lognormalFromMoments,
  lognormalFromQuantiles,
  makeSampler,
} from '../../src/engine/distributions.ts';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { Rng } from '../../src/engine/rng.ts';
import {
  CHI2_CRIT_0_001,
  chiSquare,
  ksCritical,
  ksStatistic,
  mean,
  refNormalCdf,
  variance,
} from './stats.ts';

// Every KS test below uses n = 20,000 draws and alpha = 0.001: a correct sampler fails one of them
// with probability 0.001 for a random seed (the seeds are fixed, so the outcome is deterministic).
const N = 20_000;
const ALPHA = 0.001;
const D_CRIT = ksCritical(N, ALPHA);

function draw(spec: DistSpec, seed: number, n = N): Float64Array {
  const sampler = makeSampler(spec);
  const rng = Rng.fromSeed(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sampler.sample(rng);
  return out;
}

const ALL_KINDS: DistSpec[] = [
  { kind: 'constant', value: 3 },
  { kind: 'exponential', mean: 5 },
  { kind: 'lognormal', mu: 1, sigma: 0.5 },
  { kind: 'uniform', min: 2, max: 7 },
  { kind: 'normal', mean: 1, stddev: 2 },
  { kind: 'empirical', samples: [5, 1, 3, 3] },
  {
    kind: 'piecewise',
    points: [
      { value: 0, p: 0 },
      { value: 10, p: 0.5 },
      { value: 40, p: 1 },
    ],
  },
];

describe('common random numbers contract', () => {
  it.each(ALL_KINDS)('$kind consumes exactly one rng.next() per sample and returns quantile(u)', (spec) => {
    const sampler = makeSampler(spec);
    const a = Rng.fromSeed(99);
    const b = Rng.fromSeed(99);
    for (let i = 0; i < 1000; i++) {
      const x = sampler.sample(a);
      expect(x).toBe(sampler.quantile(b.next()));
    }
    // Both streams are at the same position: nothing else was drawn.
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});

describe('Kolmogorov-Smirnov against the theoretical CDF (alpha = 0.001, n = 20,000)', () => {
  const cases: { name: string; spec: DistSpec; cdf: (x: number) => number }[] = [
    { name: 'exponential', spec: { kind: 'exponential', mean: 5 }, cdf: (x) => 1 - Math.exp(-x / 5) },
    {
      name: 'lognormal',
      spec: { kind: 'lognormal', mu: 1, sigma: 0.5 },
      cdf: (x) => refNormalCdf((Math.log(x) - 1) / 0.5),
    },
    {
      name: 'uniform',
      spec: { kind: 'uniform', min: 2, max: 7 },
      cdf: (x) => Math.min(1, Math.max(0, (x - 2) / 5)),
    },
    ...[
      [100, 10],
      [1, 2],
      [0, 1],
      [-2, 1],
    ].map(([m, s]) => ({
      name: `normal(${m}, ${s}) truncated at 0`,
      spec: { kind: 'normal', mean: m, stddev: s } as DistSpec,
      // P(X <= x | X >= 0) = 1 - P(Z > (x - m)/s) / P(Z > -m/s), in the form that keeps tail accuracy.
      cdf: (x: number) => 1 - refNormalCdf(-(x - m) / s) / refNormalCdf(m / s),
    })),
    {
      name: 'piecewise',
      spec: {
        kind: 'piecewise',
        points: [
          { value: 0, p: 0 },
          { value: 10, p: 0.5 },
          { value: 40, p: 1 },
        ],
      },
      cdf: (x) => (x <= 10 ? x / 20 : 0.5 + (x - 10) / 60),
    },
  ];
  it.each(cases)('$name', ({ spec, cdf }) => {
    expect(ksStatistic(draw(spec, 1234), cdf)).toBeLessThan(D_CRIT);
  });

  it('would reject a wrong parameter (the test has power)', () => {
    const xs = draw({ kind: 'exponential', mean: 5.3 }, 1234);
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-x / 5))).toBeGreaterThan(D_CRIT);
  });
});

describe('means', () => {
  it.each(ALL_KINDS)('$kind: the sample mean is within 4 standard errors of Sampler.mean', (spec) => {
    const xs = draw(spec, 77, 50_000);
    const se = Math.sqrt(variance(xs) / xs.length);
    // 4 sigma: a correct sampler fails with probability ~6e-5 (CLT; all variances here are finite).
    expect(Math.abs(mean(xs) - makeSampler(spec).mean)).toBeLessThanOrEqual(4 * se);
  });

  it('distMean gives the exact closed forms', () => {
    expect(distMean({ kind: 'constant', value: 3 })).toBe(3);
    expect(distMean({ kind: 'exponential', mean: 5 })).toBe(5);
    expect(distMean({ kind: 'uniform', min: 2, max: 7 })).toBe(4.5);
    expect(distMean({ kind: 'lognormal', mu: 1, sigma: 0.5 })).toBeCloseTo(Math.exp(1.125), 14);
    expect(distMean({ kind: 'empirical', samples: [5, 1, 3, 3] })).toBe(3);
    // Piecewise: 0.5 * 5 + 0.5 * 25 = 15.
    expect(distMean(ALL_KINDS[6])).toBe(15);
    // Half-normal: the normal(0, s) truncated at 0 has mean s sqrt(2 / pi).
    expect(distMean({ kind: 'normal', mean: 0, stddev: 3 })).toBeCloseTo(3 * Math.sqrt(2 / Math.PI), 14);
    // Far from 0 the truncation is negligible.
    expect(distMean({ kind: 'normal', mean: 100, stddev: 10 })).toBeCloseTo(100, 12);
    expect(distMean({ kind: 'normal', mean: 5, stddev: 0 })).toBe(5);
  });
});

describe('truncated normal', () => {
  it('never returns a negative value, even with most of the mass below 0', () => {
    for (const [m, s] of [
      [-3, 1],
      [0, 1],
      [-30, 1],
    ]) {
      const xs = draw({ kind: 'normal', mean: m, stddev: s }, 5, 50_000);
      expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    }
    const sampler = makeSampler({ kind: 'normal', mean: -3, stddev: 1 });
    expect(sampler.quantile(0)).toBe(0);
  });

  it('is a truncation, not a clamp: no atom at 0', () => {
    const xs = draw({ kind: 'normal', mean: -1, stddev: 1 }, 8);
    expect(xs.filter((x) => x === 0).length).toBe(0);
  });
});

describe('empirical', () => {
  it('resamples each value with frequency 1/n (chi-square, alpha = 0.001)', () => {
    const xs = draw({ kind: 'empirical', samples: [2, 1, 2, 3] }, 21);
    const counts = [1, 2, 3].map((v) => xs.filter((x) => x === v).length);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(N); // nothing else was returned
    expect(chiSquare(counts, [N / 4, N / 2, N / 4])).toBeLessThan(CHI2_CRIT_0_001[2]);
  });

  it('quantile maps [k/n, (k+1)/n) to the k-th smallest sample', () => {
    const s = makeSampler({ kind: 'empirical', samples: [30, 10, 20] });
    expect([0, 0.3, 1 / 3, 0.6, 2 / 3, 0.99, 1 - 2 ** -53].map((p) => s.quantile(p))).toEqual([
      10, 10, 20, 20, 30, 30, 30,
    ]);
  });
});

describe('piecewise', () => {
  it('interpolates linearly, handles atoms (equal values) and gaps (equal p)', () => {
    const s = makeSampler({
      kind: 'piecewise',
      points: [
        { value: 0, p: 0 },
        { value: 10, p: 0.5 },
        { value: 10, p: 0.7 }, // atom of mass 0.2 at 10
        { value: 20, p: 0.7 }, // no mass on (10, 20)
        { value: 30, p: 1 },
      ],
    });
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(0.25)).toBe(5);
    expect(s.quantile(0.6)).toBe(10);
    expect(s.quantile(0.85)).toBeCloseTo(25, 12);
    expect(s.mean).toBeCloseTo(0.5 * 5 + 0.2 * 10 + 0.3 * 25, 12);
  });
});

describe('lognormal fits', () => {
  it('property: lognormalFromQuantiles recovers p50 and p99 through the sampler', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e3, noNaN: true }),
        (p50, ratio) => {
          const { mu, sigma } = lognormalFromQuantiles(p50, p50 * ratio);
          const s = makeSampler({ kind: 'lognormal', mu, sigma });
          expect(Math.abs(s.quantile(0.5) / p50 - 1)).toBeLessThan(1e-12);
          expect(Math.abs(s.quantile(0.99) / (p50 * ratio) - 1)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lognormalFromMoments reproduces the mean and standard deviation', () => {
    for (const [m, sd] of [
      [100, 30],
      [5, 20],
      [1, 0],
    ]) {
      const { mu, sigma } = lognormalFromMoments(m, sd);
      expect(distMean({ kind: 'lognormal', mu, sigma })).toBeCloseTo(m, 10);
      const v = (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma);
      expect(Math.sqrt(v)).toBeCloseTo(sd, 10);
    }
  });

  it('rejects impossible inputs', () => {
    expect(() => lognormalFromQuantiles(0, 1)).toThrow(InvalidParameterError);
    expect(() => lognormalFromQuantiles(2, 1)).toThrow(InvalidParameterError);
    expect(() => lognormalFromQuantiles(1, Number.POSITIVE_INFINITY)).toThrow(InvalidParameterError);
    expect(() => lognormalFromMoments(0, 1)).toThrow(InvalidParameterError);
    expect(() => lognormalFromMoments(1, -1)).toThrow(InvalidParameterError);
  });
});

describe('spec validation', () => {
  const bad: DistSpec[] = [
    { kind: 'constant', value: Number.NaN },
    { kind: 'exponential', mean: -1 },
    { kind: 'lognormal', mu: 0, sigma: -0.1 },
    { kind: 'lognormal', mu: Number.POSITIVE_INFINITY, sigma: 1 },
    { kind: 'uniform', min: 3, max: 2 },
    { kind: 'normal', mean: 1, stddev: -1 },
    { kind: 'normal', mean: -1, stddev: 0 },
    { kind: 'normal', mean: -50, stddev: 1 },
    { kind: 'empirical', samples: [] },
    { kind: 'empirical', samples: [1, Number.NaN] },
    { kind: 'piecewise', points: [{ value: 0, p: 0 }] },
    {
      kind: 'piecewise',
      points: [
        { value: 0, p: 0.1 },
        { value: 1, p: 1 },
      ],
    },
    {
      kind: 'piecewise',
      points: [
        { value: 0, p: 0 },
        { value: 1, p: 0.9 },
      ],
    },
    {
      kind: 'piecewise',
      points: [
        { value: 0, p: 0 },
        { value: 2, p: 0.6 },
        { value: 1, p: 1 },
      ],
    },
    {
      kind: 'piecewise',
      points: [
        { value: 0, p: 0 },
        { value: 1, p: 0.6 },
        { value: 2, p: 0.5 },
        { value: 3, p: 1 },
      ],
    },
  ];
  it.each(bad)('rejects %j with a named InvalidParameterError', (spec) => {
    expect(() => makeSampler(spec)).toThrow(InvalidParameterError);
    expect(() => distMean(spec)).toThrow(/invalid/);
  });

  it('rejects an unknown kind', () => {
    expect(() => makeSampler({ kind: 'gamma' } as unknown as DistSpec)).toThrow(InvalidParameterError);
  });
});
