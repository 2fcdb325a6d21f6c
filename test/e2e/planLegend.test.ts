/**
 * plan.html in headless Chromium draws the same legends as the PNG renderer: for every plan chart,
 * the legend items Chart.js holds in the page equal those of the chart the PNG renderer draws in
 * node (drawChart), one legend function applied by both (src/report/charts/legendMarkers.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { plan } from '../../src/experiments/plan/index.ts';
import { drawChart } from '../../src/io/renderChartPng.ts';
import { nodeReportAssets } from '../../src/io/reportAssets.ts';
import { writeBundle } from '../../src/io/writeBundle.ts';
import { planBundleFiles, planCharts } from '../../src/report/plan/index.ts';
import { oneFunction, scenarioFrom } from '../experiments/helpers.ts';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, openDrawnReport } from './chromium.ts';

const scenario = scenarioFrom(
  `${oneFunction({ io: '{ dist: exponential, mean: 100ms }', extra: 'reservedConcurrency: 10' }, 20, '1m', 'poisson')}slo: { throttleRate: 1%, p99: 2s }\n`,
);

/** The page's globals this test reads (the test project has no DOM lib). */
interface PageGlobals {
  readonly document: {
    querySelectorAll(selector: 'canvas'): Iterable<{ readonly id: string }>;
  };
  readonly Chart: { getChart(canvas: unknown): { legend: { legendItems: unknown[] } } | undefined };
}

const dir = mkdtempSync(join(tmpdir(), 'lamsim-plan-legend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!chromiumAvailable)('plan.html legends in headless Chromium', () => {
  it('every plan chart: the same legend items as the PNG renderer', async () => {
    const r = await plan(scenario, { targetScale: 4 });
    if (!r.ok) throw new Error(r.error);
    const specs = planCharts(r.value);
    await writeBundle(dir, planBundleFiles(r.value, nodeReportAssets({ charts: false })));
    const inNode = Object.fromEntries(
      specs.map((spec) => {
        const chart = drawChart(spec);
        const items = (chart as unknown as { legend: { legendItems: unknown[] } }).legend.legendItems;
        chart.destroy();
        // As the page hands them over: through JSON (`undefined` fields dropped).
        return [`chart-${spec.id}`, JSON.parse(JSON.stringify(items))];
      }),
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openDrawnReport(page, join(dir, 'plan.html'));
      const inPage = await page.evaluate(() => {
        const { document, Chart } = globalThis as unknown as PageGlobals;
        return Object.fromEntries(
          [...document.querySelectorAll('canvas')].map((c) => [c.id, Chart.getChart(c)?.legend.legendItems]),
        );
      });
      expect(errors).toEqual([]);
      expect(Object.keys(inPage)).toEqual(specs.map((s) => `chart-${s.id}`));
      expect(inPage).toEqual(inNode);
      // Not vacuous: the scouts' entry is a hollow circle in both.
      expect(inPage['chart-plan-p99']).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            pointStyle: 'circle',
            fillStyle: 'rgba(255, 255, 255, 0)',
            lineDash: [],
          }),
        ]),
      );
    } finally {
      await browser.close();
    }
  });
});
