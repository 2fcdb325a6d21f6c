/**
 * Charts of a capacity plan: each SLO metric against load (mean over replications at the loads
 * evaluated in full, a band of two standard errors, the search's scouted steps as hollow markers —
 * one run each, not a verdict — the objective as a dashed line and the breaking point as a vertical
 * line), and the monthly cost against load (full evaluations). The x axis is the peak arrival rate;
 * logarithmic when the loads tried span more than a factor 20. Every dataset declares its legend
 * entry (../charts/legendMarkers.ts): lines as lines with their dash, the scouted steps as a hollow
 * circle, the band of two standard errors as one filled square (its upper edge, the dataset that
 * fills; the lower edge has no entry). The breaking point is near-black, dotted: no objective's
 * series colour, so it never reads as one of the series. Pure.
 */

import type { ArrivalUnit, Evaluation, PlanResult } from '../../experiments/index.ts';
import { SLO_METRIC_INFO } from '../../experiments/index.ts';
import { SLO_METRIC_KINDS, type SloObjective } from '../../scenario/index.ts';
import {
  type ChartPoint,
  type ChartSpec,
  chartId,
  chartSpec,
  type DatasetSpec,
} from '../charts/chartSpec.ts';
import { baseOptions, lineDataset, valueAxis } from '../charts/common.ts';
import { LIMIT_STYLES, seriesColor, withAlpha } from '../charts/palette.ts';
import { formatSloValue } from '../format.ts';
import { loadRate, rateUnit } from './loadText.ts';

const round = (x: number) => Number(x.toPrecision(6));

/** The breaking point's vertical line: the SLO line's near-black (no series has it), dotted. */
export const BREAKING_POINT_STYLE = { color: LIMIT_STYLES[0].color, dash: [2, 3] } as const;

function rateAxis(loads: readonly Evaluation[], unit: ArrivalUnit) {
  const rates = loads.map((e) => e.peakRate).filter((r) => r > 0);
  const min = Math.min(...rates);
  const max = Math.max(...rates);
  const log = min > 0 && max / min > 20;
  return {
    type: log ? ('logarithmic' as const) : ('linear' as const),
    position: 'bottom' as const,
    title: { display: true, text: `peak arrival rate (${rateUnit(unit)}${log ? ', log scale' : ''})` },
    ticks: { maxRotation: 0, autoSkipPadding: 16 },
    grid: { color: '#e5e5e5' },
  };
}

/** The metric in chart units: ms for durations, percent for fractions, counts as they are. */
const unit = (o: SloObjective) => {
  const kind = SLO_METRIC_KINDS[o.metric];
  return kind === 'fraction'
    ? { scale: 100, title: `${o.metric} (%)` }
    : { scale: 1, title: kind === 'duration' ? `${o.metric} (ms)` : o.metric };
};

function verticalLine(
  label: string,
  x: number,
  yMax: number,
  color: string,
  dash: readonly number[],
): DatasetSpec {
  return {
    type: 'line',
    label,
    data: [
      { x, y: 0 },
      { x, y: yMax },
    ],
    borderColor: color,
    backgroundColor: 'rgba(255, 255, 255, 0)',
    borderWidth: 2,
    borderDash: [...dash],
    pointRadius: 0,
    fill: false,
    order: -1,
    legendMarker: 'line',
  };
}

/** The load of the breaking point: between the last load that holds and the first that breaks. */
function breakingRate(p: PlanResult): number | null {
  const { lo, hi, inconclusive } = p.search;
  if (inconclusive) return inconclusive.peakRate;
  if (lo && hi) return Math.sqrt(lo.peakRate * hi.peakRate);
  return null;
}

