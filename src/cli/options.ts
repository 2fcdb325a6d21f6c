/** Command-line options shared by several commands (one definition each). */
import { DEFAULT_MAX_INVOCATIONS, excerpt, outputProblem, parseSize } from '../index.ts';
import { parseCount } from './costInput.ts';
import { UserInputError } from './errors.ts';
import { parseSeed } from './scenarioInput.ts';

/** yargs gives an array for a flag written twice: refuse it rather than pick one. */
export function single(flag: string, value: unknown): unknown {
  if (Array.isArray(value)) throw new UserInputError(`${flag}: given ${value.length} times; give it once`);
  return value;
}

export const seedOption = {
  type: 'string',
  coerce: (value: unknown) => parseSeed(single('--seed', value)),
  describe: "override the scenario's seed",
} as const;

/** `--workers N`: a whole number of worker threads of at least 1, written in digits. */
export function parseWorkers(value: unknown): number {
  const text = String(single('--workers', value)).trim();
  const count = /^\d{1,6}$/.test(text) ? Number(text) : 0;
  if (count < 1) {
    throw new UserInputError(
      `--workers: expected a whole number of worker threads of at least 1 (1 = in-process), got '${excerpt(text)}'`,
    );
  }
  return count;
}

export const workersOption = {
  type: 'string',
  coerce: parseWorkers,
  describe: 'worker threads at most (default: the cores; 1 = in-process)',
} as const;

/** `--max-invocations N`: a whole count of at least 1 (`50000000`, `50M`, `2.5M`). */
export function parseMaxInvocations(value: unknown): number {
  const text = String(single('--max-invocations', value)).trim();
  const count = parseCount(text);
  if (!count.ok || count.value < 1) {
    throw new UserInputError(
      `--max-invocations: expected a whole count of at least 1 (e.g. 50000000 or 50M), got '${excerpt(text)}'`,
    );
  }
  return count.value;
}

/** `--max-invocations`: the size check, with what it bounds in this command and its default there. */
export const maxInvocationsOption = (describe: string, defaultCount = DEFAULT_MAX_INVOCATIONS) =>
  ({
    type: 'string',
    default: defaultCount,
    coerce: parseMaxInvocations,
    describe,
  }) as const;

/**
 * `--out DIR`: one non-empty folder name that is not the current directory, one of its parents,
 * a root or the home directory (whether DIR may be replaced is checked by `checkOutput`).
 */
export function parseOut(value: unknown): string {
  const text = single('--out', value);
  if (typeof text !== 'string' || text.trim() === '') {
    throw new UserInputError('--out: name the folder to write the report to, e.g. --out reports/mine');
  }
  const problem = outputProblem(text, { force: true });
  if (problem) throw new UserInputError(`--out ${problem}`);
  return text;
}

/** `--max-file-size SIZE`: the largest scenario, trace or sample file read (`100MB`, `1GB`). */
export function parseMaxFileSize(value: unknown): number {
  const text = String(single('--max-file-size', value)).trim();
  const size = parseSize(text);
  if (!size.ok || !(size.value >= 1)) {
    throw new UserInputError(`--max-file-size: expected a size such as 100MB or 1GB, got '${excerpt(text)}'`);
  }
  return size.value;
}

export const maxFileSizeOption = {
  type: 'string',
  coerce: parseMaxFileSize,
  describe: 'largest scenario, trace or sample file read (default 100MB)',
} as const;

export const outOption = (defaultText: string) =>
  ({ type: 'string', coerce: parseOut, describe: `report folder (default: ${defaultText})` }) as const;

/** `--no-charts`: no PNG files (scripted runs); the HTML report still draws every chart. */
export const chartsOption = {
  type: 'boolean',
  default: true,
  describe: 'render each chart to PNG (--no-charts: none; the HTML report still draws them)',
} as const;

export const forceOption = {
  type: 'boolean',
  default: false,
  describe: 'replace the report folder even if lamsim did not write it',
} as const;

/**
 * Refuses, before any work, an output folder that may not be replaced (exit 2): one lamsim did not
 * write (unless `force`), or one that is, or holds, one of the command's `inputs` (even with force).
 */
export function checkOutput(dir: string, force: boolean, inputs: readonly string[] = []): void {
  const problem = outputProblem(dir, { force, inputs });
  if (problem) throw new UserInputError(`lamsim: report folder ${problem}`);
}
