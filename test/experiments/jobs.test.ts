/**
 * Sweeps as jobs (issue 15, step 3), in process: a sweep planned as jobs, each job's result
 * written and read back as its file's text, and the results collected give exactly what the
 * sweep gives when run at once (`runReplications`, `runTune`), byte for byte; a result of another
 * lamsim, of another sweep or point, a job given twice and a job missing are refused with the
 * file named. (test/e2e/jobs.test.ts runs every job in a process of its own.)
 */
import { describe, expect, it } from 'vitest';
import {
  checkJobResults,
  collectProblem,
  collectReplications,
  collectTune,
  jobFileName,
  jobJson,
  jobResultJson,
  type NamedJobResult,
  type PlannedJobs,
  planReplicationJobs,
  planTune,
  planTuneJobs,
  readJob,
  readJobResult,
  readSweep,
  replicationSeed,
  runJob,
  runReplications,
  runTune,
  type Sweep,
  sweepJson,
} from '../../src/experiments/index.ts';
import { tuneJson } from '../../src/report/tune/index.ts';
import type { Result } from '../../src/result.ts';
import { summaryJson } from '../../src/results/index.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';

const TEXT = yaml`
  lamsim: 1
  name: jobs
  seed: 11
  duration: 20s
  traffic: { target: api, phases: [{ duration: 20s, arrivalRate: 40 }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 512
      reservedConcurrency: 4
      model: { compute: { p50: 20ms, p99: 60ms }, io: { p50: 30ms, p99: 90ms } }
`;
const SCENARIO = scenarioFrom(TEXT);

/** The value of a Result, failing the test with its error. */
function value<T>(r: Result<T, string>): T {
  if (!r.ok) return expect.fail(r.error);
  return r.value;
}

/** Every file of a planned sweep written and read back, as the CLI does. */
function roundTrip(planned: PlannedJobs): { sweep: Sweep; results: NamedJobResult[] } {
  const sweep = value(readSweep(sweepJson(planned.sweep)));
  const results = planned.jobs.map((spec) => {
    const job = readJob(jobJson(spec));
    if (!job.ok) expect.fail(job.error);
    const result = runJob(sweep, job.value);
    if (!result.ok) expect.fail(result.error);
    const read = readJobResult(jobResultJson(result.value));
    if (!read.ok) expect.fail(read.error);
    return { file: `results/${jobFileName(spec.index, spec.count)}`, result: read.value };
  });
  return { sweep, results };
}

const ordered = (sweep: Sweep, results: readonly NamedJobResult[]) => {
  const checked = checkJobResults(sweep, results, 'results');
  if (!checked.ok) expect.fail(checked.error);
  return checked.value;
};

