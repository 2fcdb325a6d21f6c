/** Building blocks shared by the chart builders: titles, legends, line and limit datasets. */
import { formatCount } from '../format.ts';
import type { ChartPoint } from './chartSpec.ts';
import { LIMIT_STYLES, withAlpha } from './palette.ts';
import { hasIsolatedPoints } from './timeAxis.ts';

/** A labelled horizontal limit (reserved concurrency, max_connections, ...). */
export interface Limit {
  readonly label: string;
  /** The level (the highest, for a limit that changes). */
  readonly value: number;
  /** A limit that changes over time: each level from its x (chart units), held until the next. */
  readonly steps?: readonly ChartPoint[];
}

/** Subtitles longer than this many characters are broken into lines (at their ' · ' joins). */
export const SUBTITLE_LINE_CHARS = 140;

/**
 * A subtitle as Chart.js takes it: the text itself when it fits on one line of a chart, else its
 * ' · '-separated parts filled greedily into lines of at most SUBTITLE_LINE_CHARS characters.
 */
export function subtitleLines(text: string): string | string[] {
  if (text.length <= SUBTITLE_LINE_CHARS) return text;
  const lines: string[] = [];
  for (const part of text.split(' · ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 3 + part.length <= SUBTITLE_LINE_CHARS) lines[last] += ` · ${part}`;
    else lines.push(part);
  }
  return lines;
}

/** The locale of every chart's numbers (Chart.js formats tick labels with Intl.NumberFormat in it). */
export const CHART_LOCALE = 'en-US';

/** Title, optional subtitle (broken into lines when long) and legend, and the settings both renderers share. */
export function baseOptions(title: string, subtitle?: string) {
  return {
    locale: CHART_LOCALE,
    animation: false as const,
    normalized: true,
    interaction: { mode: 'nearest' as const, axis: 'x' as const, intersect: false },
    plugins: {
      title: { display: true, text: title, font: { size: 16, weight: 'bold' as const } },
      subtitle: {
        display: subtitle !== undefined,
        text: subtitleLines(subtitle ?? ''),
        padding: { bottom: 8 },
      },
      legend: { display: true, position: 'top' as const, labels: { boxWidth: 24 } },
      tooltip: { enabled: true },
    },
  };
}

export interface LineOptions {
  readonly color: string;
  readonly yAxisID?: string;
  /** Fill below the line (or to the dataset below when stacked). */
  readonly fill?: boolean | string;
  readonly width?: number;
  readonly dash?: readonly number[];
  readonly stepped?: boolean;
  readonly order?: number;
}

/**
 * A line dataset over points; draws points when gaps would hide single values. Its legend entry
 * (../charts/legendMarkers.ts) is the line, in its colour, width and dash, or a shaded square when
 * it fills.
 */
export function lineDataset(label: string, data: ChartPoint[], o: LineOptions) {
  const isolated = hasIsolatedPoints(data);
  return {
    type: 'line' as const,
    label,
    data,
    borderColor: o.color,
    backgroundColor: withAlpha(o.color, o.fill ? 0.35 : 0.25),
    borderWidth: o.width ?? 2,
    borderDash: o.dash ? [...o.dash] : [],
    fill: o.fill ?? false,
    stepped: o.stepped ?? false,
    pointRadius: isolated ? 2 : 0,
    pointHoverRadius: 4,
    spanGaps: false,
    tension: 0,
    yAxisID: o.yAxisID ?? 'y',
    order: o.order ?? 0,
    legendMarker: o.fill ? ('box' as const) : ('line' as const),
  };
}

/** A horizontal limit across [fromX, toX], dashed, labelled with its value in the legend (a dashed line). */
export function limitDataset(limit: Limit, index: number, fromX: number, toX: number, yAxisID = 'y') {
  const style = LIMIT_STYLES[index % LIMIT_STYLES.length];
  const steps = limit.steps;
  const last = steps?.[steps.length - 1];
  return {
    type: 'line' as const,
    label: steps
      ? `${limit.label}: up to ${formatCount(limit.value)}`
      : `${limit.label}: ${formatCount(limit.value)}`,
    data:
      steps && last
        ? [...steps, { x: toX, y: last.y }]
        : [
            { x: fromX, y: limit.value },
            { x: toX, y: limit.value },
          ],
    // A changing level holds from each step until the next (Chart.js 'before': across, then up).
    ...(steps ? { stepped: 'before' as const } : {}),
    borderColor: style.color,
    backgroundColor: 'rgba(255, 255, 255, 0)',
    borderWidth: 2,
    borderDash: [...style.dash],
    fill: false,
    pointRadius: 0,
    pointHoverRadius: 0,
    tension: 0,
    yAxisID,
    order: -1,
    legendMarker: 'line' as const,
  };
}

/**
 * Splits limits into those worth drawing and those far above the data (drawn, they would squash
 * the data into the bottom of the chart): a limit is drawn when it is at most 4x the data's peak.
 */
export function visibleLimits(
  limits: readonly Limit[],
  dataPeak: number,
): { shown: Limit[]; offScale: Limit[] } {
  const ceiling = 4 * Math.max(1, dataPeak);
  return {
    shown: limits.filter((l) => l.value <= ceiling),
    offScale: limits.filter((l) => l.value > ceiling),
  };
}

/** "account limit 1,000 is above the chart" / "... are above the chart", or undefined. */
export function offScaleNote(offScale: readonly Limit[]): string | undefined {
  if (offScale.length === 0) return undefined;
  const names = offScale.map((l) => `${l.label} ${formatCount(l.value)}`);
  return `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} far above the data, not drawn`;
}

/** The largest finite y of some point series (0 when none). */
export function peakOf(...series: readonly (readonly ChartPoint[])[]): number {
  let peak = 0;
  for (const s of series) for (const p of s) if (p.y !== null && p.y > peak) peak = p.y;
  return peak;
}

/** A linear y axis starting at 0 with a title. */
export function valueAxis(title: string, position: 'left' | 'right' = 'left', extra: object = {}) {
  return {
    type: 'linear' as const,
    position,
    beginAtZero: true,
    title: { display: true, text: title },
    grid: { color: position === 'left' ? '#e5e5e5' : 'transparent' },
    ...extra,
  };
}

/** Joins the non-empty parts of a subtitle with ' · '. */
export function subtitleOf(...parts: readonly (string | undefined | false)[]): string | undefined {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return kept.length > 0 ? kept.join(' · ') : undefined;
}
