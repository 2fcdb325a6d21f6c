/**
 * A chart as data: a Chart.js configuration plus the name and size of its PNG. The same spec is
 * rendered to PNG in node (src/io/renderChartPng.ts) and drawn by Chart.js in report.html, so a
 * spec must survive JSON: no functions, no class instances, no `undefined` that matters, and
 * NaN only where a gap is meant (JSON turns it into `null`, which Chart.js draws as a gap).
 */
import type { LegendMarker } from './legendMarkers.ts';

/**
 * A Chart.js configuration that is plain JSON data. Typed loosely on purpose: Chart.js's own types
 * do not describe mixed line/bar charts well; the renderers hand this to Chart.js unchanged.
 */
export interface ChartConfig {
  readonly type: 'line' | 'bar';
  readonly data: {
    readonly labels?: readonly string[];
    readonly datasets: readonly DatasetSpec[];
  };
  readonly options: Readonly<Record<string, unknown>>;
}

/** One Chart.js dataset: a label, its data, and styling options. */
export interface DatasetSpec {
  readonly type?: 'line' | 'bar';
  readonly label: string;
  readonly data: readonly ChartPoint[] | readonly (number | null)[];
  /** lamsim's, not Chart.js's: how the legend draws this dataset's entry (./legendMarkers.ts). */
  readonly legendMarker?: LegendMarker;
  readonly [option: string]: unknown;
}

/** One point of a line on a linear (or logarithmic) x axis; `y: null` is a gap. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number | null;
}

export interface ChartSpec {
  /** Unique within a report; used as the HTML element id and the PNG's base name. */
  readonly id: string;
  /** PNG file name inside the bundle (`<id>.png`). */
  readonly file: string;
  /** Short title for captions and alt texts (the config carries the full title). */
  readonly title: string;
  /** PNG size in pixels; the HTML page keeps the aspect ratio. */
  readonly widthPx: number;
  readonly heightPx: number;
  readonly config: ChartConfig;
}

export const CHART_WIDTH_PX = 1000;
export const CHART_HEIGHT_PX = 500;

/** Font family for every chart, set as Chart.js's default both in node and in the HTML page. */
export const CHART_FONT_FAMILY =
  "'Liberation Sans', 'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif";

/** A file-name-safe id: lower case letters, digits and dashes. */
export function chartId(...parts: readonly string[]): string {
  return parts
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
}

export function chartSpec(
  id: string,
  title: string,
  config: ChartConfig,
  size: { widthPx?: number; heightPx?: number } = {},
): ChartSpec {
  return {
    id,
    file: `${id}.png`,
    title,
    widthPx: size.widthPx ?? CHART_WIDTH_PX,
    heightPx: size.heightPx ?? CHART_HEIGHT_PX,
    config,
  };
}
