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
import { err, ok, type Result } from '../../result.ts';
import type { Scenario } from '../../scenario/index.ts';
import { type BatchProgress, chooseRunner } from '../runners.ts';
import { fitScenarioToPowerTuning, parsePowerTuningResult } from './fromPowerTuning.ts';
import {
  planTune,
  reduceTune,
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
}

/** What went wrong: the sweep's options (`options`) or the Power Tuning result (`powerTuning`). */
export interface TuneProblem {
  readonly input: 'options' | 'powerTuning';
  readonly message: string;
}

/** Resolves the function, fits it to `powerTuning` when given, then plans the sweep with the fitted model. */
export function prepareTune(
  scenario: Scenario,
  options: Omit<TuneOptions, 'fromPowerTuning'> = {},
  powerTuning?: PowerTuningInput,
): Result<TunePlan, TuneProblem> {
  const problem = (input: TuneProblem['input']) => (message: string) => err({ input, message });
  if (!powerTuning) {
    const plan = planTune(scenario, options);
    return plan.ok ? plan : problem('options')(plan.error);
  }
  // The fit needs the function: resolve it on a one-point grid first.
  const resolved = planTune(scenario, { ...options, memoryMb: [128] });
  if (!resolved.ok) return problem('options')(resolved.error);
  const text = typeof powerTuning.text === 'string' ? powerTuning.text : powerTuning.text();
  const measurements = parsePowerTuningResult(text);
  if (!measurements.ok) return problem('powerTuning')(measurements.error);
  const fitted = fitScenarioToPowerTuning(
    scenario,
    resolved.value.function,
    measurements.value,
    powerTuning.source,
  );
  if (!fitted.ok) return problem('powerTuning')(fitted.error);
  const plan = planTune(fitted.value.scenario, { ...options, fromPowerTuning: fitted.value.fit });
  return plan.ok ? ok(plan.value) : problem('options')(plan.error);
}

export interface TuneRunOptions {
  /** Worker threads at most (default: the cores; 1 = in-process). */
  readonly workers?: number;
  readonly onProgress?: BatchProgress;
}

/** Runs a prepared sweep on a runner chosen for its size, and reduces it. */
export async function runTune(plan: TunePlan, options: TuneRunOptions = {}): Promise<TuneResult> {
  const scenarios = tuneScenarios(plan);
  const runner = chooseRunner({ sample: scenarios, maxThreads: options.workers });
  try {
    return reduceTune(plan, await runner.run(scenarios, options.onProgress));
  } finally {
    await runner.close();
  }
}
