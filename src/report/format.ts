/** Number formatting for human-facing text (Markdown, HTML, stdout). Data files keep raw numbers. */
import { formatUsd } from '../billing/index.ts';

/**
 * 512 B, 1.5 KB, 20.3 MB, 4.10 GB: binary multiples (1 GB = 1024^3 bytes), as the bill counts
 * the GB a NAT gateway or an endpoint processed (src/billing/units.ts BYTES_PER_GB).
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
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
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
 * USD for reports: cents from $0.01 up ($1,234.57), and 3 significant digits below a cent so small
 * windows do not read $0.00 ($0.000417). Zero is $0.00.
 */
export function formatUsdFine(usd: number): string {
  const abs = Math.abs(usd);
  if (abs === 0 || abs >= 0.01) return formatUsd(usd);
  const text = `$${Number(abs.toPrecision(3)).toFixed(Math.max(2, 2 - Math.floor(Math.log10(abs))))}`;
  return usd < 0 ? `-${text}` : text;
}
