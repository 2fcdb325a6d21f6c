/**
 * Every shard of a run on this machine (`lamsim run --shards N` with no batch engine's index):
 * in parallel on a piscina pool of worker threads when the built worker is there and there is
 * more than one core, else one after the other in this thread. Both give the same partials
 * (every shard is a pure function of the scenario, seed and K/N); only the wall time differs.
 * Touches the machine (threads, the core count), like ./runners.ts.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { Partial } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import runShardTask, { type ShardTask } from './shardWorker.ts';

export interface LocalShardsOptions {
  /** Cap on threads (default: the machine's available parallelism). */
  readonly maxThreads?: number;
  readonly warmupMs?: number;
  /** Called as shards finish: done out of total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * piscina, required when a pool is made: every command that simulates loads this module, and
 * loading piscina at its start cost ~57 M instructions (~15 ms) that only `--shards` needs.
 */
function piscina(): typeof Piscina {
  return (createRequire(import.meta.url)('piscina') as typeof import('piscina')).Piscina;
}

/** The built shard worker next to this module, when it runs from `dist/`; else null. */
function builtShardWorker(): string | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const file = fileURLToPath(new URL('./shardWorker.js', import.meta.url));
  return existsSync(file) ? file : null;
}

/** The partials of shards 1..count, in order. */
export async function runLocalShards(
  scenario: Scenario,
  scenarioText: string,
  count: number,
  options: LocalShardsOptions = {},
): Promise<Partial[]> {
  const tasks: ShardTask[] = Array.from({ length: count }, (_, i) => ({
    scenario,
    scenarioText,
    shard: { index: i + 1, count },
    warmupMs: options.warmupMs,
  }));
  const threads = Math.min(options.maxThreads ?? Number.POSITIVE_INFINITY, availableParallelism(), count);
  const worker = builtShardWorker();
  let done = 0;
  let results: Partial[];
  if (threads >= 2 && worker !== null) {
    const pool = new (piscina())<ShardTask, Partial>({
      filename: worker,
      minThreads: threads,
      maxThreads: threads,
    });
    try {
      results = await Promise.all(
        tasks.map(async (task) => {
          const r = await pool.run(task);
          options.onProgress?.(++done, count);
          return r;
        }),
      );
    } finally {
      await pool.close();
    }
  } else {
    results = [];
    for (const task of tasks) {
      results.push(runShardTask(task));
      options.onProgress?.(++done, count);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return results;
}
