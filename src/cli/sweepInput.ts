/**
 * Sweeps on the command line (issue 15, step 3): `--replications R` for `lamsim run`, and the
 * folder of a sweep planned as jobs: `--plan-jobs DIR` writes it (sweep.json and one job file per
 * point), `--collect DIR` reads sweep.json and every result in DIR/results/. Every problem is one
 * line, `FILE: what is wrong` for a file (exit 2).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkJobResults,
  collectProblem,
  DEFAULT_MAX_FILE_BYTES,
  excerpt,
  type JobResult,
  jobFileName,
  jobJson,
  MAX_REPLICATIONS,
  type NamedJobResult,
  type PlannedJobs,
  RESULTS_FOLDER,
  readJobResult,
  readSweep,
  type Scenario,
  SWEEP_FILE,
  type Sweep,
  type SweepKind,
  sweepJson,
  writeBundle,
} from '../index.ts';
import { UserInputError } from './errors.ts';
import { readTextOrExit } from './inputFile.ts';
import { single } from './options.ts';

/** `--replications R`: a whole number from 1 to MAX_REPLICATIONS. */
export function parseReplications(value: unknown): number {
  const text = String(single('--replications', value)).trim();
  const count = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (count < 1 || count > MAX_REPLICATIONS) {
    throw new UserInputError(
      `--replications: expected a whole number of replications from 1 to ${MAX_REPLICATIONS}, got '${excerpt(text)}'`,
    );
  }
  return count;
}

export const replicationsOption = {
  type: 'string',
  coerce: parseReplications,
  describe:
    "run R independent replications (seeds derived from the seed) and add every figure's 95 % confidence interval to summary.json (1 = a plain run)",
} as const;

export const planJobsOption = {
  type: 'string',
  describe:
    'write the sweep as one job per point into DIR (sweep.json, job-0000.json, ...) instead of running it; run each with lamsim job, then collect with --collect DIR',
} as const;

export const collectOption = {
  type: 'string',
  describe:
    "write the sweep's bundle from the results of its jobs in DIR/results/ (planned with --plan-jobs DIR from the same file and seed)",
} as const;

/** `--plan-jobs` and `--collect` are two steps: refuse both at once. */
export function checkSweepFlags(args: { planJobs?: string; collect?: string }): void {
  if (args.planJobs !== undefined && args.collect !== undefined) {
    throw new UserInputError('--plan-jobs and --collect: give one (plan the jobs, run them, then collect)');
  }
}

/**
 * Writes the planned sweep into `dir` (a bundle of its own, replaced whole; never one that is or
 * holds one of the command's `inputs`) and says what to run.
 */
export async function writePlannedJobs(
  dir: string,
  planned: PlannedJobs,
  options: { readonly force: boolean; readonly inputs: readonly string[] },
): Promise<void> {
  const count = planned.jobs.length;
  await writeBundle(
    dir,
    [
      { name: SWEEP_FILE, data: sweepJson(planned.sweep) },
      ...planned.jobs.map((job) => ({ name: jobFileName(job.index, count), data: jobJson(job) })),
    ],
    { kind: 'jobs', ...options },
  );
  const last = jobFileName(count - 1, count);
  process.stdout.write(
    `  jobs        ${dir}/ (${count} job${count === 1 ? '' : 's'}: ${SWEEP_FILE}, ${jobFileName(0, count)}${count > 1 ? ` .. ${last}` : ''})\n` +
      `  run each    lamsim job ${join(dir, jobFileName(0, count))} (or lamsim job ${dir} with a batch engine's index)\n`,
  );
}

/** What `--collect DIR` reads: DIR/sweep.json and DIR/results/ (an output may be neither, nor hold them). */
export function collectInputs(dir: string): string[] {
  return [join(dir, SWEEP_FILE), join(dir, RESULTS_FOLDER)];
}

/** DIR/sweep.json, read and checked, or exit 2 naming it. */
export function readSweepOrExit(dir: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): Sweep {
  const file = join(dir, SWEEP_FILE);
  const sweep = readSweep(readTextOrExit(file, maxFileBytes));
  if (!sweep.ok) throw new UserInputError(`${excerpt(file, 200)}: ${sweep.error}`);
  return sweep.value;
}

/** The `.json` files of DIR/results/, in name order (none when the folder is missing). */
function resultFiles(resultsDir: string): string[] {
  try {
    return readdirSync(resultsDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(resultsDir, name));
  } catch {
    return [];
  }
}

/**
 * The sweep in `dir` and its jobs' results in job order, checked to be the `kind` sweep planned
 * from `input`: exit 2 naming the file for a sweep of another kind or scenario, a result of another
 * lamsim, sweep or point, a job given twice, or a job missing.
 */
export function collectOrExit(
  dir: string,
  kind: SweepKind,
  input: Scenario,
  maxFileBytes = DEFAULT_MAX_FILE_BYTES,
): { sweep: Sweep; ordered: JobResult[] } {
  const sweep = readSweepOrExit(dir, maxFileBytes);
  const problem = collectProblem(sweep, kind, input);
  if (problem) throw new UserInputError(`${excerpt(join(dir, SWEEP_FILE), 200)}: ${problem}`);
  const resultsDir = join(dir, RESULTS_FOLDER);
  const named: NamedJobResult[] = resultFiles(resultsDir).map((file) => {
    const result = readJobResult(readTextOrExit(file, maxFileBytes));
    if (!result.ok) throw new UserInputError(`${excerpt(file, 200)}: ${result.error}`);
    return { file, result: result.value };
  });
  const ordered = checkJobResults(sweep, named, resultsDir);
  if (!ordered.ok) throw new UserInputError(ordered.error);
  return { sweep, ordered: ordered.value };
}
