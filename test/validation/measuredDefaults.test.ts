/**
 * The defaults reproduce the measurements they come from, through a simulation:
 * - INIT: every cold start of a Node.js 22 function draws from the lambda-perf row for its
 *   runtime, packaging, architecture and memory; the sample median and mean land on the measured
 *   distribution's within 4 standard errors (a sample quantile's: sqrt(p(1-p)/n) / density).
 * - Idle reclamation: a request arriving x minutes after the previous one finished finds its
 *   environment reclaimed with the probability Shilkov measured (Jan 2021) at x minutes.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { COLD_START_TABLE } from '../../src/scenario/defaults/coldStartTable.ts';
import { fn, run, scenarioFrom, yaml } from '../helpers/run.ts';

describe('measured INIT defaults', () => {
  it('cold starts of nodejs22.x zip x86_64 at 1024 MB have the measured median and mean', () => {
    const row = COLD_START_TABLE.find(
      (r) =>
        r.runtime === 'nodejs22.x' && r.packaging === 'zip' && r.arch === 'x86_64' && r.memoryMb === 1024,
    )!;
    // One request every 10 s, environments reclaimed after 1 s idle: every request is cold.
    const f = fn(
      run(yaml`
        lamsim: 1
        duration: 10h
        platform: { idleTimeout: 1s }
        traffic: { target: f, mode: uniform, phases: [{ duration: 10h, arrivalRate: 0.1 }] }
        functions: { f: { runtime: nodejs22.x, memorySize: 1024, model: { compute: 1ms } } }
      `),
    );
    const n = f.coldStarts;
    expect(n).toBe(3600);
    // The default is a piecewise-linear CDF through (min, 0), (p50, .5), (p90, .9), ...: its density
    // around the median is at least min(0.5 / (p50 - min), 0.4 / (p90 - p50)).
    const density50 = Math.min(0.5 / (row.p50Ms - row.minMs), 0.4 / (row.p90Ms - row.p50Ms));
    const se50 = Math.sqrt(0.25 / n) / density50;
    expect(Math.abs(f.initDurationMs.p50 - row.p50Ms)).toBeLessThan(4 * se50);
    // The mean of the piecewise-linear CDF (a mixture of uniforms on its segments), exactly, with
    // its standard deviation for the standard error of the sample mean.
    const knots = [
      [row.minMs, 0],
      [row.p50Ms, 0.5],
      [row.p90Ms, 0.9],
      [row.p99Ms, 0.99],
      [row.maxMs, 1],
    ];
    let mean = 0;
    let square = 0;
    for (let i = 1; i < knots.length; i++) {
      const [a, pa] = knots[i - 1];
      const [b, pb] = knots[i];
      mean += (pb - pa) * ((a + b) / 2);
      square += (pb - pa) * ((a * a + a * b + b * b) / 3);
    }
    const sd = Math.sqrt(square - mean * mean);
    expect(Math.abs(f.initDurationMs.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(n));
  });
});

describe('measured idle reclamation', () => {
  // Pairs of requests x minutes apart, pairs 20 minutes apart (long enough that every pair starts
  // cold); the second request of a pair is cold with the measured probability at x minutes.
  const pairs = 400;
  const coldShare = (gapMinutes: number, seed: number): number => {
    const times: number[] = [];
    for (let k = 0; k < pairs; k++) times.push(k * 1200, k * 1200 + gapMinutes * 60);
    const trace = times.map((t) => t.toFixed(3)).join('\n');
    const scenario = scenarioFrom(
      yaml`
        lamsim: 1
        seed: ${seed}
        traffic: { target: f, trace: { file: pairs.csv, format: timestamps } }
        functions: { f: { runtime: python3.12, memorySize: 1769, model: { init: 0ms, compute: 1ms } } }
      `,
      { 'pairs.csv': trace },
    );
    const f = runScenario(scenario).summary.functions.f;
    return (f.coldStarts - pairs) / pairs;
  };

  it.each([
    [4.5, 0.003],
    [6, 0.406],
    [6.5, 0.703], // halfway between the 6-minute (0.406) and 7-minute (1.0) measurements
    [7.5, 1],
  ])('after %s minutes idle, P(cold) = %s', (gap, expected) => {
    const share = coldShare(gap, 3);
    const se = Math.sqrt(Math.max(expected * (1 - expected), 1 / pairs) / pairs);
    expect(Math.abs(share - expected)).toBeLessThan(4 * se);
  });
});
