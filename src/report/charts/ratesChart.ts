/**
 * Arrivals, throttles, errors and cold starts over time, as rates. Arrivals and throttles share
 * the left axis; cold starts and errors, often a hundred times rarer, get the right axis (and
 * their own rate unit), so both stay readable.
 */
import { countValues, gridOf } from '../../metrics/index.ts';
import type { FunctionStatsResult } from '../../results/index.ts';
import { formatCount } from '../format.ts';
import { type ChartSpec, chartId, chartSpec, type DatasetSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from './common.ts';
import { COLORS } from './palette.ts';
import { rateUnitFor, toRate } from './rateUnit.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';

export interface RatesChartInput {
  readonly functionName: string;
  readonly stats: FunctionStatsResult;
  readonly windowMs: number;
}

interface RateSeries {
  readonly label: string;
  readonly counts: Float64Array;
  readonly color: string;
  /** Exact count over the run (the subtitle's number). */
  readonly total: number;
}

export function ratesChart(input: RatesChartInput): ChartSpec {
  const { stats, windowMs } = input;
  const s = stats.series;
  const grid = gridOf(s.arrivals);
  const left: RateSeries[] = [
    { label: 'arrivals', counts: countValues(s.arrivals), color: COLORS.arrivals, total: stats.arrived },
    {
      label: 'throttles',
      counts: countValues(s.throttles),
      color: COLORS.throttles,
      total: stats.throttledAttempts,
    },
  ];
  const right: RateSeries[] = [
    {
      label: 'cold starts',
      counts: countValues(s.coldStarts),
      color: COLORS.coldStarts,
      total: stats.coldStarts,
    },
    {
      label: 'errors',
      counts: countValues(s.errors),
      color: COLORS.errors,
      total: stats.failed + stats.timedOut,
    },
  ];
  const shownLeft = left.filter((r, i) => i === 0 || r.total > 0);
  const shownRight = right.filter((r) => r.total > 0);
  const absent = [...left, ...right].filter((r) => r.total === 0).map((r) => `no ${r.label}`);

  const leftUnit = rateUnitFor(
    grid,
    shownLeft.map((r) => r.counts),
  );
  const leftRate = toRate(grid, leftUnit);
  const datasets: DatasetSpec[] = shownLeft.map((r) =>
    lineDataset(r.label, bucketPoints(grid, r.counts, leftRate), { color: r.color }),
  );
  const scales: Record<string, object> = {
    x: timeScale(windowMs, grid.bucketMs),
    y: valueAxis(`${shownLeft.map((r) => r.label).join(', ')} ${leftUnit.label}`),
  };
  let title = `arrivals and throttles ${leftUnit.label}`;
  if (shownRight.length > 0) {
    const rightUnit = rateUnitFor(
      grid,
      shownRight.map((r) => r.counts),
    );
    const rightRate = toRate(grid, rightUnit);
    for (const r of shownRight) {
      datasets.push(
        lineDataset(`${r.label} (right axis)`, bucketPoints(grid, r.counts, rightRate), {
          color: r.color,
          width: 1.5,
          yAxisID: 'y2',
        }),
      );
    }
    const names = shownRight.map((r) => r.label).join(', ');
    scales.y2 = valueAxis(`${names} ${rightUnit.label}`, 'right');
    title += `; ${names} ${rightUnit.label}`;
  }
  return chartSpec(chartId(input.functionName, 'requests'), `${input.functionName}: requests`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${input.functionName}: ${title}`,
        subtitleOf(
          [...shownLeft, ...shownRight].map((r) => `${formatCount(r.total)} ${r.label}`).join(', '),
          absent.length > 0 && absent.join(', '),
        ),
      ),
      scales,
    },
  });
}
