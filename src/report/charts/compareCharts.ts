/**
 * Overlaid charts for `lamsim compare`: one line per run (and function, when a run has several),
 * coloured by series, on a common time axis (the longest window's unit). Each builder takes the
 * series of every run and returns one chart, or undefined when no run has anything to show.
 */
import type { CostBreakdown } from '../../billing/index.ts';
import {
  countValues,
  gaugeMaxes,
  gridOf,
  histogramCdf,
  histogramSummary,
  quantilesOf,
} from '../../metrics/index.ts';
import type { FunctionStatsResult } from '../../results/index.ts';
import { formatCount, formatMs, formatUsdFine } from '../format.ts';
import { type ChartSpec, chartSpec, type DatasetSpec } from './chartSpec.ts';
import {
  baseOptions,
  type Limit,
  lineDataset,
  offScaleNote,
  peakOf,
  subtitleOf,
  valueAxis,
  visibleLimits,
} from './common.ts';
import { cdfPercentAxis, cdfPoints, latencyAxis } from './latencyCharts.ts';
import { seriesColor, withAlpha } from './palette.ts';
import { rateUnitFor, toRate } from './rateUnit.ts';
import type { DatabaseChartData } from './resourceCharts.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';

/** One function of one run, as the compare charts see it. */
export interface ComparedSeries {
  /** Legend label: the run's label, plus the function's name when the run has several. */
  readonly label: string;
  readonly stats: FunctionStatsResult;
  readonly windowMs: number;
  /** Concurrency limits of the function in its scenario (see concurrencyLimitsOf). */
  readonly limits: readonly Limit[];
}

/** The common time axis: the longest window, with the finest bucket among the runs in its title. */
export function commonTimeScale(windows: readonly { windowMs: number; bucketMs: number }[]) {
  const windowMs = Math.max(...windows.map((w) => w.windowMs));
  return { windowMs, x: timeScale(windowMs, Math.min(...windows.map((w) => w.bucketMs))) };
}

const axisOf = (series: readonly ComparedSeries[]) =>
  commonTimeScale(series.map((s) => ({ windowMs: s.windowMs, bucketMs: s.stats.series.arrivals.bucketMs })));

export function compareConcurrencyChart(series: readonly ComparedSeries[]): ChartSpec {
  const { windowMs, x } = axisOf(series);
  const lines = series.map((s) => ({
    s,
    points: bucketPoints(
      gridOf(s.stats.series.concurrency),
      gaugeMaxes(s.stats.series.concurrency),
      undefined,
      windowMs,
    ),
  }));
  const peak = peakOf(...lines.map((l) => l.points));
  const datasets: DatasetSpec[] = lines.map((l, i) =>
    lineDataset(`${l.s.label}`, l.points, { color: seriesColor(i) }),
  );
  const offScale: string[] = [];
  series.forEach((s, i) => {
    // The limit that binds each function (its reserved concurrency or pool), in its run's colour.
    const binding = s.limits.filter((l) => l.label !== 'provisioned concurrency')[0];
    const shown = visibleLimits(binding ? [binding] : [], peak);
    for (const limit of shown.shown) {
      datasets.push({
        type: 'line',
        label: `${s.label}: ${limit.label} ${formatCount(limit.value)}`,
        data: [
          { x: x.min, y: limit.value },
          { x: x.max, y: limit.value },
        ],
        borderColor: seriesColor(i),
        backgroundColor: 'rgba(255, 255, 255, 0)',
        borderWidth: 1.5,
        borderDash: [8, 4],
        pointRadius: 0,
        pointHoverRadius: 0,
        fill: false,
        order: -1,
        legendMarker: 'line',
      });
    }
    const note = offScaleNote(shown.offScale);
    if (note) offScale.push(`${s.label}: ${note}`);
  });
  return chartSpec('compare-concurrency', 'concurrency', {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        'Concurrency over time (peak per bucket), dashed: the limit that applies',
        subtitleOf(...offScale),
      ),
      scales: { x, y: valueAxis('concurrent executions') },
    },
  });
}

