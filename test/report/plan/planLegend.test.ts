/**
 * The plan charts' legends draw each dataset the way the chart draws it
 * (src/report/charts/legendMarkers.ts): checked on the charts the PNG renderer draws (drawChart,
 * src/io/renderChartPng.ts), by Chart.js's legend items and by the pixels of their markers.
 */
import type { Chart } from 'chart.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../../src/experiments/index.ts';
import { plan } from '../../../src/experiments/plan/index.ts';
import { drawChart } from '../../../src/io/renderChartPng.ts';
import type { ChartSpec, DatasetSpec } from '../../../src/report/charts/chartSpec.ts';
import { applyLegendMarkers, LEGEND_MARKERS_SCRIPT } from '../../../src/report/charts/legendMarkers.ts';
import { LIMIT_STYLES, SERIES_COLORS } from '../../../src/report/charts/palette.ts';
import { reportHtml } from '../../../src/report/html.ts';
import { buildPlanReport, planCharts } from '../../../src/report/plan/index.ts';
import { sloChart } from '../../../src/report/plan/planCharts.ts';
import { buildRunReport } from '../../../src/report/runReport.ts';
import { oneFunction, scenarioFrom } from '../../experiments/helpers.ts';
import { BURST_YAML, runOf } from '../fixtures.ts';

const scenario = scenarioFrom(
  `${oneFunction({ io: '{ dist: exponential, mean: 100ms }', extra: 'reservedConcurrency: 10' }, 20, '1m', 'poisson')}slo: { throttleRate: 1%, p99: 2s }\n`,
);

const SCOUTS = /^one run: a step of the search/;
const LOWER_EDGE = /lower edge$/;
const BREAKING_POINT = /^breaking point/;

interface LegendItem {
  readonly text: string;
  readonly datasetIndex: number;
  readonly pointStyle: string;
  readonly fillStyle: string;
  readonly strokeStyle: string;
  readonly lineWidth: number;
  readonly lineDash: readonly number[];
}

interface DrawnLegend {
  readonly legendItems: LegendItem[];
  readonly legendHitBoxes: { left: number; top: number; width: number; height: number }[];
  readonly options: { labels: { usePointStyle?: boolean } };
}

const legendOf = (chart: Chart) => (chart as unknown as { legend: DrawnLegend }).legend;

let specs: ChartSpec[];
let planHtml: string;
let planResult: PlanResult;
const charts: Chart[] = [];

beforeAll(async () => {
  const r = await plan(scenario, { targetScale: 4 });
  if (!r.ok) throw new Error(r.error);
  planResult = r.value;
  specs = planCharts(r.value);
  planHtml = reportHtml(buildPlanReport(r.value, 'test'), '/* Chart.js */');
});

afterAll(() => {
  for (const c of charts) c.destroy();
});

function draw(spec: ChartSpec): Chart {
  const chart = drawChart(spec);
  charts.push(chart);
  return chart;
}

/** The spec without its legend declarations: what Chart.js would draw by default. */
const undeclared = (spec: ChartSpec): ChartSpec => ({
  ...spec,
  config: {
    ...spec.config,
    data: {
      datasets: spec.config.data.datasets.map(({ legendMarker: _, ...d }) => d as DatasetSpec),
    },
  },
});

/** Inked pixels (not near-white) within `r` px of (cx, cy), as offsets from it. */
function inkAround(chart: Chart, cx: number, cy: number, r: number): { dx: number; dy: number }[] {
  const x0 = Math.round(cx) - r;
  const y0 = Math.round(cy) - r;
  const { data } = chart.ctx.getImageData(x0, y0, 2 * r + 1, 2 * r + 1);
  const ink: { dx: number; dy: number }[] = [];
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && Math.min(data[i], data[i + 1], data[i + 2]) < 200) {
      const p = i / 4;
      ink.push({ dx: x0 + (p % (2 * r + 1)) + 0.5 - cx, dy: y0 + Math.floor(p / (2 * r + 1)) + 0.5 - cy });
    }
  }
  return ink;
}

/** Centre of item i's marker: Chart.js's point-style box is 12 px wide at the 12 px font. */
function markerCentre(legend: DrawnLegend, i: number): { cx: number; cy: number } {
  const box = legend.legendHitBoxes[i];
  return { cx: box.left + 6, cy: box.top + 6 };
}

