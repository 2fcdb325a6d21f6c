/** Sweeps as jobs (issue 15, step 3): plan, run one, collect. The public surface of the folder. */
export { checkJobResults, collectReplications, collectTune, type NamedJobResult } from './collectJobs.ts';
export {
  isJobResultHead,
  JOB_FORMAT,
  JOB_RESULT_HEAD_BYTES,
  type JobIdentity,
  type JobPoint,
  type JobResult,
  type JobSpec,
  jobFileName,
  jobJson,
  jobResultJson,
  RESULTS_FOLDER,
  readJob,
  readJobResult,
  readSweep,
  SWEEP_FILE,
  type Sweep,
  type SweepKind,
  sweepJson,
} from './jobFiles.ts';
export { runJob } from './runJob.ts';
export { collectProblem, type PlannedJobs, planReplicationJobs, planTuneJobs } from './sweepJobs.ts';
