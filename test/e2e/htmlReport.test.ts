/**
 * report.html opened in a real headless Chromium (Debian's package, driven by playwright-core):
 * every chart canvas is drawn, nothing is logged as an error, and the page makes no request
 * beyond its own file. Network requests are blocked and recorded.
 *
 * Needs /usr/bin/chromium (CI installs it; see .ci/run). Without it the test is skipped locally
 * and fails on CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeReportAssets } from '../../src/io/reportAssets.ts';
import { writeBundle } from '../../src/io/writeBundle.ts';
import { comparisonBundleFiles, reportBundleFiles } from '../../src/report/bundle.ts';
import { BURST_YAML, databaseYaml, MESSAGING_YAML, runOf } from '../report/fixtures.ts';
import { chromiumAvailable as available, CHROMIUM, CHROMIUM_ARGS, openDrawnReport } from './chromium.ts';

interface CanvasReport {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Share of pixels drawn (alpha > 0), and of those in a saturated colour (data, not text). */
  readonly drawn: number;
  readonly colour: number;
  /** What Chart.js holds for this canvas: the chart type and dataset labels. */
  readonly chart: { type: string; labels: string[] } | null;
}

interface PageReport {
  readonly requests: string[];
  readonly blocked: string[];
  readonly errors: string[];
  readonly specs: { id: string; config: { type: string; data: { datasets: { label: string }[] } } }[];
  readonly drawnAttribute: string | null;
  readonly chartVersion: string;
  readonly canvases: CanvasReport[];
}

/** The browser globals the page functions below use (the test project has no DOM lib). */
interface CanvasLike {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface BrowserGlobals {
  readonly document: {
    readonly documentElement: {
      getAttribute(name: string): string | null;
    };
    getElementById(id: string): { textContent: string | null } | null;
    querySelectorAll(selector: 'canvas'): Iterable<CanvasLike>;
  };
  readonly Chart: {
    readonly version: string;
    getChart(
      canvas: CanvasLike,
    ): { config: { type: string }; data: { datasets: { label: string }[] } } | undefined;
  };
}

let dir: string;
let browser: Browser;

async function openReport(file: string): Promise<PageReport> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await openDrawnReport(page, file);
  const result = await page.evaluate(() => {
    // The test project has no DOM types: the page's globals, as far as this test uses them.
    const { document, Chart } = globalThis as unknown as BrowserGlobals;
    const specs = JSON.parse(document.getElementById('lamsim-charts')!.textContent!);
    const canvases = [...document.querySelectorAll('canvas')].map((canvas) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      let colour = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        drawn++;
        if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60)
          colour++;
      }
      const n = data.length / 4 || 1;
      const chart = Chart.getChart(canvas);
      return {
        id: canvas.id.replace(/^chart-/, ''),
        width: canvas.width,
        height: canvas.height,
        drawn: drawn / n,
        colour: colour / n,
        chart: chart ? { type: chart.config.type, labels: chart.data.datasets.map((d) => d.label) } : null,
      };
    });
    return {
      specs,
      drawnAttribute: document.documentElement.getAttribute('data-charts-drawn'),
      chartVersion: Chart.version,
      canvases,
    };
  });
  await context.close();
  return { requests, blocked, errors, ...result };
}

function expectAllChartsDrawn(report: PageReport, pageUrl: string): void {
  expect(report.errors).toEqual([]);
  expect(report.blocked).toEqual([]);
  expect(report.requests).toEqual([pageUrl]);
  expect(report.chartVersion).toMatch(/^4\./);
  expect(report.canvases.map((c) => c.id)).toEqual(report.specs.map((s) => s.id));
  expect(report.drawnAttribute).toBe(String(report.specs.length));
  for (const [i, canvas] of report.canvases.entries()) {
    const spec = report.specs[i];
    expect(canvas.width, canvas.id).toBeGreaterThan(300);
    expect(canvas.height, canvas.id).toBeGreaterThan(150);
    expect(canvas.drawn, `${canvas.id}: share of pixels drawn`).toBeGreaterThan(0.01);
    expect(canvas.colour, `${canvas.id}: share of pixels in colour`).toBeGreaterThan(0.001);
    // The interactive chart is built from the same description as the PNG.
    expect(canvas.chart, canvas.id).toEqual({
      type: spec.config.type,
      labels: spec.config.data.datasets.map((d) => d.label),
    });
  }
}

