/**
 * The messaging and network charts (async event queues, SQS queues, streams, NAT gateways), from
 * a real run and from hand-made series, their units, their place in the run report and the
 * tables that go with them.
 */
import { describe, expect, it } from 'vitest';
import { BucketedCounts, BucketedGauge, countTotal, countValues } from '../../src/metrics/index.ts';
import type { ChartPoint, ChartSpec } from '../../src/report/charts/chartSpec.ts';
import { SUBTITLE_LINE_CHARS, subtitleLines } from '../../src/report/charts/common.ts';
import {
  asyncQueueChart,
  asyncQueueNote,
  asyncQueueWaited,
  sqsQueueChart,
  streamChart,
} from '../../src/report/charts/messagingCharts.ts';
import {
  type AsyncQueueChartData,
  asyncQueueChartData,
  natChartData,
  type SqsQueueChartData,
  type StreamChartData,
  sqsQueueChartData,
  streamChartData,
} from '../../src/report/charts/messagingData.ts';
import { natChart } from '../../src/report/charts/networkCharts.ts';
import { ageUnitFor, byteRateUnitFor } from '../../src/report/charts/valueUnits.ts';
import type { Block } from '../../src/report/document.ts';
import { formatBytes, formatMs } from '../../src/report/format.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import type { QueueSummary, StreamSummary } from '../../src/results/index.ts';
import { yaml } from '../helpers/run.ts';
import { MESSAGING_YAML, runOf } from './fixtures.ts';

const labels = (spec: ChartSpec) => spec.config.data.datasets.map((d) => d.label);
const subtitle = (spec: ChartSpec) =>
  [(spec.config.options.plugins as { subtitle: { text: string | string[] } }).subtitle.text]
    .flat()
    .join(' · ');
const ys = (spec: ChartSpec, label: string) => {
  const found = spec.config.data.datasets.find((d) => d.label === label);
  if (!found) expect.fail(`${spec.id}: no dataset ${label} in ${labels(spec).join(' | ')}`);
  return (found.data as ChartPoint[]).map((p) => p.y);
};
const peak = (values: readonly (number | null)[]) => Math.max(...values.map((y) => y ?? 0));
const scaleTitle = (spec: ChartSpec, axis: string) =>
  (spec.config.options.scales as Record<string, { title: { text: string } }>)[axis].title.text;
const blockIds = (blocks: readonly Block[]) =>
  blocks.map((b) => (b.kind === 'chart' ? b.chart.id : b.kind === 'paragraph' ? b.text : b.kind));

