/**
 * A batch engine's container, imitated for the src/deploy/ examples: a temporary folder holding
 * the scenario (scenario.yaml, the tiny burst) and a `lamsim` on the PATH that runs the CLI from
 * sources, and a shell that runs an example's command there with no engine index variable set
 * but the ones given.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../e2e/spawnCli.ts';
import { BURST_YAML } from '../report/fixtures.ts';

export const DEPLOY = join(ROOT, 'src/deploy');

export interface EngineShell {
  /** The folder the commands run in. */
  readonly dir: string;
  /** Runs `command` with `sh -c`; fails the test on a non-zero exit. */
  sh(command: string, env?: Record<string, string>): void;
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
  return {
    dir,
    sh(command, env = {}) {
      const r = spawnSync('sh', ['-c', command], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...clean, PATH: `${bin}:${process.env.PATH}`, ...env },
      });
      if (r.status !== 0) expect.fail(`${command}\nexit ${r.status}\n${r.stderr}`);
    },
  };
}
