/**
 * Overlaid messaging and network charts for `lamsim compare`: the async event queues, SQS queues,
 * stream consumers and NAT gateways of every run, one colour per run and resource, on a common
 * time axis. Queues and streams draw the work waiting (peak per bucket, solid, left axis) and its
 * age (peak per bucket, dashed, right axis) in the same colour. Each builder returns undefined
 * when no run has anything to show.
 */
import { countValues, type GaugeSeriesData, gaugeMaxes, gridOf } from '../../metrics/index.ts';
import { totalDrops } from '../../results/index.ts';
import { formatBytes, formatCount } from '../format.ts';
import { type ChartSpec, chartSpec, type DatasetSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from './common.ts';
import { commonTimeScale } from './compareCharts.ts';
import { ageAxis, ageLine, asyncQueueWaited } from './messagingCharts.ts';
import type {
  AsyncQueueChartData,
  NatChartData,
  SqsQueueChartData,
  StreamChartData,
} from './messagingData.ts';
import { seriesColor } from './palette.ts';
import { bucketPoints } from './timeAxis.ts';
import { ageUnitFor, byteRateUnitFor, maxOf, peakBytesPerMs, toByteRate } from './valueUnits.ts';

/** One run's messaging and network parts, as the compare charts see them. */
export interface ComparedMessaging {
  readonly label: string;
  readonly windowMs: number;
  readonly asyncQueues: readonly AsyncQueueChartData[];
  readonly queues: readonly SqsQueueChartData[];
  readonly streams: readonly StreamChartData[];
  readonly nats: readonly NatChartData[];
}

interface LevelAndAge {
  readonly label: string;
  readonly windowMs: number;
  readonly level: GaugeSeriesData;
  readonly age: GaugeSeriesData;
}

/** "run: name" (just the name when there is one run). */
const labelOf = (runs: readonly ComparedMessaging[], run: ComparedMessaging, name: string) =>
  runs.length > 1 ? `${run.label}: ${name}` : name;

function levelAndAgeChart(
  id: string,
  title: string,
  what: { readonly level: string; readonly age: string },
  items: readonly LevelAndAge[],
  notes: readonly string[],
): ChartSpec | undefined {
  if (items.length === 0) return undefined;
  const { windowMs, x } = commonTimeScale(
    items.map((it) => ({ windowMs: it.windowMs, bucketMs: it.level.bucketMs })),
  );
  const unit = ageUnitFor(maxOf(...items.map((it) => gaugeMaxes(it.age))));
  const datasets: DatasetSpec[] = items.flatMap((it, i) => [
    lineDataset(it.label, bucketPoints(gridOf(it.level), gaugeMaxes(it.level), undefined, windowMs), {
      color: seriesColor(i),
    }),
    ageLine(`${it.label}: ${what.age} (right axis)`, it.age, unit, windowMs, seriesColor(i), [6, 3]),
  ]);
  return chartSpec(id, title, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${title[0].toUpperCase()}${title.slice(1)}: ${what.level} (solid) and ${what.age} (dashed, right axis), peak per bucket`,
        subtitleOf(...notes),
      ),
      scales: { x, y: valueAxis(what.level), age: ageAxis(what.age, unit) },
    },
  });
}

/** Lambda's async event queue of every function of every run (when some event waited in one). */
export function compareAsyncQueueChart(runs: readonly ComparedMessaging[]): ChartSpec | undefined {
  const queues = runs.flatMap((r) => r.asyncQueues.map((q) => ({ r, q })));
  if (!queues.some(({ q }) => asyncQueueWaited(q))) return undefined;
  return levelAndAgeChart(
    'compare-async-queue',
    'async event queue',
    { level: 'events waiting', age: 'event age at attempt' },
    queues.map(({ r, q }) => ({
      label: labelOf(runs, r, q.functionName),
      windowMs: r.windowMs,
      level: q.waiting,
      age: q.eventAge,
    })),
    queues.map(({ r, q }) => {
      return `${labelOf(runs, r, q.functionName)}: ${formatCount(totalDrops(q.dropped))} of ${formatCount(q.events)} dropped`;
    }),
  );
}

/** The backlog and oldest message of every SQS queue that received messages, in every run. */
export function compareSqsQueueChart(runs: readonly ComparedMessaging[]): ChartSpec | undefined {
  const queues = runs.flatMap((r) => r.queues.filter((q) => q.sent > 0).map((q) => ({ r, q })));
  return levelAndAgeChart(
    'compare-sqs-backlog',
    'SQS backlog',
    { level: 'visible messages', age: 'age of the oldest message' },
    queues.map(({ r, q }) => ({
      label: labelOf(runs, r, q.name),
      windowMs: r.windowMs,
      level: q.visible,
      age: q.oldestAge,
    })),
    queues
      .filter(({ q }) => q.movedToDeadLetterQueue > 0 || q.expired > 0)
      .map(
        ({ r, q }) =>
          `${labelOf(runs, r, q.name)}: ${formatCount(q.movedToDeadLetterQueue)} to the DLQ, ${formatCount(q.expired)} expired`,
      ),
  );
}

/** Records waiting and iterator age of every stream consumer, in every run. */
export function compareStreamChart(runs: readonly ComparedMessaging[]): ChartSpec | undefined {
  const items = runs.flatMap((r) =>
    r.streams
      .filter((s) => s.records > 0)
      .flatMap((s) =>
        s.consumers.map((c) => ({
          r,
          s,
          label: labelOf(runs, r, s.consumers.length > 1 ? `${s.name} → ${c.functionName}` : s.name),
          c,
        })),
      ),
  );
  const throttled = runs.flatMap((r) =>
    r.streams
      .filter((s) => s.writeThrottled > 0)
      .map((s) => `${labelOf(runs, r, s.name)}: ${formatCount(s.writeThrottled)} writes refused`),
  );
  return levelAndAgeChart(
    'compare-stream',
    'stream consumers',
    { level: 'records waiting', age: 'iterator age' },
    items.map(({ r, label, c }) => ({ label, windowMs: r.windowMs, level: c.waiting, age: c.iteratorAge })),
    throttled,
  );
}

/** Bytes processed by every NAT gateway of every run, as a rate in one unit. */
export function compareNatChart(runs: readonly ComparedMessaging[]): ChartSpec | undefined {
  const items = runs.flatMap((r) =>
    r.nats
      .filter((n) => n.calls > 0)
      .map((n) => ({ r, n, bytes: countValues(n.processedBytes), grid: gridOf(n.processedBytes) })),
  );
  if (items.length === 0) return undefined;
  const { windowMs, x } = commonTimeScale(
    items.map((it) => ({ windowMs: it.r.windowMs, bucketMs: it.grid.bucketMs })),
  );
  // One unit for all: the one the busiest gateway needs.
  const busiest = items.reduce((a, b) =>
    peakBytesPerMs(b.grid, [b.bytes]) > peakBytesPerMs(a.grid, [a.bytes]) ? b : a,
  );
  const unit = byteRateUnitFor(busiest.grid, [busiest.bytes]);
  const datasets: DatasetSpec[] = items.map((it, i) =>
    lineDataset(
      labelOf(runs, it.r, it.n.name),
      bucketPoints(it.grid, it.bytes, toByteRate(it.grid, unit), windowMs),
      { color: seriesColor(i) },
    ),
  );
  return chartSpec('compare-nat-bytes', 'NAT gateway bytes', {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `Bytes processed by NAT gateways, ${unit.label}`,
        items.map((it) => `${labelOf(runs, it.r, it.n.name)}: ${formatBytes(it.n.totalBytes)}`).join(' · '),
      ),
      scales: { x, y: valueAxis(`bytes processed (${unit.label})`) },
    },
  });
}
