import { InvalidParameterError } from './errors.ts';
import type { PiecewiseLinearRate } from './piecewiseLinearRate.ts';
import type { Rng } from './rng.ts';

export { PiecewiseLinearRate, type RateSegment } from './piecewiseLinearRate.ts';

/** A source of arrival times, pulled one at a time. */
export interface ArrivalStream {
  /** The next arrival time, non-decreasing from call to call; Infinity once exhausted (and forever after). */
  next(): number;
}

/**
 * An inhomogeneous Poisson process with intensity `rate`, by time transformation: a unit-rate Poisson
 * process in count space (gaps -ln(1 - u), u = rng.next()) mapped through `rate.inverse`. A linear ramp
 * is therefore a true inhomogeneous process, not a staircase. Consumes exactly one `rng.next()` per
 * arrival, plus one final draw that finds the count past `rate.total`; none after that. O(log segments) per arrival.
 */
export function poissonArrivals(rate: PiecewiseLinearRate, rng: Rng, fromMs = 0): ArrivalStream {
  // From `fromMs` on (a time shard): the same process restricted to [fromMs, ...), by memorylessness.
  return new PoissonArrivals(rate, rng, fromMs > 0 ? rate.cumulative(fromMs) : 0);
}

/**
 * poissonArrivals' stream. A class, not a closure: the running count is a number field, which V8
 * updates in place, where a closure's variable holding a double gets a new heap box at every
 * arrival (and a write barrier to store it).
 */
class PoissonArrivals implements ArrivalStream {
  private done = false;

  constructor(
    private readonly rate: PiecewiseLinearRate,
    private readonly rng: Rng,
    /** The unit-rate process's count so far (the expected count at the last arrival). */
    private count: number,
  ) {}

  next(): number {
    if (this.done) return Number.POSITIVE_INFINITY;
    this.count -= Math.log1p(-this.rng.next());
    const t = this.rate.inverse(this.count);
    if (t === Number.POSITIVE_INFINITY) this.done = true;
    return t;
  }
}

/** Counts within this relative distance below `total` are treated as reaching it (absorbs rounding in rate * duration). */
const EVEN_TOTAL_TOLERANCE = 1e-12;

/**
 * Deterministic arrivals evenly spaced in count space: the k-th arrival (k = 0, 1, ...) at
 * rate.inverse(k), while k < total. A constant rate r over [0, D) gives floor(r D) arrivals (exactly
 * r D when that is an integer: the end is exclusive), the first at 0 and then every 1 / r. A count
 * within 1e-12 relative of total counts as reaching it, so rounding in r * D never adds an arrival at
 * the very end. Draws no random numbers. O(log segments) per arrival.
 */
export function evenArrivals(rate: PiecewiseLinearRate, fromMs = 0): ArrivalStream {
  const limit = rate.total * (1 - EVEN_TOTAL_TOLERANCE);
  // From `fromMs` on (a time shard): the first k whose arrival is not before it, so that shards
  // of a window see exactly the arrivals of the whole window.
  let k = 0;
  if (fromMs > 0) {
    k = Math.max(0, Math.ceil(rate.cumulative(fromMs)) - 1);
    while (k < limit && rate.inverse(k) < fromMs) k++;
  }
  return {
    next(): number {
      if (!(k < limit)) return Number.POSITIVE_INFINITY;
      return rate.inverse(k++);
    },
  };
}

/**
 * Replays recorded arrival times (copied at creation). Throws InvalidParameterError unless every
 * time is finite, >= 0 and the list is non-decreasing.
 */
export function traceArrivals(times: readonly number[]): ArrivalStream {
  const copy = Float64Array.from(times);
  for (let i = 0; i < copy.length; i++) {
    const t = copy[i];
    if (!(Number.isFinite(t) && t >= 0 && (i === 0 || t >= copy[i - 1]))) {
      throw new InvalidParameterError(
        `trace arrival ${i} (${t}) must be finite, >= 0 and not before the previous one`,
      );
    }
  }
  let i = 0;
  return {
    next(): number {
      return i < copy.length ? copy[i++] : Number.POSITIVE_INFINITY;
    },
  };
}

/**
 * Exactly `count` arrivals in [startMs, startMs + durationMs): a homogeneous Poisson process
 * conditioned on its count, i.e. `count` independent uniform times, handed out in order. Drawn
 * one at a time without storing them: given the k-th smallest of n uniforms at u, the next is
 * 1 - (1 - u) V^(1/(n - k)), V uniform on (0, 1] (the minimum of the n - k left, rescaled). One
 * `rng.next()` per arrival, none after the last. Times before `fromMs` (a time shard) are drawn
 * and skipped, so a shard sees the part of the same kind of draw that falls in its slice.
 */
export function exactCountArrivals(
  startMs: number,
  durationMs: number,
  count: number,
  rng: Rng,
  fromMs = 0,
): ArrivalStream {
  if (!(Number.isInteger(count) && count >= 0 && durationMs > 0 && startMs >= 0)) {
    throw new InvalidParameterError(
      `exactCountArrivals needs an integer count >= 0, a duration > 0 and a start >= 0; got count=${count}, duration=${durationMs}, start=${startMs}`,
    );
  }
  let left = count;
  let u = 0;
  const draw = (): number => {
    if (left === 0) return Number.POSITIVE_INFINITY;
    u = 1 - (1 - u) * (1 - rng.next()) ** (1 / left);
    left--;
    // u < 1 up to rounding; keep the time inside the phase.
    return Math.min(startMs + durationMs * u, startMs + durationMs * (1 - Number.EPSILON));
  };
  return {
    next(): number {
      let t = draw();
      while (t < fromMs) t = draw();
      return t;
    },
  };
}

/** The arrivals of several streams in time order (ties: the earlier stream first). */
export function mergedArrivals(streams: readonly ArrivalStream[]): ArrivalStream {
  const heads = streams.map((s) => s.next());
  return {
    next(): number {
      let best = 0;
      for (let i = 1; i < heads.length; i++) if (heads[i] < heads[best]) best = i;
      if (heads.length === 0) return Number.POSITIVE_INFINITY;
      const t = heads[best];
      if (t !== Number.POSITIVE_INFINITY) heads[best] = streams[best].next();
      return t;
    },
  };
}
