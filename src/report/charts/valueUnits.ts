/**
 * Units for the value axes of the messaging and network charts, chosen from the data so the
 * numbers on the axis read well: ages (of the oldest message, of an event, a stream's iterator
 * age) in ms, s, min or h; bytes per unit of time in KB, MB or GB per second, minute or hour.
 */
import { BYTES_PER_GB } from '../../billing/index.ts';
import type { BucketGrid } from '../../metrics/index.ts';
import { type RateUnit, rateUnitFor } from './rateUnit.ts';

export interface AgeUnit {
  readonly name: 'ms' | 's' | 'min' | 'h';
  readonly ms: number;
}

const AGE_UNITS: readonly AgeUnit[] = [
  { name: 'ms', ms: 1 },
  { name: 's', ms: 1000 },
  { name: 'min', ms: 60_000 },
  { name: 'h', ms: 3_600_000 },
];

/** ms below 2 s, seconds below 3 min, minutes below 3 h, hours beyond. */
export function ageUnitFor(maxMs: number): AgeUnit {
  if (!(maxMs >= 2000)) return AGE_UNITS[0];
  if (maxMs < 3 * 60_000) return AGE_UNITS[1];
  if (maxMs < 3 * 3_600_000) return AGE_UNITS[2];
  return AGE_UNITS[3];
}

/** The largest finite value of some per-bucket series (0 when none). */
export function maxOf(...series: readonly ArrayLike<number>[]): number {
  let max = 0;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  }
  return max;
}

export interface ByteRateUnit {
  /** Axis label: "MB per second". */
  readonly label: string;
  /** Bytes in the unit (1,024^2 for MB) and milliseconds in its time unit (1,000 per second). */
  readonly unitBytes: number;
  readonly perMs: number;
}

const BYTE_UNITS = [
  { name: 'KB', bytes: 1024 },
  { name: 'MB', bytes: 1024 ** 2 },
  { name: 'GB', bytes: BYTES_PER_GB },
] as const;

/** The largest bytes per millisecond of any bucket of any of the series. */
export function peakBytesPerMs(grid: BucketGrid, series: readonly ArrayLike<number>[]): number {
  let peak = 0;
  for (const values of series) {
    for (let i = 0; i < grid.count; i++) peak = Math.max(peak, values[i] / grid.spanMs(i));
  }
  return peak;
}

/**
 * Bytes per bucket as a rate: the time unit is the one rateUnitFor picks for the series counted
 * in MB (per second when the busiest bucket moves at least 1 MB/s, else per minute, else per
 * hour); then GB when the peak reaches 1,024 MB in that unit, KB when it stays below 1 MB.
 */
export function byteRateUnitFor(grid: BucketGrid, series: readonly ArrayLike<number>[]): ByteRateUnit {
  const mb = BYTE_UNITS[1].bytes;
  const time: RateUnit = rateUnitFor(
    grid,
    series.map((values) => Array.from(values, (b) => b / mb)),
  );
  const peak = peakBytesPerMs(grid, series) * time.ms;
  const unit = peak >= BYTE_UNITS[2].bytes ? BYTE_UNITS[2] : peak >= mb ? BYTE_UNITS[1] : BYTE_UNITS[0];
  return { label: `${unit.name} ${time.label}`, unitBytes: unit.bytes, perMs: time.ms };
}

/** Converts a bucket's bytes into a rate in `unit`. */
export function toByteRate(grid: BucketGrid, unit: ByteRateUnit): (bytes: number, bucket: number) => number {
  return (bytes, bucket) => (bytes * unit.perMs) / grid.spanMs(bucket) / unit.unitBytes;
}
