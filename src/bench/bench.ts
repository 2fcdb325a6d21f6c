/**
 * The benchmark harness: a bench is a name and a `run()` that returns a BenchResult, timing only its
 * measured part with `measure`. This folder is an edge (like the CLI): it may use the wall clock and
 * process memory; nothing in src/ may import it.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface BenchResult {
  /** Operations in the timed part (events, draws, arrivals). */
  readonly ops: number;
  /** What one operation is, plural: 'events', 'draws', ... */
  readonly unit: string;
  /** Wall-clock seconds of the timed part (the fastest of its repeats). */
  readonly seconds: number;
  /** Growth of the JS heap over the timed part, in bytes, measured after a full GC on both sides. */
  readonly heapGrowthBytes: number;
}

export interface Bench {
  readonly name: string;
  run(): BenchResult;
}

// Expose a full GC so heap growth is measured on live objects, not on garbage awaiting collection.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live heap bytes after a full GC. */
export function liveHeapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Times `body` (which performs `ops` operations of `unit` and can be repeated) `repeats` times after
 * the caller's setup and warm-up, and reports the fastest run: on a shared machine the best time is the
 * least disturbed one. Heap growth is measured across all runs.
 */
export function measure(unit: string, ops: number, body: () => void, repeats = 3): BenchResult {
  const heapBefore = liveHeapBytes();
  let seconds = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    body();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  const heapGrowthBytes = liveHeapBytes() - heapBefore;
  return { ops, unit, seconds, heapGrowthBytes };
}
