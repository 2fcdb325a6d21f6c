/**
 * Distributions: specs as data, samplers that draw by inversion, and helpers to fit parameters.
 *
 * Every sampler consumes exactly one `rng.next()` per sample (see `Sampler`), which is what makes
 * common random numbers work across runs that differ only in parameters.
 */
import { type DistSpec, validateDistSpec } from './distSpec.ts';
import { type Sampler, samplerFor } from './samplers.ts';

export type { DistSpec } from './distSpec.ts';
export { type LognormalParams, lognormalFromMoments, lognormalFromQuantiles } from './lognormalParams.ts';
export { erfc, normalCdf, normalQuantile } from './normal.ts';
export type { Sampler } from './samplers.ts';

/** Validates `spec` (InvalidParameterError on a malformed one) and returns its sampler. O(1), or O(n log n) for empirical. */
export function makeSampler(spec: DistSpec): Sampler {
  validateDistSpec(spec);
  return samplerFor(spec);
}

/** The exact mean of a distribution (the truncated mean for `normal`). Validates like `makeSampler`. */
export function distMean(spec: DistSpec): number {
  return makeSampler(spec).mean;
}
