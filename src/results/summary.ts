/**
 * summary.json: the contract's output (scenario-format.md "Report bundle"), built from a run's
 * aggregates and its bill. Pure and deterministic: key order is fixed here, numbers come from
 * the run, nothing depends on wall-clock time.
 *
 * Extensions beyond the contract (allowed by it): `provenance`, `window.bucketMs`/`endMs`,
 * per function `throttledAttempts`, `throttledBy`, `gatewayTimeouts`, `latencyColdMs`, `latencyWarmMs`,
 * `environments.{meanInitializing, reclaimed, retired}`, `suppressedInits`, `billing`, `async`
 * (functions that received asynchronous events), `provisioned` (functions whose provisioned
 * concurrency changes); resources of type sqs-queue, kinesis-stream, dynamodb-stream, s3-bucket
 * and sns-topic with their consumers.
 *
 * Counting rules: `throttled` counts requests refused in the end (a synchronous caller's last
 * attempt was throttled), so `throttleRate` = throttled / arrived is a share of requests and, for
 * synchronous traffic, arrived = started + throttled (+ requests refused for want of a legacy ENI);
 * `throttledAttempts` counts every refused attempt (CloudWatch's Throttles metric), retries
 * included, and `throttledBy` splits those attempts by the limit that refused them.
 * For asynchronous events, `arrived` = events, `succeeded` = events processed, `failed`/`timedOut` =
 * failed attempts, `retried` = retries (after errors or throttles), `dropped` = events discarded;
 * arrived = succeeded + dropped + async.waitingAtEnd (+ attempts running at the end). For event
 * source mappings, `arrived` counts batches.
 */
import type { CostBreakdown, MonthlyCost } from '../billing/index.ts';
import type { AsyncDrops, AsyncQueue } from '../model/invocation/asyncQueue.ts';
import type { FunctionResult, ProvisionedSummary, RunResult } from '../model/world.ts';
import type { Provenance } from './provenance.ts';
import { type ResourceSummary, summarizeResources } from './resourceSummary.ts';
import { ms, type Percentiles, percentiles, ratio } from './summaryNumbers.ts';

export interface FunctionSummary {
  readonly invocations: {
    readonly arrived: number;
    readonly started: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly timedOut: number;
    readonly throttled: number;
    readonly retried: number;
    readonly dropped: number;
  };
  /** Every refused attempt, retries included (CloudWatch Throttles); `throttledBy` splits these. */
  readonly throttledAttempts: number;
  readonly throttledBy: {
    readonly reservedConcurrency: number;
    readonly accountConcurrency: number;
    readonly scalingRate: number;
  };
  readonly gatewayTimeouts: number;
  /** Synchronous Invoke calls stopped by recursive loop detection (only when some were). */
  readonly recursionStopped?: number;
  readonly coldStarts: number;
  readonly coldStartRate: number;
  readonly throttleRate: number;
  readonly latencyMs: Percentiles;
  readonly latencyColdMs: Percentiles;
  readonly latencyWarmMs: Percentiles;
  readonly durationMs: Percentiles;
  readonly initDurationMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly suppressedInits: number;
  /** Cold starts that restored a SnapStart snapshot (counted in coldStarts too). */
  readonly snapStartRestores: number;
  readonly concurrency: { readonly peak: number; readonly mean: number };
  readonly environments: {
    readonly created: number;
    readonly peak: number;
    readonly meanLive: number;
    readonly meanBusy: number;
    readonly meanIdle: number;
    readonly meanInitializing: number;
    readonly reclaimed: number;
    readonly retired: number;
  };
  /** Present for functions that received asynchronous events. */
  readonly async?: AsyncSummary;
  /** Present for functions whose provisioned concurrency changes (schedule, auto scaling). */
  readonly provisioned?: ProvisionedSummary;
}

export interface Summary {
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly scenario: string;
  readonly seed: number;
  readonly provenance: { readonly scenarioHash: string };
  readonly window: {
    readonly durationMs: number;
    readonly bucketMs: number;
    readonly endMs: number;
    /** Invocations still running when the drain's bound stopped the run (only when some were). */
    readonly unfinished?: number;
  };
  readonly functions: Readonly<Record<string, FunctionSummary>>;
  readonly resources: Readonly<Record<string, ResourceSummary>>;
  readonly cost: { readonly window: CostBreakdown; readonly monthly: MonthlyCost };
}

