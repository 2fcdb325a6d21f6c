/**
 * Renders a chart spec to PNG with Chart.js in node (chartjs-node-canvas over @napi-rs/canvas:
 * the chart is drawn on this thread and encoded on libuv's thread pool). The spec is drawn exactly as report.html draws it, plus a white
 * background so the PNG reads on dark pages too. Deterministic on every machine: same spec, same
 * bytes. Skia is bundled by @napi-rs/canvas and the glyphs come from DejaVu Sans bundled by the
 * `dejavu-fonts-ttf` npm package (Bitstream Vera licence; wide coverage, arrows and ≤ included),
 * registered under its own family name so no system font is ever picked instead.
 */
import { createRequire } from 'node:module';
import type { Chart } from 'chart.js';
import type { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import {
  applyLegendMarkers,
  CHART_HEIGHT_PX,
  CHART_LOCALE,
  CHART_WIDTH_PX,
  type ChartSpec,
} from '../report/index.ts';

/** The family every PNG is drawn in (report.html keeps the reader's fonts: CHART_FONT_FAMILY). */
export const PNG_FONT_FAMILY = 'lamsim DejaVu Sans';

let fontRegistered = false;

/**
 * Runs `load` with @napi-rs/canvas's environment set for lamsim's charts, each variable only
 * while `load` runs (the previous value, or none, is put back):
 * - DISABLE_SYSTEM_FONTS_LOAD=1. Each time its module runs, the library registers every font in
 *   the system's font directories unless this is set (index.js, 0.1.100), and chartjs-node-canvas
 *   runs it afresh for every renderer it constructs (`freshRequire('canvas')`). The PNGs draw only
 *   the bundled DejaVu Sans, so those fonts were never used: here (38 system fonts) they cost
 *   7.4 MB of resident memory on the first load (`require('canvas')` peaks at 61.2 MB instead of
 *   53.8 MB), and a desktop with hundreds of fonts pays more.
 * - MIMALLOC_ARENA_EAGER_COMMIT=0, unless the user set it. The library's native code allocates
 *   with mimalloc, which reads its options from the environment when the library is first loaded;
 *   by default on Linux it commits a 1 GiB arena at once and carves the charts' memory from it,
 *   and here that kept ~7 MB more resident (smaps at exit: 7.1 MB in the arena, against 3.6 and
 *   1.5 MB in smaller mappings without it). SimFaaS workload run with charts, peak memory median
 *   120.3 -> 112.2 MB (6 runs each, alternated); drawing and encoding 20 charts took no longer.
 */
function withCanvasEnvironment<T>(load: () => T): T {
  const before = CANVAS_ENVIRONMENT.map(([name]) => process.env[name]);
  CANVAS_ENVIRONMENT.forEach(([name, value, userFirst], i) => {
    if (!(userFirst && before[i] !== undefined)) process.env[name] = value;
  });
  try {
    return load();
  } finally {
    CANVAS_ENVIRONMENT.forEach(([name], i) => {
      const value = before[i];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    });
  }
}

/** Variable, value, and whether a value the user set wins. */
const CANVAS_ENVIRONMENT: readonly (readonly [string, string, boolean])[] = [
  ['DISABLE_SYSTEM_FONTS_LOAD', '1', false],
  ['MIMALLOC_ARENA_EAGER_COMMIT', '0', true],
];

/** Registers the bundled DejaVu Sans (regular and bold) with the canvas, once, before the first chart. */
function registerChartFont(): void {
  if (fontRegistered) return;
  const require = createRequire(import.meta.url);
  const { GlobalFonts } = withCanvasEnvironment(() => require('canvas') as typeof import('canvas'));
  for (const name of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    const file = require.resolve(`dejavu-fonts-ttf/ttf/${name}`);
    if (GlobalFonts.registerFromPath(file, PNG_FONT_FAMILY) === null) {
      throw new Error(`lamsim: could not load the chart font ${file} (reinstall with npm ci)`);
    }
  }
  fontRegistered = true;
}

const renderers = new Map<string, ChartJSNodeCanvas>();

let sharedRenderer: typeof ChartJSNodeCanvas | undefined;

/**
 * The renderer class, required on the first chart drawn, not when the CLI starts (chartjs-node-canvas
 * with Chart.js and the native canvas takes ~0.1 s to load): commands that draw nothing never load
 * it. Its renderers share one Chart.js: chartjs-node-canvas evaluates Chart.js afresh for every
 * renderer it constructs (it deletes Chart.js from the require cache after each `initialize`, so
 * that one renderer's plugins and defaults do not leak into another's), and lamsim has one renderer
 * per chart size, all configured alike (the font family below; plugins come with each chart's
 * configuration), so a second evaluation only cost ~2 MB and ~20 ms.
 */
function chartJsNodeCanvas(): typeof ChartJSNodeCanvas {
  if (sharedRenderer) return sharedRenderer;
  const Base = (createRequire(import.meta.url)('chartjs-node-canvas') as typeof import('chartjs-node-canvas'))
    .ChartJSNodeCanvas;
  let chartJs: typeof Chart | undefined;
  sharedRenderer = class SharedChartJsRenderer extends Base {
    protected override initialize(options: ConstructorParameters<typeof Base>[0]) {
      chartJs ??= super.initialize(options);
      return chartJs;
    }
  };
  return sharedRenderer;
}

function rendererFor(widthPx: number, heightPx: number): ChartJSNodeCanvas {
  const key = `${widthPx}x${heightPx}`;
  let renderer = renderers.get(key);
  if (!renderer) {
    registerChartFont();
    const Renderer = chartJsNodeCanvas();
    renderer = withCanvasEnvironment(
      () =>
        new Renderer({
          width: widthPx,
          height: heightPx,
          chartCallback: (chartJs) => {
            chartJs.defaults.font.family = PNG_FONT_FAMILY;
          },
        }),
    );
    renderers.set(key, renderer);
  }
  return renderer;
}

/**
 * Loads now what the first chart of the default size would load (the canvas, the font, Chart.js
 * and its renderer, ~35-45 ms here, and ICU's number formatting, which Chart.js's tick labels
 * load at their first Intl.NumberFormat: 12-16 ms, once per process), for a caller with an idle
 * core now and charts to draw later (`lamsim tune` while its last runs end). Only the time moves:
 * the PNGs are the same bytes. Never throws: a renderer that cannot load is left to the first
 * chart, which reports it (after the command has printed its results, as without this).
 */
export function prepareChartRenderer(): void {
  try {
    rendererFor(CHART_WIDTH_PX, CHART_HEIGHT_PX);
    new Intl.NumberFormat(CHART_LOCALE).format(0);
  } catch {
    // Reported by the first chart drawn.
  }
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

/**
 * Lets the canvas's pixels go when the chart is destroyed, which chartjs-node-canvas does right
 * after encoding the PNG. @napi-rs/canvas (0.1.100) keeps a canvas's pixel surface once it has
 * been encoded, even after the canvas is garbage-collected, until the canvas is resized, and
 * chartjs-node-canvas draws every chart on a new canvas. Measured with a forced GC after each
 * chart: 20 charts of 1000 x 500 added 42.5 MB (their 2 MB surfaces), and < 10 MB once each
 * canvas was resized to 1 x 1 after encoding (test/io/chartMemory.test.ts).
 */
const releaseCanvas = {
  id: 'lamsimReleaseCanvas',
  beforeDestroy(chart: { canvas: { width: number; height: number } | null }) {
    if (chart.canvas === null) return;
    chart.canvas.width = 1;
    chart.canvas.height = 1;
  },
};

/** What chartjs-node-canvas's renderer does before it encodes: draws the chart on a new canvas. */
interface DrawingRenderer {
  renderChart(configuration: unknown): Chart;
}

/** What @napi-rs/canvas's canvas offers to encode off the main thread. */
interface EncodingCanvas {
  encode(format: 'png'): Promise<Buffer>;
}

/**
 * Draws a chart as the PNG renderer does, on a new canvas of its size, on this thread: the spec's
 * configuration (a copy), with the legend function report.html applies too
 * (src/report/charts/legendMarkers.ts), a white background and the canvas's release. The caller
 * destroys the chart.
 */
export function drawChart(spec: ChartSpec): Chart {
  // Chart.js and chartjs-node-canvas write into the configuration: give them a copy.
  const config = applyLegendMarkers(structuredClone(spec.config) as unknown as Record<string, unknown>);
  config.plugins = [whiteBackground, releaseCanvas];
  // renderChart is what renderToBufferSync calls before encoding (chartjs-node-canvas 5; private in
  // its typings only): new canvas, animation off, `new Chart(context, config)`.
  const renderer = rendererFor(spec.widthPx, spec.heightPx) as unknown as DrawingRenderer;
  return renderer.renderChart(config);
}

/**
 * The PNG bytes of a chart, `widthPx` x `heightPx` pixels. Draws the chart now, on this thread
 * (drawChart), and encodes it on libuv's thread pool (@napi-rs/canvas's `encode`, the same bytes as
 * `toBuffer('image/png')`): the promise settles when the encoding is done, and the caller may
 * draw the next chart meanwhile (src/io/writeBundle.ts does), so encoding one chart overlaps
 * drawing the next on another core. The canvas and its pixels live until the promise settles.
 */
export function renderChartPng(spec: ChartSpec): Promise<Uint8Array> {
  const chart = drawChart(spec);
  const canvas = chart.canvas as unknown as EncodingCanvas | null;
  if (canvas === null) {
    chart.destroy();
    return Promise.reject(new Error('lamsim: Chart.js drew on no canvas'));
  }
  return canvas.encode('png').then(
    (buffer) => {
      chart.destroy();
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
    (error: unknown) => {
      chart.destroy();
      throw error;
    },
  );
}
