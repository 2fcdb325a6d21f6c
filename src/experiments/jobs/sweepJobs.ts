/**
 * A sweep as independent jobs (issue 15, step 3): `planTuneJobs` / `planReplicationJobs` turn a
 * tune plan or R replications into a Sweep and one JobSpec per point (./jobFiles.ts);
 * `pointScenario` rebuilds a job's scenario from the sweep alone (tune: tuneJob on the sweep's
 * scenario; replications: replicationScenario), so a job spec stays small; `jobProblem` says
 * why a spec or result does not belong to the sweep. Pure.
 */
import { provenanceOf, textHash } from '../../results/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { replicationScenario } from '../replications.ts';
import { type TunePlan, tuneJob, tuneScenarios } from '../tune/index.ts';
import {
  JOB_FORMAT,
  type JobIdentity,
  type JobPoint,
  type JobSpec,
  type Sweep,
  type SweepKind,
  type TunePointSpec,
  type TuneSweep,
} from './jobFiles.ts';

export interface PlannedJobs {
  readonly sweep: Sweep;
  /** Job i is the sweep's point i. */
  readonly jobs: readonly JobSpec[];
}

const pointOf = (p: TunePointSpec): TunePointSpec => ({ memoryMb: p.memoryMb, architecture: p.architecture });

/** Every point of a tune sweep, in job order: the grid's, then the current configuration's when off it. */
const tunePoints = (tune: TuneSweep): TunePointSpec[] => [
  ...tune.points,
  ...(tune.current ? [tune.current] : []),
];

/** Job `index`'s scenario, rebuilt from the sweep (0 <= index < sweep.jobs). */
export function pointScenario(sweep: Sweep, index: number): Scenario {
  if (sweep.sweep === 'replications') return replicationScenario(sweep.scenario, index);
  const tune = sweep.tune as TuneSweep;
  const p = tunePoints(tune)[index];
  return tuneJob(sweep.scenario, tune.function, p.memoryMb, p.architecture).scenario;
}

/** Job `index`'s point. */
export function jobPoint(sweep: Sweep, index: number): JobPoint {
  return sweep.sweep === 'replications' ? { replication: index } : tunePoints(sweep.tune as TuneSweep)[index];
}

/** The tune plan a tune sweep was planned from (its points' scenarios rebuilt). */
export function tunePlanOf(sweep: Sweep): TunePlan {
  const tune = sweep.tune as TuneSweep;
  const job = (p: TunePointSpec) => tuneJob(sweep.scenario, tune.function, p.memoryMb, p.architecture);
  return {
    function: tune.function,
    strategy: tune.strategy,
    weight: tune.weight,
    constraints: tune.constraints,
    jobs: tune.points.map(job),
    currentJob: tune.current ? job(tune.current) : null,
    scenario: sweep.scenario,
    visualizationBaseUrl: tune.visualizationBaseUrl,
    ...(tune.fromPowerTuning ? { fromPowerTuning: tune.fromPowerTuning } : {}),
  };
}

function planned(
  base: Omit<Sweep, 'kind' | 'jobFormat' | 'lamsim' | 'scenarioHash' | 'scenarioTextHash' | 'seed' | 'jobs'>,
  scenarios: readonly Scenario[],
): PlannedJobs {
  const provenance = provenanceOf(base.scenario);
  const lamsim = { version: provenance.version, format: provenance.format };
  const sweep: Sweep = {
    kind: 'lamsim-sweep',
    jobFormat: JOB_FORMAT,
    lamsim,
    sweep: base.sweep,
    scenarioHash: provenance.scenarioHash,
    inputHash: base.inputHash,
    seed: provenance.seed,
    jobs: scenarios.length,
    ...(base.tune ? { tune: base.tune } : {}),
    scenarioText: base.scenarioText,
    scenarioTextHash: textHash(base.scenarioText),
    scenario: base.scenario,
  };
  const jobs = scenarios.map(
    (scenario, index): JobSpec => ({
      kind: 'lamsim-job',
      jobFormat: JOB_FORMAT,
      lamsim,
      sweep: sweep.sweep,
      scenarioHash: sweep.scenarioHash,
      index,
      count: scenarios.length,
      point: jobPoint(sweep, index),
      seed: scenario.seed,
      pointHash: provenanceOf(scenario).scenarioHash,
    }),
  );
  return { sweep, jobs };
}

