/**
 * Written event sources of a function (`functions.<name>.events`, Serverless Framework style), its
 * asynchronous destinations, and the mapping form of `provisionedConcurrency`. Ranges that need a
 * unit conversion or another key (batch size above 10 needs a batching window, the function timeout
 * against the queue's visibility timeout) are checked in ../rules/.
 */
import * as z from 'zod';
import { gotText } from '../quantities.ts';
import {
  boolean,
  durationOrSeconds,
  integer,
  list,
  mapping,
  oneOf,
  percentage,
  reference,
} from './leaves.ts';
import { choice, doc, isRecord, opt } from './registry.ts';

const batchingWindow = opt(
  durationOrSeconds,
  'MaximumBatchingWindowInSeconds: how long to gather records before invoking, 0s..300s (a bare number is seconds). Default 0s.',
);

export const sqsEvent = mapping(
  {
    queue: doc(reference('an sqs-queue resource'), 'The sqs-queue resource Lambda polls.'),
    batchSize: opt(
      integer(1, 10000),
      'Messages per batch, 1..10000 (FIFO queues 1..10); above 10 needs maximumBatchingWindow >= 1s. Default 10.',
    ),
    maximumBatchingWindow: batchingWindow,
    maximumConcurrency: opt(
      integer(2, 1000),
      'ScalingConfig.MaximumConcurrency: concurrent invocations this mapping may use, 2..1000. Default: none.',
    ),
    functionResponseType: opt(
      oneOf(['ReportBatchItemFailures']),
      'ReportBatchItemFailures: the function reports which messages failed, only those return to the queue (partial batch response). Default: a failure returns the whole batch.',
    ),
    pollerScaling: opt(
      oneOf(['nov-2023', 'legacy']),
      'How pollers scale up while messages wait: nov-2023 (default; +300 concurrent invocations per minute up to 1,250) | legacy (+60 per minute up to 1,000).',
    ),
    provisionedPollers: opt(
      mapping(
        {
          min: opt(
            integer(2, 200),
            'MinimumPollers: event pollers kept while the queue is quiet, 2..200. Default 2.',
          ),
          max: opt(
            integer(2, 2000),
            'MaximumPollers: event pollers the mapping may scale up to, 2..2000. Default 200.',
          ),
        },
        'provisioned pollers { min, max }',
      ),
      'Provisioned mode (ProvisionedPollerConfig): dedicated event pollers, each running up to 10 concurrent invocations, scaling by up to 1,000 concurrent invocations a minute between min and max; billed per event poller hour. Not with maximumConcurrency; pollerScaling does not apply.',
    ),
  },
  'an SQS event source { queue, batchSize, maximumBatchingWindow, maximumConcurrency, functionResponseType, pollerScaling, provisionedPollers }',
);

const streamFields = (what: string) => ({
  stream: doc(reference(`a ${what} resource`), `The ${what} resource Lambda reads.`),
  batchSize: opt(integer(1, 10000), 'Records per batch, 1..10000. Default 100.'),
  maximumBatchingWindow: batchingWindow,
  parallelizationFactor: opt(
    integer(1, 10),
    'Concurrent batches per shard, 1..10 (order is kept per partition key). Default 1.',
  ),
  maximumRetryAttempts: opt(
    integer(-1, 10000),
    'Retries of a failing batch, -1 (until the records expire, default) .. 10000. The batch blocks its shard meanwhile.',
  ),
  maximumRecordAge: opt(
    choice(
      [z.literal(-1), durationOrSeconds],
      (input) => (input === -1 ? 0 : typeof input === 'number' || typeof input === 'string' ? 1 : undefined),
      'a duration (e.g. 1h), a number of seconds, or -1',
    ),
    'MaximumRecordAgeInSeconds: records older than this are skipped, -1 (default: the retention period) or 60s..7d (a bare number is seconds).',
  ),
  bisectBatchOnFunctionError: opt(
    boolean,
    'Split a failing batch in two and retry the halves. Default false.',
  ),
  destinations: opt(
    mapping(
      {
        onFailure: doc(
          reference('an sqs-queue or sns-topic resource'),
          'Where records of discarded batches are sent: an sqs-queue or sns-topic resource.',
        ),
      },
      'stream destinations { onFailure }',
    ),
    'On-failure destination of batches given up on.',
  ),
});

export const kinesisEvent = mapping(
  {
    ...streamFields('kinesis-stream'),
    enhancedFanOut: opt(
      boolean,
      'Read through an enhanced fan-out consumer (its own 2 MiB/s per shard, records pushed as they arrive) instead of the shared-throughput iterator (5 GetRecords and 2 MiB per second per shard shared by standard consumers, polled once a second when idle). Default false.',
    ),
  },
  'a Kinesis event source',
);
export const dynamodbEvent = mapping(streamFields('dynamodb-stream'), 'a DynamoDB stream event source');

const SCHEDULE_HELP =
  'an EventBridge schedule expression: rate(5 minutes), rate(1 hour), rate(1 day), or cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 12 * * ? *)';

const scheduleExpression = z.string({ error: (iss) => `expected ${SCHEDULE_HELP}${gotText(iss.input)}` });

export const scheduleEvent = choice(
  [
    doc(scheduleExpression, `${SCHEDULE_HELP}. Times are UTC; the window starts on Monday 2024-01-01 00:00.`),
    mapping(
      {
        expression: doc(scheduleExpression, `${SCHEDULE_HELP}.`),
        enabled: opt(boolean, 'Whether the schedule fires. Default true.'),
        service: opt(
          oneOf(['scheduler', 'rule'], 'a schedule service'),
          'What fires it: scheduler (EventBridge Scheduler: AWS::Scheduler::Schedule, SAM ScheduleV2; billed per invocation) or rule (a scheduled EventBridge rule: AWS::Events::Rule, SAM Schedule, a Serverless schedule; free). Default scheduler.',
        ),
      },
      'a schedule { expression, enabled, service }',
    ),
  ],
  (input) => (typeof input === 'string' ? 0 : isRecord(input) ? 1 : undefined),
  `${SCHEDULE_HELP}, or { expression, enabled, service }`,
);

