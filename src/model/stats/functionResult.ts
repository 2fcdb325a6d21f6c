/**
 * What a function's FunctionStats hand out once the run is over, as plain data: counters, HDR
 * histograms (HistogramData), window levels and per-bucket series (metrics' series data).
 * Counts follow summary.json's words (./functionStats.ts says how throttles are counted).
 */
import type {
  CountSeriesData,
  GaugeSeriesData,
  HistogramData,
  QuantileSeriesData,
} from '../../metrics/index.ts';

export interface LevelSummary {
  readonly mean: number;
  readonly peak: number;
}

export interface WindowLevels {
  readonly concurrency: LevelSummary;
  readonly live: LevelSummary;
  readonly busy: LevelSummary;
  readonly idle: LevelSummary;
  readonly initializing: LevelSummary;
}

/** Per-bucket series of a function, as plain data (see FunctionSeries). */
export interface FunctionSeriesData {
  readonly arrivals: CountSeriesData;
  /** Refused attempts (retries included). */
  readonly throttles: CountSeriesData;
  readonly errors: CountSeriesData;
  readonly coldStarts: CountSeriesData;
  readonly concurrency: GaugeSeriesData;
  readonly initializing: GaugeSeriesData;
  readonly busy: GaugeSeriesData;
  readonly idle: GaugeSeriesData;
  /** Latency of successful requests by arrival time (its per-bucket counts: the successes by arrival time). */
  readonly latency: QuantileSeriesData;
}

/** Everything measured about one function, as plain data (FunctionStats.result()). */
export interface FunctionStatsResult {
  // Invocation outcomes as the contract counts them (see the file comment for throttles).
  readonly arrived: number;
  readonly started: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  /**
   * Attempts already running when recording began (a time shard's slice start, started in its
   * warm-up: they end in the slice uncounted in `started`); 0 in a whole run.
   */
  readonly inFlightAtStart: number;
  /** Requests refused in the end (the caller got a 429). */
  readonly throttled: number;
  /** Every refused attempt, retries included (CloudWatch Throttles). */
  readonly throttledAttempts: number;
  /** Refused attempts by the limit that refused them. */
  readonly throttledBy: {
    readonly reservedConcurrency: number;
    readonly accountConcurrency: number;
    readonly scalingRate: number;
    /** Synchronous requests over the account's request-rate quota (10 x concurrency per second). */
    readonly requestRate: number;
  };
  readonly retried: number;
  readonly dropped: number;
  /** Requests or batch deliveries refused in the end without starting (no ENI, recursion stop); not in `failed`. */
  readonly refused: number;
  /** Attempts refused because no VPC network interface could be created (legacy ENIs). */
  readonly networkInterfaceFailures: number;
  /** Synchronous Invoke calls stopped by recursive loop detection (counted in `refused`). */
  readonly recursionStopped: number;
  /** Requests the front door (API Gateway) answered with a timeout while the function still ran. */
  readonly gatewayTimeouts: number;
  readonly coldStarts: number;
  /** INITs over the 10 s limit, re-run inside the first invocation (AWS "suppressed init"). */
  readonly suppressedInits: number;
  readonly provisionedInits: number;
  /** Cold starts that restored a SnapStart snapshot instead of running INIT. */
  readonly snapStartRestores: number;
  readonly environments: {
    readonly created: number;
    /** Idle environments reclaimed after their idle timeout. */
    readonly reclaimed: number;
    /** Environments retired at their maximum lifetime. */
    readonly retired: number;
  };
  /** Caller-observed latency of successful requests: all, cold starts, warm. */
  readonly latency: HistogramData;
  readonly latencyCold: HistogramData;
  readonly latencyWarm: HistogramData;
  /** Handler duration (unrounded) of every finished invocation. */
  readonly duration: HistogramData;
  /** INIT duration of cold starts serving a request. */
  readonly init: HistogramData;
  /** Before INIT on those cold starts (placement, code download): not reported by Lambda, not billed. */
  readonly preInit: HistogramData;
  /** VPC functions' cold starts: the wait for a network interface (empty without a VPC). */
  readonly networkSetup: HistogramData;
  /** Billing accumulators (integer billed milliseconds, see billing/billedDuration). */
  readonly billing: {
    readonly requests: number;
    readonly onDemandBilledMs: number;
    readonly provisionedBilledMs: number;
    /** Of `requests`, those made while provisioned concurrency was enabled (the free tier excludes them). */
    readonly requestsWhileProvisioned: number;
    /** Of `onDemandBilledMs`, spill-over while provisioned concurrency was enabled (likewise). */
    readonly onDemandBilledMsWhileProvisioned: number;
  };
  /** Environment levels over the window. */
  readonly levels: WindowLevels;
  readonly series: FunctionSeriesData;
}
