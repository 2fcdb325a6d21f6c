/** Command-line options shared by several commands (one definition each). */
import { DEFAULT_MAX_INVOCATIONS } from '../experiments/sizeCheck.ts';
import { parseSeed } from './scenarioInput.ts';

export const seedOption = {
  type: 'number',
  coerce: parseSeed,
  describe: "override the scenario's seed",
} as const;

export const workersOption = {
  type: 'number',
  describe: 'worker threads at most (default: the cores; 1 = in-process)',
} as const;

/** `--max-invocations`: the size check, with what it bounds in this command. */
export const maxInvocationsOption = (describe: string) =>
  ({ type: 'number', default: DEFAULT_MAX_INVOCATIONS, describe }) as const;
