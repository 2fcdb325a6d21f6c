/**
 * Collecting a sweep's job results (`--collect DIR`) into what the sweep gives when run in one
 * process: `checkJobResults` puts the results in job order, refusing one that is not of this
 * sweep, a job given twice and a job missing; `collectTune` and `collectReplications` reduce
 * them exactly as `runTune` and `runReplications` do (replication 0's report from the run data
 * its result carries, merged as one slice: results/mergeRuns.ts). Pure.
 */
import { err, ok, type Result } from '../../result.ts';
import { mergeRuns, type RunParts } from '../../results/index.ts';
import { withReplications } from '../replications.ts';
import { finishRun, type RunOutput } from '../run.ts';
import { reduceTune, type TuneResult } from '../tune/index.ts';
import { type JobResult, jobFileName, type Sweep } from './jobFiles.ts';
import { carriesRun } from './runJob.ts';
import { jobProblem, tunePlanOf } from './sweepJobs.ts';

export interface NamedJobResult {
  /** Where it was read from, for messages. */
  readonly file: string;
  readonly result: JobResult;
}

/**
 * The results of every job of the sweep, in job order, or the first problem as one line
 * `FILE: what is wrong`; a missing job is named by the file `lamsim job` writes for it in
 * `resultsDir`.
 */
export function checkJobResults(
  sweep: Sweep,
  results: readonly NamedJobResult[],
  resultsDir: string,
): Result<JobResult[], string> {
  const byIndex = new Map<number, NamedJobResult>();
  for (const named of results) {
    const problem = jobProblem(sweep, named.result);
    if (problem) return err(`${named.file}: ${problem}`);
    const twin = byIndex.get(named.result.index);
    if (twin) return err(`${named.file}: job ${named.result.index} is given twice (also ${twin.file})`);
    if (carriesRun(sweep, named.result.index) && named.result.run === undefined) {
      return err(`${named.file}: replication 0's result carries no run data (write it with lamsim job)`);
    }
    byIndex.set(named.result.index, named);
  }
  const ordered: JobResult[] = [];
  for (let i = 0; i < sweep.jobs; i++) {
    const named = byIndex.get(i);
    if (!named) {
      const name = jobFileName(i, sweep.jobs);
      return err(
        `${resultsDir}/${name}: missing: job ${i} of ${sweep.jobs} has no result (run lamsim job ${name} of the sweep)`,
      );
    }
    ordered.push(named.result);
  }
  return ok(ordered);
}

export function collectTune(sweep: Sweep, ordered: readonly JobResult[]): TuneResult {
  return reduceTune(
    tunePlanOf(sweep),
    ordered.map((r) => r.summary),
  );
}

export function collectReplications(sweep: Sweep, ordered: readonly JobResult[]): RunOutput {
  const scenario = sweep.scenario;
  const run = ordered[0].run as RunParts;
  const first = finishRun(scenario, mergeRuns(scenario, [{ run, startMs: 0, endMs: scenario.durationMs }]));
  return withReplications(
    first,
    ordered.map((r) => r.summary),
  );
}
