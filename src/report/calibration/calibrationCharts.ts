/**
 * Charts of a calibration, observed (the logs, dark) against simulated (the calibrated scenario's
 * run, blue, dashed): invocations over time, the duration and INIT distributions (CDFs), cold
 * starts per hour, and concurrency. Built from the same pieces as the run report's charts. Pure.
 */
import type { ChartPoint, ChartSpec } from '../charts/chartSpec.ts';
import { chartId, chartSpec } from '../charts/chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from '../charts/common.ts';
import { cdfPercentAxis, latencyAxis } from '../charts/latencyCharts.ts';
import { COLORS } from '../charts/palette.ts';
import { rateUnitFor, toRate } from '../charts/rateUnit.ts';
import { bucketPoints, roundTo, timeScale } from '../charts/timeAxis.ts';
import { formatCount, formatMs, formatPercent } from '../format.ts';
import type { CalibrationComparison, DistributionPair, SeriesPair } from './comparison.ts';

const OBSERVED = { color: COLORS.observed, width: 2.5 };
const SIMULATED = { color: COLORS.simulated, width: 2, dash: [6, 4] as const };

/** The CDF of a sorted sample at up to `points` evenly spaced ranks, in percent. */
function sampleCdfPoints(sorted: Float64Array, points = 200): ChartPoint[] {
  const n = sorted.length;
  const out: ChartPoint[] = [];
  const step = Math.max(1, Math.floor(n / points));
  for (let i = step - 1; i < n; i += step)
    out.push({ x: roundTo(sorted[i], 5), y: roundTo(((i + 1) / n) * 100, 5) });
  if (out.length === 0 || out[out.length - 1].y !== 100) out.push({ x: roundTo(sorted[n - 1], 5), y: 100 });
  return out;
}

/** Every `stride`-th step of the simulated CDF, in percent (the chart needs ~200 points). */
function stepCdfPoints(d: DistributionPair, points = 200): ChartPoint[] {
  const steps = d.simulated;
  const stride = Math.max(1, Math.floor(steps.length / points));
  const out: ChartPoint[] = [];
  for (let i = stride - 1; i < steps.length; i += stride) {
    out.push({ x: roundTo(steps[i].value, 5), y: roundTo(steps[i].cumulative * 100, 5) });
  }
  const last = steps[steps.length - 1];
  if (last && out[out.length - 1]?.y !== 100) out.push({ x: roundTo(last.value, 5), y: 100 });
  return out;
}

function seriesLines(c: CalibrationComparison, pair: SeriesPair, scale?: (v: number, i: number) => number) {
  return [
    lineDataset('observed (logs)', bucketPoints(c.grid, pair.observed, scale), OBSERVED),
    lineDataset('simulated (scenario)', bucketPoints(c.grid, pair.simulated, scale), SIMULATED),
  ];
}

export function invocationsChart(c: CalibrationComparison): ChartSpec {
  const unit = rateUnitFor(c.grid, [c.arrivals.observed, c.arrivals.simulated]);
  const d = (c.invocations.simulated - c.invocations.observed) / c.invocations.observed;
  const same = c.arrivals.observed.every((v, i) => v === c.arrivals.simulated[i]);
  return chartSpec(chartId(c.functionName, 'calibration', 'invocations'), `${c.functionName}: invocations`, {
    type: 'line',
    data: { datasets: seriesLines(c, c.arrivals, toRate(c.grid, unit)) },
    options: {
      ...baseOptions(
        `${c.functionName}: invocations ${unit.label}, logs against the calibrated scenario`,
        subtitleOf(
          `observed ${formatCount(c.invocations.observed)}, simulated ${formatCount(c.invocations.simulated)} (${signedPercent(d)})`,
          same && 'the scenario replays the logged arrivals, so the two lines coincide',
        ),
      ),
      scales: { x: timeScale(c.windowMs, c.grid.bucketMs), y: valueAxis(`invocations ${unit.label}`) },
    },
  });
}

