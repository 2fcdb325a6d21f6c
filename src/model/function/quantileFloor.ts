/**
 * Exact lower bounds of a sampler's quantile function, by cell of p: `floor(p) <= quantile(p)` as
 * doubles, for every p in [0, 1), where `quantile` is that of the engine's sampler for the same spec
 * (engine/samplers.ts). A caller that only needs to know whether a drawn quantile is at least some
 * threshold can skip the quantile's arithmetic (a search, a log, an exp) when the floor already is.
 *
 * Why the bounds hold, by kind:
 * - piecewise: quantile(p) = v0 + ((p - p0) / (p1 - p0)) (v1 - v0) in the segment [p0, p1) holding p,
 *   with p >= p0, p1 > p0 and v1 >= v0 (validated: values and p non-decreasing), so every rounded
 *   step is >= 0 and the result is >= v0; the segment holding p starts at or after the one holding
 *   the cell's start (p >= cell start), and values do not decrease. p >= 1 gives the last value.
 * - constant: the value itself. uniform: min + p (max - min) >= min. empirical: a sample, so >= the
 *   smallest. exponential, lognormal, truncated normal: >= 0 (a log1p of a negative number negated,
 *   an exp, a max with 0; a normal with stddev 0 gives its mean, >= 0 by validation).
 * Cost: one multiply, a truncation and a load.
 */
import type { DistSpec } from '../../engine/index.ts';

/** Cells per unit of p (a power of two, so p * CELLS is exact and its cell starts at or below p). */
const CELLS = 64;

export class QuantileFloor {
  /** cells[j]: a bound for every p in [j / CELLS, (j + 1) / CELLS); one more for p = 1. */
  private readonly cells: Float64Array;

  constructor(spec: DistSpec) {
    this.cells = new Float64Array(CELLS + 1).fill(floorOf(spec));
    if (spec.kind === 'piecewise') {
      const pts = spec.points;
      for (let j = 0; j <= CELLS; j++) {
        let i = 0; // the last point with p <= the cell's start
        while (i + 1 < pts.length && pts[i + 1].p <= j / CELLS) i++;
        this.cells[j] = pts[i].value;
      }
    }
  }

  /** A number <= quantile(p), exactly, for p in [0, 1]. */
  at(p: number): number {
    return this.cells[(p * CELLS) | 0];
  }
}

/** The bound for every p of a spec (the piecewise cells refine it). */
function floorOf(spec: DistSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.min;
    case 'empirical': {
      let min = Number.POSITIVE_INFINITY;
      for (const x of spec.samples) if (x < min) min = x;
      return min;
    }
    case 'piecewise':
      return spec.points[0].value;
    case 'normal':
    case 'exponential':
    case 'lognormal':
      return 0;
  }
}
