/** Number formatting for human-facing text (Markdown, HTML, stdout). Data files keep raw numbers. */
import { formatUsd } from '../billing/index.ts';

/** 0.42 ms, 12.3 ms, 450 ms, 1.23 s, 2 min 5 s, 1 h 30 min. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 3_600_000) {
    const min = Math.floor(ms / 60_000);
    const s = Math.round((ms - min * 60_000) / 1000);
    return s === 0 ? `${min} min` : `${min} min ${s} s`;
  }
  const h = Math.floor(ms / 3_600_000);
  const min = Math.round((ms - h * 3_600_000) / 60_000);
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
