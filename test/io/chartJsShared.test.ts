/**
 * The PNG renderers of different chart sizes share one Chart.js (src/io/renderChartPng.ts,
 * `chartJsNodeCanvas`): chartjs-node-canvas would evaluate Chart.js afresh for each renderer it
 * constructs. Counted by the module compilations of Chart.js's CommonJS build while charts of two
 * sizes are drawn; each PNG still has its own size (read from its IHDR chunk). Loading the
 * renderer ahead (`prepareChartRenderer`, what `lamsim tune` does while its last runs end) leaves
 * nothing to load for a chart of the default size.
 */
import Module from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareChartRenderer, renderChartPng } from '../../src/io/renderChartPng.ts';
import { CHART_HEIGHT_PX, CHART_WIDTH_PX, chartSpec } from '../../src/report/charts/chartSpec.ts';

type Compile = (this: unknown, content: string, filename: string) => unknown;
const proto = Module.prototype as unknown as { _compile: Compile };
const originalCompile = proto._compile;
const compiled: string[] = [];
proto._compile = function (this: unknown, content: string, filename: string) {
  compiled.push(filename);
  return originalCompile.call(this, content, filename);
};
afterAll(() => {
  proto._compile = originalCompile;
});

/** Width and height of a PNG, from its IHDR chunk (bytes 16-23, big-endian). */
function pngSize(png: Uint8Array): { widthPx: number; heightPx: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20) };
}

const config = {
  type: 'line',
  data: {
    datasets: [
      {
        label: 'a',
        data: [
          { x: 0, y: 1 },
          { x: 1, y: 2 },
        ],
      },
    ],
  },
  options: { animation: false, scales: { x: { type: 'linear' } } },
} as const;

describe('chart renderers', () => {
  it('prepareChartRenderer loads what a chart of the default size needs: drawing one then compiles nothing', async () => {
    prepareChartRenderer();
    const loaded = compiled.length;
    expect(compiled.filter((f) => /[\\/]chart\.js[\\/]dist[\\/]chart\.cjs$/.test(f))).toHaveLength(1);
    const png = await renderChartPng(chartSpec('default', 'default size', config as never));
    expect(pngSize(png)).toEqual({ widthPx: CHART_WIDTH_PX, heightPx: CHART_HEIGHT_PX });
    expect(compiled.slice(loaded)).toEqual([]);
  });

  it('evaluate Chart.js once for charts of three sizes (one of them twice), each PNG of its own size', async () => {
    const sizes = [
      { widthPx: 400, heightPx: 200 },
      { widthPx: 300, heightPx: 260 },
      { widthPx: 400, heightPx: 200 },
      { widthPx: 500, heightPx: 150 },
    ];
    for (const [i, size] of sizes.entries()) {
      const png = await renderChartPng(chartSpec(`c${i}`, `chart ${i}`, config as never, size));
      expect(pngSize(png)).toEqual(size);
    }
    const chartJsBuilds = compiled.filter((f) => /[\\/]chart\.js[\\/]dist[\\/]chart\.cjs$/.test(f));
    expect(chartJsBuilds).toHaveLength(1);
  });
});