describe('messaging charts from a run', () => {
  const out = runOf(MESSAGING_YAML);
  const { run, summary } = out;

  it('an async queue chart for the function whose events waited: waiting and age, drops in the subtitle', () => {
    const data = asyncQueueChartData(run);
    expect(data.map((q) => q.functionName)).toEqual(['thumbs']);
    const [q] = data;
    const a = summary.functions.thumbs.async!;
    expect([q.events, q.succeeded, q.waitingAtEnd]).toEqual([a.events, a.succeeded, a.waitingAtEnd]);
    expect(asyncQueueWaited(q)).toBe(true);
    const chart = asyncQueueChart(q, run.windowMs);
    expect(chart.id).toBe('thumbs-async-queue');
    expect(peak(ys(chart, 'events waiting (peak in bucket)'))).toBe(Number(a.queueDepth.peak.toPrecision(4)));
    // Ages in seconds on the right axis: the largest is the largest AsyncEventAge.
    expect(scaleTitle(chart, 'age')).toBe('event age (s)');
    const age = ys(chart, 'event age at attempt (peak in bucket, right axis)');
    expect(peak(age)).toBeCloseTo(a.eventAgeMs.max / 1000, 2);
    expect(subtitle(chart)).toContain(`${a.events.toLocaleString('en-US')} events`);
    expect(subtitle(chart)).toContain(
      `retries: ${a.retries.afterThrottle.toLocaleString('en-US')} after throttles`,
    );
    expect(subtitle(chart)).toContain('none dropped');
  });

  it('an SQS queue chart: visible (peak and mean), in flight, the oldest message; consumers in the subtitle', () => {
    const data = sqsQueueChartData(run);
    expect(data.map((q) => [q.name, q.deadLetterQueue, q.consumers.map((c) => c.functionName)])).toEqual([
      ['orders', 'orders-dlq', ['worker']],
      ['orders-dlq', null, []],
    ]);
    const chart = sqsQueueChart(data[0], run.windowMs);
    const s = summary.resources.orders as QueueSummary;
    expect(chart.id).toBe('orders-queue');
    expect(peak(ys(chart, 'visible, the backlog (peak in bucket)'))).toBe(
      Number(s.backlog.peak.toPrecision(4)),
    );
    // Running batches, and failed batches waiting for their visibility timeout.
    const inFlight = peak(ys(chart, 'in flight (peak in bucket)'));
    expect(inFlight).toBeGreaterThanOrEqual(5 * 10);
    expect(inFlight).toBeLessThanOrEqual(s.received);
    const age = ys(chart, 'age of the oldest message (peak in bucket, right axis)');
    expect(peak(age)).toBeCloseTo(s.maxAgeMs / 1000, 2);
    expect(subtitle(chart)).toContain(`${s.sent.toLocaleString('en-US')} sent`);
    expect(subtitle(chart)).toContain('moved to orders-dlq (after 3 receives)');
    expect(subtitle(chart)).toContain('worker: up to 5 batches at once (maximumConcurrency 5)');
  });

  it('a stream chart: records waiting and iterator age, refused writes in the subtitle', () => {
    const [data] = streamChartData(run);
    const s = summary.resources.logs as StreamSummary;
    expect([data.name, data.shards, data.writeThrottled]).toEqual(['logs', 1, s.writeThrottled]);
    expect(s.writeThrottled).toBeGreaterThan(0);
    const chart = streamChart(data, run.windowMs);
    expect(chart.id).toBe('logs-stream');
    // Chart values keep 4 significant digits.
    expect(peak(ys(chart, 'records waiting (peak in bucket)'))).toBe(
      Number(s.consumers.indexer.backlog.peak.toPrecision(4)),
    );
    expect(peak(ys(chart, 'iterator age (peak in bucket, right axis)'))).toBeCloseTo(
      s.consumers.indexer.iteratorAgeMs.max / 1000,
      2,
    );
    expect(subtitle(chart)).toContain(
      `${s.writeThrottled.toLocaleString('en-US')} writes refused (1,000 records/s per shard)`,
    );
  });

  it('a NAT gateway chart: bytes per bucket as a rate, adding up to the metered bytes', () => {
    const nat = run.resources.nats.find((n) => n.name === 'egress')!;
    const series = nat.processedBytesSeries;
    expect(countTotal(series) + series.ignored).toBe(nat.processedBytes);
    expect(countTotal(series)).toBeGreaterThan(0);
    const [data] = natChartData(run);
    const chart = natChart(data, run.windowMs);
    expect(chart.id).toBe('egress-bytes');
    // 200 KB calls, tens per second: MB per second over 1 s buckets.
    const [label] = labels(chart);
    expect(label).toBe('bytes processed, MB per second');
    const rates = ys(chart, label);
    const bytes = countValues(series);
    rates.forEach((y, i) => {
      expect(y).toBeCloseTo(bytes[i] / 1024 ** 2, 2);
    });
    expect(subtitle(chart)).toContain(`${formatBytes(nat.processedBytes)} in ${nat.calls} calls`);
  });

  it('the run report: async queue in the function section, queues and streams, network, tables', () => {
    const doc = buildRunReport(out, MESSAGING_YAML);
    const section = (heading: string) => doc.sections.find((s) => s.heading === heading)!;
    expect(blockIds(section('Function thumbs').blocks)).toEqual([
      'thumbs-concurrency',
      'thumbs-environments',
      'thumbs-requests',
      'thumbs-async-queue',
      'thumbs-latency',
      'thumbs-latency-cdf',
    ]);
    expect(blockIds(section('Function worker').blocks)).not.toContain('worker-async-queue');
    expect(blockIds(section('Queues and streams').blocks)).toEqual([
      'orders-queue',
      'logs-stream',
      'Not charted: orders-dlq received no message.',
    ]);
    expect(blockIds(section('Network').blocks)).toEqual(['egress-bytes']);
    const captions = (heading: string) =>
      section(heading).blocks.map((b) => (b.kind === 'table' ? (b.table.caption ?? '(no caption)') : b.kind));
    expect(captions('Details')).toContain("Asynchronous events (Lambda's event queue)");
    expect(captions('Resources')).toEqual([
      'SQS queues',
      'SQS event source mappings',
      'Streams and their event source mappings',
      '(no caption)',
    ]);
    // The generic table keeps the NAT gateway only; queues and streams have their own.
    const generic = section('Resources').blocks.at(-1)!;
    expect(generic.kind === 'table' && generic.table.rows.map((r) => r[0])).toEqual(['egress']);
  });

  it('the tables read summary.json: backlog, consumers, iterator age', () => {
    const doc = buildRunReport(out, MESSAGING_YAML);
    const tables = doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])),
    );
    const table = (caption: string) => tables.find((t) => t.caption === caption)!;
    const q = summary.resources.orders as QueueSummary;
    const queues = table('SQS queues');
    const row = queues.rows.find((r) => r[0] === 'orders')!;
    expect(row[queues.columns.findIndex((c) => c.title === 'peak backlog')]).toBe(
      q.backlog.peak.toLocaleString('en-US'),
    );
    expect(row[queues.columns.findIndex((c) => c.title === 'oldest message')]).toBe(formatMs(q.maxAgeMs));
    const streams = table('Streams and their event source mappings');
    const s = summary.resources.logs as StreamSummary;
    expect(streams.rows).toHaveLength(1);
    expect(streams.rows[0].slice(0, 8)).toEqual([
      'logs',
      'kinesis-stream',
      '1',
      s.records.toLocaleString('en-US'),
      s.writeThrottled.toLocaleString('en-US'),
      s.writeFailed.toLocaleString('en-US'),
      'indexer',
      s.consumers.indexer.processed.toLocaleString('en-US'),
    ]);
    const async = table("Asynchronous events (Lambda's event queue)");
    expect(async.rows.map((r) => r[0])).toEqual(['thumbs']);
  });

  it('every chart survives JSON unchanged', () => {
    const doc = buildRunReport(out, MESSAGING_YAML);
    for (const s of doc.sections)
      for (const b of s.blocks)
        if (b.kind === 'chart') expect(JSON.parse(JSON.stringify(b.chart))).toEqual(b.chart);
  });
});

