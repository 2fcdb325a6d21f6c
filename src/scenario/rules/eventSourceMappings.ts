/**
 * A function's event sources (Lambda API reference, CreateEventSourceMapping; Lambda developer
 * guide, "Using Lambda with Amazon SQS" and "... Kinesis"):
 *
 * - references: `sqs.queue` names an sqs-queue, `kinesis.stream` a kinesis-stream, `dynamodb.stream`
 *   a dynamodb-stream, `s3` a bucket, `sns` a topic; a stream's on-failure destination a queue or topic.
 * - SQS (checked once the queue is known): the batching window is at most 300 s; FIFO queues take
 *   batches of at most 10 and no batching window ("services-sqs-parameters"), others above 10 need
 *   a batching window of at least 1 s; the function
 *   timeout must not exceed the queue's visibility timeout (AWS refuses the mapping); a warning below
 *   6 x the timeout (AWS's advice) and for maxReceiveCount below 5 on a queue Lambda reads
 *   (throttles then land messages in the dead-letter queue); a warning on every mapping of a FIFO
 *   queue: lamsim does not model message groups or their order, so it scales the mapping as for a
 *   standard queue, while AWS scales a FIFO mapping only "to the number of active message groups"
 *   (Lambda developer guide, "services-sqs-scaling"), unless the queue gives its `messageGroups`
 *   (then the mapping's concurrency is capped at that number; messageGroups on a standard queue is
 *   an error). Provisioned mode: min at most max,
 *   and not with maximumConcurrency ("These are mutually exclusive options": Lambda developer
 *   guide, "Configuring scaling behavior for SQS event source mappings").
 * - streams: the batching window is at most 300 s; maximumRecordAge 60 s..7 d (or -1); a warning
 *   when more than 2 mappings read one DynamoDB stream ("More than 2 processes are reading from the
 *   same streams shard at the same time. Exceeding this limit may result in request throttling":
 *   DynamoDB Streams API reference, LimitExceededException). lamsim does not throttle the extra
 *   readers: AWS publishes no rate for it.
 * - Kinesis enhanced fan-out: each mapping with `enhancedFanOut` is a registered consumer (as billed),
 *   and a stream takes at most 20 ("You can register up to 20 consumers per stream": Kinesis API
 *   reference, RegisterStreamConsumer; 50 on On-demand Advantage streams, which lamsim does not
 *   model): the 21st is an error.
 */
import type { Path } from '../issues.ts';
import type { Reporter } from '../normalize/context.ts';
import type { FunctionDraft } from '../normalize/function.ts';
import type { ScenarioDraft } from '../normalize/scenario.ts';
import { formatDuration } from '../quantities.ts';
import type { SqsEventSource, StreamEventSource } from '../types.ts';
import { type KindCheck, kindCheck } from './kindCheck.ts';
import { type Rule, trusted } from './rule.ts';

const MAX_BATCHING_WINDOW_MS = 300_000;
const DAY_MS = 86_400_000;

/** Readers a DynamoDB stream's shard allows before GetRecords may be throttled (see above). */
const DYNAMODB_STREAM_READERS = 2;

/** Enhanced fan-out consumers a Kinesis stream can register (RegisterStreamConsumer, see above). */
const KINESIS_FAN_OUT_CONSUMERS = 20;

/** Mappings by the stream they read: where each is written, and its function. */
type ReadersByStream = Map<string, { path: Path; fn: string }[]>;

const addReader = (readers: ReadersByStream, stream: string, path: Path, fn: string): void => {
  const list = readers.get(stream) ?? [];
  list.push({ path, fn });
  readers.set(stream, list);
};

export const eventSourceMappingRules: Rule = (draft, report) => {
  const expect = kindCheck(draft, report);
  const dynamodbReaders: ReadersByStream = new Map();
  const fanOutConsumers: ReadersByStream = new Map();
  for (const f of draft.functions) {
    if (!trusted(f.bad, 'events')) continue;
    f.value.events.forEach((e, j) => {
      const at = (key: string): Path => [...f.path, 'events', f.eventIndexes[j], key];
      switch (e.kind) {
        case 'sqs':
          if (expect([...at('sqs'), 'queue'], e.queue, ['sqs-queue'], 'an sqs-queue'))
            sqsMapping(e, at('sqs'), f, draft, report);
          return;
        case 'stream':
          streamMapping(e, at(e.streamType), expect, report);
          if (e.streamType === 'dynamodb')
            addReader(dynamodbReaders, e.stream, [...at('dynamodb'), 'stream'], f.value.name);
          else if (e.enhancedFanOut)
            addReader(fanOutConsumers, e.stream, [...at('kinesis'), 'enhancedFanOut'], f.value.name);
          return;
        case 's3':
          expect(at('s3'), e.source, ['s3-bucket'], 'an s3-bucket');
          return;
        case 'sns':
          expect(at('sns'), e.source, ['sns-topic'], 'an sns-topic');
          return;
        case 'schedule':
          return;
      }
    });
  }
  for (const r of draft.resources) {
    const q = r.value;
    if (q.type === 'sqs-queue' && q.messageGroups !== undefined && !q.fifo) {
      report.error(
        [...r.path, 'messageGroups'],
        `messageGroups on standard queue ${q.name}: only FIFO queues have message groups (fifo: true)`,
      );
    }
  }
  for (const [stream, readers] of dynamodbReaders) {
    if (readers.length <= DYNAMODB_STREAM_READERS) continue;
    const third = readers[DYNAMODB_STREAM_READERS];
    report.warning(
      third.path,
      `dynamodb-stream ${stream} is read by ${readers.length} event source mappings (${readers.map((r) => r.fn).join(', ')}): DynamoDB Streams allows 2 readers per shard, more may be throttled (lamsim does not slow them); fan out from one function, or stream the table to Kinesis Data Streams`,
    );
  }
  for (const [stream, consumers] of fanOutConsumers) {
    if (consumers.length <= KINESIS_FAN_OUT_CONSUMERS) continue;
    const over = consumers[KINESIS_FAN_OUT_CONSUMERS];
    report.error(
      over.path,
      `kinesis-stream ${stream} has ${consumers.length} enhanced fan-out consumers (one per mapping with enhancedFanOut: true; this one, of ${over.fn}, is number ${KINESIS_FAN_OUT_CONSUMERS + 1}): Kinesis registers at most ${KINESIS_FAN_OUT_CONSUMERS} per stream; read the others through the shared iterator (enhancedFanOut: false)`,
    );
  }
};

