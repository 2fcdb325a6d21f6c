/**
 * One Lambda function on the event loop: admission (provisioned, warm, cold or throttled),
 * INIT, the handler's run and timeout, idle reclamation, maximum lifetime, and provisioned
 * concurrency kept initialised.
 *
 * Contract with invocation sources (sync callers, async queues, pollers): a source calls
 * `invoke`, which either starts the request at once (returns ThrottleReason.None) or refuses it
 * and says why. When a started request finishes, the runtime releases the environment (idle,
 * retired or removed) and then calls `onFinished(slot)` of the source whose index is in the
 * request's fields; the source reads the outcome from the environment table's request fields,
 * which stay valid until the slot's next request, and may invoke again at once.
 *
 * Order of preference when a request arrives (AWS docs provisioned-concurrency.html):
 * an idle provisioned environment; else, within the concurrency limit, an idle on-demand
 * environment chosen by the placement policy; else a new environment if the scaling rate allows.
 */

import { billedDurationMs, isInitBilled } from '../billing/metering/index.ts';
import type { Rng, Sampler, Simulation } from '../engine/index.ts';
import { makeSampler } from '../engine/index.ts';
import type { Billing, LambdaFunction, Platform } from '../scenario/index.ts';
import { CallProgram, Outcome, type ProgramCall } from './calls/callProgram.ts';
import { type ConcurrencyLimits, ThrottleReason } from './concurrency/concurrencyLimits.ts';
import type { ScalingLimiter } from './concurrency/scalingLimiter.ts';
import { type EnvironmentTable, EnvState } from './environments/environmentTable.ts';
import { type IdleSet, makeIdleSet } from './environments/idleSets.ts';
import { type CallRoutes, HandlerModel } from './handler/handlerModel.ts';
import { makeVpcAttachment, type VpcAttachment } from './network/vpcAttachment.ts';
import type { FunctionStats } from './stats/functionStats.ts';

export { Outcome, type ProgramCall } from './calls/callProgram.ts';

/** AWS: "The Init phase is limited to 10 seconds" for on-demand environments (docs lambda-runtime-environment). */
export const INIT_LIMIT_MS = 10_000;

/** Event kinds the runtime needs; registered once by the World. */
export interface RuntimeEventKinds {
  readonly initDone: number;
  readonly invokeDone: number;
  readonly expiryCheck: number;
  readonly provisionedReady: number;
  /** (slot, request seq): a fixed-duration part of the handler ended. */
  readonly stepDone: number;
  /** (slot, request seq): the function timeout of a handler with resource calls. */
  readonly requestTimeout: number;
}

export interface RuntimeContext {
  readonly sim: Simulation;
  readonly envs: EnvironmentTable;
  readonly limits: ConcurrencyLimits;
  readonly scaling: ScalingLimiter;
  readonly platform: Platform;
  readonly billing: Billing;
  readonly kinds: RuntimeEventKinds;
  /** Called when a started request finishes; dispatches on envs.requestSource[slot]. */
  readonly onFinished: (slot: number) => void;
  /** Monotonic counter for environment creation order (shared by all functions). */
  nextSerial(): number;
  /** Unique request sequence numbers (shared by all functions). */
  nextRequestSeq(): number;
}

export class FunctionRuntime {
  private readonly idle: IdleSet;
  private readonly provisionedIdle: IdleSet;
  private readonly handler: HandlerModel;
  private readonly initSampler: Sampler;
  private readonly idleTimeoutSampler: Sampler;
  private readonly initRng: Rng;
  private readonly idleRng: Rng;
  private readonly provisionedInitRng: Rng;
  private readonly initBilled: boolean;
  /** Requests started and not yet finished. */
  inFlight = 0;
  /** Batch size and chain depth of the request `invoke` is starting (passed to fillRequest). */
  private nextRecords = 1;
  private nextDepth = 0;
  /** Resource calls made after the fixed part, in order (empty: the handler is one fixed delay). */
  readonly calls: CallProgram;
  private readonly vpc: VpcAttachment | null;

