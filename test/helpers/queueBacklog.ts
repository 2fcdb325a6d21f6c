/**
 * A queue consumer that keeps up or not, by traffic (tests of growing backlogs: run's warning,
 * tune's backlogAtEnd constraint). 20 batches of 10 messages at once; a message takes ~15 ms of
 * CPU at 1,769 MB plus 25 ms of I/O: at 256 MB (~130 ms a message) the worker drains ~150
 * messages/s, at 512 MB ~260, at 1024 MB ~400.
 */
import { yaml } from '../scenario/helpers.ts';

/** The scenario's text: a 3-minute window, `phases` of uniform traffic into the queue, memory 512 MB. */
export const queueBacklogScenario = (phases: string) => yaml`
  lamsim: 1
  name: backlog
  seed: 3
  duration: 3m
  traffic: { target: q, payload: 2KB, mode: uniform, phases: ${phases} }
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 30
      logSize: 0B
      model: { compute: 5ms, perRecord: { compute: 15ms, io: 25ms } }
      events: [{ sqs: { queue: q, batchSize: 10, maximumConcurrency: 20 } }]
  resources:
    q: { type: sqs-queue, visibilityTimeout: 3m }
`;
