/**
 * Refuses, before simulating, a scenario too large to finish in reasonable time, with an
 * estimate (design: "refused up front with an estimate, not left to hang"). Pure.
 *
 * What is counted is work, not arrivals: every invocation (of every function, through every
 * event source and every chain of calls) and every call a handler makes (`count` each). Chains
 * follow the scenario's wiring: a function's Invoke calls and its writes into queues, topics,
 * buckets and streams that other functions consume, hop by hop, as the model counts chain depth.
 * A function with `recursiveLoop: terminate` is not invoked at depth 16 or more (AWS's recursive
 * loop detection); with `allow`, a chain is followed for as many hops as fit in the window at the
 * function's mean handler time. Queue and stream consumers are counted per batch, asynchronous
 * targets with their retries after function errors. The estimate is an expectation, often an
 * upper bound (it ignores throttles, which only lower the work).
 */

import { decimalText } from '../decimalText.ts';
import { distMean } from '../engine/index.ts';
import { expectedArrivals } from '../model/index.ts';
import { isAsyncVia, type LambdaFunction, type Scenario } from '../scenario/index.ts';
import { backlogText, largestBacklog, MAX_HELD_MESSAGES } from './backlogEstimate.ts';

/**
 * Work (invocations plus handler calls, the unit the estimate counts) simulated per second of wall
 * time on one core, as `npm run bench` measures it (issue 14, simulate-only targets on a 2-core
 * machine): the SimFaaS workload ~1.1 M invocations/s, api-burst ~1.0 M/s, the RDS Proxy workload
 * ~0.3 M invocations/s with 3 calls each (~1.2 M units/s). The low end, rounded down.
 */
export const ESTIMATED_INVOCATIONS_PER_SECOND = 1_000_000;
/** The wall time a run may be expected to take before it is refused (the default limit's basis). */
export const MAX_ESTIMATED_SECONDS = 30 * 60;
/**
 * Default ceiling on expected invocations and calls per run (raise with `--max-invocations`):
 * what the measured rate simulates in MAX_ESTIMATED_SECONDS, 1.8 G. A month at 100 req/s (259 M
 * invocations) with up to 5 calls each fits.
 */
export const DEFAULT_MAX_INVOCATIONS = ESTIMATED_INVOCATIONS_PER_SECOND * MAX_ESTIMATED_SECONDS;
/** AWS recursive loop detection stops a chain at this depth (model/messaging/sink.ts). */
const RECURSION_DEPTH = 16;
/** Hops followed at most for one chain (a chain that still grows then is reported as unbounded). */
const MAX_HOPS = 1_000_000;

export interface SizeEstimate {
  /** Expected invocations plus calls made by handlers (Infinity when it grows without bound). */
  readonly invocations: number;
  readonly seconds: number;
}

interface Edge {
  readonly to: number;
  /** Invocations of `to` per invocation of the source. */
  readonly perInvocation: number;
}

/** Functions each function's invocation leads to (Invoke calls, writes consumed by functions). */
function wiring(scenario: Scenario): {
  edges: Edge[][];
  callsPerInvocation: number[];
  consumers: Map<string, Edge[]>;
} {
  const index = new Map(scenario.functions.map((f, i) => [f.name, i]));
  /** Invocations per message written into a resource, by resource name. */
  const consumers = new Map<string, Edge[]>();
  scenario.functions.forEach((fn, i) => {
    for (const source of fn.events) {
      const add = (name: string, perMessage: number) =>
        consumers.set(name, [...(consumers.get(name) ?? []), { to: i, perInvocation: perMessage }]);
      if (source.kind === 'sqs') add(source.queue, 1 / source.batchSize);
      else if (source.kind === 'stream') add(source.stream, 1 / source.batchSize);
      else if (source.kind === 's3' || source.kind === 'sns') add(source.source, asyncAttempts(fn));
    }
  });
  // A topic's queues are consumed per message published, then a bucket's queues and topics.
  for (const type of ['sns-topic', 's3-bucket'] as const) {
    for (const r of scenario.resources) {
      if (r.type !== type) continue;
      const delivered = r.deliverTo.flatMap((to) => consumers.get(to) ?? []);
      if (delivered.length > 0) consumers.set(r.name, [...(consumers.get(r.name) ?? []), ...delivered]);
    }
  }
  const edges = scenario.functions.map(() => [] as Edge[]);
  const callsPerInvocation = scenario.functions.map(() => 0);
  scenario.functions.forEach((fn, i) => {
    for (const call of fn.model.calls) {
      callsPerInvocation[i] += call.count;
      if (call.kind === 'function') {
        const to = index.get(call.function);
        if (to === undefined) continue;
        const callee = scenario.functions[to];
        const per = call.invocation === 'async' ? asyncAttempts(callee) : 1;
        edges[i].push({ to, perInvocation: call.count * per });
      } else if (call.kind === 'resource') {
        for (const c of consumers.get(call.resource) ?? []) {
          edges[i].push({ to: c.to, perInvocation: call.count * c.perInvocation });
        }
      }
    }
  });
  return { edges, callsPerInvocation, consumers };
}

/** Invocations per asynchronous event: the first attempt and the retries after function errors. */
const asyncAttempts = (fn: LambdaFunction): number => 1 + fn.model.errorRate * fn.maximumRetryAttempts;

