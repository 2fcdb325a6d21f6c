/**
 * Event sources, destinations and queues (aws-facts C3, C5, C6, C7; API_CreateEventSourceMapping):
 *
 * - references: `events[].sqs.queue` names an sqs-queue, `kinesis.stream` a kinesis-stream,
 *   `dynamodb.stream` a dynamodb-stream, `s3` a bucket, `sns` a topic; destinations name a function,
 *   queue or topic; dead-letter queues and stream on-failure destinations a queue or topic; a redrive
 *   policy another sqs-queue.
 * - SQS mappings: batch size above 10 needs a batching window of at least 1 s; FIFO queues take at
 *   most 10; the batching window is at most 300 s; the function timeout must not exceed the queue's
 *   visibility timeout (AWS refuses the mapping); a warning below 6 x the timeout (AWS's advice) and
 *   for maxReceiveCount below 5 on a queue Lambda reads (throttles then land messages in the DLQ).
 * - queues: visibility timeout 0 s..12 h, retention 60 s..14 d; streams: Kinesis retention 24 h..365 d,
 *   maximumRecordAge 60 s..7 d.
 * - provisioned concurrency changes stay within reserved concurrency; auto scaling minimum <= maximum,
 *   target utilisation 1%..100%; schedule windows end after they start.
 * - Lambda@Edge (via cloudfront-edge): viewer triggers at most 128 MB and 5 s, origin triggers at most
 *   30 s; no VPC, no provisioned concurrency, /tmp 512 MB, x86_64, Node.js or Python runtimes
 *   (CloudFront developer guide, "Quotas on Lambda@Edge" and "Restrictions on Lambda@Edge").
 */
