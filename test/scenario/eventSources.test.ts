/**
 * The written format of event sources, messaging resources, destinations, provisioned-concurrency
 * changes, SDK retries and Lambda@Edge: defaults (AWS's, API_CreateEventSourceMapping and the SQS,
 * Kinesis and Lambda docs: provisioned-concurrency.html, invocation-async.html,
 * with-sqs.html, with-kinesis.html under https://docs.aws.amazon.com/lambda/latest/dg/) and the rules AWS enforces.
 */
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../src/scenario/normalize/schedule.ts';
import { errorsOf, fail, ok, scenarioOf, yaml } from './helpers.ts';

const base = (functionKeys: string, resources = '', traffic = '') => yaml`
  lamsim: 1
  duration: 10m
  ${traffic}
  functions:
    worker:
      runtime: nodejs22.x
${functionKeys
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
  resources:
    jobs: { type: sqs-queue, visibilityTimeout: 2m }
    dlq: { type: sqs-queue }
    clicks: { type: kinesis-stream, shardCount: 4 }
    table: { type: dynamodb-stream }
    uploads: { type: s3-bucket }
    alerts: { type: sns-topic }
${resources}
`;

describe('event sources: defaults', () => {
  it('sqs: batch 10, no window, no maximum concurrency, whole-batch failures, 2023 poller scaling', () => {
    const fn = scenarioOf(base('events: [{ sqs: { queue: jobs } }]')).functions[0];
    expect(fn.events).toEqual([
      {
        kind: 'sqs',
        queue: 'jobs',
        batchSize: 10,
        maximumBatchingWindowMs: 0,
        maximumConcurrency: null,
        reportBatchItemFailures: false,
        pollerScaling: 'nov-2023',
        provisionedPollers: null,
      },
    ]);
  });

  it('sqs provisioned mode: MinimumPollers 2 and MaximumPollers 200 unless written (ProvisionedPollerConfig)', () => {
    const events = scenarioOf(
      base(
        'events:\n  - sqs: { queue: jobs, provisionedPollers: {} }\n  - sqs: { queue: jobs, provisionedPollers: { min: 10, max: 1000 } }',
      ),
    ).functions[0].events;
    expect(events.map((e) => (e.kind === 'sqs' ? e.provisionedPollers : undefined))).toEqual([
      { min: 2, max: 200 },
      { min: 10, max: 1000 },
    ]);
  });

  it('sqs provisioned mode: the API ranges, min <= max, not with maximumConcurrency', () => {
    expect(
      errorsOf(base('events: [{ sqs: { queue: jobs, provisionedPollers: { min: 1, max: 2001 } } }]')),
    ).toEqual([
      expect.stringContaining('provisionedPollers.min: expected an integer from 2 to 200, got 1'),
      expect.stringContaining('provisionedPollers.max: expected an integer from 2 to 2000, got 2001'),
    ]);
    expect(
      errorsOf(
        base(
          'events: [{ sqs: { queue: jobs, maximumConcurrency: 50, provisionedPollers: { min: 20, max: 10 } } }]',
        ),
      ),
    ).toEqual([
      expect.stringContaining('provisionedPollers and maximumConcurrency cannot both be set'),
      expect.stringContaining('provisionedPollers min 20 is above max 10'),
    ]);
  });

  it('kinesis and dynamodb: batch 100, factor 1, retries and record age until expiry, no bisect', () => {
    const fn = scenarioOf(
      base(
        'events:\n  - kinesis: { stream: clicks }\n  - dynamodb: { stream: table, maximumRetryAttempts: 2, maximumRecordAge: 1h, bisectBatchOnFunctionError: true, destinations: { onFailure: dlq } }',
      ),
    ).functions[0];
    expect(fn.events).toEqual([
      {
        kind: 'stream',
        streamType: 'kinesis',
        stream: 'clicks',
        batchSize: 100,
        maximumBatchingWindowMs: 0,
        parallelizationFactor: 1,
        maximumRetryAttempts: Number.POSITIVE_INFINITY,
        maximumRecordAgeMs: Number.POSITIVE_INFINITY,
        bisectBatchOnFunctionError: false,
        onFailure: null,
        enhancedFanOut: false,
      },
      {
        kind: 'stream',
        streamType: 'dynamodb',
        stream: 'table',
        batchSize: 100,
        maximumBatchingWindowMs: 0,
        parallelizationFactor: 1,
        maximumRetryAttempts: 2,
        maximumRecordAgeMs: 3_600_000,
        bisectBatchOnFunctionError: true,
        onFailure: 'dlq',
        enhancedFanOut: false,
      },
    ]);
  });

  it('schedules, S3 and SNS in both short and long forms; a disabled schedule is left out', () => {
    const fn = scenarioOf(
      base(
        "events:\n  - schedule: rate(5 minutes)\n  - schedule: { expression: 'cron(0 12 * * ? *)', service: rule }\n  - schedule: { expression: rate(1 hour), enabled: false }\n  - s3: uploads\n  - sns: { topic: alerts }",
      ),
    ).functions[0];
    expect(fn.events).toEqual([
      // Without `service` a schedule is EventBridge Scheduler's; `service: rule` a scheduled rule.
      {
        kind: 'schedule',
        expression: 'rate(5 minutes)',
        schedule: { kind: 'rate', periodMs: 300_000 },
        service: 'scheduler',
      },
      {
        kind: 'schedule',
        expression: 'cron(0 12 * * ? *)',
        schedule: expect.objectContaining({ kind: 'cron', minutes: [0], hours: [12], daysOfWeek: null }),
        service: 'rule',
      },
      { kind: 's3', source: 'uploads' },
      { kind: 'sns', source: 'alerts' },
    ]);
  });

  it('queues and streams as resources: SQS defaults 30 s visibility, 4 days retention, 120,000 in flight; Kinesis 24 h', () => {
    const s = scenarioOf(
      base(
        'events: [{ sqs: { queue: jobs } }]',
        '    q2: { type: sqs-queue, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 5 } }',
      ),
    );
    expect(s.resources.find((r) => r.name === 'q2')).toEqual({
      type: 'sqs-queue',
      name: 'q2',
      fifo: false,
      visibilityTimeoutMs: 30_000,
      messageRetentionMs: 4 * 86_400_000,
      deadLetterQueue: 'dlq',
      maxReceiveCount: 5,
      maxInFlightMessages: 120_000,
    });
    expect(s.resources.find((r) => r.name === 'clicks')).toEqual({
      type: 'kinesis-stream',
      name: 'clicks',
      shardCount: 4,
      retentionMs: 86_400_000,
    });
  });

  it('provisioned concurrency: an integer, or a schedule with auto scaling (70% target)', () => {
    const fn = scenarioOf(
      base(
        'reservedConcurrency: 200\nprovisionedConcurrency:\n  allocationTime: 90s\n  schedule: [{ start: 5m, end: 8m, concurrency: 50 }]\n  autoScaling: { minimum: 10, maximum: 100 }',
      ),
    ).functions[0];
    expect(fn.provisionedConcurrency).toBe(10);
    expect(fn.provisioned).toEqual({
      allocationMs: 90_000,
      schedule: [{ startMs: 300_000, endMs: 480_000, concurrency: 50 }],
      autoScaling: { minimum: 10, maximum: 100, targetUtilization: 0.7 },
    });
  });

  it('async settings, destinations, recursive loop detection on by default', () => {
    const fn = scenarioOf(
      base(
        'maximumRetryAttempts: 0\ndestinations: { onFailure: dlq, onSuccess: alerts }\ndeadLetterQueue: dlq',
      ),
    ).functions[0];
    expect(fn.destinations).toEqual({ onSuccess: 'alerts', onFailure: 'dlq' });
    expect(fn.deadLetterQueue).toBe('dlq');
    expect(fn.recursiveLoop).toBe('terminate');
  });

  it('traffic: the SDK retries direct invokes 3 times; gateways and resource targets do not retry', () => {
    const s = scenarioOf(yaml`
      lamsim: 1
      traffic:
        - { target: api, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { target: api, via: api-gateway-http, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { target: api, retry: { maxAttempts: 5 }, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { target: q, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        api: { runtime: nodejs22.x }
      resources:
        q: { type: sqs-queue }
    `);
    expect(s.traffic.map((t) => t.retry.maxAttempts)).toEqual([3, 1, 5, 1]);
    expect(s.traffic[3].targetKind).toBe('resource');
  });

  it('function calls: sync by default with SDK retries; async calls take 20 ms', () => {
    const fn = scenarioOf(yaml`
      lamsim: 1
      duration: 1m
      functions:
        worker:
          runtime: nodejs22.x
          model:
            calls:
              - { function: worker2 }
              - { function: worker2, invocation: async, count: 2 }
              - { resource: jobs }
        worker2: { runtime: nodejs22.x }
      resources:
        jobs: { type: sqs-queue }
    `).functions[0];
    expect(fn.model.calls).toEqual([
      {
        kind: 'function',
        function: 'worker2',
        invocation: 'sync',
        count: 1,
        bytes: 1024,
        latencyMs: { kind: 'constant', value: 0 },
        retry: { maxAttempts: 3 },
      },
      {
        kind: 'function',
        function: 'worker2',
        invocation: 'async',
        count: 2,
        bytes: 1024,
        latencyMs: { kind: 'constant', value: 20 },
        retry: { maxAttempts: 3 },
      },
      expect.objectContaining({ kind: 'resource', resource: 'jobs', latencyWritten: false }),
    ]);
  });
});