/** Scheduled invocations in the window (an upper bound for cron expressions). */
function scheduledRuns(fn: LambdaFunction, windowMs: number): number {
  let runs = 0;
  for (const source of fn.events) {
    if (source.kind !== 'schedule') continue;
    const spec = source.schedule;
    // A cron fires at most minutes x hours times a day (day-of-month, month and weekday only thin it).
    runs +=
      spec.kind === 'rate'
        ? windowMs / spec.periodMs
        : Math.min(
            windowMs / 60_000,
            Math.ceil(windowMs / 86_400_000) * spec.minutes.length * spec.hours.length,
          );
  }
  return runs * asyncAttempts(fn);
}

/** The longest chain of `fn` that fits in the window (hops at its mean handler time, >= 1 ms). */
function hopsInWindow(fn: LambdaFunction, windowMs: number): number {
  const hopMs = Math.max(1, distMean(fn.model.computeMs) + distMean(fn.model.ioMs));
  return Math.min(MAX_HOPS, Math.ceil(windowMs / hopMs));
}

export function estimateSize(scenario: Scenario, limit = Number.POSITIVE_INFINITY): SizeEstimate {
  const windowMs = scenario.durationMs;
  const fns = scenario.functions;
  const { edges, callsPerInvocation, consumers } = wiring(scenario);
  const index = new Map(fns.map((f, i) => [f.name, i]));
  // Depth 0: invocations started by traffic and schedules.
  let level = fns.map((fn) => scheduledRuns(fn, windowMs));
  let work = 0;
  for (const t of scenario.traffic) {
    const arrivals = expectedArrivals(t, windowMs);
    if (t.targetKind === 'function') {
      const i = index.get(t.target);
      if (i === undefined) continue;
      level[i] += arrivals * (isAsyncVia(t.via) ? asyncAttempts(fns[i]) : 1);
    } else {
      // Traffic into a resource: each message is written, then consumed as a handler's write is.
      work += arrivals;
      for (const c of consumers.get(t.target) ?? []) level[c.to] += arrivals * c.perInvocation;
    }
  }
  const maxHops = Math.max(
    ...fns.map((fn) => (fn.recursiveLoop === 'allow' ? hopsInWindow(fn, windowMs) : 0)),
    RECURSION_DEPTH,
  );
  for (let depth = 0; depth < maxHops; depth++) {
    let total = 0;
    const next = fns.map(() => 0);
    for (let i = 0; i < fns.length; i++) {
      const n = level[i];
      if (n === 0) continue;
      total += n;
      work += n * (1 + callsPerInvocation[i]);
      for (const e of edges[i]) next[e.to] += n * e.perInvocation;
    }
    if (total === 0 || !(work <= limit) || !Number.isFinite(work)) break;
    // The next hop is at depth + 1: detection stops it for `terminate` functions.
    level = next.map((n, i) =>
      fns[i].recursiveLoop === 'terminate'
        ? depth + 1 < RECURSION_DEPTH
          ? n
          : 0
        : depth + 1 < hopsInWindow(fns[i], windowMs)
          ? n
          : 0,
    );
    if (depth + 1 === maxHops && level.some((n) => n > 0)) work = Number.POSITIVE_INFINITY;
  }
  if (!Number.isFinite(work)) work = Number.POSITIVE_INFINITY;
  return { invocations: work, seconds: work / ESTIMATED_INVOCATIONS_PER_SECOND };
}

/** `1,234`, `12.3M`, `1.8B`, `4.5e+12`. */
export const countText = (n: number): string =>
  n >= 1e12
    ? n.toExponential(1)
    : n >= 1e9
      ? `${(n / 1e9).toFixed(1)}B`
      : n >= 1e6
        ? `${(n / 1e6).toFixed(1)}M`
        : decimalText(Math.round(n));

/**
 * A message explaining the refusal, or null when the scenario is within the limits: its work
 * (invocations and calls, `maxInvocations`) and the messages a queue would hold at once
 * (./backlogEstimate.ts, MAX_HELD_MESSAGES).
 */
export function sizeProblem(scenario: Scenario, maxInvocations = DEFAULT_MAX_INVOCATIONS): string | null {
  const estimate = estimateSize(scenario, maxInvocations);
  if (estimate.invocations <= maxInvocations) {
    const backlog = largestBacklog(scenario);
    if (backlog === null || backlog.heldMessages <= MAX_HELD_MESSAGES) return null;
    return (
      `scenario too large to simulate: ${backlogText(backlog, MAX_HELD_MESSAGES)}; ` +
      'lower the rates or shorten the burst, or let its consumers drain more (maximumConcurrency, ' +
      'reserved concurrency, batchSize)'
    );
  }
  if (!Number.isFinite(estimate.invocations)) {
    return (
      'scenario too large to simulate: its invocations and calls grow without bound (a chain of ' +
      'calls or writes that fans out faster than it ends), above the limit of ' +
      `${countText(maxInvocations)}; lower the calls' count, or use recursiveLoop: terminate`
    );
  }
  const time =
    estimate.seconds < 60
      ? `${Math.ceil(estimate.seconds)} s`
      : estimate.seconds < 360_000
        ? `${Math.ceil(estimate.seconds / 60)} min`
        : `${countText(Math.ceil(estimate.seconds / 3600))} h`;
  return (
    `scenario too large to simulate: about ${countText(estimate.invocations)} invocations and calls ` +
    `(roughly ${time}), above the limit of ${countText(maxInvocations)}; ` +
    'shorten `duration`, lower the rates or the calls per invocation, or raise the limit with --max-invocations'
  );
}