  /** `routes`: where the function's fixed-latency calls go (NAT gateway, VPC endpoints). */
  constructor(
    readonly index: number,
    readonly config: LambdaFunction,
    readonly stats: FunctionStats,
    private readonly ctx: RuntimeContext,
    rng: Rng,
    routes?: CallRoutes,
  ) {
    const envs = ctx.envs;
    this.idle = makeIdleSet(ctx.platform.placement, (slot) => envs.serial[slot], rng.fork('placement'));
    this.provisionedIdle = makeIdleSet('mru', (slot) => envs.serial[slot], rng.fork('placement-provisioned'));
    this.handler = new HandlerModel(config, rng.fork('handler'), routes);
    this.vpc = makeVpcAttachment(config, rng.fork('vpc'));
    // With SnapStart a cold start restores the snapshot taken when the version was published: the
    // restore replaces INIT, is not billed as INIT, and is not bound by INIT's 10 s limit.
    this.initSampler = makeSampler(config.snapStart ? config.model.restoreMs : config.model.initMs);
    this.idleTimeoutSampler = makeSampler(ctx.platform.idleTimeoutMs);
    this.initRng = rng.fork('init');
    this.idleRng = rng.fork('idle');
    this.provisionedInitRng = rng.fork('provisioned-init');
    this.initBilled = !config.snapStart && isInitBilled(config, ctx.billing.initBilled);
    this.calls = new CallProgram(ctx, (slot, nowMs, outcome) => {
      ctx.envs.requestOutcome[slot] = outcome;
      ctx.envs.requestDurationMs[slot] = nowMs - ctx.envs.requestStartMs[slot];
      this.onInvokeDone(slot);
    });
  }

  /**
   * Attaches the resource calls (built by the World once the runtime exists, since calls resume
   * requests through `calls`). Must be called before the run starts.
   */
  attach(program: readonly ProgramCall[]): void {
    this.calls.attach(program);
  }

  /** Network interfaces created for this function (legacy VPC). */
  get networkInterfacesCreated(): number {
    return this.vpc?.interfacesCreated ?? 0;
  }

  get idleCount(): number {
    return this.idle.size;
  }

  /**
   * Allocates provisioned concurrency before traffic: the environments are initialised at time
   * 0 (their INIT is billed, as AWS bills provisioned INIT whether or not it serves requests).
   * `count`: the level in force at time 0 (a schedule or auto scaling may set it).
   */
  allocateProvisioned(count = this.config.provisionedConcurrency): void {
    this.pcSegments.push({ concurrency: count, startMs: this.ctx.sim.now });
    if (count === 0) return;
    const refused = this.ctx.limits.tryAcquire(this.index, count);
    if (refused !== ThrottleReason.None) {
      throw new Error(
        `provisioned concurrency of ${this.config.name} exceeds its limit (validation missed it)`,
      );
    }
    this.pcTarget = count;
    this.pcHeld = count;
    this.pcLive = count;
    const nowMs = this.ctx.sim.now;
    for (let i = 0; i < count; i++) {
      const slot = this.createEnvironment(nowMs, true, EnvState.Idle);
      this.billProvisionedInit(this.sampleInitMs(this.provisionedInitRng, nowMs));
      this.becomeIdle(slot, nowMs);
    }
  }

  // Provisioned concurrency over time (schedule, auto scaling): see setProvisioned.
  /** The configured level. */
  private pcTarget = 0;
  /** Concurrency units held for provisioned environments (<= pcTarget when the limits refused some). */
  private pcHeld = 0;
  /** Provisioned environments alive (allocating, idle or busy). */
  private pcLive = 0;
  /** Provisioned environments still allocating or running INIT (not ready to serve). */
  private readonly pcAllocating = new Set<number>();
  /** Busy provisioned environments, and their time integral since the last utilisation sample. */
  private pcBusy = 0;
  private pcBusyArea = 0;
  private pcAreaAtMs = 0;
  /**
   * Recycling: replacement -> environment it replaces, and back; busy environments whose replacement
   * is ready -> that replacement (it starts serving when they finish).
   */
  private readonly pcReplaces = new Map<number, number>();
  private readonly pcReplacedBy = new Map<number, number>();
  private readonly pcDoomed = new Map<number, number>();
  /** Configured level over time, for billing: each entry holds from startMs to the next. */
  private readonly pcSegments: { concurrency: number; startMs: number }[] = [];

  /** The configured provisioned concurrency now. */
  get provisionedTarget(): number {
    return this.pcTarget;
  }

  /** Provisioned environments ready to serve (initialised), busy or idle. */
  get provisionedReady(): number {
    return this.pcLive - this.pcAllocating.size;
  }

  /**
   * The time integral (environment-ms) of busy provisioned environments since the previous call:
   * what the LambdaProvisionedConcurrencyUtilization metric averages.
   */
  takeProvisionedBusyArea(nowMs: number): number {
    this.pcBusyArea += this.pcBusy * (nowMs - this.pcAreaAtMs);
    this.pcAreaAtMs = nowMs;
    const area = this.pcBusyArea;
    this.pcBusyArea = 0;
    return area;
  }

