/**
 * `lamsim plan` as one library call: the plan on a runner chosen for its size (in-process or a
 * worker pool; the result does not depend on which), closed when done.
 */
import type { Result } from '../../result.ts';
import type { Scenario } from '../../scenario/index.ts';
import { scaleTraffic } from '../edits.ts';
import { chooseRunner } from '../runners.ts';
import { DEFAULT_REPLICATION_SETTINGS } from './evaluate.ts';
import { type PlanOptions, type PlanResult, plan } from './plan.ts';

export interface PlanRunOptions extends PlanOptions {
  /** Worker threads at most (default: the cores; 1 = in-process). */
  readonly workers?: number;
}

export async function runPlan(
  scenario: Scenario,
  options: PlanRunOptions = {},
): Promise<Result<PlanResult, string>> {
  // A typical batch: the first replications at twice the traffic.
  const replications = options.replications?.minReplications ?? DEFAULT_REPLICATION_SETTINGS.minReplications;
  const runner = chooseRunner({
    sample: Array.from({ length: replications }, () => scaleTraffic(scenario, 2)),
    maxThreads: options.workers,
  });
  try {
    return await plan(scenario, options, runner);
  } finally {
    await runner.close();
  }
}