export function distributionChart(c: CalibrationComparison, which: 'duration' | 'init'): ChartSpec {
  const d = (which === 'duration' ? c.duration : c.init) as DistributionPair;
  const what = which === 'duration' ? 'Duration' : (c.init?.what ?? 'Init Duration');
  const observed = sampleCdfPoints(d.observed);
  const simulated = stepCdfPoints(d);
  const min = Math.min(observed[0]?.x ?? 0, simulated[0]?.x ?? 0);
  const max = Math.max(observed[observed.length - 1]?.x ?? 0, simulated[simulated.length - 1]?.x ?? 0);
  const axis = latencyAxis(min, max, 'bottom');
  return chartSpec(chartId(c.functionName, 'calibration', which), `${c.functionName}: ${what} distribution`, {
    type: 'line',
    data: {
      datasets: [
        lineDataset(`observed (${formatCount(d.observed.length)})`, observed, OBSERVED),
        lineDataset(`simulated (${formatCount(d.simulatedCount)})`, simulated, SIMULATED),
      ],
    },
    options: {
      ...baseOptions(
        `${c.functionName}: ${what} distribution (CDF), logs against the calibrated scenario`,
        subtitleOf(
          `p50 ${formatMs(d.observedP50)} observed, ${formatMs(d.simulatedP50)} simulated`,
          `p99 ${formatMs(d.observedP99)} observed, ${formatMs(d.simulatedP99)} simulated`,
          d.ksCritical < 1
            ? `KS distance ${d.ks.toFixed(4)} (two samples of one distribution: below ${d.ksCritical.toFixed(4)} 95% of the time)`
            : `KS distance ${d.ks.toFixed(4)} (too few samples to test)`,
        ),
      ),
      scales: {
        x: { ...axis, title: { display: true, text: axis.title.text.replace('latency', what) } },
        y: { ...cdfPercentAxis(), title: { display: true, text: 'invocations at or below (%)' } },
      },
    },
  });
}

const HOUR_MS = 3_600_000;

/** Per-bucket counts summed into whole hours (or the grid's buckets when they are longer). */
function perHour(c: CalibrationComparison, values: Float64Array): number[] {
  const binMs = Math.max(HOUR_MS, c.grid.bucketMs);
  const out = new Array<number>(Math.ceil(c.windowMs / binMs)).fill(0);
  for (let i = 0; i < c.grid.count; i++) out[Math.floor(c.grid.startMs(i) / binMs)] += values[i];
  return out;
}

export function coldStartsChart(c: CalibrationComparison): ChartSpec {
  const observed = perHour(c, c.coldStarts.observed);
  const simulated = perHour(c, c.coldStarts.simulated);
  const binHours = Math.max(HOUR_MS, c.grid.bucketMs) / HOUR_MS;
  const labels = observed.map((_, i) => `${i * binHours}-${(i + 1) * binHours} h`);
  return chartSpec(
    chartId(c.functionName, 'calibration', 'cold-starts'),
    `${c.functionName}: cold starts per hour`,
    {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'observed (logs)', data: observed, backgroundColor: COLORS.observed, legendMarker: 'box' },
          {
            label: 'simulated (scenario)',
            data: simulated,
            backgroundColor: COLORS.simulated,
            legendMarker: 'box',
          },
        ],
      },
      options: {
        ...baseOptions(
          `${c.functionName}: cold starts per ${binHours === 1 ? 'hour' : `${binHours} hours`}, logs against the calibrated scenario`,
          subtitleOf(
            `observed ${formatCount(c.coldStartCount.observed)}, simulated ${formatCount(c.coldStartCount.simulated)}`,
          ),
        ),
        scales: {
          x: { title: { display: true, text: 'time since start' }, grid: { color: '#e5e5e5' } },
          y: valueAxis('cold starts'),
        },
      },
    },
  );
}

export function concurrencyChart(c: CalibrationComparison): ChartSpec {
  return chartSpec(chartId(c.functionName, 'calibration', 'concurrency'), `${c.functionName}: concurrency`, {
    type: 'line',
    data: { datasets: seriesLines(c, c.concurrencyMax) },
    options: {
      ...baseOptions(
        `${c.functionName}: peak concurrency per bucket (INIT included), logs against the calibrated scenario`,
        subtitleOf(
          `peak ${formatCount(c.peakConcurrency.observed)} observed, ${formatCount(c.peakConcurrency.simulated)} simulated`,
          `mean ${c.meanConcurrency.observed.toFixed(2)} observed, ${c.meanConcurrency.simulated.toFixed(2)} simulated`,
        ),
      ),
      scales: { x: timeScale(c.windowMs, c.grid.bucketMs), y: valueAxis('invocations in progress') },
    },
  });
}

export function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : '−'}${formatPercent(Math.abs(fraction))}`;
}
