/**
 * The files of a sweep planned as jobs (issue 15, step 3), written by `--plan-jobs DIR` on
 * `lamsim tune` and `lamsim run --replications R`, run one by one by `lamsim job`, and collected by
 * `--collect DIR`:
 *
 *   DIR/sweep.json             the sweep: the normalized scenario and its text, each with its hash
 *                              (as a shard's partial carries them), what the sweep is
 *                              (tune's points and settings, or the replication count), the job count
 *   DIR/job-0000.json ...      one small spec per point (JobSpec), numbered from 0 as the batch
 *                              engines' indexes are
 *   DIR/results/job-0000.json  what `lamsim job` writes: the spec's identity and the point's summary
 *                              (replication 0's also carries its run's data, for the report)
 *
 * Every file carries `kind`, `jobFormat` (JOB_FORMAT) and the lamsim version and scenario format
 * that wrote it; the job and result files carry the sweep's scenario hash, the job's index and
 * count, its point, its seed and the hash of the point's scenario, so a file from another lamsim,
 * another sweep or another point is refused. Non-finite numbers are tagged (results/taggedJson.ts).
 * Pure: reading and writing the files is the CLI's business.
 */
import { err, ok, type Result } from '../../result.ts';
import {
  otherLamsim,
  parseTaggedJson,
  provenanceOf,
  type RunParts,
  type Summary,
  taggedJson,
  textHash,
} from '../../results/index.ts';
import type { Architecture, Scenario } from '../../scenario/index.ts';
import type { TunePlan } from '../tune/index.ts';

export const JOB_FORMAT = 1;
export const SWEEP_FILE = 'sweep.json';
export const RESULTS_FOLDER = 'results';

export type SweepKind = 'tune' | 'replications';

/** A tune point: a memory size and an architecture of the tuned function. */
export interface TunePointSpec {
  readonly memoryMb: number;
  readonly architecture: Architecture;
}

/** A TunePlan without its scenarios (every point's scenario is rebuilt from the sweep's). */
export interface TuneSweep extends Omit<TunePlan, 'jobs' | 'currentJob' | 'scenario'> {
  /** The grid's points, in the plan's order. */
  readonly points: readonly TunePointSpec[];
  /** The function's own configuration when it is off the grid (the last job), else null. */
  readonly current: TunePointSpec | null;
}

export interface Sweep {
  readonly kind: 'lamsim-sweep';
  readonly jobFormat: number;
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly sweep: SweepKind;
  /** The hash of `scenario` (for tune, after a Power Tuning fit). */
  readonly scenarioHash: string;
  /** The hash of the scenario as read (the file, with --seed), which --collect checks again. */
  readonly inputHash: string;
  readonly seed: number;
  readonly jobs: number;
  readonly tune?: TuneSweep;
  readonly scenarioText: string;
  /** textHash(scenarioText): the text the collected report shows as run is the one planned. */
  readonly scenarioTextHash: string;
  readonly scenario: Scenario;
}

export type JobPoint = TunePointSpec | { readonly replication: number };

/** What names one job of one sweep: carried by its spec and by its result. */
export interface JobIdentity {
  readonly jobFormat: number;
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly sweep: SweepKind;
  readonly scenarioHash: string;
  /** From 0. */
  readonly index: number;
  readonly count: number;
  readonly point: JobPoint;
  /** The seed the point runs with. */
  readonly seed: number;
  /** The hash of the point's scenario. */
  readonly pointHash: string;
}

export interface JobSpec extends JobIdentity {
  readonly kind: 'lamsim-job';
}

export interface JobResult extends JobIdentity {
  readonly kind: 'lamsim-job-result';
  readonly summary: Summary;
  /** Replication 0's run data (the report's charts); absent for the other jobs. */
  readonly run?: RunParts;
}

/** `job-0003.json`: the index from 0, zero-padded to 4 digits (more when the count needs them). */
export function jobFileName(index: number, count: number): string {
  return `job-${String(index).padStart(Math.max(4, String(count - 1).length), '0')}.json`;
}