/** Milliseconds to microsecond precision: keeps summaries readable and stable. */
export function summarizeFunction(f: FunctionResult): FunctionSummary {
  const s = f.stats;
  const levels = s.levels;
  const init = s.init.summary();
  return {
    invocations: {
      arrived: s.arrived,
      started: s.started,
      succeeded: s.succeeded,
      failed: s.failed,
      timedOut: s.timedOut,
      throttled: s.throttledFinal,
      retried: s.retried,
      dropped: s.dropped,
    },
    throttledAttempts: s.throttled,
    throttledBy: s.throttledByReason,
    gatewayTimeouts: s.gatewayTimeouts,
    ...(s.recursionStopped > 0 ? { recursionStopped: s.recursionStopped } : {}),
    coldStarts: s.coldStarts,
    coldStartRate: ratio(s.coldStarts, s.started),
    throttleRate: ratio(s.throttledFinal, s.arrived),
    latencyMs: percentiles(s.latency),
    latencyColdMs: percentiles(s.latencyCold),
    latencyWarmMs: percentiles(s.latencyWarm),
    durationMs: percentiles(s.duration),
    initDurationMs: { mean: ms(init.mean), p50: ms(init.p50), p99: ms(init.p99), max: ms(init.max) },
    suppressedInits: s.suppressedInits,
    snapStartRestores: s.snapStartRestores,
    concurrency: { peak: levels.concurrency.peak, mean: levels.concurrency.mean },
    environments: {
      created: s.environmentsCreated,
      peak: levels.live.peak,
      meanLive: levels.live.mean,
      meanBusy: levels.concurrency.mean,
      meanIdle: levels.idle.mean,
      meanInitializing: levels.initializing.mean,
      reclaimed: s.environmentsReclaimed,
      retired: s.environmentsRetired,
    },
    ...(f.async ? { async: summarizeAsync(f.async) } : {}),
    ...(f.provisioned ? { provisioned: f.provisioned } : {}),
  };
}

export interface AsyncSummary {
  readonly events: number;
  readonly succeeded: number;
  readonly dropped: Readonly<AsyncDrops>;
  readonly retries: { readonly afterError: number; readonly afterThrottle: number };
  readonly sentTo: {
    readonly onSuccess: number;
    readonly onFailure: number;
    readonly deadLetterQueue: number;
  };
  /** Events still queued (waiting for an attempt or a retry) when the window ended. */
  readonly waitingAtEnd: number;
  readonly queueDepth: { readonly peak: number; readonly mean: number };
  /** AsyncEventAge: enqueue to each attempt's start. */
  readonly eventAgeMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
}

function summarizeAsync(q: AsyncQueue): AsyncSummary {
  const age = q.eventAgeMs.summary();
  const w = q.windowLevels;
  return {
    events: q.received,
    succeeded: q.succeeded,
    dropped: { ...q.drops },
    retries: { afterError: q.errorRetries, afterThrottle: q.throttleRetries },
    sentTo: { onSuccess: q.toOnSuccess, onFailure: q.toOnFailure, deadLetterQueue: q.toDeadLetterQueue },
    waitingAtEnd: q.waiting,
    queueDepth: { peak: w.peak, mean: w.mean },
    eventAgeMs: { mean: ms(age.mean), p50: ms(age.p50), p99: ms(age.p99), max: ms(age.max) },
  };
}

export function buildSummary(
  run: RunResult,
  cost: { readonly window: CostBreakdown; readonly monthly: MonthlyCost },
  provenance: Provenance,
): Summary {
  return {
    lamsim: { version: provenance.version, format: provenance.format },
    scenario: run.scenario.name,
    seed: provenance.seed,
    provenance: { scenarioHash: provenance.scenarioHash },
    window: {
      durationMs: run.windowMs,
      bucketMs: run.bucketMs,
      endMs: ms(run.endMs),
      ...(run.unfinished > 0 ? { unfinished: run.unfinished } : {}),
    },
    functions: Object.fromEntries(run.functions.map((f) => [f.name, summarizeFunction(f)])),
    resources: summarizeResources(run),
    cost,
  };
}

/** The bytes of summary.json: two-space JSON and a final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
