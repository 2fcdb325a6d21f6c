/**
 * A burst every SQS scaling test reads: 50,000 messages at once, each a 200 s batch of one, so no
 * batch finishes in the 60 s window and the pollers only scale up. `events` adds settings to the
 * mapping (written after `batchSize: 1`), `queue` to the queue (after `visibilityTimeout: 2h`).
 */
import { yaml } from '../helpers/run.ts';

export const sqsBurst = (events: string, queue = '') => yaml`
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
    jobs: { type: sqs-queue, visibilityTimeout: 2h${queue} }
`;

/**
 * A steady 300 messages/s of 1 s each for 2 minutes: 300 concurrent invocations needed, which the
 * default mode's pollers reach after about a minute and provisioned mode's after about 17 s.
 * `events` adds settings to the mapping (written after `batchSize: 1`).
 */
export const sqsRamp = (events: string) => yaml`
  lamsim: 1
  name: ramp
  duration: 2m
  account: { concurrentExecutions: 3000 }
  traffic: { target: jobs, phases: [{ duration: 2m, arrivalRate: 300 }] }
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 30
      model: { init: 0ms, compute: 5ms, io: 1s }
      events: [{ sqs: { queue: jobs, batchSize: 1${events} } }]
  resources:
    jobs: { type: sqs-queue, visibilityTimeout: 3m }
`;
