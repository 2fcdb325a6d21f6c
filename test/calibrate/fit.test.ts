/** Distribution fits, KS distances and phase fitting against known answers. */
import { describe, expect, it } from 'vitest';
import {
  fitDistribution,
  fitPhases,
  ksDistance,
  ksDistanceToSteps,
  lillieforsCritical5,
  quantileSorted,
  runtimeOfVersion,
} from '../../src/calibrate/index.ts';
import { normalCdf, normalQuantile, Rng } from '../../src/engine/index.ts';

const lognormalSample = (n: number, mu: number, sigma: number, seed: number): number[] => {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, () => Math.exp(mu + sigma * normalQuantile(rng.next())));
};

describe('fitDistribution', () => {
  it('recovers a lognormal by maximum likelihood and keeps it (KS below Lilliefors)', () => {
    const fit = fitDistribution(lognormalSample(5000, Math.log(80), 0.4, 1), 'auto');
    expect(fit.kind).toBe('lognormal');
    // Standard errors: mu 0.4/sqrt(5000) = 0.0057, sigma 0.4/sqrt(10000) = 0.004.
    expect(Math.abs((fit.lognormal?.mu ?? 0) - Math.log(80))).toBeLessThan(4 * 0.0057);
    expect(Math.abs((fit.lognormal?.sigma ?? 0) - 0.4)).toBeLessThan(4 * 0.004);
    expect(fit.ksDistance).toBeLessThan(fit.ksCritical ?? 0);
  });

  it('rejects a lognormal for a bimodal sample and keeps the samples', () => {
    const fast = lognormalSample(3000, Math.log(20), 0.1, 2);
    const slow = lognormalSample(1000, Math.log(400), 0.1, 3);
    const fit = fitDistribution([...fast, ...slow], 'auto');
    expect(fit.kind).toBe('empirical');
    expect(fit.ksDistance).toBeGreaterThan(5 * (fit.ksCritical ?? 1));
    expect(fit.sorted.length).toBe(4000);
    expect(fitDistribution([...fast, ...slow], 'lognormal').kind).toBe('lognormal');
  });

  it('Lilliefors at 5%: a true lognormal is rejected about 5% of the time', () => {
    let rejected = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      if (fitDistribution(lognormalSample(50, 0, 1, 100 + t), 'auto').kind === 'empirical') rejected++;
    }
    // Binomial(400, 0.05): mean 20, sd 4.4; 4 sd either side.
    expect(rejected).toBeGreaterThan(20 - 4 * 4.4);
    expect(rejected).toBeLessThan(20 + 4 * 4.4);
  });

  it('few samples stay empirical; equal samples are a constant', () => {
    expect(fitDistribution([10, 12, 30], 'auto').kind).toBe('empirical');
    expect(fitDistribution([7, 7, 7], 'auto').kind).toBe('constant');
    expect(fitDistribution([0, 1, 2, 3, 4], 'auto').kind).toBe('empirical'); // 0 has no logarithm
  });
});

describe('KS distances', () => {
  it('one sample against its CDF: the known value for a tiny sample', () => {
    // Sample {0.5} against U(0,1): D = max(1 - 0.5, 0.5 - 0) = 0.5.
    expect(ksDistance([0.5], (x) => x)).toBe(0.5);
    // Standard normal quartiles: F = 0.25, 0.5, 0.75 -> D = max(1/3-0.25, 2/3-0.5, 1-0.75, ...) = 0.25.
    const q = [normalQuantile(0.25), 0, normalQuantile(0.75)];
    expect(ksDistance(q, normalCdf)).toBeCloseTo(0.25, 12);
  });

  it('a sample against a step CDF: 0 for the same data, 1 when disjoint', () => {
    const a = [1, 2, 3, 4];
    const same = a.map((v, i) => ({ value: v, cumulative: (i + 1) / 4 }));
    expect(ksDistanceToSteps(a, same)).toBe(0);
    expect(ksDistanceToSteps(a, [{ value: 10, cumulative: 1 }])).toBe(1);
    expect(ksDistanceToSteps(a, [{ value: 2.5, cumulative: 1 }])).toBe(0.5);
  });

  it("Lilliefors' table and its large-sample form", () => {
    expect(lillieforsCritical5(3)).toBeUndefined();
    expect(lillieforsCritical5(10)).toBe(0.258);
    expect(lillieforsCritical5(100)).toBeCloseTo(0.0886, 6);
  });

  it('quantiles interpolate between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});

describe('fitPhases', () => {
  it('finds where a Poisson rate changes and keeps each segment count', () => {
    const rng = Rng.fromSeed(9);
    const poisson = (mean: number) => {
      // Sum of exponential gaps within one unit of time.
      let k = 0;
      let t = -Math.log(1 - rng.next()) / mean;
      while (t < 1) {
        k++;
        t += -Math.log(1 - rng.next()) / mean;
      }
      return k;
    };
    const counts = [
      ...Array.from({ length: 30 }, () => poisson(60)),
      ...Array.from({ length: 10 }, () => poisson(600)),
      ...Array.from({ length: 20 }, () => poisson(0.01)),
    ];
    const phases = fitPhases(counts);
    expect(phases.map((p) => p.minutes)).toEqual([30, 10, 20]);
    expect(phases.reduce((s, p) => s + p.count, 0)).toBe(counts.reduce((s, c) => s + c, 0));
  });

  it('a steady rate stays one phase', () => {
    const rng = Rng.fromSeed(4);
    const counts = Array.from({ length: 120 }, () => 100 + Math.round(10 * normalQuantile(rng.next())));
    expect(fitPhases(counts)).toHaveLength(1);
  });
});

describe('runtimeOfVersion', () => {
  it('maps INIT_START runtime versions to runtime ids', () => {
    expect(runtimeOfVersion('nodejs:20.v13')).toBe('nodejs20.x');
    expect(runtimeOfVersion('python:3.12.v16')).toBe('python3.12');
    expect(runtimeOfVersion('python:3.9.v14')).toBe('python3.9');
    expect(runtimeOfVersion('java:21.v20')).toBe('java21');
    expect(runtimeOfVersion('dotnet:8.v30')).toBe('dotnet8');
    expect(runtimeOfVersion('ruby:3.3.v9')).toBe('ruby3.3');
    expect(runtimeOfVersion('provided:al2023.v60')).toBe('provided.al2023');
    expect(runtimeOfVersion('nodejs:14.v3')).toBeUndefined(); // retired, not in lamsim's list
  });
});

describe('calibrate warnings', () => {
  it('says so when every REPORT time is a whole second (aws logs tail --format short)', async () => {
    const { calibrate } = await import('../../src/calibrate/index.ts');
    const { mergeLogFiles, readLogFile } = await import('../../src/logs/index.ts');
    const lines = Array.from(
      { length: 30 },
      (_, i) =>
        `2025-01-02T08:00:${String(i).padStart(2, '0')} REPORT RequestId: r${i}\tDuration: 12.00 ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB`,
    );
    const file = readLogFile('short.txt', lines.join('\n'));
    if (!('entries' in file)) throw new Error('not read');
    const corpus = mergeLogFiles([file]);
    if (!corpus.ok) throw new Error(corpus.error);
    const c = calibrate(corpus.value, { name: 'x', fileBase: 'x', sources: ['short.txt'] });
    expect(c.ok && c.value.warnings.some((w) => w.startsWith('every REPORT time is a whole second'))).toBe(
      true,
    );
  });
});
