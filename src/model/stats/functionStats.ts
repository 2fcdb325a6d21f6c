/**
 * Everything measured about one function during a run, as streaming aggregates: counters,
 * HDR histograms, time-weighted levels and fixed-size time series. Memory is constant in the
 * number of invocations (design principle 6).
 *
 * Levels are counts of execution environments by state; `concurrency` is the number of
 * environments serving a request (a cold start's INIT included), as AWS counts it.
 * Time averages are taken over the simulated window [0, windowMs] and frozen by `closeWindow`;
 * invocations still running at the window's end finish afterwards (the drain) and are counted
 * and billed, but do not move the window's time averages.
 */
import {
  BucketedCounts,
  BucketedGauge,
  BucketedQuantiles,
  Histogram,
  TimeWeighted,
} from '../../metrics/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import { EnvState } from '../environments/environmentTable.ts';

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

/** Per-bucket series for the charts (bucket width chosen from the window length). */
export class FunctionSeries {
  readonly arrivals: BucketedCounts;
  readonly throttles: BucketedCounts;
  readonly errors: BucketedCounts;
  readonly coldStarts: BucketedCounts;
  readonly successes: BucketedCounts;
  readonly concurrency: BucketedGauge;
  readonly initializing: BucketedGauge;
  readonly busy: BucketedGauge;
  readonly idle: BucketedGauge;
  readonly latency: BucketedQuantiles;

  constructor(windowMs: number, bucketMs: number) {
    this.arrivals = new BucketedCounts(windowMs, bucketMs);
    this.throttles = new BucketedCounts(windowMs, bucketMs);
    this.errors = new BucketedCounts(windowMs, bucketMs);
    this.coldStarts = new BucketedCounts(windowMs, bucketMs);
    this.successes = new BucketedCounts(windowMs, bucketMs);
    this.concurrency = new BucketedGauge(windowMs, bucketMs);
    this.initializing = new BucketedGauge(windowMs, bucketMs);
    this.busy = new BucketedGauge(windowMs, bucketMs);
    this.idle = new BucketedGauge(windowMs, bucketMs);
    this.latency = new BucketedQuantiles(windowMs, bucketMs);
  }
}

export class FunctionStats {
  // Invocation outcomes as the contract counts them.
  arrived = 0;
  started = 0;
  succeeded = 0;
  failed = 0;
  timedOut = 0;
  throttled = 0;
  retried = 0;
  dropped = 0;
  /** Synchronous requests whose last attempt was throttled (the caller got a 429 in the end). */
  throttledFinal = 0;
  /** Throttles by the limit that refused them, indexed by ThrottleReason. */
  readonly throttledBy = [0, 0, 0, 0, 0];
  /** Requests that failed because no VPC network interface could be created (legacy ENIs). */
  networkInterfaceFailures = 0;
  /** Requests the front door (API Gateway) answered with a timeout while the function still ran. */
  gatewayTimeouts = 0;

  coldStarts = 0;
  /** INITs over the 10 s limit, re-run inside the first invocation (AWS "suppressed init"). */
  suppressedInits = 0;
  environmentsCreated = 0;
  /** Idle environments reclaimed after their idle timeout. */
  environmentsReclaimed = 0;
  /** Environments retired at their maximum lifetime. */
  environmentsRetired = 0;
  provisionedInits = 0;
  /** Cold starts that restored a SnapStart snapshot instead of running INIT. */
  snapStartRestores = 0;

  /** Caller-observed latency of successful requests, all / cold / warm. */
  readonly latency = new Histogram();
  readonly latencyCold = new Histogram();
  readonly latencyWarm = new Histogram();
  /** Handler duration (unrounded) of every finished invocation. */
  readonly duration = new Histogram();
  /** INIT duration of cold starts serving a request. */
  readonly init = new Histogram();

  // Billing accumulators (integer billed milliseconds, see billing/billedDuration).
  requests = 0;
  onDemandBilledMs = 0;
  provisionedBilledMs = 0;

  private readonly stateCount = new Float64Array(5);
  private readonly concurrencyLevel = new TimeWeighted();
  private readonly liveLevel = new TimeWeighted();
  private readonly busyLevel = new TimeWeighted();
  private readonly idleLevel = new TimeWeighted();
  private readonly initializingLevel = new TimeWeighted();
  private window: WindowLevels | null = null;
  private windowClosed = false;

  readonly series: FunctionSeries;

  constructor(
    readonly windowMs: number,
    bucketMs: number,
  ) {
    this.series = new FunctionSeries(windowMs, bucketMs);
  }

  /** An environment moved from state `from` to state `to` at `timeMs` (Dead for birth/death). */
  transition(timeMs: number, from: EnvState, to: EnvState): void {
    this.stateCount[from] -= 1;
    this.stateCount[to] += 1;
    if (this.windowClosed) return;
    const c = this.stateCount;
    const serving = c[EnvState.Initializing] + c[EnvState.Busy];
    const initializing = c[EnvState.Initializing] + c[EnvState.Provisioning];
    const live = initializing + c[EnvState.Busy] + c[EnvState.Idle];
    this.concurrencyLevel.set(timeMs, serving);
    this.liveLevel.set(timeMs, live);
    this.busyLevel.set(timeMs, c[EnvState.Busy]);
    this.idleLevel.set(timeMs, c[EnvState.Idle]);
    this.initializingLevel.set(timeMs, initializing);
    const s = this.series;
    s.concurrency.set(timeMs, serving);
    s.busy.set(timeMs, c[EnvState.Busy]);
    s.idle.set(timeMs, c[EnvState.Idle]);
    s.initializing.set(timeMs, initializing);
  }

  recordThrottle(timeMs: number, reason: ThrottleReason): void {
    this.throttled++;
    this.throttledBy[reason]++;
    this.series.throttles.add(timeMs, 1);
  }

  /** Freezes the time-weighted levels at the end of the window. Idempotent. */
  closeWindow(): void {
    if (this.windowClosed) return;
    const end = this.windowMs;
    const level = (t: TimeWeighted): LevelSummary => ({ mean: t.mean(end), peak: t.max });
    this.window = {
      concurrency: level(this.concurrencyLevel),
      live: level(this.liveLevel),
      busy: level(this.busyLevel),
      idle: level(this.idleLevel),
      initializing: level(this.initializingLevel),
    };
    const s = this.series;
    s.concurrency.finish(end);
    s.busy.finish(end);
    s.idle.finish(end);
    s.initializing.finish(end);
    this.windowClosed = true;
  }

  get levels(): WindowLevels {
    if (!this.window) throw new Error('FunctionStats.levels read before closeWindow()');
    return this.window;
  }

  /** Sanity counter for tests: environments alive now in each state. */
  countIn(state: EnvState): number {
    return this.stateCount[state];
  }

  get throttledByReason(): Record<'reservedConcurrency' | 'accountConcurrency' | 'scalingRate', number> {
    return {
      reservedConcurrency: this.throttledBy[ThrottleReason.ReservedConcurrency],
      accountConcurrency: this.throttledBy[ThrottleReason.AccountConcurrency],
      scalingRate: this.throttledBy[ThrottleReason.ScalingRate],
    };
  }
}
