/**
 * The whole of `lamsim tune` as two library calls, so a library user gets what the CLI does:
 *
 * - `prepareTune` resolves the function, fits its model to a Power Tuning result when one is given
 *   (the caller reads the file: this module does no I/O) and expands the sweep (`planTune`);
 * - `runTune` runs the sweep on a runner chosen for its size (in-process or a worker pool; the
 *   result does not depend on which), closes it, and reduces the summaries (`reduceTune`).
 *
 * Errors are user errors as values, tagged with what caused them so a caller can name the input.
 */

import { distMean } from '../../engine/index.ts';
import { err, ok, present, type Result } from '../../result.ts';
import type { Summary } from '../../results/index.ts';
import type { Architecture, Scenario } from '../../scenario/index.ts';
import { type BatchProgress, chooseRunner } from '../runners.ts';
import { applyArchitectureFit, fitComputeIoByArchitecture } from './archFit.ts';
import {
  fitScenarioToPowerTuning,
  type PowerTuningFit,
  type PowerTuningMeasurements,
  parsePowerTuningResult,
} from './fromPowerTuning.ts';
import {
  planTune,
  reduceTune,
  runSweep,
  type TuneOptions,
  type TunePlan,
  type TuneResult,
  tuneScenarios,
} from './tune.ts';

/**
 * A Power Tuning result to fit the function's model to: its text (JSON output or link), or a
 * function that reads it (called once the function is resolved, so an unknown function is
 * reported before an unreadable file), and where it came from.
 */
export interface PowerTuningInput {
  readonly text: string | (() => string);
  /** Named in the fit's provenance and in messages (e.g. the file name). */
  readonly source: string;
  /** The architecture the result was measured on (default: the function's). */
  readonly architecture?: Architecture;
}

/** What went wrong: the sweep's options (`options`) or the Power Tuning result (`powerTuning`). */
export interface TuneProblem {
  readonly input: 'options' | 'powerTuning';
  readonly message: string;
}

/**
 * Resolves the function, fits it to `powerTuning` when given (one result, or one per architecture:
 * then archSpeed is fitted too), then plans the sweep with the fitted model.
 */
export function prepareTune(
  scenario: Scenario,
  options: Omit<TuneOptions, 'fromPowerTuning'> = {},
  powerTuning?: PowerTuningInput | readonly PowerTuningInput[],
): Result<TunePlan, TuneProblem> {
  const problem = (input: TuneProblem['input']) => (message: string) => err({ input, message });
  const inputs = powerTuning === undefined ? [] : Array.isArray(powerTuning) ? powerTuning : [powerTuning];
  if (inputs.length === 0) {
    const plan = planTune(scenario, options);
    return plan.ok ? plan : problem('options')(plan.error);
  }
  // The fit needs the function: resolve it on a one-point grid first.
  const resolved = planTune(scenario, { ...options, memoryMb: [128] });
  if (!resolved.ok) return problem('options')(resolved.error);
  const name = resolved.value.function;
  const fn = present(
    scenario.functions.find((f) => f.name === name),
    `function ${name}`,
  );
  const archOf = (input: PowerTuningInput) => input.architecture ?? fn.architecture;
  if (inputs.length > 2 || new Set(inputs.map(archOf)).size !== inputs.length) {
    return problem('powerTuning')(
      'give one result, or one per architecture (x86_64=FILE and arm64=FILE): Power Tuning measures one architecture per run',
    );
  }
  const measured: { input: PowerTuningInput; value: PowerTuningMeasurements }[] = [];
  for (const input of inputs) {
    const text = typeof input.text === 'string' ? input.text : input.text();
    const parsed = parsePowerTuningResult(text);
    if (!parsed.ok)
      return problem('powerTuning')(inputs.length > 1 ? `${input.source}: ${parsed.error}` : parsed.error);
    measured.push({ input, value: parsed.value });
  }
  const fitted =
    measured.length === 1
      ? fitOne(scenario, name, measured[0].value, measured[0].input.source, archOf(measured[0].input))
      : fitBoth(scenario, name, measured, archOf);
  if (!fitted.ok) return problem('powerTuning')(fitted.error);
  const plan = planTune(fitted.value.scenario, { ...options, fromPowerTuning: fitted.value.fit });
  return plan.ok ? ok(plan.value) : problem('options')(plan.error);
}

