/**
 * The figures of a summary: every number under `functions`, `resources`, `cost` and `slo`, by a
 * stable dotted path (`functions.api.latencyMs.p99`, `cost.monthly.totalUsd`). A bill line is
 * keyed by its service and item (`cost.monthly.lines[lambda/requests].usd`), so the same line has
 * the same path in every run whatever lines come before it, and an SLO objective by its metric
 * (`slo.objectives[p99].value`); other arrays (provisioned-concurrency intervals and levels:
 * schedules, not figures) and non-numbers (null: not measured) are left out. Pure.
 *
 * What `run --replications` summarizes with a confidence interval (summary.json `replications`).
 */
import type { Summary } from './summary.ts';

/** The mean of a figure over replications and its two-sided Student t interval. */
export interface FigureInterval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** (high - low) / 2; 0 when every replication gave the same value. */
  readonly halfWidth: number;
}

/** summary.json's `replications` block (run --replications R with R >= 2). */
export interface ReplicationsSummary {
  /** This block's layout (REPLICATIONS_FORMAT). */
  readonly format: number;
  readonly count: number;
  /** Two-sided confidence level of every interval (0.95). */
  readonly confidence: number;
  /** Replication r's seed, r from 0 (the scenario's own seed first). */
  readonly seeds: readonly number[];
  /** Every figure every replication has, by path, in the first replication's order. */
  readonly figures: Readonly<Record<string, FigureInterval>>;
  /** Paths some replications have and others do not (no interval): only when there are some. */
  readonly omitted?: readonly string[];
}

export const REPLICATIONS_FORMAT = 1;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key of an array element that names itself (a bill line, an SLO objective), else null. */
function elementKey(v: unknown): string | null {
  if (!isRecord(v)) return null;
  if (typeof v.service === 'string' && typeof v.item === 'string') return `${v.service}/${v.item}`;
  return typeof v.metric === 'string' ? v.metric : null;
}

/** Every figure of the summary by path, in the summary's key order. */
export function summaryFigures(summary: Summary): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') out.set(path, v);
    else if (Array.isArray(v)) {
      for (const element of v) {
        const key = elementKey(element);
        if (key !== null) walk(element, `${path}[${key}]`);
      }
    } else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(summary.functions, 'functions');
  walk(summary.resources, 'resources');
  walk(summary.cost, 'cost');
  if (summary.slo) walk(summary.slo, 'slo');
  return out;
}
