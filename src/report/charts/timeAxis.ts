/**
 * The time axis of the time-series charts: a linear axis in a unit chosen from the window's
 * length, so a 1-minute window reads in seconds and a 30-day window in days, with plain numbers
 * as ticks (no date adapter, no tick callbacks: the axis is JSON and draws the same in node and
 * in the browser). Points sit at the middle of their bucket.
 */
import type { BucketGrid } from '../../metrics/index.ts';
import type { ChartPoint } from './chartSpec.ts';

export interface TimeUnit {
  readonly name: 's' | 'min' | 'h' | 'd';
  readonly ms: number;
}

const UNITS: readonly TimeUnit[] = [
  { name: 's', ms: 1000 },
  { name: 'min', ms: 60_000 },
  { name: 'h', ms: 3_600_000 },
  { name: 'd', ms: 86_400_000 },
];

/** Seconds up to 3 min, minutes up to 3 h, hours up to 3 days, days beyond. */
export function timeUnitFor(windowMs: number): TimeUnit {
  if (windowMs <= 3 * 60_000) return UNITS[0];
  if (windowMs <= 3 * 3_600_000) return UNITS[1];
  if (windowMs <= 3 * 86_400_000) return UNITS[2];
  return UNITS[3];
}

/** A bucket width as people say it: 1 s, 15 s, 5 min, 2 h, 1 d (falls back to ms). */
export function formatBucket(ms: number): string {
  for (const [unitMs, name] of [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ] as const) {
    if (ms >= unitMs && ms % unitMs === 0) return `${ms / unitMs} ${name}`;
  }
  return `${ms} ms`;
}

/** Rounds to `digits` significant digits (charts need no more; keeps the HTML small). NaN stays NaN. */
export function roundTo(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** The x scale of a time-series chart over [0, windowMs]. */
export function timeScale(windowMs: number, bucketMs: number) {
  const unit = timeUnitFor(windowMs);
  return {
    type: 'linear' as const,
    min: 0,
    max: roundTo(windowMs / unit.ms, 6),
    // Bar datasets (throttles) would otherwise pad the axis by half a bar at each end.
    offset: false,
    title: { display: true, text: `time since start (${unit.name}; ${formatBucket(bucketMs)} buckets)` },
    ticks: { maxTicksLimit: 13 },
    grid: { color: '#e5e5e5' },
  };
}

/**
 * Per-bucket values as points at bucket middles, x in the unit of `timeUnitFor(windowMs)`.
 * Non-finite values become gaps (`y: null`). `scale` multiplies each value (e.g. to a rate).
 */
export function bucketPoints(
  grid: BucketGrid,
  values: ArrayLike<number>,
  scale: (value: number, bucket: number) => number = (v) => v,
  windowMs: number = grid.windowMs,
): ChartPoint[] {
  const unit = timeUnitFor(windowMs);
  const out: ChartPoint[] = [];
  for (let i = 0; i < grid.count; i++) {
    const mid = grid.startMs(i) + grid.spanMs(i) / 2;
    const v = scale(values[i], i);
    out.push({ x: roundTo(mid / unit.ms, 6), y: Number.isFinite(v) ? roundTo(v) : null });
  }
  return out;
}

/** True when some non-gap point has gaps on both sides (a line would not show it: draw points). */
export function hasIsolatedPoints(points: readonly ChartPoint[]): boolean {
  for (let i = 0; i < points.length; i++) {
    if (points[i].y === null) continue;
    const before = i === 0 || points[i - 1].y === null;
    const after = i === points.length - 1 || points[i + 1].y === null;
    if (before && after) return true;
  }
  return false;
}
