/**
 * Loading the chart renderer ahead (src/io/renderChartPng.ts, `prepareChartRenderer`, which
 * `lamsim tune` calls while its last runs end) never throws: a renderer that cannot load is
 * reported by the first chart, as it was without the early load, so the command's results are
 * printed first. The child process makes `require('canvas')` fail, as a broken install would.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const module = (path: string) => JSON.stringify(pathToFileURL(resolve(ROOT, path)).href);

const SCRIPT = `
const Module = (await import('node:module')).default;
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'canvas') throw new Error('canvas: no native binding (simulated)');
  return load.call(this, request, ...rest);
};
const { prepareChartRenderer, renderChartPng } = await import(${module('src/io/renderChartPng.ts')});
const { chartSpec } = await import(${module('src/report/charts/chartSpec.ts')});
const out = {};
try { prepareChartRenderer(); out.prepared = 'returned'; } catch (e) { out.prepared = 'threw: ' + e.message; }
try {
  await renderChartPng(chartSpec('x', 'x', { type: 'line', data: { datasets: [{ label: 'a', data: [{ x: 0, y: 1 }] }] }, options: {} }));
  out.rendered = 'rendered';
} catch (e) { out.rendered = 'threw: ' + e.message; }
console.log(JSON.stringify(out));
`;

describe('prepareChartRenderer', () => {
  it('returns when the canvas cannot load, and the first chart reports the error', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      prepared: 'returned',
      rendered: 'threw: canvas: no native binding (simulated)',
    });
  }, 60_000);
});