describe('async events that never waited', () => {
  const SCHEDULED = yaml`
    lamsim: 1
    name: scheduled
    seed: 2
    duration: 10m
    functions:
      tick:
        runtime: nodejs22.x
        memorySize: 256
        model: { compute: 50ms }
        events: [{ schedule: rate(1 minute) }]
  `;

  it('get a sentence instead of a chart of zero-time waits', () => {
    const out = runOf(SCHEDULED);
    const [q] = asyncQueueChartData(out.run);
    expect(q.events).toBe(10);
    expect(asyncQueueWaited(q)).toBe(false);
    const doc = buildRunReport(out, SCHEDULED);
    const blocks = blockIds(doc.sections.find((s) => s.heading === 'Function tick')!.blocks);
    expect(blocks).not.toContain('tick-async-queue');
    expect(blocks.at(-1)).toBe(
      "Lambda's async event queue: 10 events, each tried the moment it arrived (none waited, so no chart); 10 processed.",
    );
    expect(doc.sections.map((s) => s.heading)).not.toContain('Queues and streams');
  });

  it('the sentence names the drops', () => {
    const q: AsyncQueueChartData = {
      ...asyncQueueChartData(runOf(SCHEDULED).run)[0],
      dropped: { expired: 0, retriesExhausted: 0, recursion: 602, noConcurrency: 0 },
    };
    expect(asyncQueueNote(q)).toContain('; dropped: 602 stopped as a recursive loop.');
  });
});

