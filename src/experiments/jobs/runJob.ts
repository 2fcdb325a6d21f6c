/**
 * One job of a sweep (`lamsim job`): rebuilds the point's scenario from the sweep, runs it and
 * returns its result (./jobFiles.ts), the summary and, for replication 0, the run's data (the
 * collected report is replication 0's, charts included). Pure.
 */
import type { SimulateOptions } from '../../model/index.ts';
import { err, ok, type Result } from '../../result.ts';
import { runScenario } from '../run.ts';
import type { JobResult, JobSpec, Sweep } from './jobFiles.ts';
import { jobProblem, pointScenario } from './sweepJobs.ts';

/** Whether a job's result carries its run's data: replication 0's, which the report is made of. */
export const carriesRun = (sweep: Sweep, index: number): boolean =>
  sweep.sweep === 'replications' && index === 0;

/** The job's result, or why the job is not one of the sweep's (a sentence). */
export function runJob(
  sweep: Sweep,
  job: JobSpec,
  onProgress?: SimulateOptions['onProgress'],
): Result<JobResult, string> {
  const problem = jobProblem(sweep, job);
  if (problem) return err(problem);
  // Only the run carried needs the time series (the report's charts).
  const series = carriesRun(sweep, job.index);
  const output = runScenario(
    pointScenario(sweep, job.index),
    onProgress ? { onProgress, series } : { series },
  );
  const { kind: _kind, ...identity } = job;
  const { scenario: _s, usage: _u, ...run } = output.run;
  return ok({
    kind: 'lamsim-job-result',
    ...identity,
    summary: output.summary,
    ...(carriesRun(sweep, job.index) ? { run } : {}),
  });
}
