/**
 * Where failed (and successful) asynchronous events and messages go (Lambda developer guide,
 * "Capturing records of asynchronous invocations"; SQS developer guide, "Using dead-letter queues"):
 * a function's destinations name a function, sqs-queue or sns-topic; its dead-letter queue an
 * sqs-queue or sns-topic; a queue's redrive policy another sqs-queue. A topic delivers to standard
 * queues, a bucket to standard queues and topics (`deliverTo`): a FIFO queue takes messages from a
 * FIFO topic only (SNS developer guide, "FIFO topics"), and S3 cannot notify a FIFO queue (S3 user
 * guide, "Supported event destinations": "FIFO queues aren't supported").
 */
import type { Path } from '../issues.ts';
import { kindCheck } from './kindCheck.ts';
import { type Rule, trusted } from './rule.ts';

export const destinationRules: Rule = (draft, report) => {
  const expect = kindCheck(draft, report);
  for (const f of draft.functions) {
    const fn = f.value;
    const at = (...keys: string[]): Path => [...f.path, ...keys];
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
  }
  const fifoQueues = new Set(
    draft.resources.flatMap((r) => (r.value.type === 'sqs-queue' && r.value.fifo ? [r.value.name] : [])),
  );
  for (const r of draft.resources) {
    const v = r.value;
    if ((v.type !== 's3-bucket' && v.type !== 'sns-topic') || !trusted(r.bad, 'deliverTo')) continue;
    const bucket = v.type === 's3-bucket';
    const seen = new Set<string>();
    v.deliverTo.forEach((name, i) => {
      const path: Path = [...r.path, 'deliverTo', i];
      if (seen.has(name)) report.error(path, `'${name}' is listed twice: each destination once`);
      seen.add(name);
      const types = bucket ? (['sqs-queue', 'sns-topic'] as const) : (['sqs-queue'] as const);
      if (!expect(path, name, types, bucket ? 'an sqs-queue or sns-topic' : 'an sqs-queue')) return;
      if (fifoQueues.has(name)) {
        report.error(
          path,
          bucket
            ? `'${name}' is a FIFO queue: S3 event notifications go to standard queues only`
            : `'${name}' is a FIFO queue: it can subscribe to a FIFO topic only, and lamsim models standard topics; use a standard queue`,
        );
      }
    });
  }
  for (const r of draft.resources) {
    const v = r.value;
    if (v.type !== 'sqs-queue' || v.deadLetterQueue === null || !trusted(r.bad, 'redrivePolicy')) continue;
    const path: Path = [...r.path, 'redrivePolicy', 'deadLetterQueue'];
    if (v.deadLetterQueue === v.name) report.error(path, 'a queue cannot be its own dead-letter queue');
    else expect(path, v.deadLetterQueue, ['sqs-queue'], 'an sqs-queue');
  }
};
