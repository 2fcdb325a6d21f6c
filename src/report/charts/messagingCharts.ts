/**
 * The messaging charts of a run: Lambda's async event queue of a function, an SQS queue, a Kinesis
 * or DynamoDB stream. Each shows the work waiting on the left axis (peak per bucket as an area,
 * the time average as a line) and how old the waiting work is on the right axis (in ms, s, min or
 * h, whichever reads best); the counts the model keeps only as totals (drops, dead-letter moves,
 * write throttles, the consumers' peak concurrency) go in the subtitle.
 */
import { type GaugeSeriesData, gaugeMaxes, gaugeMeans, gridOf } from '../../metrics/index.ts';
import { formatCount, formatMs } from '../format.ts';
import { type ChartSpec, chartId, chartSpec, type DatasetSpec } from './chartSpec.ts';
import { baseOptions, lineDataset, subtitleOf, valueAxis } from './common.ts';
import type {
  AsyncQueueChartData,
  SqsQueueChartData,
  StreamChartData,
  StreamConsumerChartData,
} from './messagingData.ts';
import { COLORS, seriesColor } from './palette.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';
import { type AgeUnit, ageUnitFor, maxOf } from './valueUnits.ts';

/** The peak of a level per bucket, as a light filled area. */
export function peakArea(label: string, gauge: GaugeSeriesData, windowMs: number, color: string) {
  return lineDataset(label, bucketPoints(gridOf(gauge), gaugeMaxes(gauge), undefined, windowMs), {
    color,
    fill: 'origin',
    width: 1,
    order: 2,
  });
}

/** An age series (peak per bucket) in `unit`, on the right-hand `age` axis. */
export function ageLine(
  label: string,
  gauge: GaugeSeriesData,
  unit: AgeUnit,
  windowMs: number,
  color: string,
  dash?: readonly number[],
) {
  return lineDataset(
    label,
    bucketPoints(gridOf(gauge), gaugeMaxes(gauge), (ms) => ms / unit.ms, windowMs),
    // Drawn beneath the waiting work (and listed after it): the age explains the backlog.
    { color, width: 1.5, yAxisID: 'age', dash, order: 3 },
  );
}

/** The right-hand axis of ages. */
export function ageAxis(what: string, unit: AgeUnit, color?: string) {
  const text = `${what} (${unit.name})`;
  return valueAxis(text, 'right', { title: { display: true, text, ...(color ? { color } : {}) } });
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * True when some event waited in the queue: an attempt started after its event arrived, or the
 * time-averaged number waiting was above 0 in some bucket. Otherwise every event was tried the
 * moment it arrived, and a chart would show nothing but the instant each event spends counted as
 * waiting before its first attempt (a peak of 1 in every bucket with an arrival).
 */
export function asyncQueueWaited(q: AsyncQueueChartData): boolean {
  return q.maxEventAgeMs > 0 || maxOf(gaugeMeans(q.waiting)) > 0;
}

function dropsOf(q: AsyncQueueChartData): string[] {
  const d = q.dropped;
  return [
    d.expired > 0 && `${formatCount(d.expired)} expired (maximumEventAge)`,
    d.retriesExhausted > 0 && `${formatCount(d.retriesExhausted)} out of retries`,
    d.recursion > 0 && `${formatCount(d.recursion)} stopped as a recursive loop`,
    d.noConcurrency > 0 && `${formatCount(d.noConcurrency)} refused (reserved concurrency 0)`,
  ].filter((x): x is string => typeof x === 'string');
}

/** The sentence that stands for the async queue chart of a function whose events never waited. */
export function asyncQueueNote(q: AsyncQueueChartData): string {
  const drops = dropsOf(q);
  return (
    `Lambda's async event queue: ${plural(q.events, 'event')}, ${q.events === 1 ? '' : 'each '}tried the moment it arrived ` +
    `(none waited, so no chart); ${formatCount(q.succeeded)} processed` +
    (drops.length > 0 ? `; dropped: ${drops.join(', ')}` : '') +
    (q.waitingAtEnd > 0
      ? `; ${formatCount(q.waitingAtEnd)} not tried by the end of the window (arrived or due after it)`
      : '') +
    '.'
  );
}

/** Lambda's async event queue of one function: events waiting, and their age at each attempt. */
export function asyncQueueChart(q: AsyncQueueChartData, windowMs: number): ChartSpec {
  const grid = gridOf(q.waiting);
  const unit = ageUnitFor(maxOf(gaugeMaxes(q.eventAge)));
  const drops = dropsOf(q);
  const retries = q.retries.afterThrottle + q.retries.afterError;
  const datasets: DatasetSpec[] = [
    peakArea('events waiting (peak in bucket)', q.waiting, windowMs, COLORS.backlogPeak),
    lineDataset(
      'events waiting (time average)',
      bucketPoints(grid, gaugeMeans(q.waiting), undefined, windowMs),
      {
        color: COLORS.backlog,
        order: 1,
      },
    ),
    ageLine('event age at attempt (peak in bucket, right axis)', q.eventAge, unit, windowMs, COLORS.age),
  ];
  return chartSpec(chartId(q.functionName, 'async-queue'), `${q.functionName}: async event queue`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${q.functionName}: Lambda's async event queue, events waiting and their age`,
        subtitleOf(
          `${plural(q.events, 'event')}, ${formatCount(q.succeeded)} processed`,
          drops.length > 0 ? `dropped: ${drops.join(', ')}` : 'none dropped',
          retries > 0 &&
            `retries: ${formatCount(q.retries.afterThrottle)} after throttles, ${formatCount(q.retries.afterError)} after errors`,
          `max event age at attempt ${formatMs(q.maxEventAgeMs)}`,
          q.waitingAtEnd > 0 && `${formatCount(q.waitingAtEnd)} still waiting at the end`,
        ),
      ),
      scales: {
        x: timeScale(windowMs, grid.bucketMs),
        y: valueAxis('events waiting'),
        age: ageAxis('event age', unit, COLORS.age),
      },
    },
  });
}

