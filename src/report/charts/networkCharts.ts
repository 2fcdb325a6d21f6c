/**
 * A NAT gateway's processed bytes over time, as a rate (KB, MB or GB per second, minute or hour,
 * whichever reads best): what the bill's per-GB line is made of. Bytes are counted when the
 * handler that makes the calls starts.
 */
import { countValues, gridOf } from '../../metrics/index.ts';
import { formatBytes, formatCount } from '../format.ts';
import { type ChartSpec, chartId, chartSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from './common.ts';
import type { NatChartData } from './messagingData.ts';
import { COLORS } from './palette.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';
import { byteRateUnitFor, toByteRate } from './valueUnits.ts';

export function natChart(nat: NatChartData, windowMs: number): ChartSpec {
  const grid = gridOf(nat.processedBytes);
  const bytes = countValues(nat.processedBytes);
  const unit = byteRateUnitFor(grid, [bytes]);
  return chartSpec(chartId(nat.name, 'bytes'), `${nat.name}: NAT gateway bytes processed`, {
    type: 'line',
    data: {
      datasets: [
        lineDataset(
          `bytes processed, ${unit.label}`,
          bucketPoints(grid, bytes, toByteRate(grid, unit), windowMs),
          {
            color: COLORS.bytes,
            fill: 'origin',
          },
        ),
      ],
    },
    options: {
      ...baseOptions(
        `${nat.name}: bytes processed by the NAT gateway, ${unit.label}`,
        subtitleOf(
          `${formatBytes(nat.totalBytes)} in ${formatCount(nat.calls)} calls, billed per GB`,
          `${formatCount(nat.azs)} AZ${nat.azs === 1 ? '' : 's'}, billed per hour each`,
          'counted when the calling handler starts',
        ),
      ),
      scales: {
        x: timeScale(windowMs, grid.bucketMs),
        y: valueAxis(`bytes processed (${unit.label})`),
      },
    },
  });
}
