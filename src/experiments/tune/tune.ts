/**
 * Memory tuning (`lamsim tune`): run the same scenario once per (memory, architecture) point with
 * common random numbers — every point keeps the seed and the traffic sources' names, so every
 * point sees the same arrivals (design principle 4) and differences come from memory, not noise —
 * then rank the points with Power Tuning's strategies under constraints.
 *
 * Split into a pure expansion (`planTune`), a pure reduction (`reduceTune`) and `tune`, which runs
 * the expansion on a Runner (in-process or a worker pool; the result does not depend on which).
 */

import type { MonthlyBasis } from '../../billing/index.ts';
import { err, ok, present, type Result } from '../../result.ts';
import { GROWING_BACKLOG_WARN_SHARE, provenanceOf, type Summary } from '../../results/index.ts';
import type { Architecture, Scenario, SloObjective } from '../../scenario/index.ts';
import { type CostLeftOut, costsLeftOut } from '../costsLeftOut.ts';
import { findFunction, withFunction, withMemory } from '../edits.ts';
import { type BatchProgress, inProcessRunner, type Runner } from '../runners.ts';
import { mergeObjectives, objectivesJson } from '../slo.ts';
import { trafficFunctions } from '../trafficFunctions.ts';
import { concurrencyLimitMemoryCannotLift } from './concurrencyLimit.ts';
import type { PowerTuningFit } from './fromPowerTuning.ts';
import { POWER_TUNING_DEFAULT_SIZES } from './grid.ts';
import { type PointInput, type TunePoint, tunePoint } from './point.ts';
import { POWER_TUNING_VISUALIZATION_URL, type PowerTuningOutput, powerTuningOutput } from './powerTuning.ts';
import { recommend, type TuneRecommendation } from './recommend.ts';
import { expectedStartedInvocations, runLongestFirst } from './runOrder.ts';
import { clampWeight, DEFAULT_BALANCED_WEIGHT, DEFAULT_STRATEGY, type Strategy } from './strategies.ts';

export interface TuneOptions {
  /** The function to tune (default: the first function traffic invokes directly, else the first). */
  readonly function?: string;
  /** Memory sizes, MB (default: Power Tuning's 128, 256, 512, 1024, 1536, 2048, 3008). */
  readonly memoryMb?: readonly number[];
  /** Architectures (default: the function's own). */
  readonly architectures?: readonly Architecture[];
  readonly strategy?: Strategy;
  /** Balanced strategy's weight, clamped to [0, 1] as Power Tuning does (default 0.5). */
  readonly weight?: number;
  /**
   * Constraints every recommended point must meet (e.g. p99 <= 300 ms), on top of the scenario's
   * `slo:` block (these replace its objectives metric by metric). DEFAULT_CONSTRAINTS
   * (`timeoutRate <= 0`, `throttleRate <= 1%`, `errorRate <= 1%`, and with a function reading a
   * queue or stream BACKLOG_CONSTRAINT, `backlogAtEnd <= 1%`) come first unless either gives the
   * same metric.
   */
  readonly constraints?: readonly SloObjective[];
  readonly visualizationBaseUrl?: string;
  /**
   * The fit of the function's model to a Power Tuning result (already applied to the scenario by
   * `fitScenarioToPowerTuning`); reported in the result, and its sizes are the default grid.
   */
  readonly fromPowerTuning?: PowerTuningFit;
}

/** A point to run: its configuration and the scenario that runs it. */
export interface TuneJob extends PointInput {
  readonly scenario: Scenario;
}

export interface TunePlan {
  readonly function: string;
  readonly strategy: Strategy;
  readonly weight: number;
  readonly constraints: readonly SloObjective[];
  /** The grid's points, architectures in the given order, memory ascending within each. */
  readonly jobs: readonly TuneJob[];
  /** The scenario's own configuration when it is not on the grid (run as an extra job). */
  readonly currentJob: TuneJob | null;
  readonly scenario: Scenario;
  readonly visualizationBaseUrl: string;
  readonly fromPowerTuning?: PowerTuningFit;
}

