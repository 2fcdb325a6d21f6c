/**
 * `lamsim job JOB [--out DIR]`: runs one job of a sweep planned with `--plan-jobs` (on `lamsim
 * tune` or `lamsim run --replications R`) and writes its result, DIR/JOB's name (default: the
 * sweep folder's results/). JOB is a job file (`sweeps/t/job-0003.json`), or the sweep folder
 * itself with a batch engine's index variable set (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX
 * or LAMSIM_SHARD_INDEX, from 0: job-<index>). A job of another lamsim or sweep is refused (exit 2,
 * `FILE: what is wrong`). Collect with `--collect` once every job has run.
 */
import { closeSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  excerpt,
  isJobResultHead,
  JOB_RESULT_HEAD_BYTES,
  jobFileName,
  jobResultJson,
  RESULTS_FOLDER,
  readJob,
  runJob,
  type Sweep,
  writeFilesAtomic,
} from '../../index.ts';
import { UserInputError } from '../errors.ts';
import { readTextOrExit } from '../inputFile.ts';
import { maxFileSizeOption, single } from '../options.ts';
import { progressBar } from '../progress.ts';
import { ENGINE_INDEX_VARIABLES, engineIndex } from '../shardInput.ts';
import { readSweepOrExit } from '../sweepInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  job: string;
  out?: string;
  maxFileSize?: number;
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The job file to run and its sweep: JOB itself, or the job a batch engine's index names in the folder JOB. */
function jobAndSweep(path: string, maxFileBytes: number | undefined): { file: string; sweep: Sweep } {
  if (!isFolder(path)) return { file: path, sweep: readSweepOrExit(dirname(path), maxFileBytes) };
  const sweep = readSweepOrExit(path, maxFileBytes);
  const context = `${excerpt(path, 200)} (${sweep.jobs} job${sweep.jobs === 1 ? '' : 's'})`;
  const index = engineIndex(process.env, sweep.jobs, context, 'job');
  if (index === null) {
    throw new UserInputError(
      `${context}: name one job (${join(path, jobFileName(0, sweep.jobs))}), or set a batch engine's index (${ENGINE_INDEX_VARIABLES.join(', ')})`,
    );
  }
  return { file: join(path, jobFileName(index, sweep.jobs)), sweep };
}

/** `--out DIR`: given once, a folder name (where the result goes is checked by resultTargetProblem). */
export function parseJobOut(value: unknown): string {
  const text = single('--out', value);
  if (typeof text !== 'string' || text.trim() === '') {
    throw new UserInputError("--out: name the folder for the job's result, e.g. --out sweeps/reps/results");
  }
  return text;
}

/** The first bytes of the file at `path` (fewer when it is shorter). */
function headOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(JOB_RESULT_HEAD_BYTES);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Why the result may not be written to `path` in `dir`, or null: `dir` must be a folder (or not
 * exist yet), and `path` missing or a job result lamsim wrote (a job run again replaces its own
 * result; never a user's file, nor a job or sweep file).
 */
function resultTargetProblem(dir: string, path: string): string | null {
  const folder = lstatOrUndefined(dir);
  if (folder !== undefined && !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    return `--out ${excerpt(dir, 200)} is not a folder: name the folder for the job's result`;
  }
  const target = lstatOrUndefined(path);
  if (target === undefined) return null;
  if (target.isFile() && isJobResultHead(headOf(path))) return null;
  return (
    `${excerpt(path, 200)} exists and is not a lamsim job result: lamsim job replaces only its own ` +
    'results; choose another --out (or move the file)'
  );
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export const jobCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.job,
  builder: (y) =>
    y
      .positional('job', {
        type: 'string',
        demandOption: true,
        describe: "a job file (DIR/job-0003.json), or the sweep folder DIR with a batch engine's index set",
      })
      .option('out', {
        type: 'string',
        coerce: parseJobOut,
        describe: "folder for the job's result (default: the sweep folder's results/)",
      })
      .option('max-file-size', maxFileSizeOption) as never,
  handler: async (args) => {
    const { file, sweep } = jobAndSweep(args.job, args.maxFileSize);
    const job = readJob(readTextOrExit(file, args.maxFileSize));
    if (!job.ok) throw new UserInputError(`${excerpt(file, 200)}: ${job.error}`);
    const out = args.out ?? join(dirname(file), RESULTS_FOLDER);
    const path = join(out, jobFileName(job.value.index, sweep.jobs));
    // Checked before the run (fail fast) and again right before the write.
    const checkTarget = () => {
      const problem = resultTargetProblem(out, path);
      if (problem) throw new UserInputError(`lamsim job: ${problem}`);
    };
    checkTarget();
    const progress = progressBar(`job ${job.value.index} of ${sweep.jobs} (${sweep.scenario.name})`);
    const result = runJob(sweep, job.value, (f) => progress.update(f));
    progress.stop();
    if (!result.ok) throw new UserInputError(`${excerpt(file, 200)}: ${result.error}`);
    checkTarget();
    writeFilesAtomic([{ path, data: jobResultJson(result.value) }]);
    process.stdout.write(`  result      ${path}\n`);
  },
};