describe('event sources: rules', () => {
  it('references name resources of the right type', () => {
    const errors = errorsOf(
      base(
        'events:\n  - sqs: { queue: clicks }\n  - kinesis: { stream: jobz }\n  - s3: alerts\ndestinations: { onFailure: clicks }\ndeadLetterQueue: nothing',
      ),
    );
    expect(errors).toEqual([
      expect.stringContaining(
        "events[0].sqs.queue: 'clicks' is a kinesis-stream: expected an sqs-queue (jobs, dlq)",
      ),
      expect.stringContaining(
        "events[1].kinesis.stream: 'jobz' names nothing; expected a kinesis-stream (clicks)",
      ),
      expect.stringContaining("events[2].s3: 'alerts' is a sns-topic: expected an s3-bucket (uploads)"),
      expect.stringContaining(
        "destinations.onFailure: 'clicks' is a kinesis-stream: expected a function, sqs-queue or sns-topic",
      ),
      expect.stringContaining("deadLetterQueue: 'nothing' names nothing; expected an sqs-queue or sns-topic"),
    ]);
  });

  it('SQS: batches above 10 need a batching window; the timeout must fit the visibility timeout', () => {
    // API_CreateEventSourceMapping: BatchSize > 10 requires MaximumBatchingWindowInSeconds >= 1;
    // AWS refuses a mapping whose function timeout exceeds the queue's visibility timeout.
    expect(errorsOf(base('timeout: 3m\nevents: [{ sqs: { queue: jobs, batchSize: 100 } }]'))).toEqual([
      expect.stringContaining("worker's timeout 3m is above the visibility timeout 2m of queue jobs"),
      expect.stringContaining('batchSize 100 is above 10: AWS requires maximumBatchingWindow of at least 1s'),
    ]);
    const warned = ok(
      base('timeout: 30s\nevents: [{ sqs: { queue: jobs, batchSize: 100, maximumBatchingWindow: 1 } }]'),
    );
    expect(warned.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("visibility timeout 2m is under 6 x worker's timeout (3m)"),
    ]);
  });

  it('SQS FIFO queues: batches of at most 10 and no batching window (services-sqs-parameters)', () => {
    expect(
      errorsOf(
        base(
          'events: [{ sqs: { queue: orders, batchSize: 20, maximumBatchingWindow: 5s } }]',
          '    orders: { type: sqs-queue, fifo: true, visibilityTimeout: 2m }',
        ),
      ),
    ).toEqual([
      expect.stringContaining('warning: queue orders is a FIFO queue'),
      expect.stringContaining('batchSize 20 is above 10, the limit for a FIFO queue'),
      expect.stringContaining(
        'maximumBatchingWindow 5s on FIFO queue orders: AWS does not support a batching window for FIFO queues',
      ),
    ]);
    ok(
      base(
        'events: [{ sqs: { queue: orders, batchSize: 10 } }]',
        '    orders: { type: sqs-queue, fifo: true }',
      ),
    );
  });

  it('SQS FIFO queues: a warning on the mapping, message groups are not modelled (services-sqs-scaling)', () => {
    // AWS scales a FIFO mapping "to the number of active message groups"; lamsim scales it as for
    // a standard queue, so the concurrency it reports can exceed that number: say so.
    const warned = ok(
      base(
        'events: [{ sqs: { queue: orders } }]',
        '    orders: { type: sqs-queue, fifo: true, visibilityTimeout: 2m }',
      ),
    ).warnings;
    expect(warned.map((w) => w.path)).toEqual(['functions.worker.events[0].sqs.queue']);
    expect(warned[0].message).toContain(
      'queue orders is a FIFO queue: lamsim does not model its message groups',
    );
    expect(warned[0].message).toContain('concurrency can exceed the number of active message groups');
    // A standard queue's mapping is not warned about.
    expect(ok(base('events: [{ sqs: { queue: jobs } }]')).warnings).toEqual([]);
  });

  it('DynamoDB streams: a warning past 2 readers per shard (API reference, LimitExceededException)', () => {
    const readers = (n: number, type: 'dynamodb' | 'kinesis') => yaml`
      lamsim: 1
      duration: 10m
      functions:
${Array.from(
  { length: n },
  (_, i) => `        reader${i}: { runtime: nodejs22.x, events: [{ ${type}: { stream: changes } }] }`,
).join('\n')}
      resources:
        changes: { type: ${type === 'dynamodb' ? 'dynamodb-stream' : 'kinesis-stream'} }
    `;
    expect(ok(readers(2, 'dynamodb')).warnings).toEqual([]);
    const warned = ok(readers(3, 'dynamodb')).warnings;
    expect(warned.map((w) => w.message)).toEqual([
      'dynamodb-stream changes is read by 3 event source mappings (reader0, reader1, reader2): DynamoDB Streams allows 2 readers per shard, more may be throttled (lamsim does not slow them); fan out from one function, or stream the table to Kinesis Data Streams',
    ]);
    // Pointed at the third reader's mapping.
    expect(warned[0].path).toBe('functions.reader2.events[0].dynamodb.stream');
    // Kinesis shards' shared throughput (5 GetRecords calls a second) is modelled instead.
    expect(ok(readers(3, 'kinesis')).warnings).toEqual([]);
  });

  it('Kinesis: at most 20 enhanced fan-out consumers per stream (API reference, RegisterStreamConsumer)', () => {
    const consumers = (n: number, standard = 0) => yaml`
      lamsim: 1
      duration: 10m
      functions:
${Array.from(
  { length: n + standard },
  (_, i) =>
    `        reader${i}: { runtime: nodejs22.x, events: [{ kinesis: { stream: clicks, enhancedFanOut: ${i < n} } }] }`,
).join('\n')}
      resources:
        clicks: { type: kinesis-stream, shardCount: 2 }
    `;
    // 20 registered consumers, and standard iterators beside them (not registered), are fine.
    ok(consumers(20, 3));
    expect(fail(consumers(21)).map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`)).toEqual([
      '24:90 functions.reader20.events[0].kinesis.enhancedFanOut: kinesis-stream clicks has 21 enhanced fan-out consumers (one per mapping with enhancedFanOut: true; this one, of reader20, is number 21): Kinesis registers at most 20 per stream; read the others through the shared iterator (enhancedFanOut: false)',
    ]);
  });

  it('stream settings and queue limits', () => {
    expect(
      errorsOf(
        base(
          'events: [{ kinesis: { stream: clicks, maximumRecordAge: 30s, maximumBatchingWindow: 10m } }]',
          '    long: { type: sqs-queue, visibilityTimeout: 13h, messageRetentionPeriod: 15d }\n    self: { type: sqs-queue, redrivePolicy: { deadLetterQueue: self, maxReceiveCount: 3 } }',
        ),
      ),
    ).toEqual([
      expect.stringContaining('maximumRecordAge 30s is outside 60s..7d'),
      expect.stringContaining('maximumBatchingWindow 10m is above 300s'),
      expect.stringContaining('visibilityTimeout 13h is above 12h'),
      expect.stringContaining('messageRetentionPeriod 15d is outside 60s..14d'),
      expect.stringContaining('a queue cannot be its own dead-letter queue'),
    ]);
  });

  it('provisioned concurrency changes stay within reserved concurrency', () => {
    expect(
      errorsOf(
        base(
          'reservedConcurrency: 50\nprovisionedConcurrency:\n  schedule: [{ start: 5m, end: 1m, concurrency: 60 }]\n  autoScaling: { minimum: 20, maximum: 80 }',
        ),
      ),
    ).toEqual([
      expect.stringContaining('a scheduled action must end after it starts'),
      expect.stringContaining("concurrency 60 is above worker's reservedConcurrency 50"),
      expect.stringContaining("maximum 80 is above worker's reservedConcurrency 50"),
    ]);
  });

  it('warns that a concurrency outside auto scaling range starts inside it (RegisterScalableTarget)', () => {
    const warned = (pc: string) =>
      ok(base(`reservedConcurrency: 50\nprovisionedConcurrency:\n  ${pc}`)).warnings.map((w) => w.message);
    expect(warned('concurrency: 1\n  autoScaling: { minimum: 2, maximum: 10 }')).toEqual([
      "concurrency 1 is outside autoScaling's range: auto scaling starts it raised to minimum 2",
    ]);
    expect(warned('concurrency: 12\n  autoScaling: { minimum: 2, maximum: 10 }')).toEqual([
      "concurrency 12 is outside autoScaling's range: auto scaling starts it lowered to maximum 10",
    ]);
    expect(warned('concurrency: 4\n  autoScaling: { minimum: 2, maximum: 10 }')).toEqual([]);
  });

  it('Lambda@Edge: viewer triggers take 128 MB and 5 s at most; no VPC, arm64 or provisioned concurrency', () => {
    // CloudFront developer guide, "Quotas on Lambda@Edge" and "Restrictions on Lambda@Edge".
    const edge = (eventType: string, keys: string) => yaml`
      lamsim: 1
      traffic: { target: edge, via: cloudfront-edge, eventType: ${eventType}, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        edge: { runtime: nodejs22.x, ${keys} }
    `;
    expect(errorsOf(edge('viewer-request', 'memorySize: 256, timeout: 10'))).toEqual([
      expect.stringContaining(
        "Lambda@Edge (viewer-request) does not allow edge's memorySize 256MB (viewer triggers: 128MB at most), timeout 10s (viewer triggers: 5s at most)",
      ),
    ]);
    expect(errorsOf(edge('origin-request', 'memorySize: 1024, timeout: 31, architecture: arm64'))).toEqual([
      expect.stringContaining('timeout 31s (origin triggers: 30s at most), architecture arm64 (x86_64 only)'),
    ]);
    expect(ok(edge('origin-response', 'memorySize: 1024, timeout: 30')).warnings).toEqual([]);
  });

  it('traffic may target queues, streams, buckets and topics, not databases', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        - { target: q, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { target: db, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        api: { runtime: nodejs22.x }
      resources:
        q: { type: sqs-queue }
        db: { type: rds-mysql, instanceClass: db.t3.medium, query: 2ms }
    `;
    expect(errorsOf(text)).toEqual([
      "4:15 traffic[1].target: 'db' is a rds-mysql, which cannot receive traffic: target a function (api), or a queue, stream, bucket or topic (q)",
    ]);
  });
});

describe('schedule expressions (EventBridge "Schedule expressions for rules")', () => {
  it('parses rate and cron', () => {
    expect(parseScheduleExpression('rate(1 minute)')).toEqual({
      ok: true,
      value: { kind: 'rate', periodMs: 60_000 },
    });
    expect(parseScheduleExpression('rate(2 days)')).toEqual({
      ok: true,
      value: { kind: 'rate', periodMs: 172_800_000 },
    });
    expect(parseScheduleExpression('cron(0/15 8-10 ? * MON-FRI *)')).toEqual({
      ok: true,
      value: {
        kind: 'cron',
        minutes: [0, 15, 30, 45],
        hours: [8, 9, 10],
        daysOfMonth: null,
        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        daysOfWeek: [2, 3, 4, 5, 6],
        years: null,
      },
    });
  });

  it.each([
    ['rate(0 minutes)', 'the value must be a positive integer'],
    ['rate(5 seconds)', 'the unit must be minute(s), hour(s) or day(s)'],
    ['cron(0 12 * * *)', 'has 5 fields; EventBridge takes 6'],
    ['cron(0 12 * * * *)', "exactly one of day-of-month and day-of-week must be '?'"],
    ['cron(0 25 * * ? *)', "hours '25': expected values from 0 to 23"],
    ['cron(0 12 L * ? *)', 'L, W and # are not supported'],
    ['every 5 minutes', 'is not a schedule expression'],
  ])('%s is refused: %s', (expression, message) => {
    const parsed = parseScheduleExpression(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('a bad expression is reported at its position', () => {
    expect(errorsOf(base('events: [{ schedule: rate(5 seconds) }]'))).toEqual([
      expect.stringMatching(/^7:26 functions\.worker\.events\[0\]\.schedule: rate\(5 seconds\): the unit/),
    ]);
  });
});
