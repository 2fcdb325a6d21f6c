/**
 * Every chart lamsim draws declares how its legend draws each dataset (legendMarker,
 * src/report/charts/legendMarkers.ts), and declares it the way the chart draws the dataset: a line
 * as a line (with its dash), a filled area or a bar as a shaded square, markers without a line as
 * a marker. Checked on the charts of every committed report bundle (run, comparison, calibration:
 * test/e2e/shippedReports.test.ts keeps them equal to a fresh run), read back from report.html.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChartSpec, DatasetSpec } from '../../src/report/charts/chartSpec.ts';
import { LEGEND_MARKERS_SCRIPT } from '../../src/report/charts/legendMarkers.ts';

const REPORTS = new URL('../../reports/', import.meta.url);

/** The chart specs a committed page draws (its lamsim-charts JSON). */
function chartsOfPage(file: URL): ChartSpec[] {
  const html = readFileSync(file, 'utf8');
  const json = /<script type="application\/json" id="lamsim-charts">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error(`${file.pathname}: no lamsim-charts script`);
  return JSON.parse(json) as ChartSpec[];
}

const pages = readdirSync(REPORTS).flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, REPORTS))
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ name: `${dir}/${f}`, url: new URL(`${dir}/${f}`, REPORTS) })),
);

/** The legend entry a dataset is drawn as, from how the chart draws it. */
function drawnAs(spec: ChartSpec, d: DatasetSpec): string[] {
  const type = d.type ?? spec.config.type;
  if (type === 'bar') return ['box'];
  if ((d as { showLine?: boolean }).showLine === false) return ['point'];
  if (d.fill !== undefined && d.fill !== false) return ['box'];
  // A line; or a band's lower edge, named by the entry of the dataset that fills to it.
  return (d as { legendMarker?: string }).legendMarker === 'none' ? ['none'] : ['line'];
}

describe('chart legends of every shipped report', () => {
  it('there are reports of each kind to check', () => {
    expect(pages.map((p) => p.name)).toEqual(
      expect.arrayContaining(['api-burst/report.html', 'compare-rds-direct-vs-rds-proxy/report.html']),
    );
    expect(pages.some((p) => p.name.includes('calibration'))).toBe(true);
  });

  it.each(pages)('$name: every dataset declares the entry it is drawn as', ({ url }) => {
    const specs = chartsOfPage(url);
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      for (const d of spec.config.data.datasets) {
        expect(d.legendMarker ?? 'undeclared', `${spec.id}: ${d.label}`).toBe(drawnAs(spec, d)[0]);
      }
    }
    // The page runs the legend function before drawing.
    expect(readFileSync(url, 'utf8')).toContain(`var legendMarkers = ${LEGEND_MARKERS_SCRIPT};`);
  });
});