export interface TuneResult {
  readonly function: string;
  readonly strategy: Strategy;
  readonly weight: number;
  /**
   * Every configuration run: the grid's and, when it is off the grid, the scenario's own
   * (architectures in the given order, memory ascending within each).
   */
  readonly points: readonly TunePoint[];
  readonly recommendation: TuneRecommendation;
  readonly powerTuning: PowerTuningOutput;
  // Extensions beyond the contract.
  readonly scenario: string;
  readonly seed: number;
  /** The constraints as tune.json keys them (`{ "p99Ms": 300 }`). */
  readonly constraints: Readonly<Record<string, number>>;
  /** The constraints every recommended point must meet, in order (see TunePlan). */
  readonly objectives: readonly SloObjective[];
  /** The scenario's own configuration (one of `points`, or run separately when off the grid). */
  readonly current: TunePoint;
  readonly provenance: { readonly version: string; readonly scenarioHash: string };
  /** Present when the function's model was fitted to a Power Tuning result. */
  readonly fromPowerTuning?: PowerTuningFit;
  /** Costs every configuration's bill leaves out (the same for all: tune changes one function). */
  readonly costsLeftOut: readonly CostLeftOut[];
  /** How every monthly figure makes a month of the window (the current point's; the sweep shares it). */
  readonly monthlyBasis: MonthlyBasis;
}

/**
 * What every recommended configuration must meet unless the caller or the scenario's `slo:` block
 * bounds the same metric: no timeouts, and at most 1 % of requests throttled or failed (lamsim's
 * default guard: a configuration that refuses part of the work is not serving the same workload,
 * and latency percentiles cover only the requests that succeeded).
 */
export const DEFAULT_CONSTRAINTS: readonly SloObjective[] = [
  { metric: 'timeoutRate', max: 0 },
  { metric: 'throttleRate', max: 0.01 },
  { metric: 'errorRate', max: 0.01 },
];

/**
 * Added to DEFAULT_CONSTRAINTS when a function reads an SQS queue or a stream: a configuration
 * whose consumer lets the backlog grow to the end of the window, with 1 % of the window's
 * messages or records still waiting, is not keeping up, however its averages look
 * (results/growingBacklogs.ts).
 */
export const BACKLOG_CONSTRAINT: SloObjective = { metric: 'backlogAtEnd', max: GROWING_BACKLOG_WARN_SHARE };

/** The default constraints for this scenario (BACKLOG_CONSTRAINT only with a queue or stream consumer). */
export function defaultConstraints(scenario: Scenario): readonly SloObjective[] {
  const readsQueue = scenario.functions.some((f) =>
    f.events.some((e) => e.kind === 'sqs' || e.kind === 'stream'),
  );
  return readsQueue ? [...DEFAULT_CONSTRAINTS, BACKLOG_CONSTRAINT] : DEFAULT_CONSTRAINTS;
}

/**
 * The point (memoryMb, architecture) of function `name` (which the scenario has): the scenario
 * itself when that is the function's own configuration (`current`), else the scenario with the
 * function's memory and architecture changed.
 */
export function tuneJob(
  scenario: Scenario,
  name: string,
  memoryMb: number,
  architecture: Architecture,
): TuneJob {
  const fn = present(findFunction(scenario, name), `function ${name}`);
  const current = memoryMb === fn.memoryMb && architecture === fn.architecture;
  return {
    memoryMb,
    architecture,
    current,
    scenario: current ? scenario : withFunction(scenario, name, (f) => withMemory(f, memoryMb, architecture)),
  };
}

/** Expands a scenario into the sweep's runs; errors are user errors (unknown function, ...). */
export function planTune(scenario: Scenario, options: TuneOptions = {}): Result<TunePlan, string> {
  // Default: the first function the traffic reaches (invoked, or reading the queue or stream it
  // writes to), else the first function (a scheduled one).
  const name = options.function ?? trafficFunctions(scenario)[0] ?? scenario.functions[0]?.name;
  if (name === undefined) return err('the scenario has no function to tune');
  const fn = findFunction(scenario, name);
  if (!fn) {
    const known = scenario.functions.map((f) => f.name).join(', ');
    return err(`no function '${name}' in the scenario (functions: ${known})`);
  }
  const measured = options.fromPowerTuning?.points.map((p) => p.memoryMb);
  const sizes = [...new Set(options.memoryMb ?? measured ?? POWER_TUNING_DEFAULT_SIZES)].sort(
    (a, b) => a - b,
  );
  // A fit to both architectures' measurements sweeps both unless told otherwise.
  const fittedBoth = options.fromPowerTuning?.model.archSpeed !== undefined;
  const arches = [
    ...new Set(options.architectures ?? (fittedBoth ? ['x86_64', 'arm64'] : [fn.architecture])),
  ] as Architecture[];
  if (sizes.length === 0 || arches.length === 0) return err('empty memory grid');
  const jobFor = (memoryMb: number, architecture: Architecture) =>
    tuneJob(scenario, name, memoryMb, architecture);
  const jobs = arches.flatMap((a) => sizes.map((m) => jobFor(m, a)));
  const onGrid = jobs.some((j) => j.current);
  return ok({
    function: name,
    strategy: options.strategy ?? DEFAULT_STRATEGY,
    weight: clampWeight(options.weight ?? DEFAULT_BALANCED_WEIGHT),
    constraints: mergeObjectives(
      mergeObjectives(defaultConstraints(scenario), scenario.slo),
      options.constraints ?? [],
    ),
    jobs,
    currentJob: onGrid ? null : jobFor(fn.memoryMb, fn.architecture),
    scenario,
    visualizationBaseUrl: options.visualizationBaseUrl ?? POWER_TUNING_VISUALIZATION_URL,
    ...(options.fromPowerTuning ? { fromPowerTuning: options.fromPowerTuning } : {}),
  });
}

