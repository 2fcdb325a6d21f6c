/** Colours of the charts: one meaning, one colour, in every chart and in both renderers. */

export const COLORS = {
  concurrency: '#1f77b4',
  concurrencyPeak: '#9ecae1',
  initializing: '#ff7f0e',
  busy: '#1f77b4',
  idle: '#2ca02c',
  arrivals: '#1f77b4',
  successes: '#2ca02c',
  throttles: '#d62728',
  errors: '#9467bd',
  coldStarts: '#ff7f0e',
  p50: '#2ca02c',
  p95: '#ff7f0e',
  p99: '#d62728',
  max: '#7f7f7f',
  all: '#333333',
  cold: '#ff7f0e',
  warm: '#2ca02c',
  connections: '#1f77b4',
  connectionsPeak: '#9ecae1',
  borrowWaits: '#ff7f0e',
  backlog: '#1f77b4',
  backlogPeak: '#9ecae1',
  inFlight: '#2ca02c',
  age: '#17becf',
  bytes: '#1f77b4',
  /** Calibration: what the logs show, and what the calibrated scenario simulates. */
  observed: '#333333',
  simulated: '#1f77b4',
} as const;

/** Limit lines: dark and dashed, each limit its own dash so they can be told apart in grey print. */
export const LIMIT_STYLES: readonly { readonly color: string; readonly dash: readonly number[] }[] = [
  { color: '#111111', dash: [8, 4] },
  { color: '#8c564b', dash: [2, 3] },
  { color: '#e377c2', dash: [12, 3, 2, 3] },
  { color: '#7f7f7f', dash: [4, 4] },
];

/** Series colours for overlaid runs (compare) and for services in the cost chart. */
export const SERIES_COLORS: readonly string[] = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
];

export const seriesColor = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length];

/** `#rrggbb` with an alpha, for fills. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
