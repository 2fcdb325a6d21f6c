/**
 * The entry point of a chart thread (./chartThreads.ts starts it; bundled beside the command
 * line's files as `chartWorker.js`). On start it loads the canvas, Chart.js and the font and draws
 * a small chart, so that the first real chart finds Chart.js's code loaded and compiled; then it
 * draws each chart it is sent with ./renderChartPng.ts, the renderer of the main thread.
 *
 * Protocol (messages on the thread's parent port; charts sent during the warm-up wait for it):
 * - in `{ id, spec }`: a ChartSpec to draw; out `{ kind: 'png', id, png }` (the PNG's bytes) or
 *   `{ kind: 'failed', id, message }` when drawing that chart threw. Charts are answered in the
 *   order they came.
 * - An error while warming up (no canvas, no font) is thrown: it ends the thread with that error,
 *   and the parent rejects every chart it sent.
 */
import { parentPort } from 'node:worker_threads';
import type { ChartSpec } from '../report/index.ts';
import { renderChartPng } from './renderChartPng.ts';

export interface ChartRequest {
  readonly id: number;
  readonly spec: ChartSpec;
}

export type ChartReply =
  | { readonly kind: 'png'; readonly id: number; readonly png: Uint8Array }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

const warmUpOptions = {
  animation: false,
  plugins: {
    title: { display: true, text: 'warm-up', font: { size: 16, weight: 'bold' } },
    subtitle: { display: true, text: 'warm-up' },
    legend: { display: true, position: 'top' },
  },
};

/**
 * Charts with what lamsim's use (lines on linear axes with a gap; stacked horizontal bars on
 * categories; title, subtitle, legend), drawn once each at a size no report uses, so no report's
 * chart reuses their renderer.
 */
const WARM_UP: readonly ChartSpec[] = [
  {
    id: 'warm-up-line',
    file: 'warm-up-line.png',
    title: 'warm-up',
    widthPx: 120,
    heightPx: 80,
    config: {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'line',
            data: [
              { x: 0, y: 1 },
              { x: 1, y: null },
              { x: 2, y: 2 },
            ],
            fill: true,
          },
        ],
      },
      options: {
        ...warmUpOptions,
        scales: { x: { type: 'linear' }, y: { type: 'linear', beginAtZero: true } },
      },
    },
  },
  {
    id: 'warm-up-bar',
    file: 'warm-up-bar.png',
    title: 'warm-up',
    widthPx: 120,
    heightPx: 81,
    config: {
      type: 'bar',
      data: { labels: ['a', 'b'], datasets: [{ type: 'bar', label: 'bar', data: [1, null] }] },
      options: {
        ...warmUpOptions,
        indexAxis: 'y',
        scales: { x: { type: 'linear', stacked: true }, y: { type: 'category', stacked: true } },
      },
    },
  },
];

const port = parentPort;
if (port !== null) {
  for (const spec of WARM_UP) renderChartPng(spec);
  port.on('message', ({ id, spec }: ChartRequest) => {
    let reply: ChartReply;
    try {
      reply = { kind: 'png', id, png: renderChartPng(spec) };
    } catch (error) {
      reply = { kind: 'failed', id, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}
