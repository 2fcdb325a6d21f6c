/** Execution environments over time, stacked by state: initialising, busy, idle. */
import type { FunctionStats } from '../../model/stats/functionStats.ts';
import { formatCount } from '../format.ts';
import { type ChartSpec, chartId, chartSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from './common.ts';
import { COLORS } from './palette.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';

export interface EnvironmentsChartInput {
  readonly functionName: string;
  readonly stats: FunctionStats;
  readonly windowMs: number;
}

export function environmentsChart(input: EnvironmentsChartInput): ChartSpec {
  const { stats, windowMs } = input;
  const s = stats.series;
  const grid = s.busy.grid;
  const levels = stats.levels;
  const stacked = (label: string, values: Float64Array, color: string, fill: string) =>
    lineDataset(label, bucketPoints(grid, values), { color, fill, width: 1 });
  return chartSpec(chartId(input.functionName, 'environments'), `${input.functionName}: environments`, {
    type: 'line',
    data: {
      datasets: [
        stacked('initialising (INIT, provisioning)', s.initializing.means(), COLORS.initializing, 'origin'),
        stacked('busy (serving a request)', s.busy.means(), COLORS.busy, '-1'),
        stacked('idle (warm, waiting)', s.idle.means(), COLORS.idle, '-1'),
      ],
    },
    options: {
      ...baseOptions(
        `${input.functionName}: execution environments by state (time average per bucket, stacked)`,
        subtitleOf(
          `${formatCount(stats.environmentsCreated)} created`,
          `peak ${formatCount(levels.live.peak)} alive`,
          `${formatCount(stats.environmentsReclaimed)} reclaimed when idle`,
          stats.environmentsRetired > 0 &&
            `${formatCount(stats.environmentsRetired)} retired at max lifetime`,
        ),
      ),
      scales: {
        x: timeScale(windowMs, grid.bucketMs),
        y: valueAxis('execution environments', 'left', { stacked: true }),
      },
    },
  });
}