export function compareLatencyChart(series: readonly ComparedSeries[]): ChartSpec {
  const { windowMs, x } = axisOf(series);
  const lines = series.map((s) => {
    const q = s.stats.series.latency;
    return { s, points: bucketPoints(gridOf(q), quantilesOf(q, 0.99), undefined, windowMs) };
  });
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const l of lines) {
    for (const p of l.points) {
      if (p.y === null || p.y <= 0) continue;
      min = Math.min(min, p.y);
      max = Math.max(max, p.y);
    }
  }
  return chartSpec('compare-latency', 'p99 latency over time', {
    type: 'line',
    data: { datasets: lines.map((l, i) => lineDataset(l.s.label, l.points, { color: seriesColor(i) })) },
    options: {
      ...baseOptions(
        'p99 latency over time (successful requests, by arrival time)',
        series.map((s) => `${s.label} p99 ${formatMs(histogramSummary(s.stats.latency).p99)}`).join(' · '),
      ),
      scales: { x, y: latencyAxis(Number.isFinite(min) ? min : 0, max) },
    },
  });
}

export function compareLatencyCdfChart(series: readonly ComparedSeries[]): ChartSpec {
  const datasets = series.map((s, i) =>
    lineDataset(
      `${s.label} (${formatCount(s.stats.latency.count)})`,
      cdfPoints(histogramCdf(s.stats.latency, 200)),
      {
        color: seriesColor(i),
        width: 2.5,
      },
    ),
  );
  const min = Math.min(...series.map((s) => (s.stats.latency.count > 0 ? s.stats.latency.minMs : Infinity)));
  const max = Math.max(0, ...series.map((s) => s.stats.latency.maxMs));
  return chartSpec('compare-latency-cdf', 'latency distribution', {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions('Latency distribution of successful requests (CDF)'),
      scales: {
        x: latencyAxis(Number.isFinite(min) ? min : 0, max, 'bottom'),
        y: cdfPercentAxis(),
      },
    },
  });
}

/** Throttles (solid) and errors (dashed) of every run; undefined when no run has any. */
export function compareFailuresChart(series: readonly ComparedSeries[]): ChartSpec | undefined {
  return compareRatesChart(
    series,
    'compare-failures',
    'throttles and errors',
    [
      {
        what: 'throttles',
        counts: (s) => countValues(s.series.throttles),
        total: (s) => s.throttledAttempts,
      },
      {
        what: 'errors',
        counts: (s) => countValues(s.series.errors),
        total: (s) => s.failed + s.timedOut,
        dash: [6, 3],
      },
    ],
    'no throttles or errors in any run',
  );
}

export function compareColdStartsChart(series: readonly ComparedSeries[]): ChartSpec | undefined {
  return compareRatesChart(
    series,
    'compare-cold-starts',
    'cold starts',
    [{ what: 'cold starts', counts: (s) => countValues(s.series.coldStarts), total: (s) => s.coldStarts }],
    'no cold starts in any run',
  );
}

interface RateMeasure {
  readonly what: string;
  readonly counts: (s: FunctionStatsResult) => Float64Array;
  readonly total: (s: FunctionStatsResult) => number;
  readonly dash?: readonly number[];
}

function compareRatesChart(
  series: readonly ComparedSeries[],
  id: string,
  title: string,
  measures: readonly RateMeasure[],
  emptyNote: string,
): ChartSpec | undefined {
  const { windowMs, x } = axisOf(series);
  const present = series.flatMap((s, i) =>
    measures
      .filter((m) => m.total(s.stats) > 0)
      .map((m) => ({ s, i, m, counts: m.counts(s.stats), grid: gridOf(s.stats.series.arrivals) })),
  );
  if (present.length === 0) return undefined;
  // One unit for all: the one the busiest series needs.
  const units = present.map((p) => rateUnitFor(p.grid, [p.counts]));
  const unit = units.reduce((a, b) => (a.ms <= b.ms ? a : b));
  const datasets = present.map((p) =>
    lineDataset(
      measures.length > 1 ? `${p.s.label}: ${p.m.what}` : p.s.label,
      bucketPoints(p.grid, p.counts, toRate(p.grid, unit), windowMs),
      { color: seriesColor(p.i), dash: p.m.dash, width: 1.5 },
    ),
  );
  const totals = series
    .map((s) => `${s.label}: ${measures.map((m) => `${formatCount(m.total(s.stats))} ${m.what}`).join(', ')}`)
    .join(' · ');
  return chartSpec(id, title, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(`${title[0].toUpperCase()}${title.slice(1)} ${unit.label}`, totals || emptyNote),
      scales: { x, y: valueAxis(`${title} ${unit.label}`) },
    },
  });
}

