/**
 * Stops V8's young generation (the new space, where objects are allocated) from growing further
 * in this process, every thread included. V8 doubles it, up to 2 x 16 MB, each time enough objects
 * have survived its collections since the last growth; the pages it adds stay resident.
 *
 * The CLI asks for this when it draws its first PNG chart (nodeReportAssets), the last phase of
 * a command. Chart.js keeps each chart's objects alive while it draws, so the young generation
 * often grew by 16 MB during the charts: SimFaaS workload, 5 runs each, peak memory 122-131 MB
 * (median 126.5) with it growing, 122-123 MB (median 123.1) stopped at the first chart, for
 * 1-2 % more instructions in the run (callgrind). Stopped from the process's start (1 MB), a run
 * took 14 % more instructions, spent in its extra collections. `lamsim run` with charts stops it
 * when the simulation begins instead (src/cli/commands/run.ts): by then loading the bundles and
 * parsing the scenario have grown it to 2 x 4 MB, and the simulation doubled it to 2 x 8 MB,
 * still resident when the charts add theirs. SimFaaS workload, peak memory median 121.8 ->
 * 113.5 MB (8 runs each, alternated), instructions within callgrind's noise (+-2 %).
 *
 * Contract: idempotent; it only changes how the heap is sized, never what a program computes.
 * V8 reads `--semi-space-growth-factor` each time it would grow the new space (Node 20 / V8 11.3;
 * test/io/youngGeneration.test.ts checks the flag still exists and still has that effect).
 * Changing a V8 flag also changes the flags a code cache is made under, and V8 rejects a cache
 * made under other flags than its own: a process that writes code caches (the build's training,
 * src/build/bundleCli.ts) must not call this before it writes them.
 */
import { setFlagsFromString } from 'node:v8';

let stopped = false;

export function stopYoungGenerationGrowth(): void {
  if (stopped) return;
  stopped = true;
  setFlagsFromString('--semi-space-growth-factor=1');
}
