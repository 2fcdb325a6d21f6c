/** The charts of one function of a run, in reading order. */
import type { FunctionResult, RunResult } from '../../model/world.ts';
import type { ChartSpec } from './chartSpec.ts';
import { concurrencyChart, concurrencyLimitsOf } from './concurrencyChart.ts';
import { environmentsChart } from './environmentsChart.ts';
import { latencyCdfChart, latencyOverTimeChart } from './latencyCharts.ts';
import { ratesChart } from './ratesChart.ts';

export function functionCharts(run: RunResult, fn: FunctionResult): ChartSpec[] {
  const input = { functionName: fn.name, stats: fn.stats, windowMs: run.windowMs };
  return [
    concurrencyChart({
      functionName: fn.name,
      series: fn.stats.series,
      windowMs: run.windowMs,
      limits: concurrencyLimitsOf(run.scenario, fn.name),
    }),
    environmentsChart(input),
    ratesChart(input),
    latencyOverTimeChart(input),
    latencyCdfChart(input),
  ];
}