describe('plan chart legends', () => {
  it('every dataset of every plan chart declares its legend entry; the scouts a point, the band a box, its lower edge none', () => {
    expect(specs.map((s) => s.id)).toEqual(['plan-p99', 'plan-throttlerate', 'plan-cost']);
    for (const spec of specs) {
      for (const d of spec.config.data.datasets) {
        const expected = SCOUTS.test(d.label)
          ? 'point'
          : d.fill === '+1'
            ? 'box'
            : LOWER_EDGE.test(d.label)
              ? 'none'
              : 'line';
        expect(d.legendMarker, `${spec.id}: ${d.label}`).toBe(expected);
      }
    }
    expect(specs[0].config.data.datasets.some((d) => SCOUTS.test(d.label))).toBe(true);
  });

  it("Chart.js's legend items take each dataset's drawn style: lines keep colour, width and dash", () => {
    for (const spec of specs) {
      const legend = legendOf(draw(spec));
      expect(legend.options.labels.usePointStyle).toBe(true);
      // One entry per dataset but the band's lower edge (in Chart.js's order: by `order`).
      expect(legend.legendItems.map((i) => i.text).sort()).toEqual(
        spec.config.data.datasets
          .filter((d) => d.legendMarker !== 'none')
          .map((d) => d.label)
          .sort(),
      );
      for (const item of legend.legendItems) {
        const d = spec.config.data.datasets[item.datasetIndex];
        expect(item.text).toBe(d.label);
        if (d.legendMarker === 'point') {
          expect(item).toMatchObject({
            pointStyle: 'circle',
            fillStyle: d.backgroundColor,
            strokeStyle: d.borderColor,
            lineWidth: d.pointBorderWidth,
            lineDash: [],
          });
        } else {
          expect(item, `${spec.id}: ${d.label}`).toMatchObject({
            pointStyle: d.legendMarker === 'box' ? 'rect' : 'line',
            strokeStyle: d.borderColor,
            lineWidth: d.borderWidth,
            lineDash: d.borderDash,
          });
          if (d.legendMarker === 'box') expect(item.fillStyle).toBe(d.backgroundColor);
        }
      }
    }
    const p99 = legendOf(draw(specs[0])).legendItems;
    expect(p99.find((i) => i.text.startsWith('SLO'))?.lineDash).toEqual(LIMIT_STYLES[0].dash);
    // The band has one entry, a shaded square: no entry names its lower edge.
    expect(p99.filter((i) => /standard errors/.test(i.text)).map((i) => [i.text, i.pointStyle])).toEqual([
      ['±2 standard errors', 'rect'],
    ]);
    expect(p99.find((i) => SCOUTS.test(i.text))?.fillStyle).toBe('rgba(255, 255, 255, 0)');
  });

  it("the breaking point is drawn in no objective's series colour, and dotted unlike the SLO line", () => {
    const objective = planResult.objectives[0];
    for (let index = 0; index < SERIES_COLORS.length; index++) {
      const datasets = sloChart(planResult, objective, index).config.data.datasets;
      const series = datasets.find((d) => d.label === 'mean over replications');
      const breaking = datasets.find((d) => BREAKING_POINT.test(d.label));
      const slo = datasets.find((d) => d.label.startsWith('SLO'));
      expect(series?.borderColor).toBe(SERIES_COLORS[index]);
      expect(SERIES_COLORS).not.toContain(breaking?.borderColor);
      expect(breaking?.borderDash).not.toEqual(slo?.borderDash);
    }
  });

  it('without the declarations, the same chart keeps Chart.js default boxes (the change is the declarations)', () => {
    const plain = undeclared(specs[0]);
    expect(applyLegendMarkers(structuredClone(plain.config))).toEqual(plain.config);
    const legend = legendOf(draw(plain));
    expect(legend.options.labels.usePointStyle).toBeFalsy();
    // Chart.js's default item of a dashed line with points: the dash is there, but drawn as a box.
    expect(legend.legendItems.find((i) => i.text.startsWith('SLO'))?.lineDash).toEqual(LIMIT_STYLES[0].dash);
  });

  it("the PNG's pixels (the canvas it encodes): the scouts' entry is a hollow ring, the SLO's a dashed line", () => {
    const chart = draw(specs[0]);
    const legend = legendOf(chart);
    const scouts = legend.legendItems.findIndex((i) => SCOUTS.test(i.text));
    const ring = markerCentre(legend, scouts);
    const ringInk = inkAround(chart, ring.cx, ring.cy, 10);
    const radii = ringInk.map((p) => Math.hypot(p.dx, p.dy));
    expect(ringInk.length).toBeGreaterThan(20);
    // A circle of radius ~7 (10 px box * sqrt 2 / 2), hollow: no ink near its centre.
    expect(Math.min(...radii)).toBeGreaterThan(5);
    expect(Math.max(...radii)).toBeLessThan(9);
    for (const [sx, sy] of [
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ])
      expect(ringInk.some((p) => p.dx * sx > 1 && p.dy * sy > 1)).toBe(true);

    const slo = legend.legendItems.findIndex((i) => i.text.startsWith('SLO'));
    const line = markerCentre(legend, slo);
    const lineInk = inkAround(chart, line.cx, line.cy, 8);
    expect(lineInk.length).toBeGreaterThan(6);
    // A 2 px line across the centre, not a box: ink only within a row or two of it.
    expect(Math.max(...lineInk.map((p) => Math.abs(p.dy)))).toBeLessThan(2);
    // Dashed: along the line, inked runs separated by a gap.
    const xs = [...new Set(lineInk.map((p) => Math.floor(p.dx)))].sort((a, b) => a - b);
    const gaps = xs.slice(1).filter((x, i) => x - xs[i] > 1);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
  });

  it('plan.html runs the same legend function text before drawing, as a run report does', () => {
    const runHtml = reportHtml(buildRunReport(runOf(BURST_YAML), BURST_YAML), '/* Chart.js */');
    for (const html of [planHtml, runHtml]) {
      expect(html).toContain(`var legendMarkers = ${LEGEND_MARKERS_SCRIPT};`);
      expect(html).toContain('var config = legendMarkers(spec.config);');
    }
  });
});
