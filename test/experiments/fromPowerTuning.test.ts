/** Fitting the function's compute/io split (and threads) to a real Power Tuning result. */
import { describe, expect, it } from 'vitest';
import { distMean } from '../../src/engine/distributions.ts';
import {
  applyComputeIoFit,
  buildVisualizationUrl,
  fitComputeIo,
  type PowerStat,
  parsePowerTuningResult,
  tune,
} from '../../src/experiments/tune/index.ts';
import { usableVcpus } from '../../src/model/handler/cpuShare.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

// A real run (CPU-bound, flat above 1,769 MB), from its published output.
const REAL_OUTPUT = {
  power: 512,
  cost: 0.0000509712,
  duration: 6067.418333333332,
  stateMachine: {
    executionCost: 0.00035,
    lambdaCost: 0.0070682955,
    visualization:
      'https://lambda-power-tuning.show/#gAAAAQACAAQABgAIwAsAKA==;5njERiCGREZZm71F9rxARW12AkU66d5EDqzeRLFs30Q=;a4NdODSTXTjpyVU42k9ZOLixXDipans4V224ONx8nTk=',
  },
};

const parsed = (text: string) => {
  const r = parsePowerTuningResult(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const fitted = (points: readonly PowerStat[], threads = 1) => {
  const r = fitComputeIo(points, threads);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** Mean durations the model gives for compute c at one vCPU, io, threads. */
const synthetic = (c: number, io: number, threads: number, sizes: number[]): PowerStat[] =>
  sizes.map((power) => ({ power, duration: c / usableVcpus(power, threads) + io, cost: 0 }));

describe('reading Power Tuning results', () => {
  it('reads the state machine output through its visualization link', () => {
    const m = parsed(JSON.stringify(REAL_OUTPUT));
    expect(m.from).toBe('visualization');
    expect(m.points.map((p) => p.power)).toEqual([128, 256, 512, 1024, 1536, 2048, 3008, 10240]);
  });

  it('prefers `stats` (includeOutputResults) and accepts string values', () => {
    const out = {
      ...REAL_OUTPUT,
      stats: [
        { value: '256', averagePrice: 2e-6, averageDuration: 200 },
        { value: '128', averagePrice: 1e-6, averageDuration: 400 },
      ],
    };
    const m = parsed(JSON.stringify(out));
    expect(m.from).toBe('stats');
    expect(m.points).toEqual([
      { power: 128, duration: 400, cost: 1e-6 },
      { power: 256, duration: 200, cost: 2e-6 },
    ]);
  });

  it("reads Step Functions' describe-execution output (a JSON string) and bare links", () => {
    expect(
      parsed(JSON.stringify({ status: 'SUCCEEDED', output: JSON.stringify(REAL_OUTPUT) })).points,
    ).toHaveLength(8);
    expect(parsed(JSON.stringify({ output: REAL_OUTPUT })).points).toHaveLength(8);
    expect(parsed(`${REAL_OUTPUT.stateMachine.visualization}\n`).points).toHaveLength(8);
  });

  it('explains what it could not read', () => {
    expect(parsePowerTuningResult('{ nope').ok).toBe(false);
    const r = parsePowerTuningResult('{"power": 128}');
    expect(!r.ok && r.error).toMatch(/no Power Tuning measurements found/);
    const one = buildVisualizationUrl([{ power: 128, duration: 10, cost: 1e-7 }]);
    expect(parsePowerTuningResult(one)).toEqual({
      ok: false,
      error: 'need measurements at two or more memory sizes to fit compute and io',
    });
  });
});

describe('fitting compute, io and threads', () => {
  const sizes = [128, 256, 512, 1024, 1536, 2048, 3008];

  it('recovers the parameters that generated the durations', () => {
    for (const [c, io, threads] of [
      [800, 40, 1],
      [2000, 0, 1],
      [0, 120, 1],
      [600, 25, 2],
    ] as const) {
      const fit = fitted(synthetic(c, io, threads, sizes));
      expect(fit.threads).toBe(threads);
      expect(fit.computeMs).toBeCloseTo(c, 6);
      expect(fit.ioMs).toBeCloseTo(io, 6);
      expect(fit.rmsRelativeError).toBeLessThan(1e-9);
    }
  });

  it('cannot tell threads apart beyond what the sizes reach, and says so', () => {
    // Up to 3,008 MB = 1.7 vCPUs: 2 threads and 6 threads look the same.
    const fit = fitted(synthetic(600, 25, 6, sizes));
    expect(fit.threads).toBe(2);
    expect(fit.threadsFrom).toBe('at-least');
    // Without a size above 1,769 MB threads are not identifiable: the scenario's are kept.
    const low = fitted(synthetic(600, 25, 1, [128, 256, 512, 1024]), 3);
    expect(low.threads).toBe(3);
    expect(low.threadsFrom).toBe('kept');
  });

  it('keeps one thread when noise is all that favours more', () => {
    const noisy = synthetic(800, 40, 1, sizes).map((p) =>
      p.power === 3008 ? { ...p, duration: p.duration * 0.97 } : p,
    );
    expect(fitted(noisy).threads).toBe(1);
  });

  it('fits the real CPU-bound run: single-threaded, little io, within a few percent', () => {
    const fit = fitted(parsed(JSON.stringify(REAL_OUTPUT)).points);
    expect(fit.threads).toBe(1);
    expect(fit.computeMs).toBeGreaterThan(1700);
    expect(fit.computeMs).toBeLessThan(1900);
    expect(fit.rmsRelativeError).toBeLessThan(0.05);
    for (const p of fit.points) expect(Math.abs(p.fittedMs / p.measuredMs - 1)).toBeLessThan(0.1);
  });

  it('applied to a scenario, a sweep reproduces the measured durations', async () => {
    const measured = synthetic(300, 50, 1, [128, 512, 1024, 2048]);
    const fit = fitted(measured);
    const scenario = scenarioFrom(
      oneFunction({ compute: '{ p50: 10ms, p99: 50ms }', io: '5ms' }, 5, '2m', 'uniform'),
    );
    const fn = applyComputeIoFit(scenario.functions[0], fit);
    expect(fn.model.computeMs.kind).toBe('lognormal'); // the shape is kept, the mean is fitted
    expect(distMean(fn.model.computeMs)).toBeCloseTo(300, 6);
    expect(fn.model.computeAtMb).toBe(1769);
    const r = await tune({ ...scenario, functions: [fn] }, { memoryMb: measured.map((p) => p.power) });
    if (!r.ok) throw new Error(r.error);
    r.value.points.forEach((p, i) => {
      // Sample means of 600 draws of a lognormal: within 10% of the model's mean.
      expect(Math.abs(p.durationMs.mean / measured[i].duration - 1)).toBeLessThan(0.1);
    });
  });

  it('does not count internet calls the scenario already models as io', () => {
    const scenario = scenarioFrom(
      oneFunction({ compute: '10ms', io: '5ms' }).replace(
        '      io: 5ms',
        '      io: 5ms\n      calls: [{ resource: internet, count: 2, latency: 20ms, bytes: 1KB }]',
      ),
    );
    expect(scenario.functions[0].model.calls).toHaveLength(1);
    const fit = fitted(synthetic(300, 50, 1, [128, 1024, 2048]));
    expect(distMean(applyComputeIoFit(scenario.functions[0], fit).model.ioMs)).toBeCloseTo(10, 6);
  });
});
