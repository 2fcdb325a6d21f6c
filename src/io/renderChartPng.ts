/**
 * Renders a chart spec to PNG with Chart.js in node (chartjs-node-canvas over @napi-rs/canvas;
 * `renderToBufferSync`, since the async variant needs a callback API
 * @napi-rs/canvas lacks). The spec is drawn exactly as report.html draws it, plus a white
 * background so the PNG reads on dark pages too. Deterministic: same spec, same bytes (on one
 * machine: glyphs come from the system's fonts).
 */
import { createRequire } from 'node:module';
import type { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { CHART_FONT_FAMILY, type ChartSpec } from '../report/index.ts';

const renderers = new Map<string, ChartJSNodeCanvas>();

/**
 * chartjs-node-canvas (with Chart.js and the native canvas, ~0.1 s to load) is required on the
 * first chart drawn, not when the CLI starts: commands that draw nothing never load it.
 */
function chartJsNodeCanvas(): typeof ChartJSNodeCanvas {
  return (createRequire(import.meta.url)('chartjs-node-canvas') as typeof import('chartjs-node-canvas'))
    .ChartJSNodeCanvas;
}

function rendererFor(widthPx: number, heightPx: number): ChartJSNodeCanvas {
  const key = `${widthPx}x${heightPx}`;
  let renderer = renderers.get(key);
  if (!renderer) {
    renderer = new (chartJsNodeCanvas())({
      width: widthPx,
      height: heightPx,
      chartCallback: (chartJs) => {
        chartJs.defaults.font.family = CHART_FONT_FAMILY;
      },
    });
    renderers.set(key, renderer);
  }
  return renderer;
}

/** Paints the canvas white before anything else is drawn. */
interface Canvas2d {
  save(): void;
  restore(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  globalCompositeOperation: string;
  fillStyle: string;
}

const whiteBackground = {
  id: 'lamsimWhiteBackground',
  beforeDraw(chart: { ctx: Canvas2d; width: number; height: number }) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** The PNG bytes of a chart, `widthPx` x `heightPx` pixels. */
export function renderChartPng(spec: ChartSpec): Uint8Array {
  // Chart.js and chartjs-node-canvas write into the configuration: give them a copy.
  const config = structuredClone(spec.config) as unknown as Record<string, unknown>;
  config.plugins = [whiteBackground];
  const buffer = rendererFor(spec.widthPx, spec.heightPx).renderToBufferSync(config as never, 'image/png');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
