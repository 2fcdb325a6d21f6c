/** Number shaping shared by the summaries: microsecond-rounded milliseconds and percentiles. */
import { type HistogramData, histogramSummary } from '../metrics/index.ts';

export interface Percentiles {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export const ms = (x: number): number => Math.round(x * 1000) / 1000;
export const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

export function percentiles(h: HistogramData): Percentiles {
  const s = histogramSummary(h);
  return { mean: ms(s.mean), p50: ms(s.p50), p90: ms(s.p90), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) };
}
