/** Test helpers: run inline YAML scenarios through the same pipeline the CLI uses. */
import { expect } from 'vitest';
import { type RunOutput, runScenario } from '../../src/experiments/run.ts';
import { formatIssue, parseScenario } from '../../src/index.ts';
import type { FunctionSummary } from '../../src/results/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';

export { yaml } from '../scenario/helpers.ts';

/** Parses a scenario, failing the test with the formatted issues if it does not parse. */
export function scenarioFrom(text: string, files: Record<string, string> = {}): Scenario {
  const parsed = parseScenario(text, { fileName: 'test.yaml', readFile: (p) => files[p] });
  if (!parsed.ok) expect.fail(`scenario does not parse:\n${parsed.error.map(formatIssue).join('\n')}`);
  return parsed.value.scenario;
}

export function run(text: string, seed?: number): RunOutput {
  const scenario = scenarioFrom(text);
  return runScenario(seed === undefined ? scenario : { ...scenario, seed });
}

/** The summary of the only (or named) function of a run. */
export function fn(output: RunOutput, name?: string): FunctionSummary {
  const all = output.summary.functions;
  return all[name ?? Object.keys(all)[0]];
}

/** Mean and standard error of the mean of independent replications. */
export function meanAndStandardError(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}
