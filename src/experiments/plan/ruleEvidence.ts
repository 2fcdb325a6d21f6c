/**
 * What the bottleneck rules read from an evaluation's runs: per-run numbers averaged over the
 * replications (counts, durations) or their highest (peaks: a peak that happened), per function
 * or over the runs, and which objectives fail. Pure.
 */
import type { FunctionSummary, Summary } from '../../results/index.ts';
import { meanAndError } from '../statistics.ts';
import type { BottleneckContext } from './bottleneck.ts';

export const LATENCY_METRICS = new Set(['p50', 'p90', 'p95', 'p99', 'max', 'coldStartRate']);

/** Mean over the replications of a per-run number. */
export const mean = (summaries: readonly Summary[], f: (s: Summary) => number): number =>
  meanAndError(summaries.map(f)).mean;

/** The highest of a per-run number over the replications (for peaks: a peak that happened). */
export const highest = (summaries: readonly Summary[], f: (s: Summary) => number): number =>
  Math.max(0, ...summaries.map(f));

export const fnMean = (ctx: BottleneckContext, fn: string, f: (s: FunctionSummary) => number): number =>
  mean(ctx.evaluation.summaries, (s) => (s.functions[fn] ? f(s.functions[fn]) : 0));
export const fnHighest = (ctx: BottleneckContext, fn: string, f: (s: FunctionSummary) => number): number =>
  highest(ctx.evaluation.summaries, (s) => (s.functions[fn] ? f(s.functions[fn]) : 0));

/**
 * How `fn` is invoked, as a fact: its run summary's `invokedAs` joined by ', ' (`requests`,
 * `batches`, `requests, events`; the same at every load), which says what its counts count
 * (arrivedRequests are batches for an SQS or stream consumer, events for an asynchronous one).
 */
export const invokedAs = (ctx: BottleneckContext, fn: string): string =>
  (ctx.evaluation.summaries[0]?.functions[fn]?.invokedAs ?? []).join(', ');

export function latencyFails(ctx: BottleneckContext): boolean {
  return ctx.evaluation.metrics.some((m) => !m.meets && LATENCY_METRICS.has(m.objective.metric));
}
