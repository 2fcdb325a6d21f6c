/**
 * Event rates (arrivals, throttles, ...) from per-bucket counts. Rates are per second when the
 * busiest bucket sees at least one event per second, else per minute, else per hour, so a
 * function called every four minutes gets a readable axis instead of 0.004/s.
 */
import type { BucketGrid } from '../../metrics/index.ts';

export interface RateUnit {
  readonly name: 's' | 'min' | 'h';
  /** Axis label suffix: "per second". */
  readonly label: string;
  readonly ms: number;
}

const RATE_UNITS: readonly RateUnit[] = [
  { name: 's', label: 'per second', ms: 1000 },
  { name: 'min', label: 'per minute', ms: 60_000 },
  { name: 'h', label: 'per hour', ms: 3_600_000 },
];

/** The largest per-millisecond rate of any bucket of any of the series. */
function peakRatePerMs(grid: BucketGrid, series: readonly ArrayLike<number>[]): number {
  let peak = 0;
  for (const values of series) {
    for (let i = 0; i < grid.count; i++) {
      const rate = values[i] / grid.spanMs(i);
      if (rate > peak) peak = rate;
    }
  }
  return peak;
}

/** Per second, minute or hour: the first unit in which the peak rate is at least 1 (per hour at most). */
export function rateUnitFor(grid: BucketGrid, series: readonly ArrayLike<number>[]): RateUnit {
  const peak = peakRatePerMs(grid, series);
  for (const unit of RATE_UNITS) if (peak * unit.ms >= 1) return unit;
  return RATE_UNITS[RATE_UNITS.length - 1];
}

/** Converts a bucket's count into a rate in `unit` (count / bucket span). */
export function toRate(grid: BucketGrid, unit: RateUnit): (count: number, bucket: number) => number {
  return (count, bucket) => (count * unit.ms) / grid.spanMs(bucket);
}
