/**
 * The batch-engine examples in src/deploy/ (issue 15): each file parses (YAML, JSON), runs
 * `lamsim run ... --shards N` with its engine's index variable and `lamsim merge` over the N
 * shards' folders, and its shard count agrees with the engine's (completions, array size, matrix).
 * Then each example's own commands are run here, as the engine would run them (the process the
 * engine composes from the image's ENTRYPOINT and CMD and the example's command: ./engineShell.ts;
 * the index variable set 0..N-1, the paths mapped to a temporary folder), and merged: the bundle equals
 * `lamsim run --shards N` on this machine, file for file.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { bundleFiles } from '../e2e/spawnCli.ts';
import {
  batchCommand,
  DEPLOY,
  type EngineShell,
  engineShell,
  kubernetesCommand,
  LAMSIM_IMAGE,
} from './engineShell.ts';

const N = 4;

let dir: string;
let sh: EngineShell['sh'];
let exec: EngineShell['exec'];
let local: Record<string, string>;

const files = (bundle: string) => bundleFiles(bundle);

const shardDirs = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}/shard-${i}`).join(' ');

beforeAll(() => {
  const shell = engineShell('lamsim-deploy-');
  dir = shell.dir;
  sh = shell.sh;
  exec = shell.exec;
  sh(`lamsim run scenario.yaml --shards ${N} --out local`);
  local = files(join(dir, 'local'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('src/deploy/', () => {
  it('Dockerfile: Node 20, built with npm ci, lamsim on the PATH, no entry point (the engines give the command)', () => {
    const text = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^FROM node:20/m);
    expect(text).toMatch(/RUN npm ci /);
    // AWS Batch cannot replace an entry point: its `command` is appended to it.
    expect(LAMSIM_IMAGE).toEqual({ entrypoint: [], cmd: ['lamsim', '--help'] });
    // `lamsim` on the PATH is the package's bin (the bundled command line).
    const bin: string = JSON.parse(readFileSync(join(DEPLOY, '../../package.json'), 'utf8')).bin.lamsim;
    expect(text).toContain(`ln -s /opt/lamsim/${bin} /usr/local/bin/lamsim`);
  });

  it('Kubernetes: an Indexed Job of N completions runs the shards by JOB_COMPLETION_INDEX, a Job merges them', () => {
    const [shards, merge] = parseAllDocuments(readFileSync(join(DEPLOY, 'k8s-indexed-job.yaml'), 'utf8')).map(
      (d) => d.toJS(),
    );
    expect(shards.spec.completionMode).toBe('Indexed');
    expect(shards.spec.completions).toBe(N);
    const run: string = shards.spec.template.spec.containers[0].args[0];
    expect(run).toBe(
      `lamsim run /scenario/scenario.yaml --shards ${N} --out /results/shard-$JOB_COMPLETION_INDEX --force`,
    );
    const mergeCommand: string = merge.spec.template.spec.containers[0].args[0];
    expect(mergeCommand).toBe(`lamsim merge ${shardDirs('/results')} --out /results/report --force`);
    const argv = (job: typeof shards) => kubernetesCommand(dir, job.spec.template.spec.containers[0]);
    for (let i = 0; i < N; i++) exec(argv(shards), { JOB_COMPLETION_INDEX: String(i) });
    exec(argv(merge));
    expect(files(join(dir, 'k8s/report'))).toEqual(local);
  });

  it('AWS Batch: an array job of size N runs the shards by AWS_BATCH_JOB_ARRAY_INDEX, a job depending on it merges', () => {
    const read = (name: string) => JSON.parse(readFileSync(join(DEPLOY, 'aws-batch', name), 'utf8'));
    const definition = read('job-definition.json');
    const submit = read('submit-shards.json');
    const merge = read('submit-merge.json');
    expect(submit.arrayProperties.size).toBe(N);
    expect(submit.jobDefinition).toBe(definition.jobDefinitionName);
    expect(merge.dependsOn).toEqual([{ jobId: 'SHARDS_JOB_ID' }]);
    const [shell, flag, run] = definition.containerProperties.command as string[];
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(run).toBe(
      `lamsim run /mnt/lamsim/scenario.yaml --shards ${N} --out /mnt/lamsim/shards/shard-$AWS_BATCH_JOB_ARRAY_INDEX --force`,
    );
    const mergeCommand: string = merge.containerOverrides.command[2];
    expect(mergeCommand).toBe(
      `lamsim merge ${shardDirs('/mnt/lamsim/shards')} --out /mnt/lamsim/report --force`,
    );
    // As the container runs them: the image's entry point, then the command (Docker's CMD).
    const shardArgv = batchCommand(dir, definition.containerProperties.command);
    for (let i = 0; i < N; i++) exec(shardArgv, { AWS_BATCH_JOB_ARRAY_INDEX: String(i) });
    exec(batchCommand(dir, merge.containerOverrides.command));
    expect(files(join(dir, 'batch/report'))).toEqual(local);
  });

  it('GitHub Actions: a matrix of N jobs runs the shards by strategy.job-index, a merge job needs them', () => {
    const workflow = parseYaml(readFileSync(join(DEPLOY, 'github-actions-shards.yml'), 'utf8'));
    const shard = workflow.jobs.shard;
    expect(shard.strategy.matrix.shard).toEqual([0, 1, 2, 3]);
    const step = shard.steps.find((s: { run?: string }) => s.run?.includes('lamsim run'));
    expect(step.run).toBe(`npx lamsim run "\${{ inputs.scenario }}" --shards ${N} --out shard`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as written
    expect(step.env).toEqual({ LAMSIM_SHARD_INDEX: '${{ strategy.job-index }}' });
    expect(workflow.jobs.merge.needs).toBe('shard');
    const mergeStep = workflow.jobs.merge.steps.find((s: { run?: string }) =>
      s.run?.includes('lamsim merge'),
    );
    expect(mergeStep.run).toBe('npx lamsim merge shards/shard-* --out report');
    // Each matrix job in its own checkout; the artifacts land in shards/shard-<i>/partial.json.
    for (let i = 0; i < N; i++) {
      const job = join(dir, `gha-${i}`);
      mkdirSync(job);
      const run = step.run
        .replace('npx lamsim', 'lamsim')
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as written
        .replace('"${{ inputs.scenario }}"', '../scenario.yaml');
      sh(`cd ${job} && ${run}`, { LAMSIM_SHARD_INDEX: String(i) });
      mkdirSync(join(dir, 'gha/shards', `shard-${i}`), { recursive: true });
      copyFileSync(join(job, 'shard/partial.json'), join(dir, 'gha/shards', `shard-${i}`, 'partial.json'));
    }
    sh(`cd ${join(dir, 'gha')} && ${mergeStep.run.replace('npx lamsim', 'lamsim')}`);
    expect(files(join(dir, 'gha/report'))).toEqual(local);
  });
});
