/**
 * A throttle limit no memory size lifts. Memory shortens only the CPU part of an invocation; the
 * waiting (`io`) stays, so at any memory size an environment serves at most one request per mean
 * io time, and C concurrent environments at most C / io requests a second (Little's law: busy
 * environments = throughput x duration). When, even at that rate, the share of the window's
 * arrivals left unserved is above the throttleRate bound, no memory size meets it: the sweep's
 * throttles come from the limit (the function's reserved concurrency, or the account's
 * concurrency), and only a change to the limit (`lamsim plan`) helps.
 *
 * The rate is bounded phase by phase where the phases say when requests arrive (traffic into the
 * function is all it gets): a burst above C / io throttles whatever the window's mean, since
 * requests refused in a burst are not served later by the quiet after it (a caller's throttle
 * retries span at most its SDK backoff, which each phase's capacity includes). Otherwise over the
 * whole window. Pure.
 */
import { distMean } from '../../engine/index.ts';
import { maxRetryBackoffMs } from '../../model/index.ts';
import {
  isAsyncVia,
  type Phase,
  type Scenario,
  type SloObjective,
  type Traffic,
} from '../../scenario/index.ts';
import type { TunePoint } from './point.ts';

/** The limit that throttles at every memory size, and its concurrency. */
export interface ConcurrencyLimit {
  readonly limit: 'reservedConcurrency' | 'accountConcurrency';
  readonly concurrency: number;
  /** The least share of arrivals throttled at any memory size (the bound above), 0..1. */
  readonly leastThrottleRate: number;
}

/**
 * The limit, when every point violates the throttleRate constraint, every throttled attempt at
 * every point was refused by that one limit, and the bound above shows no memory size can meet
 * the constraint; else null.
 */
export function concurrencyLimitMemoryCannotLift(
  scenario: Scenario,
  fn: string,
  points: readonly TunePoint[],
  constraints: readonly SloObjective[],
): ConcurrencyLimit | null {
  const bound = constraints.find((c) => c.metric === 'throttleRate');
  const f = scenario.functions.find((x) => x.name === fn);
  if (bound === undefined || f === undefined || points.length === 0) return null;
  if (!points.every((p) => p.violations.some((v) => v.metric === 'throttleRate'))) return null;
  const by = (limit: ConcurrencyLimit['limit']) =>
    points.every((p) => p.throttledAttempts > 0 && p.throttledBy[limit] === p.throttledAttempts);
  const limit = by('reservedConcurrency')
    ? 'reservedConcurrency'
    : by('accountConcurrency')
      ? 'accountConcurrency'
      : null;
  if (limit === null) return null;
  const concurrency =
    limit === 'reservedConcurrency' ? (f.reservedConcurrency ?? 0) : scenario.account.concurrentExecutions;
  const ioMs = distMean(f.model.ioMs);
  if (!(ioMs > 0)) return null;
  const arrivals = Math.min(...points.map((p) => p.invocations));
  // Served at most C / io a second over a span (plus the C running when it ends).
  const servedIn = (spanMs: number) => (concurrency * spanMs) / ioMs + concurrency;
  const segments = arrivalSegments(scenario, fn);
  const servedAtMost =
    segments === null
      ? servedIn(scenario.durationMs)
      : segments.segments.reduce(
          (sum, x) =>
            // The segment's share of the arrivals measured, which the phases expect in it.
            sum +
            Math.min((arrivals * x.expected) / segments.expected, servedIn(x.durationMs + segments.retryMs)),
          0,
        );
  const leastThrottleRate = arrivals > 0 ? Math.max(0, 1 - servedAtMost / arrivals) : 0;
  return leastThrottleRate > bound.max ? { limit, concurrency, leastThrottleRate } : null;
}

/** A stretch of the window between two phase boundaries, and the arrivals the phases expect in it. */
interface Segment {
  readonly durationMs: number;
  readonly expected: number;
}

/**
 * The window cut at every phase boundary of the traffic into `fn`, with the arrivals the phases
 * expect in each stretch (ramps integrated), and the longest throttle-retry backoff of those
 * callers; null unless `fn`'s requests all come from synchronous traffic with phases aimed at it
 * (no other function calls it, no event source or asynchronous front door invokes it).
 */
function arrivalSegments(
  scenario: Scenario,
  fn: string,
): { segments: Segment[]; expected: number; retryMs: number } | null {
  const f = scenario.functions.find((x) => x.name === fn);
  const called = scenario.functions.some((g) =>
    g.model.calls.some((c) => c.kind === 'function' && c.function === fn),
  );
  if (!f || f.events.length > 0 || called) return null;
  const into = scenario.traffic.filter((t) => t.targetKind === 'function' && t.target === fn);
  if (into.length === 0 || into.some((t) => isAsyncVia(t.via) || t.arrivals.kind !== 'phases')) return null;
  const sources = into.flatMap((t: Traffic) => (t.arrivals.kind === 'phases' ? [t.arrivals.phases] : []));
  const windowMs = scenario.durationMs;
  const cuts = new Set<number>([0, windowMs]);
  for (const p of sources.flat()) {
    cuts.add(Math.min(p.startMs, windowMs));
    cuts.add(Math.min(p.startMs + p.durationMs, windowMs));
  }
  const times = [...cuts].sort((a, b) => a - b);
  const segments = times.slice(1).map((end, i) => {
    const start = times[i];
    return {
      durationMs: end - start,
      expected: sources.reduce((sum, ps) => sum + expectedIn(ps, start, end), 0),
    };
  });
  const expected = segments.reduce((sum, x) => sum + x.expected, 0);
  if (!(expected > 0)) return null;
  return { segments, expected, retryMs: Math.max(...into.map((t) => maxRetryBackoffMs(t.retry))) };
}

/** Arrivals one source's phases expect between `startMs` and `endMs` (a ramp's rate integrated). */
function expectedIn(phases: readonly Phase[], startMs: number, endMs: number): number {
  let total = 0;
  for (const p of phases) {
    const from = Math.max(startMs, p.startMs);
    const to = Math.min(endMs, p.startMs + p.durationMs);
    if (!(to > from)) continue;
    const rateAt = (t: number) =>
      p.arrivalsPerSecond + (p.rampToPerSecond - p.arrivalsPerSecond) * ((t - p.startMs) / p.durationMs);
    total += ((rateAt(from) + rateAt(to)) / 2) * ((to - from) / 1000);
  }
  return total;
}