/** Every scenario the plan runs: the grid's, then the current configuration's if off the grid. */
export function tuneScenarios(plan: TunePlan): Scenario[] {
  return [...plan.jobs, ...(plan.currentJob ? [plan.currentJob] : [])].map((j) => j.scenario);
}

/**
 * The summaries of `tuneScenarios(plan)`, in that order; the runner gets the runs longest expected
 * first (./runOrder.ts) and, since the points share their arrivals and their handler times (they
 * differ only in how compute is scaled), draws both once per thread (BatchOptions.sharedArrivals,
 * sharedDraws): both change the time only.
 */
export function runSweep(
  plan: TunePlan,
  runner: Runner,
  onProgress?: BatchProgress,
  onThreadIdle?: () => void,
): Promise<Summary[]> {
  const scenarios = tuneScenarios(plan);
  const costs = scenarios.map((s) => expectedStartedInvocations(s, plan.function));
  return runLongestFirst(runner, scenarios, costs, onProgress, {
    sharedArrivals: true,
    sharedDraws: true,
    ...(onThreadIdle ? { onThreadIdle } : {}),
  });
}

/** The sweep's result from the summaries of `tuneScenarios(plan)`, in that order. Pure. */
export function reduceTune(plan: TunePlan, summaries: readonly Summary[]): TuneResult {
  const expected = plan.jobs.length + (plan.currentJob ? 1 : 0);
  if (summaries.length !== expected)
    throw new Error(`reduceTune: ${summaries.length} summaries for ${expected} runs`);
  const grid = plan.jobs.map((job, i) => tunePoint(job, summaries[i], plan.function, plan.constraints));
  const current = plan.currentJob
    ? tunePoint(plan.currentJob, summaries[plan.jobs.length], plan.function, plan.constraints)
    : present(
        grid.find((p) => p.current),
        'the current configuration among the points',
      );
  // The current configuration is always a row, in its place (its architecture's, by memory).
  const arches = [...new Set([...grid.map((p) => p.architecture), current.architecture])];
  const points = (plan.currentJob ? [...grid, current] : grid)
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        arches.indexOf(a.p.architecture) - arches.indexOf(b.p.architecture) ||
        a.p.memoryMb - b.p.memoryMb ||
        a.i - b.i,
    )
    .map((x) => x.p);
  const limit = concurrencyLimitMemoryCannotLift(plan.scenario, plan.function, points, plan.constraints);
  const recommendation = recommend(points, current, plan.strategy, plan.weight, limit);
  const sameArch = points.filter((p) => p.architecture === recommendation.architecture);
  const stat = (p: TunePoint) => ({
    power: p.memoryMb,
    cost: p.costUsdPerRequestServed,
    duration: p.durationMs.mean,
  });
  const best = present(
    sameArch.find((p) => p.memoryMb === recommendation.memoryMb),
    'the recommended configuration among the points',
  );
  const provenance = provenanceOf(plan.scenario);
  return {
    function: plan.function,
    strategy: plan.strategy,
    weight: plan.weight,
    points,
    recommendation,
    powerTuning: powerTuningOutput(sameArch.map(stat), stat(best), plan.visualizationBaseUrl),
    scenario: plan.scenario.name,
    seed: plan.scenario.seed,
    constraints: objectivesJson(plan.constraints),
    objectives: plan.constraints,
    current,
    provenance: { version: provenance.version, scenarioHash: provenance.scenarioHash },
    costsLeftOut: costsLeftOut(plan.scenario),
    monthlyBasis: current.monthlyBasis,
    ...(plan.fromPowerTuning ? { fromPowerTuning: plan.fromPowerTuning } : {}),
  };
}

/** Runs the sweep. The runner is the caller's (and closed by the caller). */
export async function tune(
  scenario: Scenario,
  options: TuneOptions = {},
  runner: Runner = inProcessRunner(),
  onProgress?: BatchProgress,
): Promise<Result<TuneResult, string>> {
  const plan = planTune(scenario, options);
  if (!plan.ok) return plan;
  const summaries = await runSweep(plan.value, runner, onProgress);
  return ok(reduceTune(plan.value, summaries));
}