describe.skipIf(!available)('report.html in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lamsim-html-'));
    const assets = nodeReportAssets();
    const direct = runOf(databaseYaml('direct'));
    const proxy = runOf(databaseYaml('proxy'));
    await writeBundle(join(dir, 'burst'), reportBundleFiles(runOf(BURST_YAML), BURST_YAML, assets));
    await writeBundle(join(dir, 'db-proxy'), reportBundleFiles(proxy, databaseYaml('proxy'), assets));
    await writeBundle(
      join(dir, 'compare'),
      comparisonBundleFiles(
        [
          { label: 'db-direct', output: direct, scenarioText: databaseYaml('direct') },
          { label: 'db-proxy', output: proxy, scenarioText: databaseYaml('proxy') },
        ],
        assets,
      ),
    );
    const messaging = runOf(MESSAGING_YAML);
    const widerYaml = MESSAGING_YAML.replace('name: messaging', 'name: messaging-wider').replace(
      'maximumConcurrency: 5',
      'maximumConcurrency: 20',
    );
    writeBundle(join(dir, 'messaging'), reportBundleFiles(messaging, MESSAGING_YAML, assets));
    writeBundle(
      join(dir, 'compare-messaging'),
      comparisonBundleFiles(
        [
          { label: 'messaging', output: messaging, scenarioText: MESSAGING_YAML },
          { label: 'messaging-wider', output: runOf(widerYaml), scenarioText: widerYaml },
        ],
        assets,
      ),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a run report: every chart drawn, no errors, no network', async () => {
    const file = join(dir, 'burst', 'report.html');
    const report = await openReport(file);
    expect(report.specs.map((s) => s.id)).toEqual([
      'api-concurrency',
      'api-environments',
      'api-requests',
      'api-latency',
      'api-latency-cdf',
      'cost',
    ]);
    expectAllChartsDrawn(report, pathToFileURL(file).href);
  });

  it('a run with a database and a proxy: their charts drawn too', async () => {
    const file = join(dir, 'db-proxy', 'report.html');
    const report = await openReport(file);
    expect(report.specs.map((s) => s.id)).toEqual(expect.arrayContaining(['db-connections', 'proxy-pool']));
    expectAllChartsDrawn(report, pathToFileURL(file).href);
  });

  it('a run with an SQS queue, a stream, async events and a NAT gateway: their charts drawn too', async () => {
    const file = join(dir, 'messaging', 'report.html');
    const report = await openReport(file);
    expect(report.specs.map((s) => s.id)).toEqual(
      expect.arrayContaining(['thumbs-async-queue', 'orders-queue', 'logs-stream', 'egress-bytes']),
    );
    expectAllChartsDrawn(report, pathToFileURL(file).href);
  });

  it('a comparison of runs with queues and streams: their overlays drawn', async () => {
    const file = join(dir, 'compare-messaging', 'report.html');
    const report = await openReport(file);
    expect(report.specs.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'compare-async-queue',
        'compare-sqs-backlog',
        'compare-stream',
        'compare-nat-bytes',
      ]),
    );
    expectAllChartsDrawn(report, pathToFileURL(file).href);
  });

  it('a comparison: every overlaid chart drawn, no errors, no network', async () => {
    const file = join(dir, 'compare', 'report.html');
    const report = await openReport(file);
    expect(report.specs.length).toBeGreaterThanOrEqual(6);
    expectAllChartsDrawn(report, pathToFileURL(file).href);
  });
});
