/**
 * Tables of the messaging parts of a run, from summary.json's data (so tables and JSON agree):
 * Lambda's async event queues, SQS queues and their consumers, streams and their consumers. The
 * generic resource table (tables.ts) cannot show these: their numbers are nested (backlog peak
 * and mean, percentiles, one entry per consumer). Pure; cells are formatted strings.
 */
import { type QueueSummary, type StreamSummary, type Summary, totalDrops } from '../results/index.ts';
import { eventsOnly } from './countWords.ts';
import type { Table } from './document.ts';
import { formatCount, formatMean, formatMs } from './format.ts';

const r = (title: string) => ({ title, align: 'right' as const });
const l = (title: string) => ({ title });
/** Hours to two decimals (event poller hours). */
const hours = (h: number) => `${(Math.round(h * 100) / 100).toFixed(2)} h`;

/** A queue's oldest message age; `—` for a queue no message ever entered (an unused DLQ). */
export function oldestMessageText(q: QueueSummary): string {
  return q.backlog.peak === 0 && q.maxAgeMs === 0 && q.sent === 0 ? '—' : formatMs(q.maxAgeMs);
}

/** Under asyncEventsTable: what its counts count. */
export const ASYNC_EVENTS_NOTE =
  'Each event counts once, however often it was tried: events = processed + dropped + waiting at end (+ running at end). ' +
  "Retries count attempts, not events: another try of an event, after a throttle or an error; the tries that started are the summary table's invocations. " +
  "Events refused at Invoke by the request-rate quota never entered the queue: they are in the summary table's throttled.";

/**
 * What happened to each function's asynchronous events; undefined when no function had any. Each
 * event counts once: events accepted = processed + dropped + waiting at end (+ running at end,
 * a column only when some attempt was; unknown for a function also invoked otherwise, whose
 * running invocations do not split by kind). Retries count attempts.
 */
export function asyncEventsTable(summary: Summary): Table | undefined {
  const rows: string[][] = [];
  const functions = Object.entries(summary.functions).filter(([, f]) => f.async && f.async.events > 0);
  const running = functions.some(([, f]) => f.invocations.inFlightAtEnd > 0);
  for (const [name, f] of functions) {
    const a = f.async;
    if (!a) continue; // filtered above
    const d = a.dropped;
    const reasons = [
      d.expired > 0 && `${formatCount(d.expired)} expired`,
      d.retriesExhausted > 0 && `${formatCount(d.retriesExhausted)} out of retries`,
      d.recursion > 0 && `${formatCount(d.recursion)} recursive loop`,
      d.noConcurrency > 0 && `${formatCount(d.noConcurrency)} no concurrency`,
    ].filter((x): x is string => typeof x === 'string');
    const dropped = totalDrops(d);
    const sent = [
      a.sentTo.onSuccess > 0 && `on success ${formatCount(a.sentTo.onSuccess)}`,
      a.sentTo.onFailure > 0 && `on failure ${formatCount(a.sentTo.onFailure)}`,
      a.sentTo.deadLetterQueue > 0 && `DLQ ${formatCount(a.sentTo.deadLetterQueue)}`,
    ].filter((x): x is string => typeof x === 'string');
    rows.push([
      name,
      formatCount(a.events),
      formatCount(a.succeeded),
      reasons.length > 0 ? `${formatCount(dropped)} (${reasons.join(', ')})` : formatCount(dropped),
      formatCount(a.waitingAtEnd),
      ...(running ? [eventsOnly(f) ? formatCount(f.invocations.inFlightAtEnd) : '-'] : []),
      formatCount(a.retries.afterThrottle),
      formatCount(a.retries.afterError),
      formatCount(a.queueDepth.peak),
      formatMean(a.queueDepth.mean),
      formatMs(a.eventAgeMs.p50),
      formatMs(a.eventAgeMs.p99),
      formatMs(a.eventAgeMs.max),
      sent.join(', ') || '-',
    ]);
  }
  if (rows.length === 0) return undefined;
  return {
    caption: "Asynchronous events (Lambda's event queue)",
    columns: [
      l('function'),
      r('events'),
      r('processed'),
      r('dropped'),
      r('waiting at end'),
      ...(running ? [r('running at end')] : []),
      r('retries after throttle'),
      r('retries after error'),
      r('peak waiting'),
      r('mean waiting'),
      r('event age p50'),
      r('p99'),
      r('max'),
      l('sent to destinations'),
    ],
    rows,
  };
}

/** The resources of summary.json of the given types (DatabaseSummary's `type` is any string). */
function resourcesOfType<T>(summary: Summary, types: readonly string[]): [string, T][] {
  return Object.entries(summary.resources)
    .filter(([, res]) => types.includes(res.type))
    .map(([name, res]) => [name, res as T]);
}

