/**
 * arm64 is not x86_64 with a discount: `model.archSpeed` scales compute by architecture, and
 * `tune --from-power-tuning x86_64=A arm64=B` fits it from one Power Tuning run per architecture
 * (Power Tuning measures one function, so one architecture, per run; its output does not say which).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import {
  buildVisualizationUrl,
  fitComputeIoByArchitecture,
  type PowerStat,
  prepareTune,
} from '../../src/experiments/tune/index.ts';
import { usableVcpus } from '../../src/model/handler/cpuShare.ts';
import { fn, run, yaml } from '../helpers/run.ts';
import { scenarioFrom } from './helpers.ts';

const SIZES = [128, 256, 512, 1024, 1536, 2048, 3008];
const synthetic = (c: number, io: number, threads: number): PowerStat[] =>
  SIZES.map((power) => ({ power, duration: c / usableVcpus(power, threads) + io, cost: 0 }));

/** A Power Tuning output as the state machine returns it (its visualization link: Float32 values). */
const output = (stats: readonly PowerStat[]) =>
  JSON.stringify({
    power: 1024,
    cost: 0,
    duration: stats[3].duration,
    stateMachine: { executionCost: 0.00035, lambdaCost: 0.001, visualization: buildVisualizationUrl(stats) },
  });

const fnYaml = (archSpeed: string, architecture = 'x86_64') => yaml`
  lamsim: 1
  name: arch
  duration: 1m
  traffic: { target: f, mode: uniform, phases: [{ duration: 1m, arrivalRate: 2 }] }
  functions:
    f:
      runtime: nodejs22.x
      architecture: ${architecture}
      memorySize: 1769
      model: { init: 0ms, compute: 100ms${archSpeed} }
`;

describe('archSpeed', () => {
  it('is 1 by default: the same compute on both architectures', () => {
    const s = scenarioFrom(fnYaml(''));
    expect(s.functions[0].model.archSpeed).toEqual({ x86_64: 1, arm64: 1 });
  });

  it('scales compute measured on the written architecture to the other one', () => {
    // compute 100 ms measured on x86_64; arm64 runs it 1.25x as fast: 80 ms there.
    const x86 = fn(run(fnYaml(', archSpeed: { arm64: 1.25 }')));
    expect(x86.durationMs.mean).toBeCloseTo(100, 6);
    const armScenario = fnYaml(', archSpeed: { arm64: 1.25 }', 'arm64');
    // Written on arm64, the 100 ms are arm64's own: unchanged there.
    expect(fn(run(armScenario)).durationMs.mean).toBeCloseTo(100, 6);
  });

  it('tune sweeps the other architecture at its speed', () => {
    const s = scenarioFrom(fnYaml(', archSpeed: { x86_64: 1, arm64: 1.25 }'));
    const plan = prepareTune(s, { memoryMb: [1769], architectures: ['x86_64', 'arm64'] });
    if (!plan.ok) throw new Error(plan.error.message);
    const arm = plan.value.jobs.find((j) => j.architecture === 'arm64')!;
    expect(fn(runScenario(arm.scenario)).durationMs.mean).toBeCloseTo(80, 6);
  });
});

describe('fitting archSpeed to Power Tuning results of both architectures', () => {
  it('recovers compute per architecture, the shared io and the speed ratio from exact means', () => {
    // x86_64: 400 ms of CPU at one vCPU; arm64 1.2x as fast (333.3 ms); io 20 ms on both.
    const fit = fitComputeIoByArchitecture({
      x86_64: synthetic(400, 20, 1),
      arm64: synthetic(400 / 1.2, 20, 1),
    });
    if (!fit.ok) throw new Error(fit.error);
    expect(fit.value.computeMs.x86_64).toBeCloseTo(400, 6);
    expect(fit.value.computeMs.arm64).toBeCloseTo(400 / 1.2, 6);
    expect(fit.value.ioMs).toBeCloseTo(20, 6);
    expect(fit.value.archSpeed.arm64).toBeCloseTo(1.2, 9);
    expect(fit.value.threads).toBe(1);
    expect(fit.value.rmsRelativeError).toBeLessThan(1e-9);
  });

  it('an arm64 slower than x86_64 fits a speed below 1', () => {
    const fit = fitComputeIoByArchitecture({ x86_64: synthetic(300, 50, 2), arm64: synthetic(360, 50, 2) });
    if (!fit.ok) throw new Error(fit.error);
    expect(fit.value.archSpeed.arm64).toBeCloseTo(300 / 360, 9);
    expect(fit.value.threads).toBe(2);
  });

  it('through prepareTune: two state-machine outputs, the function fitted, both architectures swept', () => {
    const s = scenarioFrom(fnYaml(''));
    const plan = prepareTune(s, {}, [
      { source: 'x86.json', architecture: 'x86_64', text: output(synthetic(400, 20, 1)) },
      { source: 'arm.json', architecture: 'arm64', text: output(synthetic(400 / 1.2, 20, 1)) },
    ]);
    if (!plan.ok) throw new Error(plan.error.message);
    const f = plan.value.scenario.functions[0];
    // The visualization link holds Float32 durations: relative precision ~1e-7.
    expect(f.model.archSpeed.arm64).toBeCloseTo(1.2, 5);
    expect(f.model.computeArchitecture).toBe('x86_64');
    expect(plan.value.fromPowerTuning?.model.archSpeed?.arm64).toBeCloseTo(1.2, 5);
    expect(new Set(plan.value.jobs.map((j) => j.architecture))).toEqual(new Set(['x86_64', 'arm64']));
    // Two results of one architecture cannot fit a ratio.
    const twice = prepareTune(s, {}, [
      { source: 'a.json', text: output(synthetic(400, 20, 1)) },
      { source: 'b.json', architecture: 'x86_64', text: output(synthetic(400, 20, 1)) },
    ]);
    expect(twice.ok).toBe(false);
  });
});
