import { InvalidParameterError } from './errors.ts';
import { normalQuantile } from './normal.ts';

/** Parameters of a lognormal: mu and sigma of the underlying normal (X = exp(mu + sigma Z)). */
export interface LognormalParams {
  readonly mu: number;
  readonly sigma: number;
}

const Z99 = normalQuantile(0.99);

/**
 * The lognormal with median p50 and 99th percentile p99 (same unit as the inputs):
 * mu = ln p50, sigma = (ln p99 - ln p50) / z(0.99). Requires finite 0 < p50 <= p99 (p50 = p99 gives
 * sigma = 0, a constant); throws InvalidParameterError otherwise.
 */
export function lognormalFromQuantiles(p50: number, p99: number): LognormalParams {
  if (!(p50 > 0 && p50 <= p99 && p99 < Number.POSITIVE_INFINITY)) {
    throw new InvalidParameterError(
      `lognormalFromQuantiles needs finite 0 < p50 <= p99, got p50=${p50}, p99=${p99}`,
    );
  }
  const mu = Math.log(p50);
  return { mu, sigma: (Math.log(p99) - mu) / Z99 };
}

/**
 * The lognormal with the given mean and standard deviation (same unit as the inputs):
 * sigma^2 = ln(1 + (stddev / mean)^2), mu = ln mean - sigma^2 / 2. Requires finite mean > 0 and
 * finite stddev >= 0; throws InvalidParameterError otherwise.
 */
export function lognormalFromMoments(mean: number, stddev: number): LognormalParams {
  if (!(mean > 0 && mean < Number.POSITIVE_INFINITY && stddev >= 0 && stddev < Number.POSITIVE_INFINITY)) {
    throw new InvalidParameterError(
      `lognormalFromMoments needs finite mean > 0 and stddev >= 0, got mean=${mean}, stddev=${stddev}`,
    );
  }
  const cv = stddev / mean;
  const sigma2 = Math.log1p(cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}
