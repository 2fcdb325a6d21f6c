/**
 * Knobs for a stream consumer's backlog (Kinesis or DynamoDB streams). A stream's consumer runs at
 * most shards x parallelizationFactor batches at once, one per lane (src/model/invocation/
 * streamEventSource.ts): Lambda scales it no further, so reserved concurrency cannot drain its
 * backlog. What does: more lanes per shard (ParallelizationFactor, 1..10: AWS's standard fix for a
 * growing IteratorAge) or, on Kinesis, more shards (which also raise the stream's write capacity,
 * and are billed per shard-hour). DynamoDB streams' shards are DynamoDB's own, not a setting. Pure.
 */
import { present } from '../../result.ts';
import type { DataStream, Scenario, StreamEventSource } from '../../scenario/index.ts';
import { withFunction, withResource } from '../edits.ts';
import type { Knob } from './knobs.ts';

/** ParallelizationFactor's range (CreateEventSourceMapping). */
export const MAX_PARALLELIZATION_FACTOR = 10;

/** A stream's shard count at most (the scenario schema's, and Kinesis' per-stream quota of 10,000). */
const MAX_SHARDS = 10_000;

/** `fn`'s mapping on `stream` in `scenario`, and where it is in its events (null: none). */
function mappingOf(
  scenario: Scenario,
  fn: string,
  stream: string,
): { index: number; event: StreamEventSource } | null {
  const events = scenario.functions.find((f) => f.name === fn)?.events ?? [];
  const index = events.findIndex((e) => e.kind === 'stream' && e.stream === stream);
  const event = events[index];
  return event?.kind === 'stream' ? { index, event } : null;
}

/** The shards and the parallelization factor that bound `fn`'s batches at once on `stream` (null: not a consumer). */
export function streamLanes(
  scenario: Scenario,
  fn: string,
  stream: string,
): { shards: number; parallelizationFactor: number; batchSize: number } | null {
  const mapping = mappingOf(scenario, fn, stream);
  const s = scenario.resources.find((r) => r.name === stream);
  if (!mapping || (s?.type !== 'kinesis-stream' && s?.type !== 'dynamodb-stream')) return null;
  return {
    shards: s.shardCount,
    parallelizationFactor: mapping.event.parallelizationFactor,
    batchSize: mapping.event.batchSize,
  };
}

/** `fn`'s ParallelizationFactor on `stream`, raised up to 10 (searched as an integer). */
export function parallelizationFactorKnob(s: Scenario, fn: string, stream: string): Knob | null {
  const found = mappingOf(s, fn, stream);
  if (found === null) return null;
  const current = found.event.parallelizationFactor;
  return {
    id: 'parallelizationFactor',
    domain: { kind: 'integer', current, from: current + 1, to: MAX_PARALLELIZATION_FACTOR },
    apply(scenario, value) {
      const { index, event } = present(mappingOf(scenario, fn, stream), `${fn}'s mapping on ${stream}`);
      const v = Number(value);
      return {
        scenario: withFunction(scenario, fn, (g) => ({
          ...g,
          events: g.events.map((e, i) => (i === index ? { ...event, parallelizationFactor: v } : e)),
        })),
        changes: [
          {
            setting: `functions.${fn}.events[${index}].${event.streamType}.parallelizationFactor`,
            from: event.parallelizationFactor,
            to: v,
            reason: { code: 'moreStreamLanes', function: fn, stream },
          },
        ],
      };
    },
  };
}

/** A Kinesis stream's shard count raised (searched as an integer); none for a DynamoDB stream. */
export function shardCountKnob(s: Scenario, stream: string): Knob | null {
  const d = s.resources.find((r) => r.name === stream);
  if (d?.type !== 'kinesis-stream') return null;
  const current = d.shardCount;
  return {
    id: 'shardCount',
    domain: { kind: 'integer', current, from: current + 1, to: Math.min(MAX_SHARDS, 64 * current) },
    apply(scenario, value) {
      const old = present(
        scenario.resources.find((r): r is DataStream => r.name === stream && r.type === 'kinesis-stream'),
        `stream ${stream}`,
      );
      const v = Number(value);
      return {
        scenario: withResource(scenario, { ...old, shardCount: v }),
        changes: [
          {
            setting: `resources.${stream}.shardCount`,
            from: old.shardCount,
            to: v,
            reason: { code: 'moreShards', stream },
          },
        ],
      };
    },
  };
}
