import { describe, expect, it } from 'vitest';
import { lognormalFromMoments, lognormalFromQuantiles } from '../../src/engine/distributions.ts';
import { errorsOf, scenarioOf, yaml } from './helpers.ts';

/** The normalized `model.io` of a function whose io is written as `dist`. */
const io = (dist: string, files: Record<string, string> = {}) =>
  scenarioOf(
    yaml`
      lamsim: 1
      duration: 1m
      functions:
        api:
          runtime: nodejs22.x
          model:
            io: ${dist}
    `,
    files,
  ).functions[0].model.ioMs;

const ioErrors = (dist: string, files: Record<string, string> = {}) =>
  errorsOf(
    yaml`
      lamsim: 1
      duration: 1m
      functions:
        api:
          runtime: nodejs22.x
          model:
            io: ${dist}
    `,
    files,
  );

describe('every written distribution form', () => {
  it('a duration is a constant', () => {
    expect(io('40ms')).toEqual({ kind: 'constant', value: 40 });
    expect(io('{ dist: constant, value: 1.5s }')).toEqual({ kind: 'constant', value: 1500 });
  });

  it('{ p50, p99 } is a lognormal fitted to the two quantiles', () => {
    expect(io('{ p50: 12ms, p99: 40ms }')).toEqual({ kind: 'lognormal', ...lognormalFromQuantiles(12, 40) });
    expect(io('{ dist: lognormal, p50: 12ms, p99: 40ms }')).toEqual({
      kind: 'lognormal',
      ...lognormalFromQuantiles(12, 40),
    });
  });

  it('{ dist: lognormal, mean, stddev } uses the moments', () => {
    expect(io('{ dist: lognormal, mean: 100ms, stddev: 50ms }')).toEqual({
      kind: 'lognormal',
      ...lognormalFromMoments(100, 50),
    });
  });

  it('exponential, uniform and normal', () => {
    expect(io('{ dist: exponential, mean: 2s }')).toEqual({ kind: 'exponential', mean: 2000 });
    expect(io('{ dist: uniform, min: 5m, max: 6m }')).toEqual({
      kind: 'uniform',
      min: 300_000,
      max: 360_000,
    });
    expect(io('{ dist: normal, mean: 20ms, stddev: 5ms }')).toEqual({ kind: 'normal', mean: 20, stddev: 5 });
  });

  it('empirical samples inline and from a file', () => {
    expect(io('{ dist: empirical, samples: [12ms, 15ms, 80ms] }')).toEqual({
      kind: 'empirical',
      samples: [12, 15, 80],
    });
    const files = { 'io.csv': 'io_ms\n12\n15.5\n\n# a comment\n80\n' };
    expect(io('{ dist: empirical, file: io.csv }', files)).toEqual({
      kind: 'empirical',
      samples: [12, 15.5, 80],
    });
    expect(io('{ dist: empirical, file: io.csv, unit: s }', { 'io.csv': '0.012\n1.5\n' })).toEqual({
      kind: 'empirical',
      samples: [12, 1500],
    });
  });

  it('cdf points are a piecewise-linear CDF (extension)', () => {
    expect(io('{ dist: cdf, points: [[3m, 0], [5m, 0.003], [7m, 1]] }')).toEqual({
      kind: 'piecewise',
      points: [
        { value: 180_000, p: 0 },
        { value: 300_000, p: 0.003 },
        { value: 420_000, p: 1 },
      ],
    });
  });

  it('degenerate cases become constants', () => {
    expect(io('{ p50: 40ms, p99: 40ms }')).toEqual({ kind: 'constant', value: 40 });
    expect(io('{ dist: lognormal, mean: 40ms, stddev: 0ms }')).toEqual({ kind: 'constant', value: 40 });
  });
});

describe('the lognormal fit', () => {
  it('puts the median at p50 and the 99th percentile at p99', () => {
    const { mu, sigma } = lognormalFromQuantiles(12, 40);
    expect(Math.exp(mu)).toBeCloseTo(12, 10);
    expect(Math.exp(mu + 2.326347874040841 * sigma)).toBeCloseTo(40, 10);
  });

  it('reproduces the mean and standard deviation', () => {
    const { mu, sigma } = lognormalFromMoments(100, 50);
    const mean = Math.exp(mu + sigma ** 2 / 2);
    const sd = Math.sqrt((Math.exp(sigma ** 2) - 1) * Math.exp(2 * mu + sigma ** 2));
    expect(mean).toBeCloseTo(100, 10);
    expect(sd).toBeCloseTo(50, 10);
  });
});