/** An SQS queue: visible messages (the backlog), messages in flight, the oldest message's age. */
export function sqsQueueChart(q: SqsQueueChartData, windowMs: number): ChartSpec {
  const grid = gridOf(q.visible);
  const unit = ageUnitFor(maxOf(gaugeMaxes(q.oldestAge)));
  const datasets: DatasetSpec[] = [
    peakArea('visible, the backlog (peak in bucket)', q.visible, windowMs, COLORS.backlogPeak),
    lineDataset('visible (time average)', bucketPoints(grid, gaugeMeans(q.visible), undefined, windowMs), {
      color: COLORS.backlog,
      order: 1,
    }),
    lineDataset(
      'in flight (peak in bucket)',
      bucketPoints(grid, gaugeMaxes(q.inFlight), undefined, windowMs),
      {
        color: COLORS.inFlight,
        width: 1.5,
        order: 1,
      },
    ),
    ageLine(
      'age of the oldest message (peak in bucket, right axis)',
      q.oldestAge,
      unit,
      windowMs,
      COLORS.age,
    ),
  ];
  const consumers =
    q.consumers.length === 0
      ? ['no consumer']
      : q.consumers.map(
          (c) =>
            `${c.functionName}: up to ${plural(c.peakConcurrency, 'batch', 'batches')} at once` +
            (c.maximumConcurrency !== null
              ? ` (maximumConcurrency ${formatCount(c.maximumConcurrency)})`
              : '') +
            (c.throttledBatches > 0 ? `, ${formatCount(c.throttledBatches)} throttled` : ''),
        );
  return chartSpec(chartId(q.name, 'queue'), `${q.name}: SQS backlog and in flight`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${q.name}: SQS messages visible and in flight, and the age of the oldest`,
        subtitleOf(
          `${formatCount(q.sent)} sent, ${formatCount(q.deleted)} deleted`,
          q.returned > 0 && `${formatCount(q.returned)} visible again after the visibility timeout`,
          q.deadLetterQueue !== null &&
            `${formatCount(q.movedToDeadLetterQueue)} moved to ${q.deadLetterQueue} (after ${q.maxReceiveCount} receives)`,
          q.expired > 0 && `${formatCount(q.expired)} expired (retention)`,
          q.recursionStopped > 0 && `${formatCount(q.recursionStopped)} stopped as a recursive loop`,
          ...consumers,
        ),
      ),
      scales: {
        x: timeScale(windowMs, grid.bucketMs),
        y: valueAxis('messages'),
        age: ageAxis('oldest message age', unit, COLORS.age),
      },
    },
  });
}

/** A Kinesis or DynamoDB stream: records waiting for each consumer, and its iterator age. */
export function streamChart(s: StreamChartData, windowMs: number): ChartSpec {
  const single = s.consumers.length === 1;
  const unit = ageUnitFor(maxOf(...s.consumers.map((c) => gaugeMaxes(c.iteratorAge))));
  const grid = gridOf(s.consumers[0].waiting);
  const name = (c: StreamConsumerChartData, what: string) => (single ? what : `${c.functionName}: ${what}`);
  const datasets: DatasetSpec[] = s.consumers.flatMap((c, i): DatasetSpec[] => {
    const age = ageLine(
      name(c, 'iterator age (peak in bucket, right axis)'),
      c.iteratorAge,
      unit,
      windowMs,
      single ? COLORS.age : seriesColor(i),
      single ? undefined : [6, 3],
    );
    const waiting = bucketPoints(gridOf(c.waiting), gaugeMaxes(c.waiting), undefined, windowMs);
    if (!single)
      return [
        lineDataset(name(c, 'records waiting (peak in bucket)'), waiting, { color: seriesColor(i) }),
        age,
      ];
    return [
      peakArea('records waiting (peak in bucket)', c.waiting, windowMs, COLORS.backlogPeak),
      lineDataset(
        'records waiting (time average)',
        bucketPoints(gridOf(c.waiting), gaugeMeans(c.waiting), undefined, windowMs),
        { color: COLORS.backlog, order: 1 },
      ),
      age,
    ];
  });
  const kind = s.type === 'kinesis-stream' ? 'Kinesis stream' : 'DynamoDB stream';
  return chartSpec(chartId(s.name, 'stream'), `${s.name}: records waiting and iterator age`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${s.name}: ${kind}, records waiting for the consumer${single ? '' : 's'} and iterator age`,
        subtitleOf(
          `${formatCount(s.records)} records written to ${plural(s.shards, 'shard')}`,
          s.shardRecordsPerSecond !== null &&
            (s.writeThrottled > 0
              ? `${formatCount(s.writeThrottled)} writes refused (${formatCount(s.shardRecordsPerSecond)} records/s per shard)`
              : 'no write refused'),
          ...s.consumers.map(
            (c) =>
              `${c.functionName}: ${formatCount(c.processed)} processed` +
              (c.discarded > 0 ? `, ${formatCount(c.discarded)} given up` : '') +
              (c.trimmed > 0 ? `, ${formatCount(c.trimmed)} lost to retention` : '') +
              (c.waitingAtEnd > 0 ? `, ${formatCount(c.waitingAtEnd)} waiting at the end` : ''),
          ),
        ),
      ),
      scales: {
        x: timeScale(windowMs, grid.bucketMs),
        y: valueAxis('records waiting'),
        age: ageAxis('iterator age', unit, single ? COLORS.age : undefined),
      },
    },
  });
}