describe('replications as jobs', () => {
  const planned = planReplicationJobs(SCENARIO, TEXT, 4);
  const { sweep, results } = roundTrip(planned);

  it('one job per replication, job r with replication r seed, named job-000r.json', () => {
    expect(planned.jobs.map((j) => [j.index, j.count, j.point, j.seed])).toEqual(
      [0, 1, 2, 3].map((r) => [r, 4, { replication: r }, replicationSeed(11, r)]),
    );
    expect(sweep.jobs).toBe(4);
    expect(results.map((r) => r.result.run !== undefined)).toEqual([true, false, false, false]);
  });

  it('collected: the summary.json runReplications gives, byte for byte', async () => {
    const local = await runReplications(SCENARIO, 4, { workers: 1 });
    const collected = collectReplications(sweep, ordered(sweep, results));
    expect(summaryJson(collected.summary)).toBe(summaryJson(local.summary));
    expect(collected.run.functions[0].latency).toEqual(local.run.functions[0].latency);
  });

  it('refuses a job missing, a job given twice and a job of another sweep, naming the file', () => {
    const missing = checkJobResults(sweep, results.slice(0, 3), 'out/results');
    expect(missing).toEqual({
      ok: false,
      error:
        'out/results/job-0003.json: missing: job 3 of 4 has no result (run lamsim job job-0003.json of the sweep)',
    });
    const twice = checkJobResults(
      sweep,
      [...results, { ...results[1], file: 'results/copy.json' }],
      'results',
    );
    expect(twice).toEqual({
      ok: false,
      error: 'results/copy.json: job 1 is given twice (also results/job-0001.json)',
    });
    const other = roundTrip(planReplicationJobs({ ...SCENARIO, seed: 12 }, TEXT, 4)).results[2];
    const foreign = checkJobResults(sweep, [...results.slice(0, 2), { ...other, file: 'theirs.json' }], 'r');
    expect(foreign.ok ? '' : foreign.error).toMatch(
      /^theirs\.json: a job of another sweep: scenario sha256:/,
    );
    const moved = { ...results[2].result, point: { replication: 3 }, index: 3 };
    const swapped = checkJobResults(sweep, [{ file: 'x.json', result: moved }], 'r');
    expect(swapped.ok ? '' : swapped.error).toMatch(
      /^x\.json: job 3 is replication 3 with seed \d+ in this sweep, not replication 3 with seed \d+$/,
    );
    const { run: _run, ...noRun } = results[0].result;
    const bare = checkJobResults(sweep, [{ file: 'zero.json', result: noRun }], 'r');
    expect(bare.ok ? '' : bare.error).toBe(
      "zero.json: replication 0's result carries no run data (write it with lamsim job)",
    );
  });

  it('refuses files of another lamsim version or another job format, and a changed scenario', () => {
    const text = jobResultJson(results[1].result).replace('"version":"0.1.0"', '"version":"0.0.9"');
    expect(readJobResult(text)).toEqual({
      ok: false,
      error:
        'written by lamsim 0.0.9 (scenario format 1); this is lamsim 0.1.0 (format 1): plan, run and collect a sweep with the same lamsim',
    });
    expect(readJob(jobJson(planned.jobs[0]).replace('"jobFormat": 1', '"jobFormat": 2'))).toEqual({
      ok: false,
      error: 'job format 2; this lamsim reads format 1',
    });
    const changed = sweepJson(planned.sweep).replace('"name":"jobs"', '"name":"jobz"');
    expect(changed).not.toBe(sweepJson(planned.sweep));
    const read = readSweep(changed);
    expect(read.ok ? '' : read.error).toMatch(/^the scenario it carries does not match its hash sha256:/);
    // The text the collected report shows as run is checked too, as a shard's partial's is.
    expect(planned.sweep.scenarioTextHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const written = sweepJson(planned.sweep);
    const textJson = JSON.stringify(planned.sweep.scenarioText);
    const edited = written.replace(textJson, JSON.stringify(`${planned.sweep.scenarioText}# edited\n`));
    expect(edited).not.toBe(written);
    const readEdited = readSweep(edited);
    expect(readEdited.ok ? '' : readEdited.error).toMatch(
      /^the scenario text it carries does not match its hash sha256:[0-9a-f]{64} \(the file was changed\)$/,
    );
    expect(readSweep(written).ok).toBe(true);
    expect(readJob(sweepJson(planned.sweep))).toEqual({
      ok: false,
      error: 'not a lamsim job (written by --plan-jobs)',
    });
  });

  it('--collect checks the sweep against the scenario given', () => {
    expect(collectProblem(sweep, 'replications', SCENARIO)).toBeNull();
    expect(collectProblem(sweep, 'replications', { ...SCENARIO, seed: 12 })).toMatch(
      /^planned from another scenario/,
    );
    expect(collectProblem(sweep, 'tune', SCENARIO)).toBe(
      'a replications sweep: collect it with lamsim run FILE --collect DIR',
    );
  });
});

describe('tune as jobs', () => {
  it('collected: the tune.json runTune gives, byte for byte, the off-grid current configuration included', async () => {
    const plan = value(planTune(SCENARIO, { memoryMb: [256, 1024], architectures: ['x86_64', 'arm64'] }));
    expect(plan.currentJob?.memoryMb).toBe(512);
    const planned = planTuneJobs(plan, TEXT, SCENARIO);
    expect(planned.jobs.map((j) => j.point)).toEqual([
      { memoryMb: 256, architecture: 'x86_64' },
      { memoryMb: 1024, architecture: 'x86_64' },
      { memoryMb: 256, architecture: 'arm64' },
      { memoryMb: 1024, architecture: 'arm64' },
      { memoryMb: 512, architecture: 'x86_64' },
    ]);
    const { sweep, results } = roundTrip(planned);
    const local = await runTune(plan, { workers: 1 });
    expect(tuneJson(collectTune(sweep, ordered(sweep, results)))).toBe(tuneJson(local));
  });
});

describe('job file names', () => {
  it('count from 0, four digits, more when the count needs them', () => {
    expect(jobFileName(3, 14)).toBe('job-0003.json');
    expect(jobFileName(0, 1)).toBe('job-0000.json');
    expect(jobFileName(42, 20_000)).toBe('job-00042.json');
  });
});
