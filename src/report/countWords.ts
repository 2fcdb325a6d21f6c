/**
 * What a function's counts count, in words (README "Counts that add up"): `arrived` counts what
 * callers sent (requests, asynchronous events or batch deliveries), `started` counts invocations,
 * the retries of events that started included. Every printed count of arrivals names its noun here. Pure.
 */
import type { FunctionSummary } from '../results/index.ts';

export { eventsOnly } from '../results/index.ts';

/**
 * The plural noun of what `arrived` counts: `requests`, `events`, `batches`, or `invocations`
 * when the function is invoked in more than one way (arrivals then do not split by kind).
 * A function nothing invoked counts requests.
 */
export function arrivalNoun(f: Pick<FunctionSummary, 'invokedAs'>): string {
  const kinds = f.invokedAs;
  if (kinds.length > 1) return 'invocations';
  if (kinds[0] === 'events') return 'events';
  if (kinds[0] === 'batches') return 'batches';
  return 'requests';
}