/**
 * A tune plan as jobs; `input` is the scenario as read, before a Power Tuning fit (--collect
 * checks the file against it). The point hashes come from the plan's own scenarios, so a job
 * whose rebuilt scenario differs (`pointScenario`) is refused when it runs.
 */
export function planTuneJobs(plan: TunePlan, scenarioText: string, input: Scenario): PlannedJobs {
  const inputHash = provenanceOf(input).scenarioHash;
  const tune: TuneSweep = {
    function: plan.function,
    strategy: plan.strategy,
    weight: plan.weight,
    constraints: plan.constraints,
    points: plan.jobs.map(pointOf),
    current: plan.currentJob ? pointOf(plan.currentJob) : null,
    visualizationBaseUrl: plan.visualizationBaseUrl,
    ...(plan.fromPowerTuning ? { fromPowerTuning: plan.fromPowerTuning } : {}),
  };
  return planned(
    { sweep: 'tune', inputHash, tune, scenarioText, scenario: plan.scenario },
    tuneScenarios(plan),
  );
}

/** R >= 1 replications of a scenario as jobs, job r being replication r. */
export function planReplicationJobs(scenario: Scenario, scenarioText: string, count: number): PlannedJobs {
  const scenarios = Array.from({ length: count }, (_, r) => replicationScenario(scenario, r));
  const inputHash = provenanceOf(scenario).scenarioHash;
  return planned({ sweep: 'replications', inputHash, scenarioText, scenario }, scenarios);
}

const samePoint = (a: JobPoint, b: JobPoint): boolean =>
  'replication' in a
    ? 'replication' in b && a.replication === b.replication
    : !('replication' in b) && a.memoryMb === b.memoryMb && a.architecture === b.architecture;

const describePoint = (p: JobPoint): string =>
  'replication' in p ? `replication ${p.replication}` : `${p.memoryMb} MB ${p.architecture}`;

/** Why a job spec or result is not job `identity.index` of this sweep (a sentence), or null. */
export function jobProblem(sweep: Sweep, identity: JobIdentity): string | null {
  if (identity.sweep !== sweep.sweep)
    return `a job of a ${identity.sweep} sweep, not of this ${sweep.sweep} sweep`;
  if (identity.scenarioHash !== sweep.scenarioHash) {
    return `a job of another sweep: scenario ${identity.scenarioHash.slice(0, 19)}… is not this sweep's (${sweep.scenarioHash.slice(0, 19)}…)`;
  }
  if (identity.count !== sweep.jobs || identity.index < 0 || identity.index >= sweep.jobs) {
    return `job ${identity.index} of ${identity.count}, but the sweep has ${sweep.jobs} jobs (0 to ${sweep.jobs - 1})`;
  }
  const point = jobPoint(sweep, identity.index);
  const scenario = pointScenario(sweep, identity.index);
  if (!samePoint(identity.point, point) || identity.seed !== scenario.seed) {
    return `job ${identity.index} is ${describePoint(point)} with seed ${scenario.seed} in this sweep, not ${describePoint(identity.point)} with seed ${identity.seed}`;
  }
  if (identity.pointHash !== provenanceOf(scenario).scenarioHash) {
    return `job ${identity.index}'s scenario does not match its hash ${identity.pointHash.slice(0, 19)}… (the sweep or the job was changed)`;
  }
  return null;
}

/**
 * Why `--collect` of a `kind` sweep given the scenario `input` (as read, with --seed) cannot
 * collect this sweep (a sentence), or null.
 */
export function collectProblem(sweep: Sweep, kind: SweepKind, input: Scenario): string | null {
  if (sweep.sweep !== kind) {
    return `a ${sweep.sweep} sweep: collect it with lamsim ${sweep.sweep === 'tune' ? 'tune' : 'run'} FILE --collect DIR`;
  }
  if (provenanceOf(input).scenarioHash !== sweep.inputHash) {
    return `planned from another scenario (or another --seed) than the one given: collect with the file and seed it was planned from`;
  }
  return null;
}
