/**
 * The PNG renderer loads @napi-rs/canvas with mimalloc's arena eager commit off
 * (src/io/renderChartPng.ts, `withCanvasEnvironment`): by default the library's allocator commits
 * a 1 GiB arena at load and keeps more of the charts' memory resident in it. Seen from /proc: a
 * process that loaded the library its default way holds one anonymous read-write mapping of
 * exactly 1 GiB; one that drew a chart through the renderer does not, unless the user set
 * MIMALLOC_ARENA_EAGER_COMMIT, whose value wins. The environment is left as it was. Linux only
 * (/proc, and the library's Linux build is the one with mimalloc).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const module = (path: string) => JSON.stringify(pathToFileURL(resolve(ROOT, path)).href);
const GIB = 1024 ** 3;

/** Draws a chart through the renderer (or loads the library its default way), then reports. */
const script = (viaRenderer: boolean) => `
${
  viaRenderer
    ? `const { renderChartPng } = await import(${module('src/io/renderChartPng.ts')});
const { chartSpec } = await import(${module('src/report/charts/chartSpec.ts')});
await renderChartPng(chartSpec('a', 'a', { type: 'line', data: { datasets: [{ label: 'a', data: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] }, options: { scales: { x: { type: 'linear' } } } }));`
    : `(await import('node:module')).createRequire(${module('package.json')})('canvas');`
}
const maps = (await import('node:fs')).readFileSync('/proc/self/maps', 'utf8').split('\\n');
const arenas = maps.filter((line) => {
  const [range, perms, , , inode, path] = line.trim().split(/\\s+/);
  if (perms !== 'rw-p' || inode !== '0' || path !== undefined) return false;
  const [from, to] = range.split('-').map((h) => Number.parseInt(h, 16));
  return to - from === ${GIB};
}).length;
console.log(JSON.stringify({ arenas, env: process.env.MIMALLOC_ARENA_EAGER_COMMIT ?? null }));
`;

function run(viaRenderer: boolean, userValue?: string): { arenas: number; env: string | null } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.MIMALLOC_ARENA_EAGER_COMMIT;
  if (userValue !== undefined) env.MIMALLOC_ARENA_EAGER_COMMIT = userValue;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script(viaRenderer)],
    { cwd: ROOT, encoding: 'utf8', env },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { arenas: number; env: string | null };
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('chart memory allocator', () => {
  it('loaded its default way, the library commits a 1 GiB arena', () => {
    expect(run(false)).toEqual({ arenas: 1, env: null });
  }, 60_000);

  it('through the renderer it does not, and the environment is left as it was', () => {
    expect(run(true)).toEqual({ arenas: 0, env: null });
  }, 60_000);

  it('a value the user set wins and is kept', () => {
    expect(run(true, '1')).toEqual({ arenas: 1, env: '1' });
  }, 60_000);
});
