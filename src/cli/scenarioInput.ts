/**
 * Loading a scenario for a command: parse errors and (for commands that simulate) the size check
 * become one UserInputError listing every problem; warnings go to stderr.
 */
import {
  databaseSaturation,
  databaseSaturationText,
  excerpt,
  formatIssue,
  type Issue,
  type LoadedScenario,
  loadScenario,
  readYaml,
  sizeProblem,
} from '../index.ts';
import { UserInputError } from './errors.ts';

export interface ScenarioInputOptions {
  readonly seed?: number;
  /** Largest file read, in bytes (--max-file-size). */
  readonly maxFileBytes?: number;
  /** Refuse scenarios above this many expected invocations (undefined: no size check). */
  readonly maxInvocations?: number;
  /** A diff's base: its budgets are not checked, so invalid ones alone are left out (see budgetsOnly). */
  readonly baseOfDiff?: boolean;
}

/**
 * Whether every error is in the `budgets:` block: a diff's base is then read without it, since
 * `lamsim diff` checks only the head's budgets (the rest of the base must still be valid).
 */
export function budgetsOnly(issues: readonly Issue[]): boolean {
  const errors = issues.filter((i) => i.severity === 'error');
  return errors.length > 0 && errors.every((i) => i.path === 'budgets' || i.path.startsWith('budgets.'));
}

export function readScenarioOrExit(file: string, options: ScenarioInputOptions = {}): LoadedScenario {
  let loaded = loadScenario(file, { maxFileBytes: options.maxFileBytes });
  if (!loaded.ok && options.baseOfDiff && budgetsOnly(loaded.error)) {
    loaded = loadScenario(file, { maxFileBytes: options.maxFileBytes, ignoreBudgets: true });
  }
  if (!loaded.ok) throw new UserInputError(loaded.error.map(formatIssue));
  for (const warning of loaded.value.warnings) process.stderr.write(`${formatIssue(warning)}\n`);
  let scenario = loaded.value.scenario;
  // A database the traffic's peak saturates: a hint, not an error (the run shows what follows).
  for (const s of databaseSaturation(scenario)) {
    const path = ['resources', s.database, 'query'];
    const { line, col } = readYaml(loaded.value.text, file).source.position(path, 'key');
    const message = databaseSaturationText(s);
    process.stderr.write(
      `${formatIssue({ file, line, col, path: path.join('.'), message, severity: 'warning' })}\n`,
    );
  }
  if (options.seed !== undefined) scenario = { ...scenario, seed: options.seed };
  if (options.maxInvocations !== undefined) {
    const problem = sizeProblem(scenario, options.maxInvocations);
    if (problem) {
      // Pointed at `duration` (written or not): the window is what the estimate scales with.
      const { line, col } = readYaml(loaded.value.text, file).source.position(['duration'], 'key');
      throw new UserInputError(`${excerpt(file, 200)}:${line}:${col} duration: ${problem}`);
    }
  }
  return { ...loaded.value, scenario };
}

/** yargs coercion for --seed: an integer from 0 to 2^32 - 1, written in digits. */
export function parseSeed(value: unknown): number {
  const text = String(value).trim();
  const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n <= 0xffffffff)) {
    throw new UserInputError(`--seed: expected an integer from 0 to 4294967295, got '${excerpt(text)}'`);
  }
  return n;
}
