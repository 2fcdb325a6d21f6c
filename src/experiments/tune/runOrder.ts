/**
 * The order tune hands its runs to the runner: the longest expected first (longest processing
 * time first), so the short runs come last and fill the pool's threads at the end instead of one
 * thread finishing a long run alone. On api-burst the sizes asked in ascending order are also in
 * ascending cost (a larger size throttles fewer requests, and a started request costs more to
 * simulate than a refused one), so the longest run started last.
 *
 * Only the wall time depends on the order: every run is a pure function of its scenario, and the
 * summaries come back in the order asked (`runLongestFirst`), so tune.json is the same.
 */
import { distMean, type RateSegment } from '../../engine/index.ts';
import { computeScaleOf, expectedArrivals, rateSegments } from '../../model/index.ts';
import type { Summary } from '../../results/index.ts';
import { isAsyncVia, type Scenario } from '../../scenario/index.ts';
import type { BatchOptions, BatchProgress, Runner } from '../runners.ts';

/**
 * The integral over `segments` of min(rate, capPerMs): the arrivals a server that starts at most
 * `capPerMs` per ms lets through (rates and cap in arrivals per ms, >= 0). Exact for linear rates.
 */
export function cappedArrivals(segments: readonly RateSegment[], capPerMs: number): number {
  let total = 0;
  for (const { duration, rate0, rate1 } of segments) {
    const lo = Math.min(rate0, rate1);
    const hi = Math.max(rate0, rate1);
    if (hi <= capPerMs) total += ((rate0 + rate1) / 2) * duration;
    else if (lo >= capPerMs) total += capPerMs * duration;
    else {
      // The rate crosses the cap once: below it for `belowMs`, at the cap for the rest.
      const belowMs = (duration * (capPerMs - lo)) / (hi - lo);
      total += ((lo + capPerMs) / 2) * belowMs + capPerMs * (duration - belowMs);
    }
  }
  return total;
}

/**
 * How much simulating `scenario` costs, for ordering the runs of one sweep (a relative figure,
 * not a time): the invocations of function `fnName` its traffic can start. Synchronous traffic is
 * capped by the function's concurrency over its mean handler time (Little's law: at most
 * limit / mean duration starts per ms; the rest is throttled, cheaper to simulate); asynchronous
 * traffic waits in Lambda's queue, so all of it starts. Cold starts, calls and retries are left out.
 */
export function expectedStartedInvocations(scenario: Scenario, fnName: string): number {
  const fn = scenario.functions.find((f) => f.name === fnName);
  if (!fn) return 0;
  const reservedByOthers = scenario.functions.reduce(
    (sum, f) => sum + (f !== fn && f.reservedConcurrency !== null ? f.reservedConcurrency : 0),
    0,
  );
  const limit = fn.reservedConcurrency ?? scenario.account.concurrentExecutions - reservedByOthers;
  const meanMs = distMean(fn.model.computeMs) * computeScaleOf(fn) + distMean(fn.model.ioMs);
  const capPerMs = meanMs > 0 ? limit / meanMs : Number.POSITIVE_INFINITY;
  let started = 0;
  for (const t of scenario.traffic) {
    if (t.targetKind !== 'function' || t.target !== fnName) continue;
    const segments = rateSegments(t, scenario.durationMs);
    started +=
      isAsyncVia(t.via) || segments.length === 0
        ? expectedArrivals(t, scenario.durationMs)
        : cappedArrivals(segments, capPerMs);
  }
  return started;
}

/** The indices of `costs`, largest cost first; equal costs keep their order. */
export function longestFirst(costs: readonly number[]): number[] {
  return costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
}

/**
 * `runner.run(scenarios)` with the runs handed over largest `costs` first, the summaries in the
 * order of `scenarios`. Progress counts runs finished, as runner.run does; `options` go to it
 * (per-run flags reordered with their runs).
 */
export async function runLongestFirst(
  runner: Runner,
  scenarios: readonly Scenario[],
  costs: readonly number[],
  onProgress?: BatchProgress,
  options?: BatchOptions,
): Promise<Summary[]> {
  const order = longestFirst(costs);
  const shared = options?.sharedArrivals;
  const ordered = await runner.run(
    order.map((i) => scenarios[i]),
    onProgress,
    typeof shared === 'object'
      ? { ...options, sharedArrivals: order.map((i) => shared[i] === true) }
      : options,
  );
  const summaries = new Array<Summary>(scenarios.length);
  order.forEach((i, k) => {
    summaries[i] = ordered[k];
  });
  return summaries;
}
