/**
 * Running `run --replications R`: replication 0 (the scenario's own seed) runs in this thread,
 * for its whole output (the report's charts need its run data, not only its summary), while
 * replications 1..R-1 run on a runner chosen for their size (a worker pool when it pays off,
 * ./runners.ts). The result does not depend on the runner: every replication is a pure function
 * of its scenario.
 */
import type { Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { replicationScenario, withReplications } from './replications.ts';
import { type RunOutput, runScenario } from './run.ts';
import { type BatchProgress, chooseRunner, type Runner } from './runners.ts';

export interface ReplicationRunOptions {
  /** Worker threads at most (default: the cores; 1 = in-process). */
  readonly workers?: number;
  /** Replications finished (fractional while replication 0 runs) out of R. */
  readonly onProgress?: BatchProgress;
  /** Runs replications 1..R-1 (the caller's, not closed here); default: chosen for their size. */
  readonly runner?: Runner;
}

/** Replication 0's output with the `replications` block of all `count` (>= 1) replications. */
export async function runReplications(
  scenario: Scenario,
  count: number,
  options: ReplicationRunOptions = {},
): Promise<RunOutput> {
  const rest = Array.from({ length: count - 1 }, (_, i) => replicationScenario(scenario, i + 1));
  const runner = options.runner ?? chooseRunner({ sample: rest, maxThreads: options.workers });
  let restDone = 0;
  let firstDone = 0;
  const report = () => options.onProgress?.(restDone + firstDone, count);
  try {
    // Started first, so a pool works on the others while this thread runs replication 0.
    const others: Promise<Summary[]> =
      rest.length === 0
        ? Promise.resolve([])
        : runner.run(rest, (done) => {
            restDone = done;
            report();
          });
    const first = runScenario(scenario, {
      onProgress: (f) => {
        firstDone = f;
        report();
      },
    });
    firstDone = 1;
    report();
    return withReplications(first, [first.summary, ...(await others)]);
  } finally {
    if (!options.runner) await runner.close();
  }
}
