/**
 * One Lambda function on the event loop: admission and the request's path through an execution
 * environment (cold start or warm start, the handler and its timeout, billing), built from parts:
 * the environments between requests and the provisioned pool (./environments.ts,
 * ./provisionedPool.ts), the cold start (./coldStart.ts), the handler's time (HandlerModel) and
 * its resource calls (CallProgram).
 *
 * Contract with invocation sources: a source calls `invoke` with its InvokeRequest, which either
 * starts the request at once (ThrottleReason.None) or refuses it and says why. When a started
 * request finishes, the runtime frees the environment (idle, retired or removed) and then calls
 * `onFinished(slot, nowMs)` of the request's source; the source reads the outcome through the
 * RequestView and may invoke again at once.
 *
 * Order of preference when a request arrives (AWS docs provisioned-concurrency.html): an idle
 * provisioned environment; else, within the concurrency limit, an idle on-demand environment
 * chosen by the placement policy; else a new environment if the network and the scaling rate
 * allow it. A synchronous request must first pass the account's request-rate quota.
 */
import { billedDurationMs } from '../../billing/metering/index.ts';
import type { Rng } from '../../engine/index.ts';
import type { Billing, LambdaFunction } from '../../scenario/index.ts';
import { CallProgram, type ProgramCall } from '../calls/callProgram.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { RequestRateLimit } from '../concurrency/requestRateLimit.ts';
import type { ScalingLimiter } from '../concurrency/scalingLimiter.ts';
import { EnvState } from '../environments/environmentTable.ts';
import type { DrawMemo } from '../handler/drawMemo.ts';
import { type CallRoutes, HandlerModel } from '../handler/handlerModel.ts';
import type { SourceRegistry } from '../invocation/invocationSource.ts';
import { makeVpcAttachment, type VpcAttachment } from '../network/vpcAttachment.ts';
import type { FunctionStats } from '../stats/functionStats.ts';
import { type ColdStart, makeColdStart, PreInit } from './coldStart.ts';
import { type EnvironmentsContext, FunctionEnvironments } from './environments.ts';
import type { ProvisionedPool } from './provisionedPool.ts';
import { type InvokeRequest, Outcome, type RequestTable } from './requests.ts';

export interface RuntimeContext extends EnvironmentsContext {
  readonly scaling: ScalingLimiter;
  /** The account's request-rate quota (Invoke API calls: synchronous, and asynchronous from non-AWS callers). */
  readonly requestRate: RequestRateLimit;
  readonly billing: Billing;
  readonly sources: SourceRegistry;
  /** Called once a finished request has been handed to its source (the World's drain check). */
  readonly afterFinish: () => void;
  /** Unique request sequence numbers (shared by all functions). */
  nextRequestSeq(): number;
}

export class FunctionRuntime {
  readonly environments: FunctionEnvironments;
  /** Resource calls made after the fixed part, in order (empty: the handler is one fixed delay). */
  readonly calls: CallProgram;
  private readonly requests: RequestTable;
  private readonly handler: HandlerModel;
  private readonly coldStart: ColdStart;
  private readonly preInit: PreInit;
  private readonly preInitRng: Rng;
  private readonly vpc: VpcAttachment | null;
  private readonly initRng: Rng;
  private readonly provisionedInitRng: Rng;
  private readonly initDoneKind: number;
  private readonly invokeDoneKind: number;
  /** Requests started and not yet finished. */
  inFlight = 0;