/** sweep.json's text: compact (the scenario may be long), non-finite numbers tagged. */
export const sweepJson = (sweep: Sweep): string => taggedJson(sweep);
/** A job spec's text: two-space JSON (small, read by people). */
export const jobJson = (job: JobSpec): string => taggedJson(job, 2);
/** A job result's text: compact. */
export const jobResultJson = (result: JobResult): string => taggedJson(result);

/**
 * Whether a file beginning with `head` (its first bytes, at least JOB_RESULT_HEAD_BYTES) is a job
 * result lamsim wrote, of any version: what `lamsim job` may replace. jobResultJson writes `kind`
 * first, compact.
 */
export function isJobResultHead(head: string): boolean {
  return head.startsWith('{"kind":"lamsim-job-result",');
}

/** How many bytes of a file isJobResultHead needs. */
export const JOB_RESULT_HEAD_BYTES = 64;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file's data when it is a lamsim file of `kind` in this job format by this lamsim. */
function header(text: string, kind: string, writtenBy: string): Result<Record<string, unknown>, string> {
  let data: unknown;
  try {
    data = parseTaggedJson(text);
  } catch (error) {
    return err(`not a lamsim ${writtenBy}: not JSON (${(error as Error).message})`);
  }
  if (!isRecord(data) || data.kind !== kind) return err(`not a lamsim ${writtenBy}`);
  if (data.jobFormat !== JOB_FORMAT) {
    return err(`job format ${String(data.jobFormat)}; this lamsim reads format ${JOB_FORMAT}`);
  }
  const other = otherLamsim(data.lamsim);
  if (other) return err(`${other}: plan, run and collect a sweep with the same lamsim`);
  return ok(data);
}

const isSweepKind = (v: unknown): v is SweepKind => v === 'tune' || v === 'replications';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

export function readSweep(text: string): Result<Sweep, string> {
  const data = header(text, 'lamsim-sweep', 'sweep (written by --plan-jobs)');
  if (!data.ok) return data;
  const d = data.value;
  if (
    !isSweepKind(d.sweep) ||
    typeof d.scenarioHash !== 'string' ||
    typeof d.inputHash !== 'string' ||
    typeof d.seed !== 'number' ||
    !isCount(d.jobs) ||
    typeof d.scenarioText !== 'string' ||
    typeof d.scenarioTextHash !== 'string' ||
    !isRecord(d.scenario) ||
    (d.sweep === 'tune' && !isRecord(d.tune))
  ) {
    return err('not a complete lamsim sweep (a field is missing or has the wrong type)');
  }
  if (provenanceOf(d.scenario as unknown as Scenario).scenarioHash !== d.scenarioHash) {
    return err(`the scenario it carries does not match its hash ${d.scenarioHash} (the file was changed)`);
  }
  if (textHash(d.scenarioText) !== d.scenarioTextHash) {
    return err(
      `the scenario text it carries does not match its hash ${d.scenarioTextHash} (the file was changed)`,
    );
  }
  return ok(d as unknown as Sweep);
}

function identityProblem(d: Record<string, unknown>): string | null {
  const ok =
    isSweepKind(d.sweep) &&
    typeof d.scenarioHash === 'string' &&
    Number.isInteger(d.index) &&
    isCount(d.count) &&
    isRecord(d.point) &&
    typeof d.seed === 'number' &&
    typeof d.pointHash === 'string';
  return ok ? null : 'a field is missing or has the wrong type';
}

export function readJob(text: string): Result<JobSpec, string> {
  const data = header(text, 'lamsim-job', 'job (written by --plan-jobs)');
  if (!data.ok) return data;
  const problem = identityProblem(data.value);
  return problem ? err(`not a complete lamsim job (${problem})`) : ok(data.value as unknown as JobSpec);
}

export function readJobResult(text: string): Result<JobResult, string> {
  const data = header(text, 'lamsim-job-result', 'job result (written by lamsim job)');
  if (!data.ok) return data;
  const problem = identityProblem(data.value) ?? (isRecord(data.value.summary) ? null : 'no summary');
  return problem
    ? err(`not a complete lamsim job result (${problem})`)
    : ok(data.value as unknown as JobResult);
}
