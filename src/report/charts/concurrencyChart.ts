/**
 * Concurrency over time against the limits that apply to the function, with throttles marked.
 * Concurrency is what AWS counts: environments serving a request, a cold start's INIT included.
 */
import { countTotal, countValues, gaugeMaxes, gaugeMeans, gridOf } from '../../metrics/index.ts';
import type { FunctionSeriesData, ProvisionedResult } from '../../results/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { formatCount } from '../format.ts';
import { type ChartSpec, chartId, chartSpec, type DatasetSpec } from './chartSpec.ts';
import {
  baseOptions,
  type Limit,
  limitDataset,
  lineDataset,
  offScaleNote,
  peakOf,
  subtitleOf,
  valueAxis,
  visibleLimits,
} from './common.ts';
import { COLORS, withAlpha } from './palette.ts';
import { rateUnitFor, toRate } from './rateUnit.ts';
import { bucketPoints, roundTo, timeScale, timeUnitFor } from './timeAxis.ts';

/**
 * The concurrency limits of function `name`, from the scenario: its reserved concurrency, or the
 * unreserved pool it shares (account limit - Σ reserved); the account limit when it differs;
 * its provisioned concurrency when configured, following its level over time when `provisioned`
 * (the run's) says it changed (a schedule, auto scaling). Ascending by value.
 */
export function concurrencyLimitsOf(
  scenario: Scenario,
  name: string,
  provisioned: ProvisionedResult | null = null,
): Limit[] {
  const fn = scenario.functions.find((f) => f.name === name);
  if (!fn) return [];
  const account = scenario.account.concurrentExecutions;
  const reservedTotal = scenario.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  const pool = account - reservedTotal;
  const limits: Limit[] = [];
  const levels = provisioned?.levels ?? [];
  if (new Set(levels.map((l) => l.concurrency)).size > 1) {
    const unit = timeUnitFor(scenario.durationMs);
    limits.push({
      label: 'provisioned concurrency',
      value: Math.max(...levels.map((l) => l.concurrency)),
      steps: levels.map((l) => ({ x: roundTo(l.startMs / unit.ms, 6), y: l.concurrency })),
    });
  } else if (fn.provisionedConcurrency > 0 || (levels[0]?.concurrency ?? 0) > 0) {
    limits.push({
      label: 'provisioned concurrency',
      value: levels[0]?.concurrency ?? fn.provisionedConcurrency,
    });
  }
  if (fn.reservedConcurrency !== null) {
    limits.push({ label: 'reserved concurrency', value: fn.reservedConcurrency });
  } else if (pool !== account) {
    limits.push({ label: 'unreserved pool (shared)', value: pool });
  }
  limits.push({ label: 'account limit', value: account });
  return limits.sort((a, b) => a.value - b.value);
}

export interface ConcurrencyChartInput {
  readonly functionName: string;
  readonly series: FunctionSeriesData;
  readonly windowMs: number;
  readonly limits: readonly Limit[];
}

export function concurrencyChart(input: ConcurrencyChartInput): ChartSpec {
  const { series, windowMs } = input;
  const grid = gridOf(series.concurrency);
  const peak = bucketPoints(grid, gaugeMaxes(series.concurrency));
  const mean = bucketPoints(grid, gaugeMeans(series.concurrency));
  const throttleCounts = countValues(series.throttles);
  const throttleTotal = countTotal(series.throttles);
  const { shown, offScale } = visibleLimits(input.limits, peakOf(peak));
  const x = timeScale(windowMs, grid.bucketMs);

  const datasets: DatasetSpec[] = [
    lineDataset('concurrency (peak in bucket)', peak, {
      color: COLORS.concurrencyPeak,
      fill: 'origin',
      width: 1,
      order: 2,
    }),
    lineDataset('concurrency (time average)', mean, { color: COLORS.concurrency, order: 1 }),
    ...shown.map((l, i) => limitDataset(l, i, x.min, x.max)),
  ];
  const scales: Record<string, object> = {
    x,
    y: valueAxis('concurrent executions'),
  };
  if (throttleTotal > 0) {
    const unit = rateUnitFor(grid, [throttleCounts]);
    const rate = toRate(grid, unit);
    datasets.push({
      type: 'bar',
      legendMarker: 'box',
      label: 'throttles',
      data: bucketPoints(grid, throttleCounts, (c, i) => (c > 0 ? rate(c, i) : Number.NaN)),
      backgroundColor: withAlpha(COLORS.throttles, 0.8),
      borderColor: COLORS.throttles,
      borderWidth: 0,
      barPercentage: 1,
      categoryPercentage: 1,
      yAxisID: 'throttles',
      order: 3,
    });
    scales.throttles = valueAxis(`throttles ${unit.label}`, 'right', {
      ticks: { color: COLORS.throttles },
      title: { display: true, text: `throttles ${unit.label}`, color: COLORS.throttles },
    });
  }
  const subtitle = subtitleOf(
    throttleTotal > 0 ? `${formatCount(throttleTotal)} throttled requests (red bars)` : 'no throttles',
    offScaleNote(offScale),
  );
  return chartSpec(chartId(input.functionName, 'concurrency'), `${input.functionName}: concurrency`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(`${input.functionName}: concurrency over time`, subtitle),
      scales,
    },
  });
}