  /** `routes`: where the function's fixed-latency calls go (NAT gateway, VPC endpoints, secrets). */
  constructor(
    readonly index: number,
    readonly config: LambdaFunction,
    readonly stats: FunctionStats,
    private readonly ctx: RuntimeContext,
    rng: Rng,
    routes?: CallRoutes,
    draws: DrawMemo | null = null,
  ) {
    const envs = ctx.envs;
    this.requests = envs.requests;
    this.handler = new HandlerModel(config, rng.fork('handler'), routes, draws);
    this.vpc = makeVpcAttachment(config, rng.fork('vpc'));
    this.coldStart = makeColdStart(config, ctx.billing, this.handler);
    this.initRng = rng.fork('init');
    this.preInit = new PreInit(config);
    this.preInitRng = rng.fork('pre-init');
    this.provisionedInitRng = rng.fork('provisioned-init');
    this.environments = new FunctionEnvironments(
      index,
      config,
      stats,
      ctx,
      {
        teardown: (slot, nowMs) => {
          this.calls.endEnvironment(slot, nowMs);
          this.vpc?.detach(slot, nowMs);
        },
        provisionedInit: (nowMs) => this.provisionedInit(nowMs),
      },
      rng,
    );
    this.calls = new CallProgram(
      config.name,
      { sim: ctx.sim, requests: this.requests, nextRequestSeq: ctx.nextRequestSeq },
      (slot, nowMs, outcome) => {
        this.requests.end(slot, outcome, nowMs - this.requests.startMs(slot));
        this.onInvokeDone(slot);
      },
    );
    this.initDoneKind = ctx.sim.on(`init-done:${config.name}`, (slot, generation) => {
      if (envs.generation[slot] === generation) this.onInitDone(slot);
    });
    this.invokeDoneKind = ctx.sim.on(`invoke-done:${config.name}`, (slot, generation) => {
      if (envs.generation[slot] === generation) this.onInvokeDone(slot);
    });
  }

  /**
   * Attaches the resource calls (built once every runtime exists, since calls resume requests
   * through `calls` and may invoke other functions). Call before the run starts.
   */
  attach(program: readonly ProgramCall[]): void {
    this.calls.attach(program);
  }

  /** The function's provisioned concurrency (level, readiness, utilisation, billing intervals). */
  get provisioned(): ProvisionedPool {
    return this.environments.pool;
  }

  /**
   * Allocates provisioned concurrency before traffic (see ProvisionedPool.allocate); `count`: the
   * level in force at time 0 (a schedule or auto scaling may set it).
   */
  allocateProvisioned(count = this.config.provisionedConcurrency): void {
    this.environments.pool.allocate(count, this.ctx.sim.now);
  }

  /**
   * True if an Invoke API call made now is within the account's request-rate quota (and counts it
   * against the quota). Synchronous requests are checked by `invoke` (`rateLimited`); an
   * asynchronous Invoke from a non-AWS caller is checked once, when the event is put in the
   * function's queue (AsyncQueue.invokeApi), not at each of Lambda's own attempts.
   */
  withinRequestRate(nowMs: number): boolean {
    return this.ctx.requestRate.tryAdmit(nowMs);
  }

