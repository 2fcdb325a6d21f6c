/**
 * Latency as the caller sees it (successful requests): p50/p95/p99 over time, and the
 * distribution as a CDF with cold and warm requests apart. Both use a logarithmic latency axis
 * when latencies span more than a factor 20 (warm 40 ms beside a 4 s Java cold start).
 */
import {
  type CdfPoint,
  gridOf,
  type HistogramData,
  histogramCdf,
  histogramSummary,
  type QuantileSeriesData,
  quantileCount,
  quantilesOf,
} from '../../metrics/index.ts';
import type { FunctionStatsResult } from '../../results/index.ts';
import { formatCount, formatMs, formatPercent } from '../format.ts';
import { type ChartPoint, type ChartSpec, chartId, chartSpec, type DatasetSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf } from './common.ts';
import { COLORS } from './palette.ts';
import { bucketPoints, roundTo, timeScale } from './timeAxis.ts';

/** Points of a CDF chart: x latency in ms, y the share of requests at or below it, in percent. */
export function cdfPoints(cdf: readonly CdfPoint[]): ChartPoint[] {
  return cdf.map((p) => ({ x: roundTo(p.valueMs, 5), y: roundTo(p.cumulative * 100, 5) }));
}

/** A latency axis in ms: logarithmic when the values span more than a factor 20. */
export function latencyAxis(minMs: number, maxMs: number, position: 'left' | 'bottom' = 'left') {
  const log = minMs > 0 && maxMs / minMs > 20;
  return {
    type: log ? ('logarithmic' as const) : ('linear' as const),
    position,
    beginAtZero: !log,
    title: { display: true, text: `latency (ms${log ? ', log scale' : ''})` },
    // autoSkipPadding keeps Chart.js's log labels (it labels the last 20% of ticks) from overlapping.
    ticks: {
      format: { minimumFractionDigits: 0, maximumFractionDigits: 2 },
      autoSkip: true,
      autoSkipPadding: position === 'bottom' ? 20 : 12,
      maxRotation: 0,
    },
    grid: { color: '#e5e5e5' },
  };
}

/** The y axis of a latency CDF: the share of requests at or below a latency, 0-100%. */
export function cdfPercentAxis() {
  return {
    type: 'linear' as const,
    min: 0,
    max: 100,
    title: { display: true, text: 'requests at or below this latency (%)' },
    grid: { color: '#e5e5e5' },
  };
}

/** Smallest positive and largest y of some point series (0, 0 when there is none). */
function yRange(series: readonly (readonly ChartPoint[])[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const s of series) {
    for (const p of s) {
      if (p.y === null) continue;
      if (p.y > 0 && p.y < min) min = p.y;
      if (p.y > max) max = p.y;
    }
  }
  return { min: Number.isFinite(min) ? min : 0, max };
}

export interface LatencyChartInput {
  readonly functionName: string;
  readonly stats: FunctionStatsResult;
  readonly windowMs: number;
}

export function latencyOverTimeChart(input: LatencyChartInput): ChartSpec {
  const { stats, windowMs } = input;
  const q = stats.series.latency;
  const grid = gridOf(q);
  // A percentile needs enough values per bucket to differ from the max: p99 about 100, p95 about 20.
  // With fewer, the line would only hide the max line, so it is left out (and the subtitle says so).
  const perBucket = medianCount(q);
  const lines = [
    { label: 'max', p: 1, color: COLORS.max, width: 1, needs: 0 },
    { label: 'p99', p: 0.99, color: COLORS.p99, width: 2, needs: 100 },
    { label: 'p95', p: 0.95, color: COLORS.p95, width: 2, needs: 20 },
    { label: 'p50', p: 0.5, color: COLORS.p50, width: 2, needs: 0 },
  ]
    .filter((l) => perBucket >= l.needs)
    .map((l) => ({ ...l, points: bucketPoints(grid, quantilesOf(q, l.p)) }));
  const omitted = perBucket >= 100 ? '' : perBucket >= 20 ? 'p99' : 'p95 and p99';
  const range = yRange(lines.map((l) => l.points));
  const all = histogramSummary(stats.latency);
  return chartSpec(chartId(input.functionName, 'latency'), `${input.functionName}: latency over time`, {
    type: 'line',
    data: {
      // A higher `order` is drawn first: max at the back, p50 in front.
      datasets: lines.map((l, i) =>
        lineDataset(l.label, l.points, { color: l.color, width: l.width, order: lines.length - i }),
      ),
    },
    options: {
      ...baseOptions(
        `${input.functionName}: latency percentiles over time (successful requests, by arrival time)`,
        all.count > 0
          ? subtitleOf(
              `whole window: p50 ${formatMs(all.p50)}, p95 ${formatMs(all.p95)}, p99 ${formatMs(all.p99)}, ` +
                `max ${formatMs(all.max)} over ${formatCount(all.count)} requests`,
              omitted !== '' &&
                `a bucket holds ~${formatCount(perBucket)} requests, too few for ${omitted} per bucket`,
            )
          : 'no successful requests',
      ),
      scales: { x: timeScale(windowMs, grid.bucketMs), y: latencyAxis(range.min, range.max) },
    },
  });
}

/** Median number of values per non-empty bucket (0 when all are empty). */
function medianCount(q: QuantileSeriesData): number {
  const counts: number[] = [];
  for (let i = 0; i < q.counts.length; i++) if (quantileCount(q, i) > 0) counts.push(quantileCount(q, i));
  if (counts.length === 0) return 0;
  counts.sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)];
}

const CDF_POINTS = 200;

function cdfDataset(label: string, h: HistogramData, color: string, dash?: readonly number[]): DatasetSpec {
  return lineDataset(`${label} (${formatCount(h.count)})`, cdfPoints(histogramCdf(h, CDF_POINTS)), {
    color,
    width: dash ? 1.5 : 2.5,
    dash,
  });
}

export function latencyCdfChart(input: LatencyChartInput): ChartSpec {
  const { stats } = input;
  // All requests dashed on top, so warm (often nearly all of them) still shows beneath.
  const datasets: DatasetSpec[] = [cdfDataset('all requests', stats.latency, COLORS.all, [6, 4])];
  if (stats.latencyCold.count > 0) datasets.push(cdfDataset('cold starts', stats.latencyCold, COLORS.cold));
  if (stats.latencyWarm.count > 0) datasets.push(cdfDataset('warm', stats.latencyWarm, COLORS.warm));
  const cold = histogramSummary(stats.latencyCold);
  const warm = histogramSummary(stats.latencyWarm);
  const coldShare = stats.latency.count > 0 ? stats.latencyCold.count / stats.latency.count : 0;
  return chartSpec(
    chartId(input.functionName, 'latency-cdf'),
    `${input.functionName}: latency distribution`,
    {
      type: 'line',
      data: { datasets },
      options: {
        ...baseOptions(
          `${input.functionName}: latency distribution, cold and warm requests (CDF)`,
          subtitleOf(
            `${formatPercent(coldShare)} of successful requests were cold starts`,
            cold.count > 0 && `cold p50 ${formatMs(cold.p50)}, p99 ${formatMs(cold.p99)}`,
            warm.count > 0 && `warm p50 ${formatMs(warm.p50)}, p99 ${formatMs(warm.p99)}`,
          ),
        ),
        scales: {
          x: latencyAxis(stats.latency.minMs, stats.latency.maxMs, 'bottom'),
          y: cdfPercentAxis(),
        },
      },
    },
  );
}
