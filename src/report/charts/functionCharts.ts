/** The charts of one function of a run, in reading order. */
import type { FunctionResult, RunData } from '../../results/index.ts';
import type { ChartSpec } from './chartSpec.ts';
import { concurrencyChart, concurrencyLimitsOf } from './concurrencyChart.ts';
import { environmentsChart } from './environmentsChart.ts';
import { latencyCdfChart, latencyOverTimeChart } from './latencyCharts.ts';
import { asyncQueueChart, asyncQueueWaited } from './messagingCharts.ts';
import { asyncQueueDataOf } from './messagingData.ts';
import { ratesChart } from './ratesChart.ts';

/**
 * Concurrency, environments, requests, then (for a function whose asynchronous events waited in
 * Lambda's event queue) the async event queue, then latency over time and its distribution.
 */
export function functionCharts(run: RunData, fn: FunctionResult): ChartSpec[] {
  const input = { functionName: fn.name, stats: fn, windowMs: run.windowMs };
  const async = asyncQueueDataOf(fn);
  return [
    concurrencyChart({
      functionName: fn.name,
      series: fn.series,
      windowMs: run.windowMs,
      limits: concurrencyLimitsOf(run.scenario, fn.name, fn.provisioned),
    }),
    environmentsChart(input),
    ratesChart(input),
    ...(async && asyncQueueWaited(async) ? [asyncQueueChart(async, run.windowMs)] : []),
    latencyOverTimeChart(input),
    latencyCdfChart(input),
  ];
}
