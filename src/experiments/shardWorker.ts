/**
 * The piscina worker of local sharded runs (`lamsim run --shards N`): one task = one shard,
 * answered with its partial result (plain data, so it crosses the thread boundary by structured
 * clone). Loaded from the built `dist/` by ./shardRunner.ts; the same function runs in-process
 * when there is no pool.
 */

import type { Partial, ShardIndex } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { runShard } from './shards.ts';

export interface ShardTask {
  readonly scenario: Scenario;
  readonly scenarioText: string;
  readonly shard: ShardIndex;
  readonly warmupMs?: number;
}

export default function runShardTask(task: ShardTask): Partial {
  return runShard(task.scenario, task.scenarioText, task.shard, { warmupMs: task.warmupMs });
}
