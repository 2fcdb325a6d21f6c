/**
 * Sweeps as jobs spawned end to end (issue 15, step 3): `--plan-jobs DIR`, then every job in a
 * process of its own (`lamsim job`, by file or by a batch engine's index variable), then
 * `--collect DIR` writes the bundle the sweep writes when run locally, file for file (charts
 * left out: --no-charts), for `run --replications R` and for `tune`. A job of another lamsim, a
 * missing or duplicate result, a sweep of another scenario and a sweep folder with no index are
 * refused: exit 2, one line `FILE: what is wrong`, nothing written.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURST_YAML } from '../report/fixtures.ts';
import { bundleFiles, spawnLamsim } from './spawnCli.ts';

let dir: string;

const lamsim = (...args: string[]) => spawnLamsim(dir, args);
const files = (bundle: string) => bundleFiles(join(dir, bundle));

/** Runs a command that must succeed; returns its stdout. */
function ok(args: string[], env: Record<string, string> = {}): string {
  const r = spawnLamsim(dir, args, env);
  if (r.status !== 0) expect.fail(`lamsim ${args.join(' ')}\nexit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lamsim-jobs-'));
  writeFileSync(join(dir, 'burst.yaml'), BURST_YAML);
  writeFileSync(join(dir, 'other.yaml'), BURST_YAML.replace('arrivalRate: 300', 'arrivalRate: 301'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('run --replications 3 as jobs', () => {
  it('plan, three processes (one per engine variable), collect: the local bundle, file for file', () => {
    const planned = ok(['run', 'burst.yaml', '--replications', '3', '--plan-jobs', 'reps']);
    expect(planned).toBe(
      '  jobs        reps/ (3 jobs: sweep.json, job-0000.json .. job-0002.json)\n' +
        "  run each    lamsim job reps/job-0000.json (or lamsim job reps with a batch engine's index)\n",
    );
    const engines = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'LAMSIM_SHARD_INDEX'];
    engines.forEach((name, i) => {
      expect(ok(['job', 'reps'], { [name]: String(i) })).toBe(
        `  result      reps/results/job-000${i}.json\n`,
      );
    });
    const collected = ok(['run', 'burst.yaml', '--collect', 'reps', '--out', 'collected', '--no-charts']);
    const local = ok(['run', 'burst.yaml', '--replications', '3', '--out', 'local', '--no-charts']);
    expect(collected.replace('collected/', 'local/')).toBe(local);
    const c = files('collected');
    expect(Object.keys(c)).toContain('summary.json');
    expect(c).toEqual(files('local'));
    expect(JSON.parse(readFileSync(join(dir, 'collected/summary.json'), 'utf8')).replications.count).toBe(3);
  });

  it('refuses a job of another lamsim version: exit 2, FILE: what is wrong, nothing written', () => {
    const text = readFileSync(join(dir, 'reps/job-0001.json'), 'utf8');
    writeFileSync(join(dir, 'reps/old-job.json'), text.replace('"version": "0.1.0"', '"version": "0.0.9"'));
    const r = lamsim('job', 'reps/old-job.json', '--out', 'never');
    expect(r.stderr).toBe(
      'reps/old-job.json: written by lamsim 0.0.9 (scenario format 1); this is lamsim 0.1.0 (format 1): plan, run and collect a sweep with the same lamsim\n',
    );
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('refuses a duplicate result, a missing one and another scenario, naming the file', () => {
    copyFileSync(join(dir, 'reps/results/job-0001.json'), join(dir, 'reps/results/job-0001 (copy).json'));
    const twice = lamsim('run', 'burst.yaml', '--collect', 'reps', '--out', 'never');
    expect(twice.stderr).toBe(
      'reps/results/job-0001.json: job 1 is given twice (also reps/results/job-0001 (copy).json)\n',
    );
    expect(twice.status).toBe(2);
    rmSync(join(dir, 'reps/results/job-0001 (copy).json'));
    rmSync(join(dir, 'reps/results/job-0002.json'));
    const missing = lamsim('run', 'burst.yaml', '--collect', 'reps', '--out', 'never');
    expect(missing.stderr).toBe(
      'reps/results/job-0002.json: missing: job 2 of 3 has no result (run lamsim job job-0002.json of the sweep)\n',
    );
    expect(missing.status).toBe(2);
    const other = lamsim('run', 'other.yaml', '--collect', 'reps', '--out', 'never');
    expect(other.stderr).toBe(
      'reps/sweep.json: planned from another scenario (or another --seed) than the one given: collect with the file and seed it was planned from\n',
    );
    expect(other.status).toBe(2);
    const noIndex = lamsim('job', 'reps');
    expect(noIndex.stderr).toBe(
      "reps (3 jobs): name one job (reps/job-0000.json), or set a batch engine's index (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, LAMSIM_SHARD_INDEX)\n",
    );
    const outOfRange = spawnLamsim(dir, ['job', 'reps'], { JOB_COMPLETION_INDEX: '3' });
    expect(outOfRange.stderr).toBe(
      'JOB_COMPLETION_INDEX=3: expected a job index from 0 to 2 (reps (3 jobs); engines count from 0)\n',
    );
    expect([noIndex.status, outOfRange.status]).toEqual([2, 2]);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('tune as jobs', () => {
  it('plan, one process per job file, collect: the local tune bundle, file for file', () => {
    const grid = ['--memory', '256,1024', '--architectures', 'x86_64,arm64'];
    ok(['tune', 'burst.yaml', ...grid, '--plan-jobs', 'sweep']);
    // 4 grid points and the function's own 512 MB x86_64, off the grid.
    for (let i = 0; i < 5; i++) ok(['job', `sweep/job-000${i}.json`]);
    const collected = ok([
      'tune',
      'burst.yaml',
      '--collect',
      'sweep',
      '--out',
      'tune-collected',
      '--no-charts',
    ]);
    const local = ok(['tune', 'burst.yaml', ...grid, '--out', 'tune-local', '--no-charts']);
    expect(collected.replace('tune-collected/', 'tune-local/')).toBe(local);
    expect(Object.keys(files('tune-collected'))).toContain('tune.json');
    expect(files('tune-collected')).toEqual(files('tune-local'));
    const wrong = lamsim('run', 'burst.yaml', '--collect', 'sweep', '--out', 'never');
    expect(wrong.stderr).toBe(
      'sweep/sweep.json: a tune sweep: collect it with lamsim tune FILE --collect DIR\n',
    );
    expect(wrong.status).toBe(2);
  });
});
