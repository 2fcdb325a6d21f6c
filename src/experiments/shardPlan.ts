/**
 * How a scenario is cut into time shards (issue 15): the warm-up each shard simulates before its
 * slice. Every scenario can be sharded (SQS queues nobody reads that keep every message of the
 * window, whose contents no warm-up can rebuild, are continued by the merge:
 * results/unreadQueues.ts). Pure.
 *
 * Warm-up: the longest memory the scenario has of its past, so the state a slice inherits (warm
 * environments, their ages and the database connections and proxy sessions they hold, events,
 * messages and records waiting) has reached its steady behaviour: the idle timeout (its largest
 * value, or its 99.9th percentile when unbounded), the maximum environment lifetime, asynchronous
 * events' maximum age (of the functions that receive them), the message retention of the SQS
 * queues an event source reads (which bounds every visibility timeout and redrive a message goes
 * through), stream retention and event source mappings' maximum record age, and
 * provisioned-concurrency auto scaling's look-back (its scale-in alarm's 15 one-minute points
 * after its scale-out alarm's 3); at most WARMUP_CAP_MS; `--warmup` sets it. A queue nobody reads
 * that keeps every message of the window is continued by the merge instead of rebuilt; one whose
 * messages expire inside the window needs a warm-up of its whole retention, above the cap (at a
 * slice's start it holds the last retention period's messages).
 */
import type { DistSpec } from '../engine/index.ts';
import {
  AUTO_SCALING_PERIOD_MS,
  keepsWholeWindow,
  SCALE_IN_POINTS,
  SCALE_OUT_POINTS,
  unreadQueues,
} from '../model/index.ts';
import { isAsyncVia, type Scenario } from '../scenario/index.ts';

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
  const memories = [distUpperMs(scenario.platform.idleTimeoutMs)];
  // `maxLifetime: off` (never retired): an environment's age changes nothing, so it is no memory.
  if (Number.isFinite(scenario.platform.maxLifetimeMs)) memories.push(scenario.platform.maxLifetimeMs);
  const invokedAsynchronously = asyncTargets(scenario);
  for (const fn of scenario.functions) {
    if (invokedAsynchronously.has(fn.name)) memories.push(fn.maximumEventAgeMs);
    if (fn.provisioned.autoScaling !== null)
      memories.push((SCALE_OUT_POINTS + SCALE_IN_POINTS) * AUTO_SCALING_PERIOD_MS);
    for (const e of fn.events) if ('maximumRecordAgeMs' in e) memories.push(e.maximumRecordAgeMs);
  }
  // A queue nobody reads is continued by the merge or needs its whole retention (below).
  const unread = unreadQueues(scenario);
  const unreadNames = new Set(unread.map((q) => q.name));
  for (const r of scenario.resources) {
    if ('retentionMs' in r) memories.push(r.retentionMs);
    if ('messageRetentionMs' in r && !unreadNames.has(r.name)) memories.push(r.messageRetentionMs);
  }
  // An unread queue whose messages expire inside the window holds the last retention period's
  // messages at a slice's start: only a warm-up that long rebuilds it, whatever the cap.
  const expiring = unread.filter((q) => !keepsWholeWindow(q, scenario.durationMs));
  return Math.max(
    Math.min(WARMUP_CAP_MS, Math.max(0, ...memories)),
    ...expiring.map((q) => q.messageRetentionMs),
  );
}

/**
 * The functions that receive asynchronous events (their queue remembers events up to
 * `maximumEventAge`): targets of traffic via async, s3, sns or eventbridge, of `invocation: async`
 * calls and of destinations, and functions with S3, SNS or schedule event sources.
 */
function asyncTargets(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  for (const t of scenario.traffic) if (t.targetKind === 'function' && isAsyncVia(t.via)) names.add(t.target);
  for (const fn of scenario.functions) {
    for (const c of fn.model.calls)
      if (c.kind === 'function' && c.invocation === 'async') names.add(c.function);
    for (const d of [fn.destinations.onSuccess, fn.destinations.onFailure]) if (d !== null) names.add(d);
    if (fn.events.some((e) => e.kind === 's3' || e.kind === 'sns' || e.kind === 'schedule'))
      names.add(fn.name);
  }
  return names;
}