import { suggestion } from '../didYouMean.ts';
import type { Path } from '../issues.ts';
import { formatDuration } from '../quantities.ts';
import type { Resource } from '../types.ts';
import { listNames, type Rule, trusted } from './rule.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const eventSourceRules: Rule = (draft, report) => {
  const typeOf = new Map(draft.resourceNames.map((r) => [r.name, r.type]));
  const functions = new Set(draft.functionNames.map((f) => f.name));
  const namesOf = (...types: Resource['type'][]) =>
    draft.resourceNames.filter((r) => r.type !== undefined && types.includes(r.type)).map((r) => r.name);

  /** Checks that `name` at `path` is a resource of one of `types` (or a function when allowed). */
  const expect = (path: Path, name: string, types: Resource['type'][], what: string, fn = false): boolean => {
    if (fn && functions.has(name)) return true;
    const type = typeOf.get(name);
    if (type !== undefined && types.includes(type)) return true;
    const candidates = [...namesOf(...types), ...(fn ? functions : [])];
    if (typeOf.has(name) || functions.has(name)) {
      report.error(
        path,
        `'${name}' is ${functions.has(name) ? 'a function' : `a ${typeOf.get(name) ?? 'resource'}`}: expected ${what} (${listNames(candidates)})`,
      );
    } else {
      report.error(
        path,
        `'${name}' names nothing${suggestion(name, candidates)}; expected ${what} (${listNames(candidates)})`,
      );
    }
    return false;
  };

  const queues = new Map(
    draft.resources.flatMap((r) => (r.value.type === 'sqs-queue' ? [[r.value.name, r] as const] : [])),
  );

  for (const f of draft.functions) {
    const fn = f.value;
    const at = (...keys: (string | number)[]): Path => [...f.path, ...keys];
    if (trusted(f.bad, 'destinations')) {
      for (const key of ['onSuccess', 'onFailure'] as const) {
        const name = fn.destinations[key];
        if (name !== null)
          expect(
            at('destinations', key),
            name,
            ['sqs-queue', 'sns-topic'],
            'a function, sqs-queue or sns-topic',
            true,
          );
      }
    }
    if (trusted(f.bad, 'deadLetterQueue') && fn.deadLetterQueue !== null) {
      expect(
        at('deadLetterQueue'),
        fn.deadLetterQueue,
        ['sqs-queue', 'sns-topic'],
        'an sqs-queue or sns-topic',
      );
    }
    if (trusted(f.bad, 'events')) {
      fn.events.forEach((e, i) => {
        switch (e.kind) {
          case 'sqs': {
            const path = at('events', i, 'sqs');
            if (!expect([...path, 'queue'], e.queue, ['sqs-queue'], 'an sqs-queue')) break;
            const queue = queues.get(e.queue);
            if (e.maximumBatchingWindowMs > 300_000) {
              report.error(
                [...path, 'maximumBatchingWindow'],
                `maximumBatchingWindow ${formatDuration(e.maximumBatchingWindowMs)} is above 300s`,
              );
            }
            if (queue && queue.value.type === 'sqs-queue') {
              const q = queue.value;
              if (q.fifo && e.batchSize > 10) {
                report.error(
                  [...path, 'batchSize'],
                  `batchSize ${e.batchSize} is above 10, the limit for a FIFO queue`,
                );
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
            break;
          }
          case 'stream': {
            const key = e.streamType;
            const path = at('events', i, key);
            expect(
              [...path, 'stream'],
              e.stream,
              [key === 'kinesis' ? 'kinesis-stream' : 'dynamodb-stream'],
              `a ${key === 'kinesis' ? 'kinesis-stream' : 'dynamodb-stream'}`,
            );
            if (e.onFailure !== null) {
              expect(
                [...path, 'destinations', 'onFailure'],
                e.onFailure,
                ['sqs-queue', 'sns-topic'],
                'an sqs-queue or sns-topic',
              );
            }
            if (e.maximumBatchingWindowMs > 300_000) {
              report.error(
                [...path, 'maximumBatchingWindow'],
                `maximumBatchingWindow ${formatDuration(e.maximumBatchingWindowMs)} is above 300s`,
              );
            }
            if (
              Number.isFinite(e.maximumRecordAgeMs) &&
              (e.maximumRecordAgeMs < 60_000 || e.maximumRecordAgeMs > 7 * DAY)
            ) {
              report.error(
                [...path, 'maximumRecordAge'],
                `maximumRecordAge ${formatDuration(e.maximumRecordAgeMs)} is outside 60s..7d (or -1)`,
              );
            }
            break;
          }
          case 's3':
            expect(at('events', i, 's3'), e.source, ['s3-bucket'], 'an s3-bucket');
            break;
          case 'sns':
            expect(at('events', i, 'sns'), e.source, ['sns-topic'], 'an sns-topic');
            break;
          case 'schedule':
            break;
        }
      });
    }

    // Provisioned concurrency over time.
    if (trusted(f.bad, 'provisionedConcurrency', 'reservedConcurrency')) {
      const p = fn.provisioned;
      const reserved = fn.reservedConcurrency;
      const auto = p.autoScaling;
      if (auto) {
        if (auto.minimum > auto.maximum) {
          report.error(
            at('provisionedConcurrency', 'autoScaling', 'minimum'),
            `minimum ${auto.minimum} is above maximum ${auto.maximum}`,
          );
        }
        if (auto.targetUtilization < 0.01 || auto.targetUtilization > 1) {
          report.error(
            at('provisionedConcurrency', 'autoScaling', 'targetUtilization'),
            `targetUtilization ${Math.round(auto.targetUtilization * 1000) / 10}% is outside 1%..100%`,
          );
        }
        if (reserved !== null && auto.maximum > reserved) {
          report.error(
            at('provisionedConcurrency', 'autoScaling', 'maximum'),
            `maximum ${auto.maximum} is above ${fn.name}'s reservedConcurrency ${reserved}`,
          );
        }
      }
      p.schedule.forEach((w, i) => {
        const path = at('provisionedConcurrency', 'schedule', i);
        if (w.endMs <= w.startMs)
          report.error([...path, 'end'], 'a scheduled action must end after it starts');
        if (reserved !== null && w.concurrency > reserved) {
          report.error(
            [...path, 'concurrency'],
            `concurrency ${w.concurrency} is above ${fn.name}'s reservedConcurrency ${reserved}`,
          );
        }
        if (auto && w.concurrency > auto.maximum) {
          report.error(
            [...path, 'concurrency'],
            `concurrency ${w.concurrency} is above autoScaling.maximum ${auto.maximum}`,
          );
        }
      });
    }

    // Function calls: the callee must exist (references.ts); a function calling itself synchronously waits forever.
  }

  for (const r of draft.resources) {
    const v = r.value;
    const at = (...keys: string[]): Path => [...r.path, ...keys];
    if (v.type === 'sqs-queue') {
      if (trusted(r.bad, 'visibilityTimeout') && v.visibilityTimeoutMs > 12 * HOUR) {
        report.error(
          at('visibilityTimeout'),
          `visibilityTimeout ${formatDuration(v.visibilityTimeoutMs)} is above 12h`,
        );
      }
      if (
        trusted(r.bad, 'messageRetentionPeriod') &&
        (v.messageRetentionMs < 60_000 || v.messageRetentionMs > 14 * DAY)
      ) {
        report.error(
          at('messageRetentionPeriod'),
          `messageRetentionPeriod ${formatDuration(v.messageRetentionMs)} is outside 60s..14d`,
        );
      }
      if (v.deadLetterQueue !== null && trusted(r.bad, 'redrivePolicy')) {
        const path = at('redrivePolicy', 'deadLetterQueue');
        if (v.deadLetterQueue === v.name) report.error(path, 'a queue cannot be its own dead-letter queue');
        else expect(path, v.deadLetterQueue, ['sqs-queue'], 'an sqs-queue');
      }
    } else if (v.type === 'kinesis-stream') {
      if (trusted(r.bad, 'retentionPeriod') && (v.retentionMs < DAY || v.retentionMs > 365 * DAY)) {
        report.error(
          at('retentionPeriod'),
          `retentionPeriod ${formatDuration(v.retentionMs)} is outside 24h..365d`,
        );
      }
    }
  }

  // Lambda@Edge.
  const byName = new Map(draft.functions.map((f) => [f.value.name, f]));
  for (const t of draft.traffic) {
    if (t.value.via !== 'cloudfront-edge' || !trusted(t.bad, 'via', 'target', 'eventType')) continue;
    const f = byName.get(t.value.target);
    if (!f) continue;
    const fn = f.value;
    const viewer = t.value.edgeEventType.startsWith('viewer');
    const maxTimeoutMs = viewer ? 5_000 : 30_000;
    const problems: string[] = [];
    if (trusted(f.bad, 'memorySize') && viewer && fn.memoryMb > 128)
      problems.push(`memorySize ${fn.memoryMb}MB (viewer triggers: 128MB at most)`);
    if (trusted(f.bad, 'timeout') && fn.timeoutMs > maxTimeoutMs)
      problems.push(
        `timeout ${formatDuration(fn.timeoutMs)} (${viewer ? 'viewer' : 'origin'} triggers: ${formatDuration(maxTimeoutMs)} at most)`,
      );
    if (fn.vpc !== null) problems.push('a vpc');
    if (
      fn.provisionedConcurrency > 0 ||
      fn.provisioned.autoScaling !== null ||
      fn.provisioned.schedule.length > 0
    )
      problems.push('provisioned concurrency');
    if (fn.ephemeralStorageMb > 512)
      problems.push(`ephemeralStorageSize ${fn.ephemeralStorageMb}MB (512MB at most)`);
    if (fn.architecture !== 'x86_64') problems.push('architecture arm64 (x86_64 only)');
    if (trusted(f.bad, 'runtime') && !/^(nodejs|python)/.test(fn.runtime))
      problems.push(`runtime ${fn.runtime} (Node.js and Python only)`);
    if (problems.length > 0) {
      report.error(
        [...t.path, 'via'],
        `Lambda@Edge (${t.value.edgeEventType}) does not allow ${fn.name}'s ${problems.join(', ')}`,
      );
    }
  }
};