export function sloChart(p: PlanResult, objective: SloObjective, index: number): ChartSpec {
  const evals = p.evaluations.filter((e) => e.peakRate > 0);
  const u = unit(objective);
  const est = (e: Evaluation) => e.metrics.find((m) => m.objective.metric === objective.metric);
  const points: ChartPoint[] = evals.map((e) => {
    const m = est(e)?.mean;
    return {
      x: round(e.peakRate),
      y: m === null || m === undefined || !Number.isFinite(m) ? null : round(m * u.scale),
    };
  });
  const band = (sign: 1 | -1): ChartPoint[] =>
    evals.map((e) => {
      const m = est(e);
      if (!m || m.mean === null || !Number.isFinite(m.mean)) return { x: round(e.peakRate), y: null };
      return { x: round(e.peakRate), y: round(Math.max(0, (m.mean + sign * 2 * m.standardError) * u.scale)) };
    });
  const scouts = p.scouts.filter((e) => e.peakRate > 0);
  const scoutPoints: ChartPoint[] = scouts.map((e) => {
    const v = est(e)?.values[0];
    return {
      x: round(e.peakRate),
      y: v === null || v === undefined || !Number.isFinite(v) ? null : round(v * u.scale),
    };
  });
  const color = seriesColor(index);
  const sloValue = objective.max * u.scale;
  const yMax = Math.max(sloValue * 1.5, ...points.map((q) => q.y ?? 0), ...scoutPoints.map((q) => q.y ?? 0));
  const xs = [...evals, ...scouts].map((e) => round(e.peakRate));
  const datasets: DatasetSpec[] = [
    { ...lineDataset('mean over replications', points, { color }), pointRadius: 3, legendMarker: 'line' },
    {
      ...lineDataset('±2 standard errors', band(1), { color, width: 1, dash: [2, 2] }),
      backgroundColor: withAlpha(color, 0.15),
      fill: '+1',
      pointRadius: 0,
      legendMarker: 'box',
    },
    {
      ...lineDataset('±2 standard errors, lower edge', band(-1), { color, width: 1, dash: [2, 2] }),
      pointRadius: 0,
      legendMarker: 'none',
    },
  ];
  if (scoutPoints.length > 0)
    datasets.push({
      type: 'line',
      label: 'one run: a step of the search (replication 0), not a verdict',
      data: scoutPoints,
      borderColor: color,
      backgroundColor: 'rgba(255, 255, 255, 0)',
      pointRadius: 4,
      pointBorderWidth: 1.5,
      showLine: false,
      order: 1,
      legendMarker: 'point',
    });
  datasets.push({
    type: 'line',
    label: `SLO: ${formatSloValue(objective.metric, objective.max)}`,
    data: [
      { x: Math.min(...xs), y: sloValue },
      { x: Math.max(...xs), y: sloValue },
    ],
    borderColor: LIMIT_STYLES[0].color,
    backgroundColor: 'rgba(255, 255, 255, 0)',
    borderWidth: 2,
    borderDash: [...LIMIT_STYLES[0].dash],
    pointRadius: 0,
    fill: false,
    order: -1,
    legendMarker: 'line',
  });
  const bp = breakingRate(p);
  if (bp !== null)
    datasets.push(
      verticalLine(
        `breaking point ≈ ${loadRate(p.arrivalUnit, bp)}`,
        round(bp),
        yMax,
        BREAKING_POINT_STYLE.color,
        BREAKING_POINT_STYLE.dash,
      ),
    );
  const info = SLO_METRIC_INFO[objective.metric];
  return chartSpec(chartId('plan', objective.metric), `${info.label} against load`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${info.label} against load`,
        `objective: at most ${formatSloValue(objective.metric, objective.max)}; the worst function, mean over replications` +
          (scoutPoints.length > 0 ? "; hollow markers: one run each (the search's steps)" : ''),
      ),
      scales: {
        x: rateAxis([...evals, ...scouts], p.arrivalUnit),
        y: valueAxis(u.title, 'left', { suggestedMax: yMax }),
      },
    },
  });
}

export function planCostChart(p: PlanResult): ChartSpec {
  const evals = p.evaluations.filter((e) => e.peakRate > 0);
  const points = evals.map((e) => ({ x: round(e.peakRate), y: round(e.monthlyCostUsd.mean) }));
  const datasets: DatasetSpec[] = [
    {
      ...lineDataset('monthly cost at this load', points, { color: seriesColor(0) }),
      pointRadius: 3,
      legendMarker: 'line',
    },
  ];
  const lo = p.search.lo;
  const yMax = Math.max(...points.map((q) => q.y));
  if (lo)
    datasets.push(
      verticalLine(
        `max sustainable: ${loadRate(p.arrivalUnit, lo.peakRate)}`,
        round(lo.peakRate),
        yMax,
        '#2ca02c',
        [6, 4],
      ),
    );
  return chartSpec('plan-cost', 'monthly cost against load', {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions('Monthly cost against load (whole bill, 730 h at each load)'),
      scales: { x: rateAxis(evals, p.arrivalUnit), y: valueAxis('USD per month') },
    },
  });
}

export function planCharts(p: PlanResult): ChartSpec[] {
  return [...p.objectives.map((o, i) => sloChart(p, o, i)), planCostChart(p)];
}
