/**
 * Turns a traffic source's phases or trace into a stream of arrival times (ms) within the window.
 *
 * Phases follow Artillery: `arrivalsPerSecond` (written `arrivalRate`) for `duration`, ramping
 * linearly to `rampToPerSecond` (written `rampTo`).
 * `poisson` makes each phase an (inhomogeneous, for a ramp) Poisson process; `uniform` spaces
 * arrivals evenly in expected-count space, so a constant rate r over D seconds gives exactly r*D.
 */
import type { ArrivalStream, RateSegment, Rng } from '../../engine/index.ts';
import { evenArrivals, PiecewiseLinearRate, poissonArrivals, traceArrivals } from '../../engine/index.ts';
import type { Traffic } from '../../scenario/index.ts';

/** Rate segments in arrivals per ms, cut at the window's end. */
export function rateSegments(traffic: Traffic, windowMs: number): RateSegment[] {
  if (traffic.arrivals.kind !== 'phases') return [];
  const segments: RateSegment[] = [];
  for (const phase of traffic.arrivals.phases) {
    if (phase.startMs >= windowMs) break;
    const durationMs = Math.min(phase.durationMs, windowMs - phase.startMs);
    // A phase cut by the window keeps its ramp's slope: the rate at the cut is interpolated.
    const rampPerMs =
      phase.durationMs > 0 ? (phase.rampToPerSecond - phase.arrivalsPerSecond) / phase.durationMs : 0;
    // At the phase's own end this is rampToPerSecond up to rounding, which must not dip below zero.
    const rate1 =
      durationMs === phase.durationMs
        ? phase.rampToPerSecond
        : Math.max(0, phase.arrivalsPerSecond + rampPerMs * durationMs);
    segments.push({
      start: phase.startMs,
      duration: durationMs,
      rate0: phase.arrivalsPerSecond / 1000,
      rate1: rate1 / 1000,
    });
  }
  return segments;
}

/** Expected number of arrivals of this source in the window (exact count for traces). */
export function expectedArrivals(traffic: Traffic, windowMs: number): number {
  if (traffic.arrivals.kind === 'trace') return traffic.arrivals.timesMs.filter((t) => t < windowMs).length;
  return new PiecewiseLinearRate(rateSegments(traffic, windowMs)).total;
}

/** The arrivals in [fromMs, windowMs) (fromMs > 0: a time shard's, from its warm-up on). */
export function arrivalsFor(traffic: Traffic, windowMs: number, rng: Rng, fromMs = 0): ArrivalStream {
  if (traffic.arrivals.kind === 'trace') {
    const times = traffic.arrivals.timesMs.filter((t) => t >= fromMs && t < windowMs);
    return traceArrivals(times);
  }
  const rate = new PiecewiseLinearRate(rateSegments(traffic, windowMs));
  return traffic.mode === 'uniform' ? evenArrivals(rate, fromMs) : poissonArrivals(rate, rng, fromMs);
}
