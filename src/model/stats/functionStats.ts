/**
 * Everything measured about one function during a run, as streaming aggregates: counters,
 * HDR histograms, time-weighted levels and fixed-size time series. Memory is constant in the
 * number of invocations (design principle 6).
 *
 * Levels are counts of execution environments by state; `concurrency` is the number of
 * environments serving a request (a cold start's INIT included), as AWS counts it.
 * Time averages are taken over the simulated window [0, windowMs] and frozen by `closeWindow`;
 * invocations still running at the window's end finish afterwards (the drain) and are counted
 * and billed, but do not move the window's time averages. `result()` hands everything out as
 * plain data once the run is over.
 *
 * Throttles: `throttledAttempts` counts every refused attempt (CloudWatch's Throttles metric,
 * retries included; `throttledBy` splits them by limit), `throttled` the requests refused in the
 * end (a synchronous caller's last attempt was throttled): the same words as in summary.json.
 */
import {
  type BucketedCounts,
  type BucketedGauge,
  type BucketedQuantiles,
  Histogram,
  type SeriesMaker,
  TimeWeighted,
} from '../../metrics/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import { EnvState } from '../environments/environmentTable.ts';
import type {
  FunctionSeriesData,
  FunctionStatsResult,
  LevelSummary,
  WindowLevels,
} from './functionResult.ts';

/** Per-bucket series for the charts (bucket width chosen from the window length), made by one SeriesMaker. */
export class FunctionSeries {
  arrivals: BucketedCounts;
  throttles: BucketedCounts;
  errors: BucketedCounts;
  coldStarts: BucketedCounts;
  successes: BucketedCounts;
  readonly concurrency: BucketedGauge;
  readonly initializing: BucketedGauge;
  readonly busy: BucketedGauge;
  readonly idle: BucketedGauge;
  latency: BucketedQuantiles;

  constructor(private readonly make: SeriesMaker) {
    this.arrivals = make.counts();
    this.throttles = make.counts();
    this.errors = make.counts();
    this.coldStarts = make.counts();
    this.successes = make.counts();
    this.concurrency = make.gauge();
    this.initializing = make.gauge();
    this.busy = make.gauge();
    this.idle = make.gauge();
    this.latency = make.quantiles();
  }

  /** Forgets everything recorded before `timeMs` (a time shard's warm-up); levels carry on. */
  restartAt(timeMs: number): void {
    const make = this.make;
    this.arrivals = make.counts();
    this.throttles = make.counts();
    this.errors = make.counts();
    this.coldStarts = make.counts();
    this.successes = make.counts();
    this.latency = make.quantiles();
    for (const gauge of [this.concurrency, this.initializing, this.busy, this.idle]) gauge.restartAt(timeMs);
  }

  toData(): FunctionSeriesData {
    return {
      arrivals: this.arrivals.toData(),
      throttles: this.throttles.toData(),
      errors: this.errors.toData(),
      coldStarts: this.coldStarts.toData(),
      successes: this.successes.toData(),
      concurrency: this.concurrency.toData(),
      initializing: this.initializing.toData(),
      busy: this.busy.toData(),
      idle: this.idle.toData(),
      latency: this.latency.toData(),
    };
  }
}

/** By EnvState: environments serving a request (a cold start's INIT counts) and running INIT. */
const IS_SERVING = [false, true, false, true, false];
const IS_INITIALIZING = [false, true, true, false, false];

/** The levels a move between two states changes (bits of CHANGES). */
const SERVING = 1;
const INITIALIZING = 2;
const LIVE = 4;
const BUSY = 8;
const IDLE = 16;
const STATES = 5;

/** CHANGES[from * STATES + to]: the levels a move from `from` to `to` changes, worked out once. */
const CHANGES = (() => {
  const table = new Uint8Array(STATES * STATES);
  for (let from = 0; from < STATES; from++) {
    for (let to = 0; to < STATES; to++) {
      let m = 0;
      if (IS_SERVING[from] !== IS_SERVING[to]) m |= SERVING;
      if (IS_INITIALIZING[from] !== IS_INITIALIZING[to]) m |= INITIALIZING;
      if (from === EnvState.Dead || to === EnvState.Dead) m |= LIVE;
      if (from === EnvState.Busy || to === EnvState.Busy) m |= BUSY;
      if (from === EnvState.Idle || to === EnvState.Idle) m |= IDLE;
      table[from * STATES + to] = m;
    }
  }
  return table;
})();

