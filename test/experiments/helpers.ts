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
