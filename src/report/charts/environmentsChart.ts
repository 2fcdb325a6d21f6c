/** Execution environments over time, stacked by state: initialising, busy, idle. */
import { gaugeMeans, gridOf } from '../../metrics/index.ts';
import type { FunctionStatsResult } from '../../results/index.ts';
import { formatCount } from '../format.ts';
import { type ChartSpec, chartId, chartSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from './common.ts';
import { COLORS } from './palette.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';

export interface EnvironmentsChartInput {
  readonly functionName: string;
  readonly stats: FunctionStatsResult;
  readonly windowMs: number;
}

export function environmentsChart(input: EnvironmentsChartInput): ChartSpec {
  const { stats, windowMs } = input;
  const s = stats.series;
  const grid = gridOf(s.busy);
  const levels = stats.levels;
  const stacked = (label: string, values: Float64Array, color: string, fill: string) =>
    lineDataset(label, bucketPoints(grid, values), { color, fill, width: 1 });
  return chartSpec(chartId(input.functionName, 'environments'), `${input.functionName}: environments`, {
    type: 'line',
    data: {
      datasets: [
        stacked(
          'initialising (INIT, provisioning)',
          gaugeMeans(s.initializing),
          COLORS.initializing,
          'origin',
        ),
        stacked('busy (serving a request)', gaugeMeans(s.busy), COLORS.busy, '-1'),
        stacked('idle (warm, waiting)', gaugeMeans(s.idle), COLORS.idle, '-1'),
      ],
    },
    options: {
      ...baseOptions(
        `${input.functionName}: execution environments by state (time average per bucket, stacked)`,
        subtitleOf(
          `${formatCount(stats.environments.created)} created`,
          `peak ${formatCount(levels.live.peak)} alive`,
          `${formatCount(stats.environments.reclaimed)} reclaimed when idle`,
          stats.environments.retired > 0 &&
            `${formatCount(stats.environments.retired)} retired at max lifetime`,
        ),
      ),
      scales: {
        x: timeScale(windowMs, grid.bucketMs),
        y: valueAxis('execution environments', 'left', { stacked: true }),
      },
    },
  });
}
