/**
 * A batch engine's container, imitated for the src/deploy/ examples: a temporary folder holding
 * the scenario (scenario.yaml, the tiny burst) and a `lamsim` on the PATH that runs the CLI from
 * sources, and a process started there with no engine index variable set but the ones given.
 *
 * What the container runs is composed from the image (src/deploy/Dockerfile's ENTRYPOINT and CMD)
 * and the engine's settings as each engine composes it, so an example that only works in a shell
 * of its own making fails here as it would on the engine:
 * - Docker and AWS Batch: ENTRYPOINT followed by CMD, where a job definition's
 *   `containerProperties.command` or a submission's `containerOverrides.command` replaces CMD
 *   (Batch cannot replace the entry point).
 * - Kubernetes: a container's `command` replaces ENTRYPOINT (and then CMD is dropped), its `args`
 *   replace CMD.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../e2e/spawnCli.ts';
import { BURST_YAML } from '../report/fixtures.ts';

export const DEPLOY = join(ROOT, 'src/deploy');

/** An image's entry point and default command, in exec form (empty when the Dockerfile sets none). */
export interface Image {
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

/**
 * The ENTRYPOINT and CMD of a Dockerfile, as Docker reads them: the last of each wins; the exec
 * form (a JSON array) as written, the shell form as `/bin/sh -c TEXT`.
 */
export function dockerImage(dockerfile: string): Image {
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const m = /^(ENTRYPOINT|CMD)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const value = m[2].trim().startsWith('[') ? (JSON.parse(m[2]) as string[]) : ['/bin/sh', '-c', m[2]];
    if (m[1] === 'ENTRYPOINT') {
      entrypoint = value;
      cmd = []; // Docker: setting ENTRYPOINT resets a CMD inherited from the base image
    } else cmd = value;
  }
  return { entrypoint, cmd };
}

/** The image src/deploy/Dockerfile builds. */
export const LAMSIM_IMAGE: Image = dockerImage(readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8'));

/** What Docker (and AWS Batch, whose `command` is Docker's CMD) runs: ENTRYPOINT + (command ?? CMD). */
export function dockerArgv(image: Image, command?: readonly string[]): string[] {
  return [...image.entrypoint, ...(command ?? image.cmd)];
}

/** What a Kubernetes container runs: `command` replaces ENTRYPOINT (and drops CMD), `args` replace CMD. */
export function kubernetesArgv(
  image: Image,
  container: { command?: readonly string[]; args?: readonly string[] },
): string[] {
  if (container.command !== undefined) return [...container.command, ...(container.args ?? [])];
  return [...image.entrypoint, ...(container.args ?? image.cmd)];
}

/**
 * What a Kubernetes pod of the examples runs in the folder `dir`: the container's argv
 * (kubernetesArgv) with the ConfigMap's /scenario/ mapped to `dir` and the claim's /results to
 * `dir`/k8s.
 */
export function kubernetesCommand(
  dir: string,
  container: { command?: readonly string[]; args?: readonly string[] },
): string[] {
  return kubernetesArgv(LAMSIM_IMAGE, container).map((c) =>
    c.replaceAll('/scenario/', `${dir}/`).replaceAll('/results', `${dir}/k8s`),
  );
}

/**
 * What an AWS Batch job of the examples runs in the folder `dir`: the image's entry point and the
 * job's command (dockerArgv), with the EFS mount's /mnt/lamsim/scenario.yaml mapped to
 * `dir`/scenario.yaml and the rest of /mnt/lamsim to `dir`/batch.
 */
export function batchCommand(dir: string, command: readonly string[]): string[] {
  return dockerArgv(LAMSIM_IMAGE, command).map((c) =>
    c
      .replaceAll('/mnt/lamsim/scenario.yaml', `${dir}/scenario.yaml`)
      .replaceAll('/mnt/lamsim', `${dir}/batch`),
  );
}

export interface EngineShell {
  /** The folder the commands run in. */
  readonly dir: string;
  /** Runs `command` with `sh -c`; fails the test on a non-zero exit. */
  sh(command: string, env?: Record<string, string>): void;
  /** Runs the process `argv` (as a container's, after mapping its paths); fails the test on a non-zero exit. */
  exec(argv: readonly string[], env?: Record<string, string>): void;
}

export function engineShell(prefix: string): EngineShell {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  writeFileSync(join(bin, 'lamsim'), `#!/bin/sh\nexec "${tsx}" "${join(ROOT, 'src/cli/main.ts')}" "$@"\n`);
  chmodSync(join(bin, 'lamsim'), 0o755);
  writeFileSync(join(dir, 'scenario.yaml'), BURST_YAML);
  const clean = { ...process.env };
  for (const name of ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'LAMSIM_SHARD_INDEX'])
    delete clean[name];
  const exec = (argv: readonly string[], env: Record<string, string> = {}) => {
    if (argv.length === 0) expect.fail('the container has nothing to run (no entry point, no command)');
    const r = spawnSync(argv[0], argv.slice(1), {
      cwd: dir,
      encoding: 'utf8',
      env: { ...clean, PATH: `${bin}:${process.env.PATH}`, ...env },
    });
    if (r.status !== 0) expect.fail(`${JSON.stringify(argv)}\nexit ${r.status}\n${r.stderr}${r.error ?? ''}`);
  };
  return {
    dir,
    sh: (command, env) => exec(['sh', '-c', command], env),
    exec,
  };
}