export class FunctionStats {
  // Invocation outcomes as the contract counts them.
  arrived = 0;
  started = 0;
  succeeded = 0;
  failed = 0;
  timedOut = 0;
  /** Requests whose last attempt was throttled (the caller got a 429 in the end). */
  throttled = 0;
  /** Every refused attempt, retries included. */
  throttledAttempts = 0;
  retried = 0;
  dropped = 0;
  /** Refused attempts by the limit that refused them, indexed by ThrottleReason. */
  private readonly throttledBy = [0, 0, 0, 0, 0, 0];
  /**
   * Requests or batch deliveries refused in the end without starting, for a reason other than a
   * throttle: no VPC network interface (legacy ENIs), recursive loop detection. Not in `failed`,
   * which counts started invocations only.
   */
  refused = 0;
  /** Attempts refused because no VPC network interface could be created (legacy ENIs). */
  networkInterfaceFailures = 0;
  /** Synchronous Invoke calls stopped by recursive loop detection (counted in `refused`). */
  recursionStopped = 0;
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

  /** Caller-observed latency of successful requests that started cold / warm. */
  private latencyCold = new Histogram();
  private latencyWarm = new Histogram();
  /** Handler duration (unrounded) of every finished invocation. */
  duration = new Histogram();
  /** INIT duration of cold starts serving a request. */
  init = new Histogram();
  /** What those cold starts waited for before INIT (placement, code download; not in Init Duration). */
  preInit = new Histogram();

  // Billing accumulators (integer billed milliseconds, see billing/billedDuration).
  requests = 0;
  onDemandBilledMs = 0;
  provisionedBilledMs = 0;

  private readonly stateCount = new Float64Array(5);
  private concurrencyLevel = new TimeWeighted();
  private liveLevel = new TimeWeighted();
  private busyLevel = new TimeWeighted();
  private idleLevel = new TimeWeighted();
  private initializingLevel = new TimeWeighted();
  private levels: WindowLevels | null = null;
  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;

  /** The time series for the charts: inert in runs whose summary alone is kept (SimulateOptions.series). */
  readonly series: FunctionSeries;

  constructor(
    readonly windowMs: number,
    series: SeriesMaker,
  ) {
    this.series = new FunctionSeries(series);
  }

  /**
   * A request succeeded: counted in `succeeded`, its latency as the caller saw it attributed to its
   * arrival time in the time series; `cold` if it waited for a cold start.
   */
  recordSuccess(arrivalMs: number, latencyMs: number, cold: boolean): void {
    this.succeeded++;
    this.series.successes.add(arrivalMs, 1);
    this.series.latency.record(arrivalMs, latencyMs);
    (cold ? this.latencyCold : this.latencyWarm).record(latencyMs);
  }

  /** An environment moved from state `from` to state `to` at `timeMs` (Dead for birth/death). */
  transition(timeMs: number, from: EnvState, to: EnvState): void {
    const c = this.stateCount;
    c[from] -= 1;
    c[to] += 1;
    if (this.levels !== null) return; // the window is closed
    // Only the levels this move changes are updated (an unchanged level needs no new point).
    const m = CHANGES[from * STATES + to];
    const s = this.series;
    if ((m & SERVING) !== 0) {
      const serving = c[EnvState.Initializing] + c[EnvState.Busy];
      this.concurrencyLevel.set(timeMs, serving);
      s.concurrency.set(timeMs, serving);
    }
    if ((m & INITIALIZING) !== 0) {
      const initializing = c[EnvState.Initializing] + c[EnvState.Provisioning];
      this.initializingLevel.set(timeMs, initializing);
      s.initializing.set(timeMs, initializing);
    }
    if ((m & LIVE) !== 0) {
      const live = c[EnvState.Initializing] + c[EnvState.Provisioning] + c[EnvState.Busy] + c[EnvState.Idle];
      this.liveLevel.set(timeMs, live);
    }
    if ((m & BUSY) !== 0) {
      this.busyLevel.set(timeMs, c[EnvState.Busy]);
      s.busy.set(timeMs, c[EnvState.Busy]);
    }
    if ((m & IDLE) !== 0) {
      this.idleLevel.set(timeMs, c[EnvState.Idle]);
      s.idle.set(timeMs, c[EnvState.Idle]);
    }
  }

  /** An attempt was refused by the limit `reason` (counted whether or not it is retried). */
  recordThrottle(timeMs: number, reason: ThrottleReason): void {
    this.throttledAttempts++;
    this.throttledBy[reason]++;
    this.series.throttles.add(timeMs, 1);
  }

