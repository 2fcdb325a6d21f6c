/**
 * Where failed (and successful) asynchronous events and messages go (Lambda developer guide,
 * "Capturing records of asynchronous invocations"; SQS developer guide, "Using dead-letter queues"):
 * a function's destinations name a function, sqs-queue or sns-topic; its dead-letter queue an
 * sqs-queue or sns-topic; a queue's redrive policy another sqs-queue.
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
  for (const r of draft.resources) {
    const v = r.value;
    if (v.type !== 'sqs-queue' || v.deadLetterQueue === null || !trusted(r.bad, 'redrivePolicy')) continue;
    const path: Path = [...r.path, 'redrivePolicy', 'deadLetterQueue'];
    if (v.deadLetterQueue === v.name) report.error(path, 'a queue cannot be its own dead-letter queue');
    else expect(path, v.deadLetterQueue, ['sqs-queue'], 'an sqs-queue');
  }
};
