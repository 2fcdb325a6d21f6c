/**
 * Drawing charts does not keep their pixels (src/io/renderChartPng.ts, `releaseCanvas`):
 * chartjs-node-canvas draws every chart on a new canvas, and @napi-rs/canvas kept each encoded
 * canvas's 1000 x 500 x 4 = 2 MB surface until the canvas was resized, garbage-collected or not.
 * In a node of its own with a forced GC after each chart, 20 more charts after 5 first ones
 * (the font, glyph caches and compiled code settle in those) leave the resident memory within
 * 10 MB of where it was; keeping the surfaces would add 20 x 2 MB = 40 MB.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const module = (path: string) => JSON.stringify(pathToFileURL(resolve(ROOT, path)).href);

const SCRIPT = `
const { renderChartPng } = await import(${module('src/io/renderChartPng.ts')});
const { chartSpec } = await import(${module('src/report/charts/chartSpec.ts')});
const points = Array.from({ length: 200 }, (_, i) => ({ x: i, y: 50 + 40 * Math.sin(i / 9) }));
const spec = chartSpec('memory', 'memory', {
  type: 'line',
  data: { datasets: [{ label: 'series', data: points, borderColor: '#1f77b4' }] },
  options: { scales: { x: { type: 'linear', title: { display: true, text: 'time (s)' } } } },
});
const rssMb = () => process.memoryUsage().rss / 1048576;
for (let i = 0; i < 5; i++) { await renderChartPng(spec); globalThis.gc(); }
const settledMb = rssMb();
for (let i = 0; i < 20; i++) { await renderChartPng(spec); globalThis.gc(); }
console.log(JSON.stringify({ settledMb, grewMb: rssMb() - settledMb, widthPx: spec.widthPx, heightPx: spec.heightPx }));
`;

describe('chart memory', () => {
  it('does not grow with the number of charts drawn', () => {
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', SCRIPT],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const { grewMb, widthPx, heightPx } = JSON.parse(r.stdout) as Record<string, number>;
    // The surface each chart would keep: 4 bytes per pixel.
    expect((widthPx * heightPx * 4) / 1048576).toBeGreaterThan(1.9);
    expect(grewMb).toBeLessThan(10);
  }, 60_000);
});
