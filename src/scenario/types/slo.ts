/** Service-level objectives (the `slo:` block). */

/**
 * Metrics a service-level objective can bound (the `slo:` block, `lamsim plan --slo`): latency
 * percentiles (ms), throttle/error/cold-start/timeout rates (fractions), database connection errors
 * (a count), queue age (ms), a queue's or stream's backlog still growing at the end (a fraction
 * of its arrivals) and the writes into a Kinesis stream lost to its shard write limit (a fraction).
 * See src/experiments/slo.ts for how each is measured.
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
  'lostWriteRate',
] as const;
export type SloMetric = (typeof SLO_METRICS)[number];

/** The SLO metrics measured per function: all but the database's, the queues' and the streams'. */
export const FUNCTION_SLO_METRICS = SLO_METRICS.filter(
  (m): m is Exclude<SloMetric, 'dbConnectionErrors' | 'queueAge' | 'backlogAtEnd' | 'lostWriteRate'> =>
    m !== 'dbConnectionErrors' && m !== 'queueAge' && m !== 'backlogAtEnd' && m !== 'lostWriteRate',
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
  lostWriteRate: 'fraction',
};

/** An objective `metric <= max`, `max` in the metric's canonical unit (ms, fraction, count). */
export interface SloObjective {
  readonly metric: SloMetric;
  readonly max: number;
}
