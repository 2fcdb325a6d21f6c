/**
 * Every number lamsim writes for people (Markdown, HTML, stdout, the cost table, plan and tune
 * sentences), in one place. Rounding for display happens here and only here: data files keep raw
 * numbers at full precision. Pure; locale-independent.
 */

import { decimalText } from '../decimalText.ts';
import type { SloMetric, SloObjective } from '../scenario/index.ts';
import { SLO_METRIC_KINDS } from '../scenario/index.ts';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Whole cents of a dollar amount, rounded half away from zero on the *decimal* value: the amount
 * is first read to 12 significant digits, so 1.005 (stored as 1.00499999...) is 101 cents.
 */
export function usdCents(usd: number): number {
  const cents = Number((Math.abs(usd) * 100).toPrecision(12));
  const rounded = Math.round(cents);
  return rounded === 0 ? 0 : Math.sign(usd) * rounded;
}

/** `$1,234.57`, `-$0.40`, `$0.00`. */
export function formatUsd(usd: number): string {
  const cents = usdCents(usd);
  const abs = Math.abs(cents);
  const text = `$${group(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

/**
 * A bill's quantity: `3,000,000`, `116,849` (GB-s: 116,849.334's decimals are noise beside a
 * bill in cents), `976.563`, `0.0001235`. Integers grouped; from 1 up, at most 6 significant
 * digits and 4 decimals; below 1, 4 significant digits.
 */
export function formatQuantity(quantity: number): string {
  if (Number.isInteger(quantity)) return group(String(quantity));
  const abs = Math.abs(quantity);
  if (abs < 1) return String(Number(quantity.toPrecision(4)));
  const wholeDigits = String(Math.trunc(abs)).length;
  return decimalText(quantity, 0, Math.min(4, Math.max(0, 6 - wholeDigits)));
}

/**
 * A mean level (concurrency, environments, a queue's backlog): one decimal, grouped (`1,543.1`,
 * `32`), and two significant digits below 1, so a mean of 0.034 reads 0.034, not 0.
 */
export function formatMean(x: number): string {
  if (x > 0 && x < 1) return String(Number(x.toPrecision(2)));
  return decimalText(x, 0, 1);
}

/**
 * 512 B, 1.5 KB, 20.3 MB, 4.10 GB: binary multiples (1 GB = 1024^3 bytes), as the bill counts
 * the GB a NAT gateway or an endpoint processed (src/billing/metering/units.ts BYTES_PER_GB).
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${formatCount(Math.round(value))} B`;
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** 0.42 ms, 12.3 ms, 450 ms, 1.23 s, 2 min 5 s, 1 h 30 min. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  // Rounded first, then split, so 2 h 59.6 min reads 3 h, not 2 h 60 min.
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    const min = Math.floor(seconds / 60);
    const s = seconds % 60;
    return s === 0 ? `${min} min` : `${min} min ${s} s`;
  }
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const min = minutes % 60;
  return min === 0 ? `${h} h` : `${h} h ${min} min`;
}

/** 1,234,567 (integers) or 12.3 (non-integers, one decimal). */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? decimalText(n) : decimalText(n, 1, 1);
}

/** `1 invocation`, `1,234 invocations`: a count and its noun (`plural` when not noun + s). */
export function formatCounted(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}

/** A fraction as a percentage with enough digits to be non-zero when the fraction is. */
export function formatPercent(fraction: number): string {
  if (fraction === 0) return '0%';
  const pct = fraction * 100;
  if (pct >= 10) return `${pct.toFixed(1)}%`;
  if (pct >= 0.1) return `${pct.toFixed(2)}%`;
  return `${pct.toPrecision(2)}%`;
}

/**
 * A change of a share in percentage points, signed: `+1.20 pp`, `-15.00 pp`, `+0.018 pp`,
 * `+0.0244 pp`, `0 pp`. Three significant digits and at least two decimals, so a change between
 * two small rates (0.041% -> 0.059%) reads as their difference (+0.018 pp), not as +0.02 or 0.0.
 * `delta` is a difference of fractions (0.0002 = 0.02 pp).
 */
export function formatPointChange(delta: number): string {
  const pp = delta * 100;
  if (pp === 0) return '0 pp';
  const abs = Math.abs(pp);
  const decimals = Math.min(12, Math.max(2, 2 - Math.floor(Math.log10(abs))));
  return `${pp > 0 ? '+' : '-'}${decimalText(Number(abs.toPrecision(3)), 2, decimals)} pp`;
}

/**
 * USD for reports: cents from $0.01 up ($1,234.57), and 3 significant digits below a cent so small
 * windows do not read $0.00 ($0.000417). Zero is $0.00.
 */
export function formatUsdFine(usd: number): string {
  const abs = Math.abs(usd);
  if (abs === 0 || abs >= 0.01) return formatUsd(usd);
  const text = `$${Number(abs.toPrecision(3)).toFixed(Math.max(2, 2 - Math.floor(Math.log10(abs))))}`;
  return usd < 0 ? `-${text}` : text;
}

/** A metric value in its unit: `512 ms`, `12,350 ms`, `1.2%`, `3`. */
export function formatSloValue(metric: SloMetric, value: number): string {
  const kind = SLO_METRIC_KINDS[metric];
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded (no successful request)' : String(value);
  if (kind === 'duration') return `${decimalText(Number(value.toPrecision(4)))} ms`;
  if (kind === 'fraction') return `${Number((value * 100).toPrecision(3))}%`;
  return formatCount(value);
}

/** `p99 ≤ 500 ms`, `throttleRate ≤ 1%`, for messages and reports. */
export function describeObjective(o: SloObjective): string {
  return `${o.metric} ≤ ${formatSloValue(o.metric, o.max)}`;
}
