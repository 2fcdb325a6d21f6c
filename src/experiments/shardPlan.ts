/**
 * How a scenario is cut into time shards (issue 15): the warm-up each shard simulates before its
 * slice, and what a sharded run does not support yet. Pure.
 *
 * Warm-up: the longest memory the scenario has of its past, so the state a slice inherits (warm
 * environments, their ages, events and messages waiting) has reached its steady behaviour: the
 * idle timeout (its largest value, or its 99.9th percentile when unbounded), the maximum
 * environment lifetime, asynchronous events' maximum age, queue retention and stream record age;
 * at most WARMUP_CAP_MS, and `--warmup` sets it.
 */
import type { DistSpec } from '../engine/index.ts';
import type { Scenario } from '../scenario/index.ts';

/** The longest warm-up derived from a scenario: one hour. */
export const WARMUP_CAP_MS = 3_600_000;

/** z of the 99.9th percentile of the standard normal. */
const Z_999 = 3.090232;

/** The largest value of a distribution, or its 99.9th percentile when it has none (ms). */
export function distUpperMs(spec: DistSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.max;
    case 'empirical':
      return spec.samples.reduce((m, x) => Math.max(m, x), 0);
    case 'piecewise':
      return spec.points.reduce((m, p) => Math.max(m, p.value), 0);
    case 'exponential':
      return spec.mean * Math.log(1000);
    case 'lognormal':
      return Math.exp(spec.mu + Z_999 * spec.sigma);
    case 'normal':
      return spec.mean + Z_999 * spec.stddev;
  }
}

/** The warm-up a shard simulates before its slice (ms): see the file comment. */
export function warmupMsOf(scenario: Scenario): number {
  const memories = [distUpperMs(scenario.platform.idleTimeoutMs), scenario.platform.maxLifetimeMs];
  for (const fn of scenario.functions) {
    memories.push(fn.maximumEventAgeMs);
    for (const e of fn.events) if ('maximumRecordAgeMs' in e) memories.push(e.maximumRecordAgeMs);
  }
  for (const r of scenario.resources) if ('retentionMs' in r) memories.push(r.retentionMs);
  return Math.min(WARMUP_CAP_MS, Math.max(0, ...memories));
}

/**
 * What a scenario holds that time shards do not record yet (one phrase each; empty when it can be
 * sharded): resources (queues, streams, topics, buckets, databases: also every destination or
 * dead-letter queue that is not a function), event sources, provisioned-concurrency changes.
 * Asynchronous invocations of functions (traffic via async, s3, sns or eventbridge, async calls
 * between functions, destinations that are functions) are recorded: Lambda's event queues restart
 * their recording at the slice's start like the functions do.
 */
export function shardProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const names = (xs: readonly string[]) => xs.join(', ');
  if (scenario.resources.length > 0)
    problems.push(`resources (${names(scenario.resources.map((r) => r.name))})`);
  const withEvents = scenario.functions.filter((f) => f.events.length > 0);
  if (withEvents.length > 0) problems.push(`event sources (of ${names(withEvents.map((f) => f.name))})`);
  const changing = scenario.functions.filter(
    (f) => f.provisioned.schedule.length > 0 || f.provisioned.autoScaling !== null,
  );
  if (changing.length > 0)
    problems.push(`provisioned-concurrency changes (${names(changing.map((f) => f.name))})`);
  return problems;
}