/** The monthly bill of every run by service, bars side by side. */
export function compareCostChart(
  runs: readonly { label: string; bill: CostBreakdown }[],
  period: string,
): ChartSpec {
  const services = [
    ...new Set(runs.flatMap((r) => r.bill.lines.filter((l) => l.usd > 0).map((l) => l.service))),
  ];
  const datasets: DatasetSpec[] = runs.map((r, i) => ({
    type: 'bar',
    legendMarker: 'box',
    label: `${r.label} (${formatUsdFine(r.bill.totalUsd)})`,
    data: services.map((service) =>
      r.bill.lines.filter((l) => l.service === service).reduce((sum, l) => sum + l.usd, 0),
    ),
    backgroundColor: withAlpha(seriesColor(i), 0.85),
    borderColor: seriesColor(i),
    borderWidth: 1,
  }));
  return chartSpec(
    'compare-cost',
    'cost by service',
    {
      type: 'bar',
      data: { labels: services, datasets },
      options: {
        ...baseOptions(`Cost by service, ${period}`),
        indexAxis: 'y',
        interaction: { mode: 'nearest', axis: 'y', intersect: false },
        scales: {
          x: {
            type: 'linear',
            beginAtZero: true,
            title: { display: true, text: 'USD' },
            grid: { color: '#e5e5e5' },
          },
          y: { type: 'category', grid: { display: false } },
        },
      },
    },
    { heightPx: Math.max(300, 160 + 26 * services.length * runs.length) },
  );
}

/** Open connections of every run's databases against their max_connections; undefined without any. */
export function compareDatabaseChart(
  runs: readonly { label: string; windowMs: number; databases: readonly DatabaseChartData[] }[],
): ChartSpec | undefined {
  const items = runs.flatMap((r) =>
    r.databases.map((db) => ({
      label: runs.length > 1 ? `${r.label}: ${db.name}` : db.name,
      db,
      windowMs: r.windowMs,
    })),
  );
  if (items.length === 0) return undefined;
  const { windowMs, x } = commonTimeScale(
    items.map((it) => ({ windowMs: it.windowMs, bucketMs: it.db.openConnections.bucketMs })),
  );
  const datasets: DatasetSpec[] = [];
  const limits = new Map<number, string[]>();
  items.forEach((it, i) => {
    datasets.push(
      lineDataset(
        `${it.label} (peak in bucket)`,
        bucketPoints(gridOf(it.db.openConnections), gaugeMaxes(it.db.openConnections), undefined, windowMs),
        { color: seriesColor(i) },
      ),
    );
    limits.set(it.db.maxConnections, [...(limits.get(it.db.maxConnections) ?? []), it.label]);
  });
  for (const [value, labels] of limits) {
    datasets.push({
      type: 'line',
      label: `max_connections ${formatCount(value)} (${labels.join(', ')})`,
      data: [
        { x: x.min, y: value },
        { x: x.max, y: value },
      ],
      borderColor: '#111111',
      backgroundColor: 'rgba(255, 255, 255, 0)',
      borderWidth: 2,
      borderDash: [8, 4],
      pointRadius: 0,
      pointHoverRadius: 0,
      fill: false,
      order: -1,
      legendMarker: 'line',
    });
  }
  return chartSpec('compare-db-connections', 'database connections', {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions('Open database connections against max_connections'),
      scales: { x, y: valueAxis('database connections') },
    },
  });
}