  /** Provisioned concurrency configured over [0, endMs), as billing intervals (zero levels left out). */
  provisionedIntervals(endMs: number): { concurrency: number; durationMs: number }[] {
    const out: { concurrency: number; durationMs: number }[] = [];
    this.pcSegments.forEach((seg, i) => {
      const until = Math.min(endMs, i + 1 < this.pcSegments.length ? this.pcSegments[i + 1].startMs : endMs);
      if (seg.concurrency > 0 && until > seg.startMs) {
        out.push({ concurrency: seg.concurrency, durationMs: until - seg.startMs });
      }
    });
    return out;
  }

  /**
   * Changes the configured provisioned concurrency (a scheduled action or auto scaling), as
   * PutProvisionedConcurrencyConfig does. Up: the units are claimed from the concurrency limits at
   * once (as many as they allow) and the new environments are ready after the allocation time plus
   * their INIT (billed). Down: environments still allocating go first, then idle ones; busy ones go
   * when their request ends.
   */
  setProvisioned(level: number, nowMs: number): void {
    if (level === this.pcTarget) return;
    this.pcTarget = level;
    const last = this.pcSegments[this.pcSegments.length - 1];
    if (last && last.startMs === nowMs) last.concurrency = level;
    else this.pcSegments.push({ concurrency: level, startMs: nowMs });
    const ctx = this.ctx;
    while (this.pcHeld < level && ctx.limits.tryAcquire(this.index) === ThrottleReason.None) this.pcHeld++;
    while (this.pcLive < this.pcHeld) {
      const slot = this.createEnvironment(nowMs, true, EnvState.Provisioning);
      this.pcLive++;
      this.pcAllocating.add(slot);
      const initMs = this.sampleInitMs(this.provisionedInitRng, nowMs);
      this.billProvisionedInit(initMs);
      const readyAt = nowMs + this.config.provisioned.allocationMs + initMs;
      ctx.sim.at(readyAt, ctx.kinds.provisionedReady, slot, ctx.envs.generation[slot]);
    }
    for (const slot of [...this.pcAllocating]) {
      if (this.pcLive <= level) break;
      this.pcAllocating.delete(slot);
      this.removeProvisioned(slot, nowMs);
    }
    while (this.pcLive > level && this.provisionedIdle.size > 0) {
      this.removeProvisioned(this.provisionedIdle.take(), nowMs);
    }
  }

  /**
   * Destroys a provisioned environment that is not serving and gives its unit back; an environment
   * being replaced goes with its replacement, and a replacement with the environment it replaces
   * (the pair holds one unit).
   */
  private removeProvisioned(slot: number, nowMs: number): void {
    this.pcLive--;
    this.pcHeld--;
    this.ctx.limits.release(this.index);
    this.destroy(slot, nowMs);
    const fresh = this.pcReplacedBy.get(slot);
    if (fresh !== undefined) {
      this.pcReplacedBy.delete(slot);
      this.pcReplaces.delete(fresh);
      this.pcAllocating.delete(fresh);
      this.destroy(fresh, nowMs);
    }
    const old = this.pcReplaces.get(slot);
    if (old !== undefined) this.dropReplaced(old, slot, nowMs);
  }

  /**
   * Starts a request now, or refuses it. `arrivalMs` and `overheadMs` are the caller's, kept for
   * latency; `source` is the index of the source to notify; `tag` is the source's own data;
   * `records` is the batch size (handler time per record, errors per record); `depth` the request's
   * place in a chain of invocations (recursive loop detection).
   */
  invoke(
    arrivalMs: number,
    overheadMs: number,
    source: number,
    tag: number,
    records = 1,
    depth = 0,
  ): ThrottleReason {
    const ctx = this.ctx;
    const nowMs = ctx.sim.now;
    this.nextRecords = records;
    this.nextDepth = depth;
    if (this.provisionedIdle.size > 0) {
      this.startWarm(this.provisionedIdle.take(), nowMs, arrivalMs, overheadMs, source, tag);
      return ThrottleReason.None;
    }
    const refused = ctx.limits.tryAcquire(this.index);
    if (refused !== ThrottleReason.None) return refused;
    if (this.idle.size > 0) {
      this.startWarm(this.idle.take(), nowMs, arrivalMs, overheadMs, source, tag);
      return ThrottleReason.None;
    }
    if (this.vpc && !this.vpc.canAttach(nowMs)) {
      ctx.limits.release(this.index);
      return ThrottleReason.NetworkInterfaces;
    }
    if (!ctx.scaling.tryCreate(this.index, nowMs)) {
      ctx.limits.release(this.index);
      return ThrottleReason.ScalingRate;
    }
    this.startCold(nowMs, arrivalMs, overheadMs, source, tag);
    return ThrottleReason.None;
  }

