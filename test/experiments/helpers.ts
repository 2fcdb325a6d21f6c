/** Test helpers for experiments: small scenarios that run in milliseconds. */
import { scenarioFrom, yaml } from '../helpers/run.ts';

export { scenarioFrom, yaml };

export interface FunctionShape {
  readonly compute?: string;
  readonly io?: string;
  readonly threads?: number;
  readonly memory?: number;
  readonly timeout?: number;
  readonly init?: string;
  readonly extra?: string;
  /** SDK attempts per request (traffic `retry.maxAttempts`; default: the SDK's 3). */
  readonly attempts?: number;
}

/** One function `f` behind `direct` traffic at `rate`/s for `duration`, uniform arrivals by default. */
export function oneFunction(shape: FunctionShape = {}, rate = 2, duration = '2m', mode = 'uniform'): string {
  return yaml`
    lamsim: 1
    name: tune-test
    seed: 7
    duration: ${duration}
    account: { concurrentExecutions: 1000, scaling: unlimited }
    platform: { idleTimeout: 1h }
    traffic: { name: web, target: f, mode: ${mode}, ${shape.attempts ? `retry: { maxAttempts: ${shape.attempts} }, ` : ''}phases: [{ duration: ${duration}, arrivalRate: ${rate} }] }
    functions:
      f:
        runtime: nodejs22.x
        memorySize: ${shape.memory ?? 1024}
        timeout: ${shape.timeout ?? 60}
        ${shape.extra ?? ''}
        model:
          init: ${shape.init ?? '0ms'}
          compute: ${shape.compute ?? '0ms'}
          threads: ${shape.threads ?? 1}
          io: ${shape.io ?? '0ms'}
  `;
}

// 100 records/s onto 2 shards read by batches of 100: a full batch takes 10 ms + 40 ms + 100 x
// 2 ms = 250 ms of handler (plus the runtime's overhead), so 2 lanes read at most about 2 x 100 /
// 0.25 s = 800 records/s. At 10x (1,000 records/s) the backlog grows for the whole window.
export const twoLaneKinesis = scenarioFrom(yaml`
  lamsim: 1
  name: kin
  duration: 3m
  traffic:
    - target: my-stream
      phases: [{ duration: 3m, arrivalRate: 100 }]
  functions:
    Consumer:
      runtime: python3.12
      memorySize: 512
      timeout: 30
      events: [{ kinesis: { stream: my-stream, batchSize: 100 } }]
      model: { compute: 10ms, io: 40ms, perRecord: { io: 2ms } }
  resources:
    my-stream: { type: kinesis-stream, shardCount: 2 }
`);