describe('hand-made series', () => {
  const gauge = (levels: readonly number[], bucketMs = 1000) => {
    const g = new BucketedGauge(levels.length * bucketMs, bucketMs);
    for (const [i, v] of levels.entries()) g.set(i * bucketMs, v);
    g.finish(levels.length * bucketMs);
    return g.toData();
  };
  const queue: SqsQueueChartData = {
    name: 'q',
    visible: gauge([0, 10, 4, 0]),
    inFlight: gauge([0, 2, 2, 0]),
    oldestAge: gauge([0, 1500, 900, 0]),
    sent: 14,
    deleted: 14,
    returned: 0,
    movedToDeadLetterQueue: 0,
    deadLetterQueue: null,
    maxReceiveCount: 0,
    expired: 0,
    recursionStopped: 0,
    visibleAtEnd: 0,
    maxAgeMs: 1500,
    consumers: [],
  };

  it('a queue nobody reads says so; ages under 2 s read in ms', () => {
    const chart = sqsQueueChart(queue, 4000);
    expect(subtitle(chart)).toContain('no consumer');
    expect(subtitle(chart)).not.toContain('moved to');
    expect(scaleTitle(chart, 'age')).toBe('oldest message age (ms)');
    expect(ys(chart, 'age of the oldest message (peak in bucket, right axis)')).toEqual([0, 1500, 900, 0]);
    expect(ys(chart, 'visible (time average)')).toEqual([0, 10, 4, 0]);
  });

  it('a stream with two consumers: one colour and one pair of lines each', () => {
    const consumer = (name: string, waiting: number[]) => ({
      functionName: name,
      waiting: gauge(waiting),
      iteratorAge: gauge(waiting.map((w) => w * 1000)),
      processed: 5,
      discarded: 0,
      trimmed: 0,
      waitingAtEnd: 0,
      maxIteratorAgeMs: 3000,
    });
    const stream: StreamChartData = {
      name: 'changes',
      type: 'dynamodb-stream',
      shards: 2,
      records: 5,
      writeThrottled: 0,
      shardRecordsPerSecond: null,
      consumers: [consumer('a', [0, 3, 1, 0]), consumer('b', [0, 1, 2, 0])],
    };
    const chart = streamChart(stream, 4000);
    expect(labels(chart)).toEqual([
      'a: records waiting (peak in bucket)',
      'a: iterator age (peak in bucket, right axis)',
      'b: records waiting (peak in bucket)',
      'b: iterator age (peak in bucket, right axis)',
    ]);
    const colours = chart.config.data.datasets.map((d) => d.borderColor);
    expect(colours[0]).toBe(colours[1]);
    expect(colours[0]).not.toBe(colours[2]);
    expect(scaleTitle(chart, 'age')).toBe('iterator age (s)');
    expect(subtitle(chart)).not.toContain('write'); // DynamoDB streams have no write limit here
    expect(chart.config.options.plugins).toMatchObject({
      title: { text: 'changes: DynamoDB stream, records waiting for the consumers and iterator age' },
    });
  });

  it('byte rates pick KB, MB or GB per second, minute or hour', () => {
    const counts = (perBucket: number, buckets: number, bucketMs: number) => {
      const c = new BucketedCounts(buckets * bucketMs, bucketMs);
      for (let i = 0; i < buckets; i++) c.add(i * bucketMs, perBucket);
      return c;
    };
    const unitOf = (perBucket: number, bucketMs = 1000) => {
      const c = counts(perBucket, 4, bucketMs);
      return byteRateUnitFor(c.grid, [c.values()]).label;
    };
    expect(unitOf(2 * 1024 ** 2)).toBe('MB per second');
    expect(unitOf(3 * 1024 ** 3)).toBe('GB per second');
    expect(unitOf(100 * 1024)).toBe('MB per minute');
    expect(unitOf(1024, 3_600_000)).toBe('KB per hour');
  });

  it('ages pick ms, s, min or h', () => {
    expect([0, 1999, 2000, 179_999, 180_000, 3 * 3_600_000].map((ms) => ageUnitFor(ms).name)).toEqual([
      'ms',
      'ms',
      's',
      's',
      'min',
      'h',
    ]);
  });
});

describe('formats', () => {
  it('long subtitles break into lines at their joins', () => {
    expect(subtitleLines('short · text')).toBe('short · text');
    const parts = Array.from({ length: 12 }, (_, i) => `part number ${i} of a long subtitle`);
    const lines = subtitleLines(parts.join(' · '));
    expect(Array.isArray(lines)).toBe(true);
    expect((lines as string[]).join(' · ')).toBe(parts.join(' · '));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(SUBTITLE_LINE_CHARS);
  });

  it('bytes in binary multiples, as the bill counts GB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1.5 * 1024)).toBe('1.50 KB');
    expect(formatBytes(157.4 * 1024 ** 2)).toBe('157.4 MB');
    expect(formatBytes(1024 ** 3)).toBe('1.00 GB');
  });

  it('durations round before they split: no "60 min" or "60 s"', () => {
    expect(formatMs(3_599_600)).toBe('1 h');
    expect(formatMs(2 * 3_600_000 + 59.7 * 60_000)).toBe('3 h');
    expect(formatMs(119_700)).toBe('2 min');
    expect(formatMs(125_000)).toBe('2 min 5 s');
    expect(formatMs(5_400_000)).toBe('1 h 30 min');
  });
});
