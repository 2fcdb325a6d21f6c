/**
 * What a run hands out: plain, serialisable data (numbers, strings, arrays, plain objects and null;
 * no class instances, no methods, nothing live). Each model component produces its part with
 * `result()` once the run is over; `simulate` assembles them. Consumers (src/results, experiments,
 * reports) read this and never the model's objects.
 *
 * Shards (issue 15): every part is mergeable across runs of adjacent windows: counters add,
 * histograms are HDR counts (HistogramData), time series are per-bucket arrays that concatenate,
 * window levels are {mean, peak} over a known window (means weight by window length).
 */
import type { Usage } from '../billing/metering/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { DatabaseResult } from './database/databaseServer.ts';
import type { ProxyResult } from './database/rdsProxy.ts';
import type { ProvisionedLevelInterval } from './function/levelHistory.ts';
import type { AsyncQueueResult } from './invocation/asyncQueue.ts';
import type { ScheduleResult } from './invocation/scheduleSource.ts';
import type { SqsSourceResult } from './invocation/sqsEventSource.ts';
import type { StreamSourceResult } from './invocation/streamEventSource.ts';
import type { DataStreamResult } from './messaging/dataStream.ts';
import type { NotifierResult } from './messaging/notifier.ts';
import type { SqsQueueResult } from './messaging/sqsQueue.ts';
import type { RouteResult } from './network/route.ts';
import type { FunctionStatsResult } from './stats/functionResult.ts';

/** Provisioned concurrency of a function whose level changes (schedule, auto scaling). */
export interface ProvisionedResult {
  /** Configured level over the window (billing intervals; zero levels left out). */
  readonly intervals: readonly { readonly concurrency: number; readonly durationMs: number }[];
  /** The configured level over the window: each level from its start (ms), in time order. */
  readonly levels: readonly { readonly startMs: number; readonly concurrency: number }[];
  readonly peakLevel: number;
  readonly scaleOuts: number;
  readonly scaleIns: number;
}

/** One function over the run. */
/** How a function is invoked: synchronous requests, asynchronous events, batches from a mapping. */
export type InvocationKind = 'requests' | 'events' | 'batches';

export interface FunctionResult extends FunctionStatsResult {
  readonly name: string;
  /** Every way the function is invoked in this scenario, in the order requests, events, batches. */
  readonly invokedAs: readonly InvocationKind[];
  /** Invocations still running when the run stopped (the drain's bound; 0 when every one finished). */
  readonly inFlightAtEnd: number;
  /**
   * A run merged from time shards: attempts running at the ends of the slices before the last
   * (each ends in its slice's data uncounted, the next slice's warm-up draws its own, counted in
   * `inFlightAtStart`); 0 in a whole run or one slice (results/mergeRuns.ts fills it).
   */
  readonly inFlightAtBorders: number;
  /** Provisioned concurrency configured over [0, windowMs), as billing intervals (zero levels left out). */
  readonly provisionedIntervals: readonly ProvisionedLevelInterval[];
  /** Lambda's async event queue of the function, when it received asynchronous events. */
  readonly async: AsyncQueueResult | null;
  /** Provisioned concurrency changes (schedule, auto scaling), when configured. */
  readonly provisioned: ProvisionedResult | null;
}

/** One traffic source over the run. */
export interface TrafficResult {
  readonly name: string;
  /** Requests it sent (what a front door bills, throttled or not). */
  readonly sent: number;
  /** Successful responses it received (synchronous callers; 0 for writes to queues and streams). */
  readonly responded: number;
}

export interface NatResult extends RouteResult {
  readonly azs: number;
}

export interface EndpointResult extends RouteResult {
  readonly azs: number;
  readonly endpointType: 'gateway' | 'interface';
  readonly service: string;
}

/** The scenario's resources by kind, each list in the scenario's order. */
export interface ResourcesResult {
  readonly databases: readonly DatabaseResult[];
  readonly proxies: readonly ProxyResult[];
  readonly nats: readonly NatResult[];
  readonly endpoints: readonly EndpointResult[];
  /** Secrets Manager secrets (GetSecretValue calls, metered like a route). */
  readonly secrets: readonly RouteResult[];
  readonly queues: readonly SqsQueueResult[];
  readonly streams: readonly DataStreamResult[];
  readonly notifiers: readonly NotifierResult[];
}

/** Event source mappings and schedules, in the order of the functions and their `events`. */
export interface EventSourcesResult {
  readonly sqs: readonly SqsSourceResult[];
  readonly streams: readonly StreamSourceResult[];
  readonly schedules: readonly ScheduleResult[];
}

export interface RunData {
  readonly scenario: Scenario;
  readonly windowMs: number;
  /** Width of the time-series buckets. */
  readonly bucketMs: number;
  readonly functions: readonly FunctionResult[];
  readonly traffic: readonly TrafficResult[];
  readonly resources: ResourcesResult;
  readonly eventSources: EventSourcesResult;
  /** What the run consumed, in billable units. */
  readonly usage: Usage;
  /** Events the engine processed (for benchmarks). */
  readonly events: number;
  /** When the last request finished (>= windowMs when requests were draining). */
  readonly endMs: number;
  /** Invocations still running when the drain's bound stopped the run (see drainAllowanceMs). */
  readonly unfinished: number;
}
