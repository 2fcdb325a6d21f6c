/**
 * A burst every SQS scaling test reads: 50,000 messages at once, each a 200 s batch of one, so no
 * batch finishes in the 60 s window and the pollers only scale up. `events` adds settings to the
 * mapping (written after `batchSize: 1`).
 */
import { yaml } from '../helpers/run.ts';

export const sqsBurst = (events: string) => yaml`
  lamsim: 1
  duration: 60s
  account: { concurrentExecutions: 5000 }
  traffic: { target: jobs, mode: uniform, phases: [{ duration: 1s, arrivalCount: 50000 }] }
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 900
      model: { init: 0ms, compute: 200s }
      events: [{ sqs: { queue: jobs, batchSize: 1${events} } }]
  resources:
    jobs: { type: sqs-queue, visibilityTimeout: 2h }
`;
