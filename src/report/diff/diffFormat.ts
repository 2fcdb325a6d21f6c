/** How `lamsim diff` writes its figures, changes and intervals, by unit. Pure. */
import type { MeasureDelta, MeasureUnit } from '../../experiments/index.ts';
import { changeText } from '../compareReport.ts';
import { formatCount, formatMs, formatPercent, formatPointChange, formatUsdFine } from '../format.ts';

/** A figure in its unit: `$12.40`, `212 ms`, `0.53%`, `15.7`. */
export function formatFigure(unit: MeasureUnit, value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'usd':
      return formatUsdFine(value);
    case 'ms':
      return formatMs(value);
    case 'fraction':
      return formatPercent(value);
    case 'count':
      return formatCount(Number.isInteger(value) ? value : Math.round(value * 10) / 10);
  }
}

const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '-' : '');

/** A signed change in the figure's unit (`+$1.09`, `-99.3 ms`, `+0.12 pp`, `+2`). */
export function formatChange(unit: MeasureUnit, delta: number): string {
  if (delta === 0) return '0';
  if (unit === 'fraction') return formatPointChange(delta);
  const abs = Math.abs(delta);
  const text =
    unit === 'count'
      ? formatCount(Number.isInteger(abs) ? abs : Math.round(abs * 10) / 10)
      : formatFigure(unit, abs);
  return `${sign(delta)}${text}`;
}

/** The change as text: absolute, and relative for figures that are not shares. */
export function deltaText(m: MeasureDelta): string {
  if (m.direction === 'added') return 'new';
  if (m.direction === 'removed') return 'gone';
  if (!m.delta) return '';
  const abs = formatChange(m.unit, m.delta.mean);
  if (m.unit === 'fraction' || m.delta.mean === 0 || m.base === null || m.head === null) return abs;
  return `${abs} (${changeText(m.base, m.head)})`;
}

/** `[-102 ms, -96.4 ms]`, or `—` without an interval. */
export function intervalText(m: MeasureDelta): string {
  const ci = m.delta?.ci;
  if (!ci) return '—';
  return `[${formatChange(m.unit, ci[0])}, ${formatChange(m.unit, ci[1])}]`;
}

/** `yes`, `no`, or `?` (one replication: unknown). */
export function significanceText(m: MeasureDelta): string {
  const s = m.delta?.significant;
  return s === true ? 'yes' : s === false ? 'no' : m.delta ? '?' : '';
}

const MEASURE_NAMES: Readonly<Record<string, string>> = {
  latencyP50Ms: 'latency p50',
  latencyP99Ms: 'latency p99',
  throttleRate: 'throttle rate',
  errorRate: 'error rate',
  coldStartRate: 'cold-start rate',
  peakConcurrency: 'peak concurrency',
  queueAgeMs: 'queue age (max)',
  peakConnections: 'peak connections',
  connectionErrors: 'connection errors',
  peakClientConnections: 'peak client connections',
  borrowWaits: 'borrow waits',
  meanBorrowWaitMs: 'mean wait per borrow (all borrows)',
  meanWaitWhenWaitedMs: 'mean wait of borrows that waited',
  borrowTimeouts: 'borrow timeouts',
};

/** `api · latency p99`, `cost · lambda · duration x86_64 tier 1`, `cost · total per month`. */
export function measureLabel(m: MeasureDelta): string {
  if (m.scope === 'cost')
    return m.subject === 'total' ? 'cost · total per month' : `cost · ${m.subject} · ${m.measure}`;
  return `${m.subject} · ${MEASURE_NAMES[m.measure] ?? m.measure}`;
}
