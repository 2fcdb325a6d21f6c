/**
 * Turns a traffic source's phases or trace into a stream of arrival times (ms) within the window.
 *
 * Phases follow Artillery: `arrivalsPerSecond` (written `arrivalRate`) for `duration`, ramping
 * linearly to `rampToPerSecond` (written `rampTo`).
 * `poisson` makes each phase an (inhomogeneous, for a ramp) Poisson process; `uniform` spaces
 * arrivals evenly in expected-count space, so a constant rate r over D seconds gives exactly r*D.
 * A phase written `{ duration, arrivalCount }` (`exactCount`) has exactly that many arrivals in
 * both modes: in `poisson` mode as a Poisson process conditioned on its count (the count's times
 * drawn uniformly over the phase), merged with the Poisson process of the other phases.
 */
import type { ArrivalStream, RateSegment, Rng } from '../../engine/index.ts';
import {
  evenArrivals,
  exactCountArrivals,
  mergedArrivals,
  PiecewiseLinearRate,
  poissonArrivals,
  traceArrivals,
} from '../../engine/index.ts';
import type { Phase, Traffic } from '../../scenario/index.ts';

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
  if (traffic.mode === 'uniform') return evenArrivals(rate, fromMs);
  const phases = traffic.arrivals.phases;
  if (!phases.some((p) => p.exactCount)) return poissonArrivals(rate, rng, fromMs);
  // The other phases' Poisson process (the exact ones left out of its rate), and each exact
  // phase's count, in time order; a phase the window cuts keeps the arrivals before the cut.
  const others = {
    ...traffic,
    arrivals: { kind: 'phases' as const, phases: phases.filter((p) => !p.exactCount) },
  };
  const exact = phases
    .filter((p) => p.exactCount && p.startMs < windowMs)
    .map((p) =>
      beforeMs(exactCountArrivals(p.startMs, p.durationMs, exactCountOf(p), rng, fromMs), windowMs),
    );
  return mergedArrivals([
    poissonArrivals(new PiecewiseLinearRate(rateSegments(others, windowMs)), rng, fromMs),
    ...exact,
  ]);
}

/** The arrivals of an `exactCount` phase: its rate × duration, rounded (a scaled phase's too). */
const exactCountOf = (p: Phase): number => Math.round((p.arrivalsPerSecond * p.durationMs) / 1000);

/** The stream's times before `endMs`, then Infinity. */
function beforeMs(stream: ArrivalStream, endMs: number): ArrivalStream {
  return {
    next(): number {
      const t = stream.next();
      return t < endMs ? t : Number.POSITIVE_INFINITY;
    },
  };
}