  /**
   * A delivery refused for good, not retried by its caller: a missing legacy network interface
   * counts in `refused`, a limit in `throttled` (and as a throttled attempt). Keeps
   * arrived = started + throttled + refused.
   */
  recordFinalRefusal(timeMs: number, reason: ThrottleReason): void {
    if (reason === ThrottleReason.NetworkInterfaces) {
      this.networkInterfaceFailures++;
      this.refused++;
    } else {
      this.recordThrottle(timeMs, reason);
      this.throttled++;
    }
  }

  /**
   * Forgets everything measured before `nowMs` (a time shard's warm-up; call before any event at
   * `nowMs` is handled): counters and histograms start again from zero, levels and series carry
   * the environments' current states on from `nowMs`, and time averages are taken from it.
   */
  startRecording(nowMs: number): void {
    this.arrived = 0;
    this.started = 0;
    this.succeeded = 0;
    this.failed = 0;
    this.timedOut = 0;
    this.throttled = 0;
    this.throttledAttempts = 0;
    this.retried = 0;
    this.dropped = 0;
    this.throttledBy.fill(0);
    this.refused = 0;
    this.networkInterfaceFailures = 0;
    this.recursionStopped = 0;
    this.gatewayTimeouts = 0;
    this.coldStarts = 0;
    this.suppressedInits = 0;
    this.environmentsCreated = 0;
    this.environmentsReclaimed = 0;
    this.environmentsRetired = 0;
    this.provisionedInits = 0;
    this.snapStartRestores = 0;
    this.latencyCold = new Histogram();
    this.latencyWarm = new Histogram();
    this.duration = new Histogram();
    this.init = new Histogram();
    this.preInit = new Histogram();
    this.requests = 0;
    this.onDemandBilledMs = 0;
    this.provisionedBilledMs = 0;
    const restart = (level: TimeWeighted) => {
      const fresh = new TimeWeighted(level.value);
      fresh.set(nowMs, level.value);
      return fresh;
    };
    this.concurrencyLevel = restart(this.concurrencyLevel);
    this.liveLevel = restart(this.liveLevel);
    this.busyLevel = restart(this.busyLevel);
    this.idleLevel = restart(this.idleLevel);
    this.initializingLevel = restart(this.initializingLevel);
    this.series.restartAt(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Freezes the time-weighted levels at the end of the window (or of a time shard's slice,
   * `endMs`) and returns them. Idempotent.
   */
  closeWindow(endMs = this.windowMs): WindowLevels {
    if (this.levels !== null) return this.levels;
    const end = endMs;
    const from = this.recordFromMs;
    const level = (t: TimeWeighted): LevelSummary => ({ mean: t.mean(end, from), peak: t.max });
    const levels: WindowLevels = {
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
    this.levels = levels;
    return levels;
  }

  /**
   * Everything measured, as plain data: call it when the run is over (requests draining after the
   * window are counted); it closes the window first if nobody did.
   */
  result(): FunctionStatsResult {
    const levels = this.closeWindow();
    const latency = new Histogram();
    latency.merge(this.latencyWarm);
    latency.merge(this.latencyCold);
    const by = this.throttledBy;
    return {
      arrived: this.arrived,
      started: this.started,
      succeeded: this.succeeded,
      failed: this.failed,
      timedOut: this.timedOut,
      throttled: this.throttled,
      throttledAttempts: this.throttledAttempts,
      throttledBy: {
        reservedConcurrency: by[ThrottleReason.ReservedConcurrency],
        accountConcurrency: by[ThrottleReason.AccountConcurrency],
        scalingRate: by[ThrottleReason.ScalingRate],
        requestRate: by[ThrottleReason.RequestRate],
      },
      retried: this.retried,
      dropped: this.dropped,
      refused: this.refused,
      networkInterfaceFailures: this.networkInterfaceFailures,
      recursionStopped: this.recursionStopped,
      gatewayTimeouts: this.gatewayTimeouts,
      coldStarts: this.coldStarts,
      suppressedInits: this.suppressedInits,
      provisionedInits: this.provisionedInits,
      snapStartRestores: this.snapStartRestores,
      environments: {
        created: this.environmentsCreated,
        reclaimed: this.environmentsReclaimed,
        retired: this.environmentsRetired,
      },
      latency: latency.toData(),
      latencyCold: this.latencyCold.toData(),
      latencyWarm: this.latencyWarm.toData(),
      duration: this.duration.toData(),
      init: this.init.toData(),
      preInit: this.preInit.toData(),
      billing: {
        requests: this.requests,
        onDemandBilledMs: this.onDemandBilledMs,
        provisionedBilledMs: this.provisionedBilledMs,
      },
      levels,
      series: this.series.toData(),
    };
  }
}