  private fillRequest(
    slot: number,
    arrivalMs: number,
    overheadMs: number,
    source: number,
    tag: number,
  ): void {
    const envs = this.ctx.envs;
    envs.requestArrivalMs[slot] = arrivalMs;
    envs.requestOverheadMs[slot] = overheadMs;
    envs.requestSource[slot] = source;
    envs.requestTag[slot] = tag;
    envs.requestRecords[slot] = this.nextRecords;
    envs.requestDepth[slot] = this.nextDepth;
    this.inFlight++;
    this.stats.started++;
  }

  private startWarm(
    slot: number,
    nowMs: number,
    arrivalMs: number,
    overheadMs: number,
    source: number,
    tag: number,
  ): void {
    this.fillRequest(slot, arrivalMs, overheadMs, source, tag);
    this.ctx.envs.requestInitMs[slot] = 0;
    this.setState(slot, EnvState.Busy, nowMs);
    this.startHandler(slot, nowMs, 0);
  }

  private startCold(nowMs: number, arrivalMs: number, overheadMs: number, source: number, tag: number): void {
    const envs = this.ctx.envs;
    const slot = this.createEnvironment(nowMs, false, EnvState.Initializing);
    this.fillRequest(slot, arrivalMs, overheadMs, source, tag);
    const initMs = this.sampleInitMs(this.initRng, nowMs);
    envs.requestInitMs[slot] = initMs;
    this.stats.coldStarts++;
    if (this.config.snapStart) this.stats.snapStartRestores++;
    this.stats.init.record(initMs);
    this.stats.series.coldStarts.add(nowMs, 1);
    // Network set-up before INIT (VPC): not part of INIT, not billed, but the caller waits for it.
    const networkMs = this.vpc ? this.vpc.attach(slot, nowMs) : 0;
    // An INIT over the limit times out and is re-run inside the first invocation.
    const initPhaseMs = this.config.snapStart ? initMs : Math.min(initMs, INIT_LIMIT_MS);
    this.ctx.sim.at(nowMs + networkMs + initPhaseMs, this.ctx.kinds.initDone, slot, envs.generation[slot]);
  }

  /**
   * One INIT (or SnapStart restore) starting at `nowMs`: the runtime's and code's INIT plus the
   * `phase: init` calls (not re-made on a restore: their results are in the snapshot).
   */
  private sampleInitMs(rng: Rng, nowMs: number): number {
    const initMs = this.initSampler.sample(rng);
    return this.config.snapStart ? initMs : initMs + this.handler.sampleInitCallsMs(nowMs);
  }

  /** Event: a cold start's INIT phase ended. */
  onInitDone(slot: number): void {
    const envs = this.ctx.envs;
    const nowMs = this.ctx.sim.now;
    this.setState(slot, EnvState.Busy, nowMs);
    const initMs = envs.requestInitMs[slot];
    let rerunInitMs = 0;
    if (initMs > INIT_LIMIT_MS && !this.config.snapStart) {
      this.stats.suppressedInits++;
      rerunInitMs = initMs;
    }
    this.startHandler(slot, nowMs, rerunInitMs);
  }

  /**
   * Runs the handler from `now`; `prefixMs` is work done first inside the invoke (re-run INIT).
   * Without resource calls the whole handler is one fixed delay, cut at the timeout (one event).
   * With them, compute and io come first, then each call in order; a timeout event stops the
   * request wherever it is.
   */
  private startHandler(slot: number, nowMs: number, prefixMs: number): void {
    const envs = this.ctx.envs;
    const timeoutMs = this.config.timeoutMs;
    const records = envs.requestRecords[slot];
    const workMs = prefixMs + this.handler.sampleDurationMs(nowMs, records);
    const error = this.handler.sampleError(records);
    envs.requestStartMs[slot] = nowMs;
    if (!this.calls.isEmpty) {
      this.calls.start(slot, nowMs, workMs, error, timeoutMs);
      return;
    }
    envs.requestError[slot] = error ? 1 : 0;
    let runMs: number;
    if (workMs > timeoutMs) {
      runMs = timeoutMs;
      envs.requestOutcome[slot] = Outcome.Timeout;
    } else {
      runMs = workMs;
      envs.requestOutcome[slot] = error ? Outcome.FunctionError : Outcome.Success;
    }
    envs.requestDurationMs[slot] = runMs;
    this.ctx.sim.at(nowMs + runMs, this.ctx.kinds.invokeDone, slot, envs.generation[slot]);
  }

