/**
 * Refuses, before simulating, a scenario too large to finish in reasonable time, with an
 * estimate (design: "refused up front with an estimate, not left to hang"). Pure.
 */
import { expectedArrivals } from '../model/traffic/arrivalsFor.ts';
import type { Scenario } from '../scenario/types.ts';

/** Default ceiling on expected invocations per run (raise with `--max-invocations`). */
export const DEFAULT_MAX_INVOCATIONS = 50_000_000;
/**
 * Throughput used for the time estimate: invocations simulated per second of wall time on one
 * core of the CI machines (`npm run bench`: "run api-burst" measured 0.2-0.45 M/s, the low end
 * with the second core busy).
 */
export const ESTIMATED_INVOCATIONS_PER_SECOND = 300_000;

export interface SizeEstimate {
  readonly invocations: number;
  readonly seconds: number;
}

export function estimateSize(scenario: Scenario): SizeEstimate {
  const invocations = scenario.traffic.reduce((sum, t) => sum + expectedArrivals(t, scenario.durationMs), 0);
  return { invocations, seconds: invocations / ESTIMATED_INVOCATIONS_PER_SECOND };
}

/** A message explaining the refusal, or null when the scenario is within the limit. */
export function sizeProblem(scenario: Scenario, maxInvocations = DEFAULT_MAX_INVOCATIONS): string | null {
  const estimate = estimateSize(scenario);
  if (estimate.invocations <= maxInvocations) return null;
  const count = (n: number) =>
    n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : Math.round(n).toLocaleString('en-US');
  const time =
    estimate.seconds < 60 ? `${Math.ceil(estimate.seconds)} s` : `${Math.ceil(estimate.seconds / 60)} min`;
  return (
    `scenario too large to simulate: about ${count(estimate.invocations)} invocations ` +
    `(roughly ${time}), above the limit of ${count(maxInvocations)}; ` +
    'shorten `duration`, lower the rates, or raise the limit with --max-invocations'
  );
}
