/**
 * The PNG renderer loads no system fonts (src/io/renderChartPng.ts, `withCanvasEnvironment`): the charts
 * draw only the bundled DejaVu Sans, and @napi-rs/canvas otherwise registers every font of the
 * system's font directories when it loads (memory and time for nothing). The child's HOME holds a
 * `.fonts` folder with DejaVu Serif, a directory the library scans on Linux, so the test does not
 * depend on which fonts the machine has: loaded the library's default way, the family is there.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const module = (path: string) => JSON.stringify(pathToFileURL(resolve(ROOT, path)).href);

const home = mkdtempSync(join(tmpdir(), 'lamsim-fonts-'));
mkdirSync(join(home, '.fonts'));
copyFileSync(
  createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  join(home, '.fonts', 'DejaVuSerif.ttf'),
);
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Draws one chart (or only loads the library its own way), then prints the registered families. */
const script = (viaRenderer: boolean) => `
const { createRequire } = await import('node:module');
${
  viaRenderer
    ? `const { renderChartPng } = await import(${module('src/io/renderChartPng.ts')});
const { chartSpec } = await import(${module('src/report/charts/chartSpec.ts')});
await renderChartPng(chartSpec('fonts', 'fonts', { type: 'line', data: { datasets: [{ label: 'a', data: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] }, options: { scales: { x: { type: 'linear' } } } }));`
    : ''
}
const { GlobalFonts } = createRequire(${module('package.json')})('canvas');
console.log(JSON.stringify({ families: GlobalFonts.families.map((f) => f.family), env: process.env.DISABLE_SYSTEM_FONTS_LOAD ?? null }));
`;

function familiesAfter(viaRenderer: boolean): {
  families: string[];
  env: string | null;
} {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.DISABLE_SYSTEM_FONTS_LOAD;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script(viaRenderer)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env,
    },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { families: string[]; env: string | null };
}

describe('chart fonts', () => {
  it('the library loads fonts from HOME/.fonts when loaded its default way', () => {
    expect(familiesAfter(false).families).toContain('DejaVu Serif');
  }, 60_000);

  it('the renderer registers only the bundled font and leaves the environment as it was', () => {
    const { families, env } = familiesAfter(true);
    // The bundled font, under its own family name and the alias the charts use; no other font.
    expect([...families].sort()).toEqual(['DejaVu Sans', 'lamsim DejaVu Sans']);
    expect(env).toBeNull();
  }, 60_000);
});