  /** Event: the handler returned, failed or was stopped at the timeout. */
  onInvokeDone(slot: number): void {
    const ctx = this.ctx;
    const envs = ctx.envs;
    const nowMs = ctx.sim.now;
    const durationMs = envs.requestDurationMs[slot];
    const provisioned = envs.provisioned[slot] === 1;
    this.stats.duration.record(durationMs);
    this.bill(slot, durationMs, provisioned);
    if (envs.requestOutcome[slot] !== Outcome.Success) this.stats.series.errors.add(nowMs, 1);
    this.inFlight--;
    if (!provisioned) ctx.limits.release(this.index);
    const successor = provisioned ? this.pcDoomed.get(slot) : undefined;
    if (successor !== undefined) {
      // Replaced while busy: it goes, its initialised replacement takes the unit.
      this.pcDoomed.delete(slot);
      this.setState(slot, EnvState.Idle, nowMs);
      this.destroy(slot, nowMs);
      this.becomeIdle(successor, nowMs);
    } else if (provisioned && this.pcLive > this.pcTarget) {
      this.setState(slot, EnvState.Idle, nowMs); // leaves Busy for the utilisation count
      this.removeProvisioned(slot, nowMs);
    } else if (nowMs - envs.createdAtMs[slot] >= ctx.platform.maxLifetimeMs && !this.pcReplacedBy.has(slot)) {
      this.retire(slot, nowMs);
    } else this.becomeIdle(slot, nowMs);
    // The source learns the outcome once the environment is free again, so that it may invoke
    // at once (a poller's next batch can take this warm environment). The request's fields stay
    // readable: a freed slot's request fields are only rewritten by its next request.
    ctx.onFinished(slot);
  }

  private bill(slot: number, durationMs: number, provisioned: boolean): void {
    const envs = this.ctx.envs;
    const initMs = envs.requestInitMs[slot];
    // A cold start's INIT phase (at most the 10 s limit) is billed with the invocation when the rule says so.
    const billedInitMs = initMs > 0 && this.initBilled ? Math.min(initMs, INIT_LIMIT_MS) : 0;
    const billedMs = billedDurationMs(durationMs + billedInitMs, this.ctx.billing.granularityMs);
    this.stats.requests++;
    if (provisioned) this.stats.provisionedBilledMs += billedMs;
    else this.stats.onDemandBilledMs += billedMs;
  }

  private billProvisionedInit(initMs: number): void {
    this.stats.provisionedInits++;
    this.stats.provisionedBilledMs += billedDurationMs(initMs, this.ctx.billing.granularityMs);
  }

  private createEnvironment(nowMs: number, provisioned: boolean, state: EnvState): number {
    const slot = this.ctx.envs.allocate(this.index, nowMs, this.ctx.nextSerial(), provisioned);
    this.setState(slot, state, nowMs);
    this.stats.environmentsCreated++;
    return slot;
  }

  private setState(slot: number, state: EnvState, nowMs: number): void {
    const envs = this.ctx.envs;
    const from = envs.state[slot] as EnvState;
    if (envs.provisioned[slot] === 1 && (from === EnvState.Busy) !== (state === EnvState.Busy)) {
      this.pcBusyArea += this.pcBusy * (nowMs - this.pcAreaAtMs);
      this.pcAreaAtMs = nowMs;
      this.pcBusy += state === EnvState.Busy ? 1 : -1;
    }
    this.stats.transition(nowMs, from, state);
    envs.state[slot] = state;
  }