  /** Starts the request now, or refuses it and says which limit did. */
  invoke(request: InvokeRequest): ThrottleReason {
    const ctx = this.ctx;
    const nowMs = ctx.sim.now;
    if (request.rateLimited && !ctx.requestRate.tryAdmit(nowMs)) return ThrottleReason.RequestRate;
    const provisioned = this.environments.pool.takeIdle();
    if (provisioned >= 0) {
      this.startWarm(provisioned, nowMs, request);
      return ThrottleReason.None;
    }
    const refused = ctx.limits.tryAcquire(this.index);
    if (refused !== ThrottleReason.None) return refused;
    const idle = this.environments.takeIdle();
    if (idle >= 0) {
      this.startWarm(idle, nowMs, request);
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
    this.startCold(nowMs, request);
    return ThrottleReason.None;
  }

  private begin(slot: number, request: InvokeRequest): void {
    this.requests.begin(slot, request);
    this.inFlight++;
    this.stats.started++;
  }

  private startWarm(slot: number, nowMs: number, request: InvokeRequest): void {
    this.begin(slot, request);
    this.requests.setWarmStart(slot);
    this.environments.setState(slot, EnvState.Busy, nowMs);
    this.startHandler(slot, nowMs, 0);
  }

  private startCold(nowMs: number, request: InvokeRequest): void {
    const envs = this.ctx.envs;
    const slot = this.environments.create(nowMs, false, EnvState.Initializing);
    this.begin(slot, request);
    const initMs = this.coldStart.sampleMs(this.initRng, nowMs);
    this.requests.setColdStart(slot, initMs);
    const stats = this.stats;
    stats.coldStarts++;
    if (this.coldStart.restores) stats.snapStartRestores++;
    stats.init.record(initMs);
    stats.series.coldStarts.add(nowMs, 1);
    // Before INIT: placement and code download, then network set-up (VPC). Neither is part of
    // INIT nor billed, but the caller waits for both.
    const preInitMs = this.preInit.sampleMs(this.preInitRng);
    stats.preInit.record(preInitMs);
    let networkMs = 0;
    if (this.vpc) {
      networkMs = this.vpc.attach(slot, nowMs);
      stats.networkSetup.record(networkMs);
    }
    const readyAtMs = nowMs + preInitMs + networkMs + this.coldStart.phaseMs(initMs);
    this.ctx.sim.at(readyAtMs, this.initDoneKind, slot, envs.generation[slot]);
  }

  /** Event: a cold start's Init phase ended; an INIT over its limit is re-run inside the invoke. */
  private onInitDone(slot: number): void {
    const nowMs = this.ctx.sim.now;
    this.environments.setState(slot, EnvState.Busy, nowMs);
    const rerunMs = this.coldStart.rerunMs(this.requests.initMs(slot));
    if (rerunMs > 0) this.stats.suppressedInits++;
    this.startHandler(slot, nowMs, rerunMs);
  }

  /**
   * Runs the handler from `nowMs`; `prefixMs` is work done first inside the invoke (re-run INIT).
   * Without resource calls the whole handler is one fixed delay, cut at the timeout (one event):
   * work >= the timeout is a timeout.
   * With them, compute and io come first, then each call in order; a timeout event stops the
   * request wherever it is.
   */
  private startHandler(slot: number, nowMs: number, prefixMs: number): void {
    const requests = this.requests;
    const timeoutMs = this.config.timeoutMs;
    const records = requests.records(slot);
    const workMs = prefixMs + this.handler.sampleDurationMs(nowMs, records);
    const error = this.handler.sampleError(records);
    requests.setStartMs(slot, nowMs);
    if (!this.calls.isEmpty) {
      this.calls.start(slot, nowMs, workMs, error, timeoutMs);
      return;
    }
    requests.setHandlerError(slot, error);
    // Lambda stops a function that reaches its timeout: work that lasts the whole timeout is a
    // timeout (logged as Duration = the timeout, Status: timeout), not a success.
    if (workMs >= timeoutMs) requests.end(slot, Outcome.Timeout, timeoutMs);
    else requests.end(slot, error ? Outcome.FunctionError : Outcome.Success, workMs);
    const runMs = Math.min(workMs, timeoutMs);
    this.ctx.sim.at(nowMs + runMs, this.invokeDoneKind, slot, this.ctx.envs.generation[slot]);
  }

  /** Event: the handler returned, failed or was stopped at the timeout. */
  private onInvokeDone(slot: number): void {
    const ctx = this.ctx;
    const nowMs = ctx.sim.now;
    const requests = this.requests;
    const durationMs = requests.durationMs(slot);
    const provisioned = ctx.envs.provisioned[slot] === 1;
    this.stats.duration.record(durationMs);
    this.bill(slot, durationMs, provisioned);
    if (requests.outcome(slot) !== Outcome.Success) this.stats.series.errors.add(nowMs, 1);
    this.inFlight--;
    if (!provisioned) ctx.limits.release(this.index);
    this.environments.release(slot, nowMs);
    // The source learns the outcome once the environment is free again, so that it may invoke
    // at once (a poller's next batch can take this warm environment).
    ctx.sources.at(requests.source(slot)).onFinished(slot, nowMs);
    ctx.afterFinish();
  }

  private bill(slot: number, durationMs: number, provisioned: boolean): void {
    const billedInitMs = this.coldStart.billedMs(this.requests.initMs(slot));
    const billedMs = billedDurationMs(durationMs + billedInitMs, this.ctx.billing.granularityMs);
    this.stats.requests++;
    if (provisioned) this.stats.provisionedBilledMs += billedMs;
    else this.stats.onDemandBilledMs += billedMs;
    // Provisioned concurrency enabled as the invocation ends: no free tier for it (spill-over too).
    if (provisioned || this.provisioned.targetLevel > 0) {
      this.stats.requestsWhileProvisioned++;
      if (!provisioned) this.stats.onDemandBilledMsWhileProvisioned += billedMs;
    }
  }

  /** The INIT of a provisioned environment starting at `nowMs`: drawn, billed, returned (ms). */
  private provisionedInit(nowMs: number): number {
    const initMs = this.coldStart.sampleMs(this.provisionedInitRng, nowMs);
    this.stats.provisionedInits++;
    this.stats.provisionedBilledMs += billedDurationMs(initMs, this.ctx.billing.granularityMs);
    return initMs;
  }
}
