/**
 * The lamsim CLI spawned from sources as a user runs it (tsx), with no batch engine's index
 * variable set unless a test sets one (a CI machine may set one), and a bundle's files read back.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');

const ENGINE_VARIABLES = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'LAMSIM_SHARD_INDEX'];

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !ENGINE_VARIABLES.includes(k)),
);

export interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `lamsim ARGS...` in `cwd`, with `env` added to an environment free of engine index variables. */
export function spawnLamsim(cwd: string, args: readonly string[], env: Record<string, string> = {}): Spawned {
  const r = spawnSync(TSX, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...CLEAN_ENV, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bundle folder's files (hidden ones left out), name -> base64 content. */
export const bundleFiles = (folder: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(folder)
      .filter((name) => !name.startsWith('.'))
      .map((name) => [name, readFileSync(join(folder, name)).toString('base64')]),
  );