  /**
   * The environment waits for work. On-demand: reclaimed after a sampled idle timeout (or at
   * its maximum lifetime, whichever comes first). Provisioned: kept until its maximum lifetime.
   * At most one reclamation check is pending per environment; a check that finds the deadline
   * moved re-arms itself, so the event queue holds O(environments) checks, not O(invocations).
   */
  private becomeIdle(slot: number, nowMs: number): void {
    const envs = this.ctx.envs;
    const provisioned = envs.provisioned[slot] === 1;
    this.setState(slot, EnvState.Idle, nowMs);
    (provisioned ? this.provisionedIdle : this.idle).add(slot);
    const retireAt = envs.createdAtMs[slot] + this.ctx.platform.maxLifetimeMs;
    const deadline = provisioned
      ? this.pcReplacedBy.has(slot)
        ? Number.POSITIVE_INFINITY // already being replaced
        : retireAt
      : Math.min(nowMs + this.idleTimeoutSampler.sample(this.idleRng), retireAt);
    envs.idleDeadlineMs[slot] = deadline;
    if (deadline !== Number.POSITIVE_INFINITY && !(envs.expiryCheckAtMs[slot] <= deadline)) {
      envs.expiryCheckAtMs[slot] = deadline;
      this.ctx.sim.at(deadline, this.ctx.kinds.expiryCheck, slot, envs.generation[slot]);
    }
  }

  /** Event: a reclamation check scheduled for this environment (already checked for generation). */
  onExpiryCheck(slot: number): void {
    const envs = this.ctx.envs;
    const nowMs = this.ctx.sim.now;
    if (envs.expiryCheckAtMs[slot] !== nowMs) return; // superseded by an earlier check
    envs.expiryCheckAtMs[slot] = Number.POSITIVE_INFINITY;
    if (envs.state[slot] !== EnvState.Idle) return; // busy again: re-armed when it next goes idle
    const deadline = envs.idleDeadlineMs[slot];
    if (nowMs < deadline) {
      envs.expiryCheckAtMs[slot] = deadline;
      this.ctx.sim.at(deadline, this.ctx.kinds.expiryCheck, slot, envs.generation[slot]);
      return;
    }
    const provisioned = envs.provisioned[slot] === 1;
    (provisioned ? this.provisionedIdle : this.idle).remove(slot);
    if (nowMs - envs.createdAtMs[slot] >= this.ctx.platform.maxLifetimeMs) this.retire(slot, nowMs);
    else {
      this.stats.environmentsReclaimed++;
      this.destroy(slot, nowMs);
    }
  }

  /** Retires an environment at its maximum lifetime; a provisioned one is replaced at once. */
  private retire(slot: number, nowMs: number): void {
    const provisioned = this.ctx.envs.provisioned[slot] === 1;
    this.stats.environmentsRetired++;
    if (provisioned && this.pcLive > this.pcTarget) {
      this.removeProvisioned(slot, nowMs);
      return;
    }
    if (!provisioned) {
      this.destroy(slot, nowMs);
      return;
    }
    // A provisioned environment keeps serving until its replacement is initialised, so that
    // recycling does not take provisioned capacity away (AWS keeps it "continually initialized").
    const fresh = this.createEnvironment(nowMs, true, EnvState.Provisioning);
    this.pcAllocating.add(fresh);
    this.pcReplaces.set(fresh, slot);
    this.pcReplacedBy.set(slot, fresh);
    const initMs = this.sampleInitMs(this.provisionedInitRng, nowMs);
    this.billProvisionedInit(initMs);
    this.ctx.sim.at(nowMs + initMs, this.ctx.kinds.provisionedReady, fresh, this.ctx.envs.generation[fresh]);
    this.becomeIdle(slot, nowMs);
  }

  /** Event: a new or replacement provisioned environment finished INIT. */
  onProvisionedReady(slot: number): void {
    const nowMs = this.ctx.sim.now;
    this.pcAllocating.delete(slot);
    const old = this.pcReplaces.get(slot);
    if (old !== undefined && !this.dropReplaced(old, slot, nowMs)) return; // ready once `old` is done
    this.becomeIdle(slot, nowMs);
  }

  /**
   * The environment `old` that `fresh` replaces goes now if idle (true), else after its request
   * (false): `fresh` then waits for it, so the pair never serves two requests on one unit.
   */
  private dropReplaced(old: number, fresh: number, nowMs: number): boolean {
    this.pcReplaces.delete(fresh);
    this.pcReplacedBy.delete(old);
    if (this.ctx.envs.state[old] === EnvState.Idle) {
      this.provisionedIdle.remove(old);
      this.destroy(old, nowMs);
      return true;
    }
    this.pcDoomed.set(old, fresh);
    return false;
  }

  private destroy(slot: number, nowMs: number): void {
    this.calls.endEnvironment(slot, nowMs);
    this.vpc?.detach(slot, nowMs);
    this.setState(slot, EnvState.Dead, nowMs);
    this.ctx.envs.free(slot);
  }
}
