/** Spawns the lamsim CLI from sources (as a user would run it, through tsx) in a scratch directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { reportFailure } from '../../src/cli/errors.ts';
import { cliParser } from '../../src/cli/parser.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
/** tsx's loader by absolute URL, so the CLI runs from any working directory. */
export const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function lamsim(args: readonly string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LAMSIM_DEBUG: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh directory holding `files`. */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lamsim-exp-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * Runs the CLI's commands in this process (for argument errors, which fail before simulating):
 * the same yargs set-up and error mapping as src/cli/main.ts.
 */
export async function lamsimInProcess(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  let code = 0;
  try {
    await (await cliParser(argv)).parseAsync();
  } catch (error) {
    code = reportFailure(error, (text) => {
      stderr += text;
    });
  } finally {
    out.mockRestore();
  }
  return { code, stdout, stderr };
}
