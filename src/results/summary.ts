/**
 * summary.json: the contract's output (README "Outputs"), built from a run's
 * aggregates and its bill. Pure and deterministic: key order is fixed here, numbers come from
 * the run, nothing depends on wall-clock time.
 *
 * Extensions beyond the contract (allowed by it): `provenance`, `window.bucketMs`/`endMs`,
 * per function `throttledAttempts`, `throttledBy`, `gatewayTimeouts`, `latencyColdMs`, `latencyWarmMs`,
 * `environments.{meanInitializing, reclaimed, retired}`, `suppressedInits`, `billing`, `async`
 * (functions that received asynchronous events), `provisioned` (functions whose provisioned
 * concurrency changes); resources of type sqs-queue, kinesis-stream, dynamodb-stream, s3-bucket
 * and sns-topic with their consumers; `replications` (run --replications R, ./summaryFigures.ts).
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
import { type HistogramData, histogramSummary } from '../metrics/index.ts';
import type { TemplateRef } from '../scenario/index.ts';
import type { Provenance } from './provenance.ts';
import { type ResourceSummary, summarizeResources } from './resourceSummary.ts';
import type {
  AsyncDrops,
  AsyncQueueResult,
  FunctionResult,
  InvocationKind,
  ProvisionedResult,
  RunData,
} from './runData.ts';
import type { ReplicationsSummary } from './summaryFigures.ts';
import { ms, type Percentiles, percentiles, ratio } from './summaryNumbers.ts';

/** Mean, p50, p99 and max of a cold-start phase, ms (p90 and p95 are not kept for it). */
export interface BriefPercentiles {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface FunctionSummary {
  /** How the function is invoked: `requests` (synchronous), `events` (asynchronous), `batches` (SQS, streams). */
  readonly invokedAs: readonly InvocationKind[];
  /** The counts; identities between them in countIdentities.ts (README "Counts that add up"). */
  readonly invocations: {
    readonly arrived: number;
    readonly started: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly timedOut: number;
    readonly throttled: number;
    readonly retried: number;
    readonly dropped: number;
    /** Refused in the end without starting, not by a throttle (no ENI, recursive loop detection). */
    readonly refused: number;
    /** Started but still running when the run stopped (the drain's bound). */
    readonly inFlightAtEnd: number;
  };
  /** A run merged from time shards, when work was left or found at a border (ShardBorders). */
  readonly borders?: ShardBorders;
  /** Every refused attempt, retries included (CloudWatch Throttles); `throttledBy` splits these. */
  readonly throttledAttempts: number;
  readonly throttledBy: {
    readonly reservedConcurrency: number;
    readonly accountConcurrency: number;
    readonly scalingRate: number;
    /** Synchronous requests over the account's quota of 10 x its concurrency per second. */
    readonly requestRate: number;
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
  readonly initDurationMs: BriefPercentiles;
  /**
   * What cold starts waited for before INIT (placement, code download, sandbox start): Lambda's
   * Init Duration leaves it out, so a caller's cold start is at least this plus initDurationMs.
   */
  readonly preInitDurationMs: BriefPercentiles;
  /**
   * VPC functions only: what cold starts waited for a network interface, after preInitDurationMs
   * and before INIT (legacy ENIs: seconds when a new one is needed; Hyperplane: 0 once created).
   */
  readonly networkSetupMs?: BriefPercentiles;
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
  readonly provisioned?: ProvisionedResult;
  /**
   * This function's own Lambda charges for the window, USD: its lambda lines billed as if it were
   * alone, without the free tier (billing's functionLambdaUsd). `cost.window` is the account's bill.
   */
  readonly lambdaCostUsd: number;
}

/** How a merged run was cut (Summary.provenance.shards). */
export interface ShardProvenance {
  readonly count: number;
  readonly warmupMs: number;
}

export interface Summary {
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly scenario: string;
  readonly seed: number;
  readonly provenance: {
    readonly scenarioHash: string;
    /** The templates of a `stack:` scenario, as it names them, with their sha256. */
    readonly templates?: readonly TemplateRef[];
    /**
     * Present when the run was merged from N >= 2 time shards (`lamsim merge`, `run --shards N`):
     * their count and the longest warm-up one of them simulated before its slice, in ms.
     */
    readonly shards?: ShardProvenance;
  };
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
  /** The scenario's `slo:` block checked against this run (only when it writes one). */
  readonly slo?: SloSummary;
  /**
   * `run --replications R` (R >= 2): every figure's mean and confidence interval over the R
   * replications (the figures above are replication 1's, the scenario's own seed).
   */
  readonly replications?: ReplicationsSummary;
}

/** One objective of the `slo:` block against the run (experiments/sloReport.ts). */
export interface SloCheckSummary {
  /** The metric as written in `slo:` (`p99`, `throttleRate`, ...). */
  readonly metric: string;
  /** The key plan.json and tune.json use for it (`p99Ms`, `throttleRate`, ...). */
  readonly key: string;
  /** The objective's maximum, in the metric's unit (ms, fraction, count). */
  readonly max: number;
  /** The worst function's value; null when not measured or when no request succeeded. */
  readonly value: number | null;
  readonly measured: 'measured' | 'notMeasured' | 'noneSucceeded';
  /** The function with the worst value (null for scenario-wide metrics). */
  readonly function: string | null;
  readonly meets: boolean;
}

export interface SloSummary {
  /** Every objective met. */
  readonly meets: boolean;
  readonly objectives: readonly SloCheckSummary[];
}

/** Mean, p50, p99 and max of a histogram in ms, to microsecond precision. */
function briefPercentiles(h: HistogramData): BriefPercentiles {
  const s = histogramSummary(h);
  return { mean: ms(s.mean), p50: ms(s.p50), p99: ms(s.p99), max: ms(s.max) };
}

/**
 * What crossed the borders of a run merged from time shards. A slice that stops at its end leaves
 * attempts running and events queued there (counted in no outcome), and the next slice starts
 * from its own warm-up's, another draw, whose outcomes it counts although they arrived or started
 * before it. The identities (countIdentities.ts) hold exactly with these terms; without them they
 * are off by up to the larger of the two sides.
 */
export interface ShardBorders {
  /** Attempts running at the ends of the slices before the last. */
  readonly inFlightAtEnds: number;
  /** Attempts running at the starts of the slices after the first (started in their warm-ups). */
  readonly inFlightAtStarts: number;
  /** Asynchronous events queued at the ends of the slices before the last. */
  readonly waitingAtEnds: number;
  /** Asynchronous events queued at the starts of the slices after the first. */
  readonly waitingAtStarts: number;
}

function shardBorders(f: FunctionResult): ShardBorders | null {
  const b = {
    inFlightAtEnds: f.inFlightAtBorders,
    inFlightAtStarts: f.inFlightAtStart,
    waitingAtEnds: f.async?.waitingAtBorders ?? 0,
    waitingAtStarts: f.async?.waitingAtStart ?? 0,
  };
  return Object.values(b).some((n) => n > 0) ? b : null;
}

/** `lambdaCostUsd`: the function's own Lambda charges for the window (billing's functionLambdaUsd). */
export function summarizeFunction(f: FunctionResult, lambdaCostUsd: number): FunctionSummary {
  const levels = f.levels;
  const borders = shardBorders(f);
  return {
    invokedAs: f.invokedAs,
    invocations: {
      arrived: f.arrived,
      started: f.started,
      succeeded: f.succeeded,
      failed: f.failed,
      timedOut: f.timedOut,
      throttled: f.throttled,
      retried: f.retried,
      dropped: f.dropped,
      refused: f.refused,
      inFlightAtEnd: f.inFlightAtEnd,
    },
    ...(borders ? { borders } : {}),
    throttledAttempts: f.throttledAttempts,
    throttledBy: {
      reservedConcurrency: f.throttledBy.reservedConcurrency,
      accountConcurrency: f.throttledBy.accountConcurrency,
      scalingRate: f.throttledBy.scalingRate,
      requestRate: f.throttledBy.requestRate,
    },
    gatewayTimeouts: f.gatewayTimeouts,
    ...(f.recursionStopped > 0 ? { recursionStopped: f.recursionStopped } : {}),
    coldStarts: f.coldStarts,
    coldStartRate: ratio(f.coldStarts, f.started),
    throttleRate: ratio(f.throttled, f.arrived),
    latencyMs: percentiles(f.latency),
    latencyColdMs: percentiles(f.latencyCold),
    latencyWarmMs: percentiles(f.latencyWarm),
    durationMs: percentiles(f.duration),
    initDurationMs: briefPercentiles(f.init),
    preInitDurationMs: briefPercentiles(f.preInit),
    ...(f.networkSetup.count > 0 ? { networkSetupMs: briefPercentiles(f.networkSetup) } : {}),
    suppressedInits: f.suppressedInits,
    snapStartRestores: f.snapStartRestores,
    concurrency: { peak: levels.concurrency.peak, mean: levels.concurrency.mean },
    environments: {
      created: f.environments.created,
      peak: levels.live.peak,
      meanLive: levels.live.mean,
      meanBusy: levels.concurrency.mean,
      meanIdle: levels.idle.mean,
      meanInitializing: levels.initializing.mean,
      reclaimed: f.environments.reclaimed,
      retired: f.environments.retired,
    },
    ...(f.async ? { async: summarizeAsync(f.async) } : {}),
    ...(f.provisioned ? { provisioned: f.provisioned } : {}),
    lambdaCostUsd,
  };
}

export interface AsyncSummary {
  readonly events: number;
  readonly succeeded: number;
  /** Events with at least one timed-out attempt (each event once; `invocations.timedOut` counts attempts). */
  readonly timedOutEvents: number;
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

function summarizeAsync(q: AsyncQueueResult): AsyncSummary {
  return {
    events: q.events,
    succeeded: q.succeeded,
    timedOutEvents: q.timedOutEvents,
    dropped: {
      expired: q.dropped.expired,
      retriesExhausted: q.dropped.retriesExhausted,
      recursion: q.dropped.recursion,
      noConcurrency: q.dropped.noConcurrency,
    },
    retries: { afterError: q.retries.afterError, afterThrottle: q.retries.afterThrottle },
    sentTo: {
      onSuccess: q.sentTo.onSuccess,
      onFailure: q.sentTo.onFailure,
      deadLetterQueue: q.sentTo.deadLetterQueue,
    },
    waitingAtEnd: q.waitingAtEnd,
    queueDepth: { peak: q.queueDepth.peak, mean: q.queueDepth.mean },
    eventAgeMs: briefPercentiles(q.eventAge),
  };
}

export function buildSummary(
  run: RunData,
  cost: { readonly window: CostBreakdown; readonly monthly: MonthlyCost },
  provenance: Provenance,
  /** Each function's own Lambda charges for the window (functionLambdaUsd), in run.functions' order. */
  lambdaCostUsd: readonly number[],
): Summary {
  return {
    lamsim: { version: provenance.version, format: provenance.format },
    scenario: run.scenario.name,
    seed: provenance.seed,
    provenance: {
      scenarioHash: provenance.scenarioHash,
      ...(provenance.templates
        ? { templates: provenance.templates.map((t) => ({ path: t.path, sha256: t.sha256 })) }
        : {}),
    },
    window: {
      durationMs: run.windowMs,
      bucketMs: run.bucketMs,
      endMs: ms(run.endMs),
      ...(run.unfinished > 0 ? { unfinished: run.unfinished } : {}),
    },
    functions: Object.fromEntries(
      run.functions.map((f, i) => [f.name, summarizeFunction(f, lambdaCostUsd[i] ?? 0)]),
    ),
    resources: summarizeResources(run),
    cost,
  };
}

/** The bytes of summary.json: two-space JSON and a final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