/** SQS queues (messages, backlog, timing), then their consumers; [] without queues. */
export function queueTables(summary: Summary): Table[] {
  const queues = resourcesOfType<QueueSummary>(summary, ['sqs-queue']);
  if (queues.length === 0) return [];
  const tables: Table[] = [
    {
      caption: 'SQS queues',
      columns: [
        l('queue'),
        r('sent'),
        r('received'),
        r('deleted'),
        r('visible again'),
        r('to DLQ'),
        r('expired'),
        r('peak backlog'),
        r('mean backlog'),
        r('mean in flight'),
        r('peak in flight'),
        r('left at end'),
        r('oldest message'),
        r('wait p50'),
        r('wait p99'),
        r('send to delete p99'),
      ],
      rows: queues.map(([name, q]) => [
        name,
        formatCount(q.sent),
        formatCount(q.received),
        formatCount(q.deleted),
        formatCount(q.returned),
        formatCount(q.movedToDeadLetterQueue),
        formatCount(q.expired),
        formatCount(q.backlog.peak),
        formatMean(q.backlog.mean),
        formatMean(q.meanInFlight),
        // At the in-flight quota, receives got nothing: for how long.
        q.atInFlightQuotaMs > 0
          ? `${formatCount(q.peakInFlight)} (at the quota ${formatMs(q.atInFlightQuotaMs)})`
          : formatCount(q.peakInFlight),
        formatCount(q.visibleAtEnd + q.inFlightAtEnd),
        oldestMessageText(q),
        // Waits and latencies of messages received and deleted: none measured, none shown.
        q.received === 0 ? '—' : formatMs(q.waitMs.p50),
        q.received === 0 ? '—' : formatMs(q.waitMs.p99),
        q.deleted === 0 ? '—' : formatMs(q.messageLatencyMs.p99),
      ]),
    },
  ];
  const consumers = queues.flatMap(([name, q]) =>
    Object.entries(q.consumers).map(([fn, c]) => ({ name, fn, c })),
  );
  if (consumers.length > 0) {
    // Provisioned mode's event pollers get a column when a mapping uses it.
    const provisioned = consumers.some(({ c }) => c.eventPollers !== undefined);
    tables.push({
      caption: 'SQS event source mappings',
      columns: [
        l('queue'),
        l('function'),
        r('batches'),
        r('throttled batches'),
        r('messages ok'),
        r('messages failed'),
        r('peak batches at once'),
        r('peak poller concurrency'),
        ...(provisioned ? [r('event pollers: min-max, peak, hours')] : []),
      ],
      rows: consumers.map(({ name, fn, c }) => {
        const p = c.eventPollers;
        const pollers = p ? `${p.min}-${p.max}, ${formatCount(p.peak)}, ${hours(p.hours)}` : '-';
        return [
          name,
          fn,
          formatCount(c.batches),
          formatCount(c.throttledBatches),
          formatCount(c.messagesSucceeded),
          formatCount(c.messagesFailed),
          formatCount(c.peakConcurrency),
          formatCount(c.peakPollerConcurrency),
          ...(provisioned ? [pollers] : []),
        ];
      }),
    });
  }
  return tables;
}

/** Kinesis and DynamoDB streams with one row per consumer; [] without streams. */
export function streamTables(summary: Summary): Table[] {
  const streams = resourcesOfType<StreamSummary>(summary, ['kinesis-stream', 'dynamodb-stream']);
  if (streams.length === 0) return [];
  const rows: string[][] = [];
  for (const [name, s] of streams) {
    const head = [
      name,
      s.type,
      formatCount(s.shards),
      formatCount(s.records),
      formatCount(s.writeThrottled),
      formatCount(s.writeFailed),
    ];
    const consumers = Object.entries(s.consumers);
    if (consumers.length === 0) rows.push([...head, 'none', ...Array<string>(10).fill('')]);
    for (const [fn, c] of consumers) {
      rows.push([
        ...head,
        fn,
        formatCount(c.processed),
        formatCount(c.discarded),
        formatCount(c.trimmed),
        formatCount(c.waitingAtEnd),
        formatCount(c.backlog.peak),
        formatCount(c.batches),
        formatCount(c.failedBatches),
        formatMs(c.iteratorAgeMs.p50),
        formatMs(c.iteratorAgeMs.max),
      ]);
    }
  }
  return [
    {
      caption: 'Streams and their event source mappings',
      columns: [
        l('stream'),
        l('type'),
        r('shards'),
        r('records'),
        r('write attempts refused'),
        r('writes lost'),
        l('consumer'),
        r('processed'),
        r('given up'),
        r('lost to retention'),
        r('waiting at end'),
        r('peak waiting'),
        r('batches'),
        r('failed batches'),
        r('iterator age p50'),
        r('max'),
      ],
      rows,
    },
  ];
}
