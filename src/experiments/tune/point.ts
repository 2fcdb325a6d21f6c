/**
 * One point of a tuning sweep: a (memory, architecture) configuration of the tuned function and
 * what the whole workload did with it. Built from a run's summary; pure.
 */
import type { MonthlyBasis } from '../../billing/index.ts';
import type { FunctionSummary, Percentiles, Summary } from '../../results/index.ts';
import type { Architecture, SloMetric, SloObjective } from '../../scenario/index.ts';
import { checkObjectives, measure } from '../slo.ts';

export interface TunePoint {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  /** Handler duration (unrounded), ms. */
  readonly durationMs: Percentiles;
  /** Caller-observed latency of successful requests, ms. */
  readonly latencyMs: Percentiles;
  /**
   * The function's own Lambda charges for the window (summary `lambdaCostUsd`: billed alone, no
   * free tier, as Power Tuning prices it) divided by its invocations (requests that started, as
   * AWS's Invocations metric counts them: throttled requests are not invocations), USD.
   * +Infinity (null in JSON) when nothing started.
   */
  readonly costUsdPerInvocation: number;
  /**
   * The function's own Lambda charges for the window divided by the requests it served
   * (succeeded; for asynchronous events, events processed; for a function invoked only with
   * batches, the messages and records its batches processed, since batch sizes change with memory),
   * USD: what the strategies compare, so a configuration that throttles or fails part of the same
   * arrivals is not made cheap by the work it refused, and the rest of the stack's bill (other
   * functions, API Gateway, ...) does not dilute the differences. +Infinity (null in JSON) when
   * nothing was served.
   */
  readonly costUsdPerRequestServed: number;
  /** What `costUsdPerRequestServed` divides by: requests, or messages/records for batch consumers. */
  readonly served: number;
  readonly servedUnit: 'requests' | 'records';
  /** The function's own Lambda charges for the window (summary `lambdaCostUsd`), USD. */
  readonly lambdaCostUsd: number;
  readonly coldStartRate: number;
  readonly timedOut: number;
  readonly failed: number;
  // Extensions beyond the contract.
  /** Requests that arrived at the function. */
  readonly invocations: number;
  readonly throttled: number;
  readonly throttleRate: number;
  /** Refused attempts (retries included), and the same split by the limit that refused them. */
  readonly throttledAttempts: number;
  readonly throttledBy: FunctionSummary['throttledBy'];
  /** Requests (events) that succeeded; 0 means no latency was measured ("none succeeded"). */
  readonly succeeded: number;
  /** Share of requests that failed or timed out in the end (the SLO metric `errorRate`). */
  readonly errorRate: number;
  /** Share of requests (asynchronous events once each) that timed out (the SLO metric `timeoutRate`). */
  readonly timeoutRate: number;
  readonly peakConcurrency: number;
  readonly windowCostUsd: number;
  /** The window's usage projected to a 730-hour month, full bill, USD. */
  readonly monthlyCostUsd: number;
  /** How `monthlyCostUsd` makes a month of the window (the same for every point of a sweep). */
  readonly monthlyBasis: MonthlyBasis;
  /** Whether every constraint holds at this point. */
  readonly meetsConstraints: boolean;
  /** The constraints that do not hold (tune.json writes them as `p99 612 ms > 300 ms`). */
  readonly violations: readonly Violation[];
  /** Whether this is the scenario's own configuration. */
  readonly current: boolean;
  /** Provenance of the run (design principle 14): its seed and the hash of its scenario. */
  readonly seed: number;
  readonly scenarioHash: string;
}

/** A constraint that does not hold at a point: the metric's value above its bound, canonical units. */
export interface Violation {
  readonly metric: SloMetric;
  readonly value: number;
  readonly max: number;
}

export interface PointInput {
  readonly memoryMb: number;
  readonly architecture: Architecture;
  readonly current: boolean;
}

/**
 * What the function served: its successful requests (events), or, for a function invoked only
 * with batches (SQS, Kinesis, DynamoDB streams), the messages and records its batches processed.
 */
export function requestsServed(
  summary: Summary,
  fn: string,
): { count: number; unit: 'requests' | 'records' } {
  const f = summary.functions[fn];
  if (!(f.invokedAs.length === 1 && f.invokedAs[0] === 'batches'))
    return { count: f.invocations.succeeded, unit: 'requests' };
  let records = 0;
  for (const r of Object.values(summary.resources)) {
    if (r.type === 'sqs-queue') records += r.consumers[fn]?.messagesSucceeded ?? 0;
    else if (r.type === 'kinesis-stream' || r.type === 'dynamodb-stream')
      records += r.consumers[fn]?.processed ?? 0;
  }
  return { count: records, unit: 'records' };
}

export function tunePoint(
  input: PointInput,
  summary: Summary,
  fn: string,
  constraints: readonly SloObjective[],
): TunePoint {
  const f = summary.functions[fn];
  const inv = f.invocations;
  const checks = checkObjectives(constraints, summary, [fn]);
  const served = requestsServed(summary, fn);
  const violations = checks
    .filter((c) => !c.meets)
    .map((c) => ({ metric: c.objective.metric, value: c.value ?? 0, max: c.objective.max }));
  return {
    memoryMb: input.memoryMb,
    architecture: input.architecture,
    durationMs: f.durationMs,
    latencyMs: f.latencyMs,
    costUsdPerInvocation: inv.started > 0 ? f.lambdaCostUsd / inv.started : Number.POSITIVE_INFINITY,
    costUsdPerRequestServed: served.count > 0 ? f.lambdaCostUsd / served.count : Number.POSITIVE_INFINITY,
    served: served.count,
    servedUnit: served.unit,
    lambdaCostUsd: f.lambdaCostUsd,
    coldStartRate: f.coldStartRate,
    timedOut: inv.timedOut,
    failed: inv.failed,
    invocations: inv.arrived,
    throttled: inv.throttled,
    throttleRate: f.throttleRate,
    throttledAttempts: f.throttledAttempts,
    throttledBy: f.throttledBy,
    succeeded: inv.succeeded,
    errorRate: measure('errorRate', summary, fn) ?? 0,
    timeoutRate: measure('timeoutRate', summary, fn) ?? 0,
    peakConcurrency: f.concurrency.peak,
    windowCostUsd: summary.cost.window.totalUsd,
    monthlyCostUsd: summary.cost.monthly.totalUsd,
    monthlyBasis: summary.cost.monthly.basis,
    meetsConstraints: violations.length === 0,
    violations,
    current: input.current,
    seed: summary.seed,
    scenarioHash: summary.provenance.scenarioHash,
  };
}
