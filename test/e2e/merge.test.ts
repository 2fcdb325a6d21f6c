/**
 * `lamsim run --shard K/N` and `lamsim merge` spawned end to end (issue 15): the merged bundle of
 * one shard is the bundle `lamsim run` writes, file for file; a scenario with a queue nobody reads
 * shards and merges; bad partials and bad --shard values exit 2 with one line naming the file and
 * what is wrong, and write nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURST_YAML } from '../report/fixtures.ts';
import { bundleFiles, spawnLamsim } from './spawnCli.ts';

let dir: string;

/** A worker failing every other batch; messages go to a dead-letter queue nobody reads on their sixth receive. */
const SQS_YAML = `lamsim: 1
name: sqs-dlq
duration: 10m
traffic: { name: jobs, target: jobs, phases: [{ duration: 10m, arrivalRate: 50 }] }
functions:
  worker:
    runtime: nodejs22.x
    timeout: 5
    model: { compute: 20ms, errorRate: 50% }
    events: [{ sqs: { queue: jobs, batchSize: 5 } }]
resources:
  jobs: { type: sqs-queue, visibilityTimeout: 30s, redrivePolicy: { deadLetterQueue: jobs-dlq, maxReceiveCount: 5 } }
  jobs-dlq: { type: sqs-queue }
`;

const lamsim = (...args: string[]) => spawnLamsim(dir, args);
const files = (bundle: string) => bundleFiles(join(dir, bundle));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lamsim-merge-'));
  writeFileSync(join(dir, 'burst.yaml'), BURST_YAML);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lamsim run --shard 1/1, then lamsim merge', () => {
  it('writes partial.json only, and the merge writes the bundle lamsim run writes, byte for byte', () => {
    const shard = lamsim('run', 'burst.yaml', '--shard', '1/1', '--out', 'shard-1');
    expect(shard.stderr).toBe('');
    expect(shard.status).toBe(0);
    expect(shard.stdout).toBe(`  partial     ${join('shard-1', 'partial.json')}\n`);
    expect(Object.keys(files('shard-1'))).toEqual(['partial.json']);
    const merged = lamsim('merge', 'shard-1', '--out', 'merged');
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    const whole = lamsim('run', 'burst.yaml', '--out', 'whole');
    expect(whole.status).toBe(0);
    expect(merged.stdout.replace('merged/', 'whole/')).toBe(whole.stdout);
    const m = files('merged');
    expect(Object.keys(m)).toContain('summary.json');
    expect(m).toEqual(files('whole'));
  });

  it("--no-charts: the merged bundle is the run's without its PNGs, summary.json and report.html the same bytes", () => {
    const merged = lamsim('merge', 'shard-1', '--out', 'merged-no-charts', '--no-charts');
    expect(merged.status).toBe(0);
    const m = files('merged-no-charts');
    expect(Object.keys(m).sort()).toEqual(['report.html', 'report.md', 'summary.json']);
    const whole = files('whole');
    expect(Object.keys(whole).filter((name) => name.endsWith('.png')).length).toBeGreaterThan(0);
    expect(m['summary.json']).toBe(whole['summary.json']);
    expect(m['report.html']).toBe(whole['report.html']);
  });

  it('refuses a partial from another lamsim version: exit 2, one line FILE: what is wrong, nothing written', () => {
    const text = readFileSync(join(dir, 'shard-1/partial.json'), 'utf8');
    writeFileSync(join(dir, 'old.json'), text.replace('"version":"0.1.0"', '"version":"0.0.9"'));
    const r = lamsim('merge', 'old.json', '--out', 'from-old');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^old\.json: written by lamsim 0\.0\.9 \(scenario format 1\); this is lamsim 0\.1\.0 .*\n$/,
    );
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(join(dir, 'from-old'))).toBe(false);
  });

  it('refuses a missing partial, a shard given twice and a missing shard', () => {
    expect(lamsim('merge', 'nowhere.json').stderr).toBe('nowhere.json: no such file\n');
    const twice = lamsim('merge', 'shard-1', 'shard-1/partial.json');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(
      'shard-1/partial.json: shard 1/1 is given twice (also shard-1/partial.json): the slices overlap\n',
    );
  });

  it('shards a scenario with an SQS mapping and a dead-letter queue nobody reads, and merges it', () => {
    writeFileSync(join(dir, 'sqs.yaml'), SQS_YAML);
    for (const k of [1, 2]) {
      const r = lamsim('run', 'sqs.yaml', '--shard', `${k}/2`, '--out', `sqs-${k}`);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const merged = lamsim('merge', 'sqs-1', 'sqs-2', '--out', 'sqs-merged', '--no-charts');
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'sqs-merged/summary.json'), 'utf8'));
    const { jobs, 'jobs-dlq': dlq } = summary.resources;
    // Over the merge: what the queue redrove is what the dead-letter queue received and holds.
    expect(jobs.movedToDeadLetterQueue).toBeGreaterThan(100);
    expect(dlq.sent).toBe(jobs.movedToDeadLetterQueue);
    expect(dlq.visibleAtEnd).toBe(dlq.sent);
    expect(dlq.backlog.peak).toBe(dlq.sent);
  });

  it("--shards N reads the engines' index variables (from 0) and refuses one out of range or two that disagree", () => {
    const withEnv = (env: Record<string, string>, ...args: string[]) => spawnLamsim(dir, args, env);
    const one = withEnv(
      { AWS_BATCH_JOB_ARRAY_INDEX: '0' },
      'run',
      'burst.yaml',
      '--shards',
      '1',
      '--out',
      'engine-1',
    );
    expect(one.stderr).toBe('');
    expect(one.stdout).toBe(`  partial     ${join('engine-1', 'partial.json')}\n`);
    expect(readFileSync(join(dir, 'engine-1/partial.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'shard-1/partial.json'), 'utf8'),
    );
    const twoShards = (env: Record<string, string>) =>
      withEnv(env, 'run', 'burst.yaml', '--shards', '2', '--out', 'never');
    const out = twoShards({ JOB_COMPLETION_INDEX: '2' });
    expect(out.status).toBe(2);
    expect(out.stderr).toBe(
      'JOB_COMPLETION_INDEX=2: expected a shard index from 0 to 1 (--shards 2; engines count from 0)\n',
    );
    const two = twoShards({ JOB_COMPLETION_INDEX: '1', LAMSIM_SHARD_INDEX: '0' });
    expect(two.status).toBe(2);
    expect(two.stderr).toBe(
      '--shards 2: JOB_COMPLETION_INDEX=1 and LAMSIM_SHARD_INDEX=0 disagree; set one shard index\n',
    );
    const both = lamsim('run', 'burst.yaml', '--shard', '1/2', '--shards', '2', '--out', 'never');
    expect(both.status).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('refuses --shard values that are not K/N with 1 <= K <= N <= 10000', () => {
    for (const bad of ['0/2', '3/2', '2', 'a/b', '1/10001', '-1/2']) {
      const r = lamsim('run', 'burst.yaml', '--shard', bad, '--out', 'never');
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`--shard: expected K/N with 1 <= K <= N <= 10000 (e.g. 2/4), got '${bad}'\n`);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
