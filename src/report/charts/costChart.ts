/**
 * The bill by service and item: one horizontal bar per line item, coloured by service (the
 * legend lists services). Lines with no charge (free tier) are left out; the cost table in the
 * report lists them.
 */
import type { CostBreakdown } from '../../billing/index.ts';
import { formatUsdFine } from '../format.ts';
import { type ChartSpec, chartId, chartSpec } from './chartSpec.ts';
import { baseOptions } from './common.ts';
import { seriesColor } from './palette.ts';

export interface CostChartInput {
  /** Prefix of the chart id and title (a scenario name, or empty). */
  readonly name?: string;
  readonly bill: CostBreakdown;
  /** What the bill covers, for the title: "per month at this rate (730 h)". */
  readonly period: string;
}

export function costChart(input: CostChartInput): ChartSpec {
  const lines = input.bill.lines.filter((l) => l.usd > 0);
  const services = [...new Set(lines.map((l) => l.service))];
  const labels = lines.map((l) => `${l.service}: ${l.item}`);
  const datasets = services.map((service, s) => ({
    type: 'bar' as const,
    legendMarker: 'box' as const,
    label: service,
    data: lines.map((l) => (l.service === service ? l.usd : null)),
    backgroundColor: seriesColor(s),
    borderColor: seriesColor(s),
    borderWidth: 0,
  }));
  const prefix = input.name ? `${input.name}: ` : '';
  return chartSpec(
    chartId(input.name ?? '', 'cost'),
    `${prefix}cost by service and item`,
    {
      type: 'bar',
      data: { labels, datasets },
      options: {
        ...baseOptions(
          `${prefix}cost by service and item, ${input.period}`,
          lines.length > 0
            ? `total ${formatUsdFine(input.bill.totalUsd)}`
            : 'nothing billed (the free tier covers it, or nothing ran)',
        ),
        indexAxis: 'y',
        interaction: { mode: 'nearest', axis: 'y', intersect: false },
        scales: {
          x: {
            type: 'linear',
            stacked: true,
            beginAtZero: true,
            title: { display: true, text: 'USD' },
            grid: { color: '#e5e5e5' },
          },
          y: { type: 'category', stacked: true, grid: { display: false } },
        },
      },
    },
    { heightPx: Math.max(260, 140 + 34 * lines.length) },
  );
}