function batchingWindow(windowMs: number, path: Path, report: Reporter): void {
  if (windowMs > MAX_BATCHING_WINDOW_MS) {
    report.error(
      [...path, 'maximumBatchingWindow'],
      `maximumBatchingWindow ${formatDuration(windowMs)} is above 300s`,
    );
  }
}

/** Checks of an SQS mapping whose `queue` names an sqs-queue. */
function sqsMapping(
  e: SqsEventSource,
  path: Path,
  f: FunctionDraft,
  draft: ScenarioDraft,
  report: Reporter,
): void {
  batchingWindow(e.maximumBatchingWindowMs, path, report);
  const pollers = e.provisionedPollers;
  if (pollers !== null) {
    if (pollers.min > pollers.max) {
      report.error(
        [...path, 'provisionedPollers', 'min'],
        `provisionedPollers min ${pollers.min} is above max ${pollers.max}`,
      );
    }
    if (e.maximumConcurrency !== null) {
      report.error(
        [...path, 'provisionedPollers'],
        'provisionedPollers and maximumConcurrency cannot both be set: AWS takes one or the other (in provisioned mode, max bounds the concurrency)',
      );
    }
  }
  const queue = draft.resources.find((r) => r.value.type === 'sqs-queue' && r.value.name === e.queue);
  if (queue === undefined || queue.value.type !== 'sqs-queue') return;
  const q = queue.value;
  const fn = f.value;
  if (q.fifo && e.maximumBatchingWindowMs > 0) {
    report.error(
      [...path, 'maximumBatchingWindow'],
      `maximumBatchingWindow ${formatDuration(e.maximumBatchingWindowMs)} on FIFO queue ${q.name}: AWS does not support a batching window for FIFO queues`,
    );
  }
  if (q.fifo && q.messageGroups === undefined) {
    report.warning(
      [...path, 'queue'],
      `queue ${q.name} is a FIFO queue: lamsim does not model its message groups or their order and scales ${fn.name} as for a standard queue, so its concurrency can exceed the number of active message groups (AWS scales a FIFO event source mapping up to that number); with few groups, expect lower throughput and longer waits than simulated; set the queue's messageGroups to cap it`,
    );
  }
  if (q.fifo && e.batchSize > 10) {
    report.error([...path, 'batchSize'], `batchSize ${e.batchSize} is above 10, the limit for a FIFO queue`);
  } else if (e.batchSize > 10 && e.maximumBatchingWindowMs < 1000) {
    report.error(
      [...path, 'batchSize'],
      `batchSize ${e.batchSize} is above 10: AWS requires maximumBatchingWindow of at least 1s`,
    );
  }
  if (trusted(f.bad, 'timeout') && trusted(queue.bad, 'visibilityTimeout')) {
    if (fn.timeoutMs > q.visibilityTimeoutMs) {
      report.error(
        [...path, 'queue'],
        `${fn.name}'s timeout ${formatDuration(fn.timeoutMs)} is above the visibility timeout ${formatDuration(q.visibilityTimeoutMs)} of queue ${q.name}: AWS refuses the event source mapping`,
      );
    } else if (q.visibilityTimeoutMs < 6 * fn.timeoutMs) {
      report.warning(
        [...path, 'queue'],
        `queue ${q.name}'s visibility timeout ${formatDuration(q.visibilityTimeoutMs)} is under 6 x ${fn.name}'s timeout (${formatDuration(6 * fn.timeoutMs)}), as AWS advises: throttled batches may become visible again and be retried early`,
      );
    }
  }
  if (q.deadLetterQueue !== null && q.maxReceiveCount < 5) {
    report.warning(
      [...queue.path, 'redrivePolicy', 'maxReceiveCount'],
      `maxReceiveCount ${q.maxReceiveCount} is under 5 on a queue Lambda reads: AWS advises at least 5 so that throttled messages are not sent to the dead-letter queue`,
    );
  }
}

function streamMapping(e: StreamEventSource, path: Path, expect: KindCheck, report: Reporter): void {
  const type = e.streamType === 'kinesis' ? 'kinesis-stream' : 'dynamodb-stream';
  expect([...path, 'stream'], e.stream, [type], `a ${type}`);
  if (e.onFailure !== null) {
    expect(
      [...path, 'destinations', 'onFailure'],
      e.onFailure,
      ['sqs-queue', 'sns-topic'],
      'an sqs-queue or sns-topic',
    );
  }
  batchingWindow(e.maximumBatchingWindowMs, path, report);
  const ageMs = e.maximumRecordAgeMs;
  if (Number.isFinite(ageMs) && (ageMs < 60_000 || ageMs > 7 * DAY_MS)) {
    report.error(
      [...path, 'maximumRecordAge'],
      `maximumRecordAge ${formatDuration(ageMs)} is outside 60s..7d (or -1)`,
    );
  }
}
