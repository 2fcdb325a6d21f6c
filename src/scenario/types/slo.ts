/** Service-level objectives (the `slo:` block). */

/**
 * Metrics a service-level objective can bound (the `slo:` block, `lamsim plan --slo`): latency
 * percentiles (ms), throttle/error/cold-start/timeout rates (fractions), database connection errors
 * (a count), queue age (ms) and a queue's or stream's backlog still growing at the end (a fraction
 * of its arrivals). See src/experiments/slo.ts for how each is measured.
 */
export const SLO_METRICS = [
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
  'throttleRate',
  'errorRate',
  'coldStartRate',
  'timeoutRate',
  'dbConnectionErrors',
  'queueAge',
  'backlogAtEnd',
] as const;
export type SloMetric = (typeof SLO_METRICS)[number];

/** The SLO metrics measured per function: all but the database's and the queues'. */
export const FUNCTION_SLO_METRICS = SLO_METRICS.filter(
  (m): m is Exclude<SloMetric, 'dbConnectionErrors' | 'queueAge' | 'backlogAtEnd'> =>
    m !== 'dbConnectionErrors' && m !== 'queueAge' && m !== 'backlogAtEnd',
);

/** How each SLO metric is written and measured: a duration (ms), a fraction (0..1) or a count. */
export const SLO_METRIC_KINDS: Readonly<Record<SloMetric, 'duration' | 'fraction' | 'count'>> = {
  p50: 'duration',
  p90: 'duration',
  p95: 'duration',
  p99: 'duration',
  max: 'duration',
  throttleRate: 'fraction',
  errorRate: 'fraction',
  coldStartRate: 'fraction',
  timeoutRate: 'fraction',
  dbConnectionErrors: 'count',
  queueAge: 'duration',
  backlogAtEnd: 'fraction',
};

/** An objective `metric <= max`, `max` in the metric's canonical unit (ms, fraction, count). */
export interface SloObjective {
  readonly metric: SloMetric;
  readonly max: number;
}
