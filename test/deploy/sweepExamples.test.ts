/**
 * The sweep examples in src/deploy/ (issue 15, step 3): each engine plans 4 replications as jobs,
 * runs `lamsim job` once per index with its own index variable, and collects. Each example's own
 * commands are run here as the engine would run them (the process composed from the image and the
 * example's command as the engine composes it: ./engineShell.ts; the index variable set 0..3, the
 * paths mapped to a temporary folder; GitHub's jobs each in a checkout of their own, the
 * artifacts copied as the workflow uploads and downloads them): the collected bundle equals
 * `lamsim run --replications 4` on this machine, file for file.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { bundleFiles } from '../e2e/spawnCli.ts';
import { batchCommand, DEPLOY, type EngineShell, engineShell, kubernetesCommand } from './engineShell.ts';

const N = 4;

let dir: string;
let sh: EngineShell['sh'];
let exec: EngineShell['exec'];
let local: Record<string, string>;

beforeAll(() => {
  const shell = engineShell('lamsim-sweep-deploy-');
  dir = shell.dir;
  sh = shell.sh;
  exec = shell.exec;
  sh(`lamsim run scenario.yaml --replications ${N} --out local`);
  local = bundleFiles(join(dir, 'local'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const argsOf = (doc: { spec: { template: { spec: { containers: { args: string[] }[] } } } }) =>
  doc.spec.template.spec.containers[0].args[0];

describe('src/deploy/ sweep examples', () => {
  it('Kubernetes: a plan Job, an Indexed Job of N completions running lamsim job, a collect Job', () => {
    const [plan, jobs, collect] = parseAllDocuments(
      readFileSync(join(DEPLOY, 'k8s-sweep-jobs.yaml'), 'utf8'),
    ).map((d) => d.toJS());
    expect(jobs.spec.completionMode).toBe('Indexed');
    expect(jobs.spec.completions).toBe(N);
    expect(argsOf(plan)).toBe(
      `lamsim run /scenario/scenario.yaml --replications ${N} --plan-jobs /results/sweep --force`,
    );
    expect(argsOf(jobs)).toBe('lamsim job /results/sweep');
    // As the pods run them: the containers' command and args over the image's entry point.
    const argv = (job: typeof plan) => kubernetesCommand(dir, job.spec.template.spec.containers[0]);
    exec(argv(plan));
    for (let i = 0; i < N; i++) exec(argv(jobs), { JOB_COMPLETION_INDEX: String(i) });
    exec(argv(collect));
    expect(bundleFiles(join(dir, 'k8s/sweep-report'))).toEqual(local);
  });

  it('AWS Batch: a plan job, an array job of size N depending on it, a collect job depending on the array', () => {
    const read = (name: string) => JSON.parse(readFileSync(join(DEPLOY, 'aws-batch', name), 'utf8'));
    const definition = read('job-definition.json');
    const plan = read('submit-sweep-plan.json');
    const jobs = read('submit-sweep.json');
    const collect = read('submit-sweep-collect.json');
    for (const submit of [plan, jobs, collect])
      expect(submit.jobDefinition).toBe(definition.jobDefinitionName);
    expect(jobs.arrayProperties.size).toBe(N);
    expect(jobs.dependsOn).toEqual([{ jobId: 'PLAN_JOB_ID' }]);
    expect(collect.dependsOn).toEqual([{ jobId: 'SWEEP_JOB_ID' }]);
    // As the container runs them: the image's entry point, then the overridden command (Docker's CMD).
    const command = (submit: { containerOverrides: { command: string[] } }) =>
      batchCommand(dir, submit.containerOverrides.command);
    exec(command(plan));
    for (let i = 0; i < N; i++) exec(command(jobs), { AWS_BATCH_JOB_ARRAY_INDEX: String(i) });
    exec(command(collect));
    expect(bundleFiles(join(dir, 'batch/sweep-report'))).toEqual(local);
  });

  it('GitHub Actions: plan, a matrix of N jobs by strategy.job-index, collect; artifacts carried between them', () => {
    const workflow = parseYaml(readFileSync(join(DEPLOY, 'github-actions-sweep.yml'), 'utf8'));
    const runs = (job: string) =>
      (workflow.jobs[job].steps as { run?: string; env?: Record<string, string> }[]).filter((s) =>
        s.run?.includes('lamsim'),
      );
    expect(workflow.jobs.job.needs).toBe('plan');
    expect(workflow.jobs.collect.needs).toBe('job');
    expect(workflow.jobs.job.strategy.matrix.job).toEqual([0, 1, 2, 3]);
    const [plan] = runs('plan');
    const [job] = runs('job');
    const [collect] = runs('collect');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as written
    expect(job.env).toEqual({ LAMSIM_SHARD_INDEX: '${{ strategy.job-index }}' });
    const asHere = (run: string) =>
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as written
      (run as string).replace('npx lamsim', 'lamsim').replace('"${{ inputs.scenario }}"', '../scenario.yaml');
    const checkout = (name: string) => {
      const at = join(dir, name);
      mkdirSync(at, { recursive: true });
      return at;
    };
    const planned = checkout('gha-plan');
    sh(`cd ${planned} && ${asHere(plan.run as string)}`);
    for (let i = 0; i < N; i++) {
      const at = checkout(`gha-job-${i}`);
      cpSync(join(planned, 'sweep'), join(at, 'sweep'), { recursive: true });
      sh(`cd ${at} && ${asHere(job.run as string)}`, { LAMSIM_SHARD_INDEX: String(i) });
      cpSync(join(at, 'sweep/results'), join(dir, 'gha-collect/sweep/results'), { recursive: true });
    }
    cpSync(join(planned, 'sweep'), join(dir, 'gha-collect/sweep'), { recursive: true });
    sh(`cd ${join(dir, 'gha-collect')} && ${asHere(collect.run as string)}`);
    expect(bundleFiles(join(dir, 'gha-collect/report'))).toEqual(bundleFiles(join(dir, 'local')));
  });
});