const resourceRef = (what: string) => doc(reference(`an ${what} resource`), `The ${what} resource.`);

/** A resource named alone, or as the one key of a mapping (`{ bucket: name }`). */
const named = <T extends z.ZodObject>(key: string, what: string, asMapping: T) =>
  choice(
    [resourceRef(what), asMapping],
    (input) => (typeof input === 'string' ? 0 : isRecord(input) ? 1 : undefined),
    `the name of an ${what} resource, or { ${key}: name }`,
  );

const bucket = named('bucket', 's3-bucket', mapping({ bucket: resourceRef('s3-bucket') }, '{ bucket }'));
const topic = named('topic', 'sns-topic', mapping({ topic: resourceRef('sns-topic') }, '{ topic }'));

const EVENT_KINDS = ['sqs', 'kinesis', 'dynamodb', 'schedule', 's3', 'sns'] as const;

const eventOf = (key: (typeof EVENT_KINDS)[number]) => `an event { ${key}: ... }`;

/** One mapping per kind, each with its one key (so the written type says which kind it is). */
export const functionEvent = choice(
  [
    mapping(
      { sqs: doc(sqsEvent, 'SQS event source mapping: Lambda polls the queue and invokes with batches.') },
      eventOf('sqs'),
    ),
    mapping(
      { kinesis: doc(kinesisEvent, 'Kinesis event source mapping: batches per shard, in order.') },
      eventOf('kinesis'),
    ),
    mapping(
      { dynamodb: doc(dynamodbEvent, 'DynamoDB stream event source mapping: batches per shard, in order.') },
      eventOf('dynamodb'),
    ),
    mapping(
      { schedule: doc(scheduleEvent, 'EventBridge schedule: invokes the function asynchronously.') },
      eventOf('schedule'),
    ),
    mapping({ s3: doc(bucket, 'S3 object-created notifications: asynchronous invocations.') }, eventOf('s3')),
    mapping({ sns: doc(topic, 'SNS subscription: asynchronous invocations.') }, eventOf('sns')),
  ],
  (input) => {
    if (!isRecord(input)) return undefined;
    const keys = Object.keys(input);
    if (keys.length !== 1) return undefined;
    const i = (EVENT_KINDS as readonly string[]).indexOf(keys[0]);
    return i < 0 ? undefined : i;
  },
  `an event: one of ${EVENT_KINDS.map((k) => `{ ${k}: ... }`).join(', ')}`,
);

const destination = reference('a function, sqs-queue or sns-topic');

export const destinations = mapping(
  {
    onSuccess: opt(
      destination,
      'Where successful asynchronous invocations are recorded: a function, sqs-queue or sns-topic.',
    ),
    onFailure: opt(
      destination,
      'Where asynchronous events go after their last retry or maximumEventAge: a function, sqs-queue or sns-topic.',
    ),
  },
  'destinations { onSuccess, onFailure }',
);

const provisionedWindow = mapping(
  {
    start: doc(durationOrSeconds, 'When the scheduled action takes effect, from the start of the window.'),
    end: opt(
      durationOrSeconds,
      'When it ends (the level returns to `concurrency`). Default: the end of the window.',
    ),
    concurrency: doc(
      integer(0),
      'Provisioned concurrency (or, with autoScaling, the minimum) inside the window.',
    ),
  },
  'a scheduled action { start, end, concurrency }',
);

const provisionedMapping = mapping(
  {
    concurrency: opt(
      integer(0),
      'ProvisionedConcurrentExecutions at the start of the window, ready when it opens. Default 0 (autoScaling.minimum with auto scaling).',
    ),
    allocationTime: opt(
      durationOrSeconds,
      'Time from a change (schedule, auto scaling) to the new environments starting INIT ("a minute or two"). Default 1m.',
    ),
    schedule: opt(
      list(provisionedWindow, 'scheduled actions'),
      'Scheduled actions (Application Auto Scaling).',
    ),
    autoScaling: opt(
      mapping(
        {
          minimum: doc(integer(0), 'MinCapacity.'),
          maximum: doc(integer(1), 'MaxCapacity.'),
          targetUtilization: opt(
            percentage,
            'Target LambdaProvisionedConcurrencyUtilization, 1..100 (%). Default 70.',
          ),
        },
        'auto scaling { minimum, maximum, targetUtilization }',
      ),
      'Target tracking on provisioned-concurrency utilisation (Application Auto Scaling).',
    ),
  },
  'provisioned concurrency { concurrency, allocationTime, schedule, autoScaling }',
);

export const provisionedConcurrency = choice(
  [integer(0), provisionedMapping],
  (input) => (typeof input === 'number' ? 0 : isRecord(input) ? 1 : undefined),
  'an integer >= 0, or { concurrency, allocationTime, schedule, autoScaling }',
);

export const recursiveLoop = oneOf(['terminate', 'allow'], 'a recursive-loop setting');

/** `{ maxAttempts }` of the AWS SDK's standard retry mode. */
export const retryPolicy = mapping(
  {
    maxAttempts: doc(
      integer(1, 20),
      'Attempts in all, the first included, 1..20 (1: no retry). AWS SDK default 3.',
    ),
  },
  'a retry policy { maxAttempts }',
);
