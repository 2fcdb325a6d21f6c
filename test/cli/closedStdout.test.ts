/**
 * A reader that stops early (`lamsim run ... | head -1`) closes stdout: lamsim drops the rest of
 * its output and finishes its work with its own exit code, no stack trace
 * (src/cli/closedStdout.ts), on the installed command line's direct path and through the parser.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BURST_YAML } from '../report/fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'lamsim-stdout-'));
writeFileSync(join(dir, 'burst.yaml'), BURST_YAML);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node args`, closing its stdout after the first chunk; resolves its exit code and stderr. */
function readFirstChunk(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string; chunks: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let chunks = 0;
    child.stdout.on('data', () => {
      chunks++;
      child.stdout.destroy(); // the reader goes away, as head does
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr, chunks }));
  });
}

describe('stdout closed by its reader', () => {
  // The installed command line's direct path, and the parser's entry run from the sources.
  it.each([
    ['the installed command line', [join(ROOT, 'dist/bundle/main.cjs')]],
    [
      'the sources (src/cli/main.ts)',
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts')],
    ],
  ])('run from %s still writes its whole bundle and exits 0', async (_, entry) => {
    const out = join(dir, entry.length === 1 ? 'installed' : 'sources');
    const r = await readFirstChunk([...entry, 'run', 'burst.yaml', '--no-charts', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.chunks).toBe(1);
    expect(
      readdirSync(out)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['report.html', 'report.md', 'summary.json']);
  });
});
