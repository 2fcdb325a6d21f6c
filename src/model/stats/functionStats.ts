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

import { InvalidParameterError } from '../../engine/index.ts';
import {
  type BucketedCounts,
  type BucketedGauge,
  type BucketedQuantiles,
  Histogram,
  type SeriesMaker,
  TimeWeightedLevels,
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
    this.latency = make.quantiles();
    for (const gauge of [this.concurrency, this.initializing, this.busy, this.idle]) gauge.restartAt(timeMs);
  }

  toData(): FunctionSeriesData {
    return {
      arrivals: this.arrivals.toData(),
      throttles: this.throttles.toData(),
      errors: this.errors.toData(),
      coldStarts: this.coldStarts.toData(),
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
const STATES = 5;

/** The time-weighted levels of environments, by number in FunctionStats' TimeWeightedLevels. */
const CONCURRENCY = 0;
const INITIALIZING = 1;
const LIVE = 2;
const BUSY = 3;
const IDLE = 4;
const LEVELS = 5;

/** In STEPS: the move leaves the level alone (no update, no new point). */
const NO_STEP = -128;

/**
 * STEPS[(from * STATES + to) * LEVELS + level]: what a move from state `from` to state `to` adds
 * to the level (-1, 0 or +1), or NO_STEP; worked out once. A level whose membership the move
 * changes steps by one; a move between two states that both count in a level (Busy to Busy) still
 * updates it with a step of 0, as the levels were always updated (a new point splits the integral).
 * Each level is a sum of state counts, so stepping it gives the same number as summing the counts.
 */
const STEPS = (() => {
  const table = new Int8Array(STATES * STATES * LEVELS).fill(NO_STEP);
  const inState = (s: number) => (state: number) => (state === s ? 1 : 0);
  const member = [
    (state: number) => (IS_SERVING[state] ? 1 : 0),
    (state: number) => (IS_INITIALIZING[state] ? 1 : 0),
    (state: number) => (state === EnvState.Dead ? 0 : 1),
    inState(EnvState.Busy),
    inState(EnvState.Idle),
  ];
  for (let from = 0; from < STATES; from++) {
    for (let to = 0; to < STATES; to++) {
      const row = (from * STATES + to) * LEVELS;
      for (let level = 0; level < LEVELS; level++) {
        const of = member[level] as (state: number) => number;
        const step = of(to) - of(from);
        // Live, busy and idle are updated whenever either end of the move is their state.
        const touched =
          step !== 0 ||
          (level === LIVE && (from === EnvState.Dead || to === EnvState.Dead)) ||
          (level === BUSY && (from === EnvState.Busy || to === EnvState.Busy)) ||
          (level === IDLE && (from === EnvState.Idle || to === EnvState.Idle));
        if (touched) table[row + level] = step;
      }
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
  /** VPC functions: what those cold starts waited for their network interface (0 when it was ready). */
  networkSetup = new Histogram();

  // Billing accumulators (integer billed milliseconds, see billing/billedDuration).
  requests = 0;
  onDemandBilledMs = 0;
  provisionedBilledMs = 0;
  /** Requests, and on-demand billed ms, while provisioned concurrency was enabled (no free tier). */
  requestsWhileProvisioned = 0;
  onDemandBilledMsWhileProvisioned = 0;

  /**
   * Environments by state as time-weighted levels (CONCURRENCY, INITIALIZING, LIVE, BUSY, IDLE),
   * each a sum of the counts of some states, moved by STEPS.
   */
  private readonly levels = new TimeWeightedLevels(LEVELS);
  /** The window's levels once closeWindow froze them (then transitions no longer move them). */
  private closedLevels: WindowLevels | null = null;
  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;
  /** Attempts running when recording began (startRecording's `inFlight`); 0 in a whole run. */
  private inFlightAtStart = 0;

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
   * arrival time in the time series (whose per-bucket counts are the successes per bucket); `cold`
   * if it waited for a cold start.
   */
  recordSuccess(arrivalMs: number, latencyMs: number, cold: boolean): void {
    this.succeeded++;
    this.series.latency.record(arrivalMs, latencyMs);
    (cold ? this.latencyCold : this.latencyWarm).record(latencyMs);
  }

  /**
   * An environment moved from state `from` to state `to` at `timeMs` (Dead for birth/death).
   * Hot (twice per request), so each level's update is written out here, as
   * TimeWeightedLevels.set does it (its data layout: level k at k * 6), with literals for the
   * level numbers (CONCURRENCY 0, INITIALIZING 1, LIVE 2, BUSY 3, IDLE 4) and NO_STEP (-128):
   * V8 then compiles it without calls, whatever its inlining budget, and without context loads.
   */
  transition(timeMs: number, from: EnvState, to: EnvState): void {
    if (this.closedLevels !== null) return; // the window is closed
    const row = (from * 5 + to) * 5;
    const d = this.levels.data;
    // Everything the branches below share is read before them (the time as a number, the steps,
    // the array's length), so V8 checks each once rather than in every branch.
    const t = +timeMs;
    if (d.length !== 30) throw new InvalidParameterError('FunctionStats levels: 5 levels of 6 numbers');
    const step0 = STEPS[row] as number;
    const step1 = STEPS[row + 1] as number;
    const step2 = STEPS[row + 2] as number;
    const step3 = STEPS[row + 3] as number;
    const step4 = STEPS[row + 4] as number;
    if (step0 !== -128) {
      const last = d[1] as number;
      if (!(t >= last)) throw backwards(t, last);
      const current = d[0] as number;
      d[2] += current * (t - last);
      d[1] = t;
      d[0] = current + step0;
      d[3] = Math.max(d[3] as number, current + step0);
      d[5] = Math.min(d[5] as number, t);
    }
    if (step1 !== -128) {
      const last = d[7] as number;
      if (!(t >= last)) throw backwards(t, last);
      const current = d[6] as number;
      d[8] += current * (t - last);
      d[7] = t;
      d[6] = current + step1;
      d[9] = Math.max(d[9] as number, current + step1);
      d[11] = Math.min(d[11] as number, t);
    }
    if (step2 !== -128) {
      const last = d[13] as number;
      if (!(t >= last)) throw backwards(t, last);
      const current = d[12] as number;
      d[14] += current * (t - last);
      d[13] = t;
      d[12] = current + step2;
      d[15] = Math.max(d[15] as number, current + step2);
      d[17] = Math.min(d[17] as number, t);
    }
    if (step3 !== -128) {
      const last = d[19] as number;
      if (!(t >= last)) throw backwards(t, last);
      const current = d[18] as number;
      d[20] += current * (t - last);
      d[19] = t;
      d[18] = current + step3;
      d[21] = Math.max(d[21] as number, current + step3);
      d[23] = Math.min(d[23] as number, t);
    }
    if (step4 !== -128) {
      const last = d[25] as number;
      if (!(t >= last)) throw backwards(t, last);
      const current = d[24] as number;
      d[26] += current * (t - last);
      d[25] = t;
      d[24] = current + step4;
      d[27] = Math.max(d[27] as number, current + step4);
      d[29] = Math.min(d[29] as number, t);
    }
    const s = this.series; // after the levels: a recording series' update may call out of line
    if (step0 !== -128) s.concurrency.set(t, d[0] as number);
    if (step1 !== -128) s.initializing.set(t, d[6] as number);
    if (step3 !== -128) s.busy.set(t, d[18] as number);
    if (step4 !== -128) s.idle.set(t, d[24] as number);
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
  startRecording(nowMs: number, inFlight: number): void {
    this.inFlightAtStart = inFlight;
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
    this.networkSetup = new Histogram();
    this.requests = 0;
    this.onDemandBilledMs = 0;
    this.provisionedBilledMs = 0;
    this.requestsWhileProvisioned = 0;
    this.onDemandBilledMsWhileProvisioned = 0;
    for (let level = 0; level < LEVELS; level++) this.levels.restartAt(level, nowMs);
    this.series.restartAt(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Freezes the time-weighted levels at the end of the window (or of a time shard's slice,
   * `endMs`) and returns them. Idempotent.
   */
  closeWindow(endMs = this.windowMs): WindowLevels {
    if (this.closedLevels !== null) return this.closedLevels;
    const end = endMs;
    const from = this.recordFromMs;
    const level = (k: number): LevelSummary => ({
      mean: this.levels.mean(k, end, from),
      peak: this.levels.max(k),
    });
    const levels: WindowLevels = {
      concurrency: level(CONCURRENCY),
      live: level(LIVE),
      busy: level(BUSY),
      idle: level(IDLE),
      initializing: level(INITIALIZING),
    };
    const s = this.series;
    s.concurrency.finish(end);
    s.busy.finish(end);
    s.idle.finish(end);
    s.initializing.finish(end);
    this.closedLevels = levels;
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
      inFlightAtStart: this.inFlightAtStart,
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
      networkSetup: this.networkSetup.toData(),
      billing: {
        requests: this.requests,
        onDemandBilledMs: this.onDemandBilledMs,
        provisionedBilledMs: this.provisionedBilledMs,
        requestsWhileProvisioned: this.requestsWhileProvisioned,
        onDemandBilledMsWhileProvisioned: this.onDemandBilledMsWhileProvisioned,
      },
      levels,
      series: this.series.toData(),
    };
  }
}

/** The error for a level update at `time` before the level's previous one at `last` (or at NaN). */
function backwards(time: number, last: number): InvalidParameterError {
  return new InvalidParameterError(`TimeWeighted update at ${time} is before the previous one at ${last}`);
}
