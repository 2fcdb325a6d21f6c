import { InvalidParameterError } from './errors.ts';
import { normalCdf } from './normal.ts';

/**
 * A probability distribution as data. Values are in the caller's unit (lamsim's models use
 * milliseconds).
 *
 * - constant: always `value`.
 * - exponential: mean `mean` >= 0.
 * - lognormal: exp(mu + sigma Z), `mu` and `sigma` >= 0 of the underlying normal.
 * - uniform: on [min, max), min <= max.
 * - normal: Normal(mean, stddev) truncated at 0 (conditioned on being >= 0, not clamped). Needs
 *   stddev >= 0 and at least 1e-300 of the mass above 0 (mean >= about -37 stddev; mean >= 0 if stddev = 0).
 * - empirical: each of `samples` (at least one, all finite) with probability 1 / samples.length.
 * - piecewise: the piecewise-linear CDF through `points`: values non-decreasing (an equal pair is an
 *   atom), p non-decreasing from exactly 0 (first point) to exactly 1 (last point), at least 2 points.
 */
export type DistSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; stddev: number }
  | { kind: 'empirical'; samples: readonly number[] }
  | { kind: 'piecewise'; points: readonly { value: number; p: number }[] };

const finite = (x: number): boolean => Number.isFinite(x);

function fail(spec: DistSpec, why: string): never {
  throw new InvalidParameterError(`invalid ${spec.kind} distribution: ${why}`);
}

/** Throws InvalidParameterError (a bug: specs are validated when scenarios are parsed) unless `spec` is well-formed. */
export function validateDistSpec(spec: DistSpec): void {
  switch (spec.kind) {
    case 'constant':
      if (!finite(spec.value)) fail(spec, `value must be finite, got ${spec.value}`);
      return;
    case 'exponential':
      if (!(finite(spec.mean) && spec.mean >= 0))
        fail(spec, `mean must be finite and >= 0, got ${spec.mean}`);
      return;
    case 'lognormal':
      if (!finite(spec.mu)) fail(spec, `mu must be finite, got ${spec.mu}`);
      if (!(finite(spec.sigma) && spec.sigma >= 0))
        fail(spec, `sigma must be finite and >= 0, got ${spec.sigma}`);
      return;
    case 'uniform':
      if (!(finite(spec.min) && finite(spec.max) && spec.min <= spec.max)) {
        fail(spec, `needs finite min <= max, got min=${spec.min}, max=${spec.max}`);
      }
      return;
    case 'normal':
      if (!finite(spec.mean)) fail(spec, `mean must be finite, got ${spec.mean}`);
      if (!(finite(spec.stddev) && spec.stddev >= 0))
        fail(spec, `stddev must be finite and >= 0, got ${spec.stddev}`);
      if (spec.stddev === 0 ? spec.mean < 0 : normalCdf(spec.mean / spec.stddev) < 1e-300) {
        fail(spec, `no probability mass above 0 to truncate to (mean=${spec.mean}, stddev=${spec.stddev})`);
      }
      return;
    case 'empirical':
      if (spec.samples.length === 0) fail(spec, 'needs at least one sample');
      for (const x of spec.samples) if (!finite(x)) fail(spec, `samples must be finite, got ${x}`);
      return;
    case 'piecewise': {
      const pts = spec.points;
      if (pts.length < 2) fail(spec, 'needs at least 2 points');
      if (pts[0].p !== 0) fail(spec, `first p must be 0, got ${pts[0].p}`);
      if (pts[pts.length - 1].p !== 1) fail(spec, `last p must be 1, got ${pts[pts.length - 1].p}`);
      for (let i = 0; i < pts.length; i++) {
        const { value, p } = pts[i];
        if (!finite(value)) fail(spec, `point ${i}: value must be finite, got ${value}`);
        if (!(p >= 0 && p <= 1)) fail(spec, `point ${i}: p must be in [0, 1], got ${p}`);
        if (i > 0 && value < pts[i - 1].value) fail(spec, `point ${i}: values must be non-decreasing`);
        if (i > 0 && p < pts[i - 1].p) fail(spec, `point ${i}: p must be non-decreasing`);
      }
      return;
    }
    default:
      throw new InvalidParameterError(`unknown distribution kind ${(spec as { kind: unknown }).kind}`);
  }
}
