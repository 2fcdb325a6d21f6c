/**
 * A throttle limit no memory size lifts. Memory shortens only the CPU part of an invocation; the
 * waiting (`io`) stays, so at any memory size an environment serves at most one request per mean
 * io time, and C concurrent environments at most C / io requests a second (Little's law: busy
 * environments = throughput x duration). When, even at that rate, the share of the window's
 * arrivals left unserved is above the throttleRate bound, no memory size meets it: the sweep's
 * throttles come from the limit (the function's reserved concurrency, or the account's
 * concurrency), and only a change to the limit (`lamsim plan`) helps. Pure.
 */
import { distMean } from '../../engine/index.ts';
import type { Scenario, SloObjective } from '../../scenario/index.ts';
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
  // Served at most C / io a second over the window (plus the C running when it ends).
  const servedAtMost = (concurrency * scenario.durationMs) / ioMs + concurrency;
  const arrivals = Math.min(...points.map((p) => p.invocations));
  const leastThrottleRate = arrivals > 0 ? Math.max(0, 1 - servedAtMost / arrivals) : 0;
  return leastThrottleRate > bound.max ? { limit, concurrency, leastThrottleRate } : null;
}
