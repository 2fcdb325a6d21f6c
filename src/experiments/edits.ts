/**
 * Scenario edits for experiments: immutable updates of a normalized Scenario (the input is never
 * changed). Sweeps and plans expand one scenario into many with these; every edited scenario is a
 * valid normalized scenario the model can run as is.
 *
 * Common random numbers (design principle 4): none of these edits touches the seed or the names of
 * traffic sources and functions, so the arrival streams (`traffic:<name>`) and the per-function
 * streams are the same in every variant.
 */
import type { DistSpec } from '../engine/index.ts';
import type { Architecture, LambdaFunction, Phase, Resource, Scenario, Traffic } from '../scenario/index.ts';
import { defaultInit } from '../scenario/index.ts';

/** The function of that name, or undefined. */
export function findFunction(scenario: Scenario, name: string): LambdaFunction | undefined {
  return scenario.functions.find((f) => f.name === name);
}

/** Replaces function `name` by `edit(fn)`; throws (a bug) when there is no such function. */
export function withFunction(
  scenario: Scenario,
  name: string,
  edit: (fn: LambdaFunction) => LambdaFunction,
): Scenario {
  if (!findFunction(scenario, name)) throw new Error(`withFunction: no function '${name}'`);
  return { ...scenario, functions: scenario.functions.map((f) => (f.name === name ? edit(f) : f)) };
}

/** Replaces the resource of `next`'s name by `next`; throws (a bug) when there is no such resource. */
export function withResource(scenario: Scenario, next: Resource): Scenario {
  if (!scenario.resources.some((r) => r.name === next.name)) {
    throw new Error(`withResource: no resource '${next.name}'`);
  }
  return { ...scenario, resources: scenario.resources.map((r) => (r.name === next.name ? next : r)) };
}

/**
 * The function resized and/or moved to another architecture. When its INIT is the measured
 * default (the scenario did not write `model.init`), the measured default for the new size and
 * architecture replaces it, as the parser would have chosen it.
 */
export function withMemory(fn: LambdaFunction, memoryMb: number, architecture: Architecture): LambdaFunction {
  const initMs = fn.model.initMeasured
    ? (defaultInit(fn.runtime, fn.runtimeProfile, fn.packageType, architecture, memoryMb)?.distribution ??
      fn.model.initMs)
    : fn.model.initMs;
  return { ...fn, memoryMb, architecture, model: { ...fn.model, initMs } };
}

/** A distribution scaled by `factor` >= 0 (every value multiplied; the shape is kept). */
export function scaleDist(spec: DistSpec, factor: number): DistSpec {
  if (!(factor >= 0 && Number.isFinite(factor))) throw new RangeError(`scaleDist: bad factor ${factor}`);
  if (factor === 0) return { kind: 'constant', value: 0 };
  switch (spec.kind) {
    case 'constant':
      return { kind: 'constant', value: spec.value * factor };
    case 'exponential':
      return { kind: 'exponential', mean: spec.mean * factor };
    case 'lognormal':
      return { kind: 'lognormal', mu: spec.mu + Math.log(factor), sigma: spec.sigma };
    case 'uniform':
      return { kind: 'uniform', min: spec.min * factor, max: spec.max * factor };
    case 'normal':
      return { kind: 'normal', mean: spec.mean * factor, stddev: spec.stddev * factor };
    case 'empirical':
      return { kind: 'empirical', samples: spec.samples.map((x) => x * factor) };
    case 'piecewise':
      return { kind: 'piecewise', points: spec.points.map((p) => ({ value: p.value * factor, p: p.p })) };
  }
}

/**
 * Every phase's `arrivalsPerSecond` and `rampToPerSecond` multiplied by `factor` (> 0). Phase times are kept.
 * Traces cannot be scaled this way: `scalableTraffic` says which sources can.
 */
export function scaleTraffic(scenario: Scenario, factor: number): Scenario {
  if (!(factor > 0 && Number.isFinite(factor))) throw new RangeError(`scaleTraffic: bad factor ${factor}`);
  const scalePhase = (p: Phase): Phase => ({
    ...p,
    arrivalsPerSecond: p.arrivalsPerSecond * factor,
    rampToPerSecond: p.rampToPerSecond * factor,
  });
  const traffic = scenario.traffic.map(
    (t): Traffic =>
      t.arrivals.kind === 'phases'
        ? { ...t, arrivals: { kind: 'phases', phases: t.arrivals.phases.map(scalePhase) } }
        : t,
  );
  return { ...scenario, traffic };
}

/**
 * The highest total arrival rate (per second, summed over every traffic source) at any instant
 * of the window, from the phases. Rates are piecewise linear, so the maximum is at a phase
 * boundary: each source's rate is evaluated on both sides of every boundary. Traces count 0.
 */
export function peakRate(scenario: Scenario): number {
  const sources = scenario.traffic.flatMap((t) => (t.arrivals.kind === 'phases' ? [t.arrivals.phases] : []));
  const times = new Set<number>([0]);
  for (const phases of sources) {
    for (const p of phases) {
      if (p.startMs < scenario.durationMs) times.add(p.startMs);
      times.add(Math.min(p.startMs + p.durationMs, scenario.durationMs));
    }
  }
  let peak = 0;
  for (const t of times) {
    let before = 0;
    let after = 0;
    for (const phases of sources) {
      before += rateAt(phases, t, 'left', scenario.durationMs);
      after += rateAt(phases, t, 'right', scenario.durationMs);
    }
    peak = Math.max(peak, before, after);
  }
  return peak;
}

/** The rate of one source just before (`left`) or just after (`right`) time t, 0 outside the window. */
function rateAt(phases: readonly Phase[], t: number, side: 'left' | 'right', windowMs: number): number {
  for (const p of phases) {
    const start = p.startMs;
    const end = Math.min(p.startMs + p.durationMs, windowMs);
    const inside = side === 'right' ? t >= start && t < end : t > start && t <= end;
    if (!inside) continue;
    const f = p.durationMs > 0 ? (t - start) / p.durationMs : 0;
    return p.arrivalsPerSecond + (p.rampToPerSecond - p.arrivalsPerSecond) * f;
  }
  return 0;
}

/** The window of the baseline run that prices the rest of a bursty month (`billing.month: bursts`). */
export const BASELINE_WINDOW_MS = 3_600_000;

/**
 * The scenario at its baseline: every traffic source (phases or trace) arrives at `perSecond`
 * for `durationMs`, nothing else changed (functions, resources, schedules, provisioned
 * concurrency), and its month is the plain repeat (it is itself a part of a month).
 */
export function baselineScenario(
  scenario: Scenario,
  perSecond: number,
  durationMs = BASELINE_WINDOW_MS,
): Scenario {
  if (!(perSecond > 0 && Number.isFinite(perSecond)))
    throw new RangeError(`baselineScenario: bad rate ${perSecond}`);
  const phase: Phase = {
    name: 'baseline',
    startMs: 0,
    durationMs,
    arrivalsPerSecond: perSecond,
    rampToPerSecond: perSecond,
  };
  return {
    ...scenario,
    durationMs,
    traffic: scenario.traffic.map((t): Traffic => ({ ...t, arrivals: { kind: 'phases', phases: [phase] } })),
    billing: { ...scenario.billing, month: { window: 'repeat' } },
  };
}