type Fitted = Result<{ readonly scenario: Scenario; readonly fit: PowerTuningFit }, string>;

/** One result: compute, io and threads; measured on `architecture`, which compute now refers to. */
function fitOne(
  scenario: Scenario,
  name: string,
  measurements: PowerTuningMeasurements,
  source: string,
  architecture: Architecture,
): Fitted {
  const fitted = fitScenarioToPowerTuning(scenario, name, measurements, source);
  if (!fitted.ok) return fitted;
  const functions = fitted.value.scenario.functions.map((f) =>
    f.name === name ? { ...f, model: { ...f.model, computeArchitecture: architecture } } : f,
  );
  return ok({ scenario: { ...fitted.value.scenario, functions }, fit: fitted.value.fit });
}

/** One result per architecture: compute per architecture (so archSpeed), a shared io, threads. */
function fitBoth(
  scenario: Scenario,
  name: string,
  measured: readonly { input: PowerTuningInput; value: PowerTuningMeasurements }[],
  archOf: (input: PowerTuningInput) => Architecture,
): Fitted {
  const points = (a: Architecture) =>
    present(
      measured.find((m) => archOf(m.input) === a),
      `the ${a} result`,
    ).value.points;
  const fit = fitComputeIoByArchitecture({ x86_64: points('x86_64'), arm64: points('arm64') });
  if (!fit.ok) return fit;
  const fn = present(
    scenario.functions.find((f) => f.name === name),
    `function ${name}`,
  );
  const fitted = applyArchitectureFit(fn, fit.value);
  return ok({
    scenario: { ...scenario, functions: scenario.functions.map((f) => (f.name === name ? fitted : f)) },
    fit: {
      computeMs: fit.value.computeMs[fn.architecture],
      ioMs: fit.value.ioMs,
      threads: fit.value.threads,
      threadsFrom: fit.value.threadsFrom,
      points: fit.value.points,
      rmsRelativeError: fit.value.rmsRelativeError,
      source: measured.map((m) => `${archOf(m.input)}=${m.input.source}`).join(', '),
      from: measured.every((m) => m.value.from === 'stats') ? 'stats' : 'visualization',
      model: {
        computeMs: distMean(fitted.model.computeMs),
        computeAtMb: fitted.model.computeAtMb,
        threads: fitted.model.threads,
        ioMs: distMean(fitted.model.ioMs),
        archSpeed: fit.value.archSpeed,
      },
    },
  });
}

export interface TuneRunOptions {
  /** Worker threads at most (default: the cores; 1 = in-process). */
  readonly workers?: number;
  readonly onProgress?: BatchProgress;
  /** Called once when a pool thread idles before the sweep's last runs end (BatchOptions.onThreadIdle). */
  readonly onThreadIdle?: () => void;
}

/**
 * Runs a prepared sweep on a runner chosen for its size, and reduces it. A pool's threads are told
 * to close when the sweep ends and finish closing after this resolves (~10 ms here, while the
 * caller goes on to its charts); they hold the process no longer than that.
 */
export async function runTune(plan: TunePlan, options: TuneRunOptions = {}): Promise<TuneResult> {
  const scenarios = tuneScenarios(plan);
  const runner = chooseRunner({ sample: scenarios, maxThreads: options.workers });
  let summaries: Summary[];
  try {
    summaries = await runSweep(plan, runner, options.onProgress, options.onThreadIdle);
  } catch (error) {
    await runner.close();
    throw error;
  }
  runner.close().catch(() => {});
  return reduceTune(plan, summaries);
}
