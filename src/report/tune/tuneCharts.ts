/**
 * Charts of a tuning sweep, as chart specs (rendered to PNG and drawn in tune.html by the report
 * infrastructure): cost per invocation and mean duration against memory, and p99 latency against
 * memory, one line per architecture. Legend entries drawn as the chart draws each dataset
 * (../charts/legendMarkers.ts): lines with their dash, the recommended point a hollow circle. Pure.
 */
import type { TunePoint, TuneResult } from '../../experiments/index.ts';
import type { Architecture } from '../../scenario/index.ts';
import { type ChartSpec, chartSpec, type DatasetSpec } from '../charts/chartSpec.ts';
import { baseOptions, valueAxis } from '../charts/common.ts';
import { latencyAxis } from '../charts/latencyCharts.ts';
import { LIMIT_STYLES, seriesColor } from '../charts/palette.ts';
import { formatMs } from '../format.ts';
import { servedMany, servedOne } from './servedText.ts';

const architecturesOf = (r: TuneResult): Architecture[] => [...new Set(r.points.map((p) => p.architecture))];

/** The sizes of the sweep, ascending: the categories of the memory axis (as Power Tuning draws them). */
const sizesOf = (r: TuneResult): number[] =>
  [...new Set(r.points.map((p) => p.memoryMb))].sort((a, b) => a - b);

function memoryAxis() {
  return {
    type: 'category' as const,
    position: 'bottom' as const,
    title: { display: true, text: 'memory (MB)' },
    ticks: { maxRotation: 0, autoSkipPadding: 8 },
    grid: { color: '#e5e5e5' },
  };
}

/** Values of one architecture aligned to the size categories (null where it has no point). */
function byArchitecture(
  r: TuneResult,
  arch: Architecture,
  value: (p: TunePoint) => number | null,
): (number | null)[] {
  return sizesOf(r).map((mb) => {
    const p = r.points.find((q) => q.memoryMb === mb && q.architecture === arch);
    return p ? value(p) : null;
  });
}

const PER_MILLION = 1e6;

function line(label: string, data: (number | null)[], color: string, yAxisID: string, dash: number[] = []) {
  return {
    type: 'line' as const,
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    borderDash: dash,
    fill: false,
    pointRadius: 3,
    pointHoverRadius: 5,
    spanGaps: true,
    tension: 0,
    yAxisID,
    legendMarker: 'line' as const,
  };
}

/** The recommended point, drawn as a large hollow marker. */
function recommendedMarker(r: TuneResult, value: number, yAxisID: string): DatasetSpec {
  const sizes = sizesOf(r);
  return {
    type: 'line',
    label: `recommended: ${r.recommendation.memoryMb} MB ${r.recommendation.architecture}`,
    data: sizes.map((mb) => (mb === r.recommendation.memoryMb ? value : null)),
    borderColor: '#111111',
    backgroundColor: 'rgba(255, 255, 255, 0)',
    pointRadius: 9,
    pointBorderWidth: 2,
    showLine: false,
    yAxisID,
    order: -2,
    legendMarker: 'point',
  };
}

export function tuneCostDurationChart(r: TuneResult): ChartSpec {
  const arches = architecturesOf(r);
  const unit = servedOne(r.current);
  const datasets: DatasetSpec[] = [];
  const costOf = (p: TunePoint) =>
    Number.isFinite(p.costUsdPerRequestServed)
      ? Number((p.costUsdPerRequestServed * PER_MILLION).toPrecision(6))
      : null;
  arches.forEach((arch, i) => {
    const suffix = arches.length > 1 ? ` (${arch})` : '';
    datasets.push(
      line(`cost${suffix}`, byArchitecture(r, arch, costOf), seriesColor(i), 'cost'),
      line(
        `mean duration${suffix}`,
        byArchitecture(r, arch, (p) => p.durationMs.mean),
        seriesColor(i),
        'duration',
        [6, 4],
      ),
    );
  });
  const best = r.points.find(
    (p) => p.memoryMb === r.recommendation.memoryMb && p.architecture === r.recommendation.architecture,
  );
  if (best) datasets.push(recommendedMarker(r, costOf(best) ?? 0, 'cost'));
  return chartSpec('tune-cost-duration', 'cost and duration against memory', {
    type: 'line',
    data: { labels: sizesOf(r).map(String), datasets },
    options: {
      ...baseOptions(
        `${r.function}: cost per ${unit} (solid) and mean duration (dashed) against memory`,
        `strategy ${r.strategy}${r.strategy === 'balanced' ? `, weight ${r.weight}` : ''}; cost is the function's Lambda charges per ${unit}`,
      ),
      scales: {
        x: memoryAxis(),
        cost: valueAxis(`USD per million ${servedMany(r.current)}`, 'left'),
        duration: valueAxis('mean duration (ms)', 'right'),
      },
    },
  });
}

export function tuneLatencyChart(r: TuneResult): ChartSpec {
  const arches = architecturesOf(r);
  const datasets: DatasetSpec[] = [];
  const values: number[] = [];
  const positive = (x: number) => (x > 0 ? x : null);
  arches.forEach((arch, i) => {
    const suffix = arches.length > 1 ? ` (${arch})` : '';
    const p99 = byArchitecture(r, arch, (p) => (p.succeeded > 0 ? positive(p.latencyMs.p99) : null));
    const d99 = byArchitecture(r, arch, (p) => positive(p.durationMs.p99));
    for (const v of [...p99, ...d99]) if (v !== null) values.push(v);
    datasets.push(
      line(`p99 latency${suffix}`, p99, seriesColor(i), 'y'),
      line(`p99 duration${suffix}`, d99, seriesColor(i), 'y', [6, 4]),
    );
  });
  const bound = r.constraints.p99Ms;
  if (bound !== undefined) {
    const style = LIMIT_STYLES[0];
    datasets.push({
      type: 'line',
      label: `constraint: p99 latency <= ${formatMs(bound)}`,
      data: sizesOf(r).map(() => bound),
      borderColor: style.color,
      backgroundColor: 'rgba(255, 255, 255, 0)',
      borderWidth: 2,
      borderDash: [...style.dash],
      pointRadius: 0,
      fill: false,
      yAxisID: 'y',
      order: -1,
      legendMarker: 'line',
    });
    values.push(bound);
  }
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  return chartSpec('tune-p99', 'p99 latency against memory', {
    type: 'line',
    data: { labels: sizesOf(r).map(String), datasets },
    options: {
      ...baseOptions(
        `${r.function}: p99 latency (solid, what callers see) and p99 handler duration (dashed) against memory`,
        arches.length > 1 ? 'one colour per architecture' : undefined,
      ),
      scales: { x: memoryAxis(), y: latencyAxis(min, max) },
    },
  });
}

export function tuneCharts(r: TuneResult): ChartSpec[] {
  return [tuneCostDurationChart(r), tuneLatencyChart(r)];
}
