import type { DistSpec } from './distSpec.ts';
import { normalCdf, normalQuantile } from './normal.ts';
import type { Rng } from './rng.ts';

/**
 * A distribution ready to draw from.
 *
 * Contract for common random numbers: `sample(rng)` consumes exactly one `rng.next()` per sample and
 * returns `quantile(u)` of that draw (sampling by inversion). This holds for every kind, including
 * `constant`, which draws and ignores the value. So two runs that differ only in a distribution's
 * parameters stay in lockstep draw for draw, and the k-th sample of one is the same quantile as the
 * k-th sample of the other.
 */
export interface Sampler {
  /** One draw; exactly one `rng.next()`. */
  sample(rng: Rng): number;
  /** The exact mean of the distribution (the truncated mean for `normal`). */
  readonly mean: number;
  /** The inverse CDF (quantile function) at p in [0, 1); `sample(rng)` is `quantile(rng.next())`. */
  quantile(p: number): number;
}

export class ConstantSampler implements Sampler {
  readonly mean: number;
  constructor(private readonly value: number) {
    this.mean = value;
  }
  sample(rng: Rng): number {
    rng.next();
    return this.value;
  }
  quantile(_p: number): number {
    return this.value;
  }
}

/** Exponential: -mean ln(1 - p). */
export class ExponentialSampler implements Sampler {
  constructor(readonly mean: number) {}
  sample(rng: Rng): number {
    return -this.mean * Math.log1p(-rng.next());
  }
  quantile(p: number): number {
    return -this.mean * Math.log1p(-p);
  }
}

/** Lognormal: exp(mu + sigma z(p)). */
export class LognormalSampler implements Sampler {
  readonly mean: number;
  constructor(
    private readonly mu: number,
    private readonly sigma: number,
  ) {
    this.mean = Math.exp(mu + 0.5 * sigma * sigma);
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
  quantile(p: number): number {
    return Math.exp(this.mu + this.sigma * normalQuantile(p));
  }
}

/** Uniform on [min, max): min + p (max - min). */
export class UniformSampler implements Sampler {
  readonly mean: number;
  private readonly width: number;
  constructor(
    private readonly min: number,
    max: number,
  ) {
    this.width = max - min;
    this.mean = 0.5 * (min + max);
  }
  sample(rng: Rng): number {
    return this.min + rng.next() * this.width;
  }
  quantile(p: number): number {
    return this.min + p * this.width;
  }
}

/**
 * Normal(m, s) conditioned on X >= 0, by inversion through the upper tail: with Q = P(Z > -m/s),
 * x(p) = m - s z((1 - p) Q). Working with the upper-tail mass keeps full relative accuracy even when
 * almost all of the normal's mass is below 0. Mean: m + s phi(m/s) / Q.
 */
export class TruncatedNormalSampler implements Sampler {
  readonly mean: number;
  private readonly tailMass: number;
  constructor(
    private readonly m: number,
    private readonly s: number,
  ) {
    if (s === 0) {
      this.tailMass = 1;
      this.mean = m;
    } else {
      const alpha = m / s;
      this.tailMass = normalCdf(alpha);
      this.mean = m + (s * Math.exp(-0.5 * alpha * alpha)) / (Math.sqrt(2 * Math.PI) * this.tailMass);
    }
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
  quantile(p: number): number {
    if (this.s === 0) return this.m;
    if (p <= 0) return 0; // the lower end of the support, exactly
    const x = this.m - this.s * normalQuantile((1 - p) * this.tailMass);
    return Math.max(x, 0); // only rounding can make x < 0
  }
}

/** Uniform resampling of a fixed list: the sorted sample at index floor(p n). */
export class EmpiricalSampler implements Sampler {
  readonly mean: number;
  private readonly sorted: Float64Array;
  constructor(samples: readonly number[]) {
    this.sorted = Float64Array.from(samples).sort();
    let sum = 0;
    for (const x of samples) sum += x;
    this.mean = sum / samples.length;
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
  quantile(p: number): number {
    const n = this.sorted.length;
    const i = Math.floor(p * n);
    return this.sorted[i < 0 ? 0 : i >= n ? n - 1 : i];
  }
}

/**
 * The piecewise-linear CDF through (value_i, p_i): uniform within each segment, so the quantile is a
 * linear interpolation found by binary search, O(log points). Equal values are an atom; equal p's a gap.
 */
export class PiecewiseSampler implements Sampler {
  readonly mean: number;
  private readonly values: Float64Array;
  private readonly ps: Float64Array;
  constructor(points: readonly { value: number; p: number }[]) {
    this.values = Float64Array.from(points, (pt) => pt.value);
    this.ps = Float64Array.from(points, (pt) => pt.p);
    let mean = 0;
    for (let i = 1; i < points.length; i++) {
      mean += (this.ps[i] - this.ps[i - 1]) * 0.5 * (this.values[i] + this.values[i - 1]);
    }
    this.mean = mean;
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
  quantile(p: number): number {
    const ps = this.ps;
    const values = this.values;
    const last = ps.length - 1;
    if (!(p < 1)) return values[last];
    // First j with ps[j] > p; ps[0] = 0 <= p and ps[last] = 1 > p, so 1 <= j <= last.
    let lo = 1;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ps[mid] > p) hi = mid;
      else lo = mid + 1;
    }
    const i = lo - 1;
    const p0 = ps[i];
    const v0 = values[i];
    return v0 + ((p - p0) / (ps[lo] - p0)) * (values[lo] - v0);
  }
}

/** Builds the sampler for an already validated spec. */
export function samplerFor(spec: DistSpec): Sampler {
  switch (spec.kind) {
    case 'constant':
      return new ConstantSampler(spec.value);
    case 'exponential':
      return new ExponentialSampler(spec.mean);
    case 'lognormal':
      return new LognormalSampler(spec.mu, spec.sigma);
    case 'uniform':
      return new UniformSampler(spec.min, spec.max);
    case 'normal':
      return new TruncatedNormalSampler(spec.mean, spec.stddev);
    case 'empirical':
      return new EmpiricalSampler(spec.samples);
    case 'piecewise':
      return new PiecewiseSampler(spec.points);
  }
}