describe('distribution mistakes', () => {
  it('p99 below p50, p50 of zero, mixed lognormal keys, missing partner', () => {
    expect(ioErrors('{ p50: 40ms, p99: 12ms }')).toEqual([
      '7:29 functions.api.model.io.p99: p99 (12ms) must be >= p50 (40ms)',
    ]);
    expect(ioErrors('{ p50: 0ms, p99: 12ms }')).toEqual([
      '7:18 functions.api.model.io.p50: a lognormal needs p50 > 0; write 0ms (a constant) for no time',
    ]);
    expect(ioErrors('{ dist: lognormal, p50: 1ms, mean: 2ms }')).toEqual([
      '7:11 functions.api.model.io: a lognormal takes p50 and p99, or mean and stddev, not both',
    ]);
    expect(ioErrors('{ dist: lognormal, p50: 1ms }')).toEqual([
      "7:7 functions.api.model.io.p99: missing required key 'p99': a lognormal takes p50 and p99 (or mean and stddev)",
    ]);
    expect(ioErrors('{ p50: 12ms }')).toEqual([
      "7:7 functions.api.model.io.p99: missing required key 'p99': expected a duration with a unit: ms, s, m, h or d (e.g. 250ms, 2s, 5m, 1m30s, 1.5s)",
    ]);
  });

  it('unknown distributions and keys', () => {
    expect(ioErrors('{ dist: weibull, k: 2 }')).toEqual([
      "7:19 functions.api.model.io.dist: unknown distribution 'weibull'; expected dist: constant, exponential, lognormal, uniform, normal, empirical, cdf",
    ]);
    expect(ioErrors('{ dist: unifrom, min: 1ms, max: 2ms }')).toEqual([
      "7:19 functions.api.model.io.dist: unknown distribution 'unifrom' (did you mean 'uniform'?); expected dist: constant, exponential, lognormal, uniform, normal, empirical, cdf",
    ]);
    expect(ioErrors('{ dist: uniform, min: 1ms, max: 2ms, mean: 3ms }')).toEqual([
      "7:48 functions.api.model.io.mean: unknown key 'mean'; allowed keys: dist, min, max",
    ]);
    expect(ioErrors('{ p50: 1ms, p99: 2ms, dist: weibull }')).toEqual([
      "7:39 functions.api.model.io.dist: unknown distribution 'weibull'; expected dist: constant, exponential, lognormal, uniform, normal, empirical, cdf",
    ]);
    expect(ioErrors('[1ms]')).toEqual([
      '7:11 functions.api.model.io: expected a distribution: a duration (40ms), { p50: 12ms, p99: 40ms } or { dist: constant | exponential | lognormal | uniform | normal | empirical | cdf, ... }; got a list',
    ]);
  });

  it('uniform max below min, exponential mean 0', () => {
    expect(ioErrors('{ dist: uniform, min: 6m, max: 5m }')).toEqual([
      '7:42 functions.api.model.io.max: max (5m) must be >= min (6m)',
    ]);
    expect(ioErrors('{ dist: exponential, mean: 0ms }')).toEqual([
      '7:38 functions.api.model.io.mean: an exponential needs a mean > 0; write 0ms (a constant) for no time',
    ]);
  });

  it('empirical: samples or file, not both, not neither, not empty', () => {
    expect(ioErrors('{ dist: empirical, samples: [1ms], file: a.csv }')).toEqual([
      '7:52 functions.api.model.io.file: an empirical distribution takes samples or file, not both',
    ]);
    expect(ioErrors('{ dist: empirical }')).toEqual([
      "7:11 functions.api.model.io: missing required key 'samples' or 'file': an empirical distribution resamples data",
    ]);
    expect(ioErrors('{ dist: empirical, samples: [] }')).toEqual([
      '7:39 functions.api.model.io.samples: expected at least one sample, e.g. [12ms, 15ms, 80ms]',
    ]);
    expect(ioErrors('{ dist: empirical, samples: [1ms], unit: s }')).toEqual([
      '7:52 functions.api.model.io.unit: unit applies to file samples only; inline samples carry their own units (e.g. 12ms)',
    ]);
  });

  it('empirical files: missing, bad lines at their own line and column', () => {
    expect(ioErrors('{ dist: empirical, file: nope.csv }')).toEqual([
      "7:36 functions.api.model.io.file: file 'nope.csv' not found (paths are relative to the scenario file)",
    ]);
    expect(ioErrors('{ dist: empirical, file: s.csv }', { 's.csv': 'ms\n12\n1x\n-3\n' })).toEqual([
      "s.csv:3:1 functions.api.model.io.file: '1x' is not a number (one sample in ms per line)",
      's.csv:4:1 functions.api.model.io.file: negative sample -3: samples are durations >= 0',
    ]);
  });

  it('cdf points must ascend from p = 0 to p = 1', () => {
    expect(ioErrors('{ dist: cdf, points: [[3m, 0], [2m, 0.5], [7m, 1]] }')).toEqual([
      '7:42 functions.api.model.io.points[1]: CDF values must not decrease: 2m after 3m',
    ]);
    expect(ioErrors('{ dist: cdf, points: [[3m, 0.1], [7m, 1]] }')).toEqual([
      '7:33 functions.api.model.io.points[0]: the first CDF point must have probability 0, got 0.1',
    ]);
    expect(ioErrors('{ dist: cdf, points: [[3m, 0], [7m, 0.9]] }')).toEqual([
      '7:42 functions.api.model.io.points[1]: the last CDF point must have probability 1, got 0.9',
    ]);
    expect(ioErrors('{ dist: cdf, points: [[3m, 0], [7m, 2]] }')).toEqual([
      '7:47 functions.api.model.io.points[1][1]: expected a number from 0 to 1, got 2',
    ]);
  });
});
