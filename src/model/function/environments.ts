/**
 * The execution environments of one function between requests: creation, state changes (counted
 * in the function's stats), waiting idle, reclamation after the idle timeout, retirement at the
 * maximum lifetime, and destruction. Provisioned environments are kept by the ProvisionedPool;
 * this class holds the on-demand idle set and asks the pool about provisioned ones.
 *
 * Reclamation checks: at most one check is pending per environment, a movable timer keyed by its
 * slot (TimerSet, its time copied in `envs.expiryCheckAtMs`): an environment idle again with an
 * earlier deadline moves its check earlier, a check that finds the deadline moved later re-arms
 * itself, and a destroyed environment's check is cancelled, so the pending checks are at most the
 * environments and superseded ones do not fill the event queue. A check runs where an event
 * scheduled when it was last set would (time, then scheduling order).
 */
import { makeSampler, type Rng, type Sampler, type Simulation, TimerSet } from '../../engine/index.ts';
import type { LambdaFunction, Platform } from '../../scenario/index.ts';
import type { ConcurrencyLimits } from '../concurrency/concurrencyLimits.ts';
import { type EnvironmentTable, EnvState } from '../environments/environmentTable.ts';
import { type IdleSet, makeIdleSet } from '../environments/idleSets.ts';
import type { FunctionStats } from '../stats/functionStats.ts';
import { type PoolHost, ProvisionedPool } from './provisionedPool.ts';

export interface EnvironmentsContext {
  readonly sim: Simulation;
  readonly envs: EnvironmentTable;
  readonly limits: ConcurrencyLimits;
  readonly platform: Platform;
}

/** What happens outside this class when an environment goes and when a provisioned one initialises. */
export interface EnvironmentHooks {
  /** The environment in `slot` is going away: release what it holds (connections, network interface). */
  teardown(slot: number, nowMs: number): void;
  /** Runs (draws and bills) the INIT of a provisioned environment starting at `nowMs`; its ms. */
  provisionedInit(nowMs: number): number;
}

export class FunctionEnvironments implements PoolHost {
  /** On-demand idle environments, by the placement policy. */
  private readonly idle: IdleSet;
  readonly pool: ProvisionedPool;
  private readonly idleTimeout: Sampler;
  private readonly idleRng: Rng;
  /** The pending reclamation check of each environment, by slot. */
  private readonly checks: TimerSet;

  constructor(
    /** The function's index in the concurrency limits. */
    fn: number,
    config: LambdaFunction,
    private readonly stats: FunctionStats,
    private readonly ctx: EnvironmentsContext,
    private readonly hooks: EnvironmentHooks,
    /** The function's stream: placement, placement-provisioned and idle are forked from it. */
    rng: Rng,
  ) {
    this.idle = makeIdleSet(ctx.platform.placement, rng.fork('placement'));
    this.idleTimeout = makeSampler(ctx.platform.idleTimeoutMs);
    this.idleRng = rng.fork('idle');
    this.pool = new ProvisionedPool(
      fn,
      config.name,
      config.provisioned,
      this,
      ctx,
      rng.fork('placement-provisioned'),
    );
    this.checks = new TimerSet(ctx.sim, `expiry-check:${config.name}`, (slot) => this.onExpiryCheck(slot));
  }

  /** An idle on-demand environment for a request (taken out of the idle set), or -1. */
  takeIdle(): number {
    return this.idle.size > 0 ? this.idle.take() : -1;
  }

  /** A new environment of this function in `state`, counted as created. */
  create(nowMs: number, provisioned: boolean, state: EnvState): number {
    const slot = this.ctx.envs.allocate(nowMs, provisioned);
    if (provisioned) this.pool.created(slot);
    else this.idle.created(slot);
    this.setState(slot, state, nowMs);
    this.stats.environmentsCreated++;
    return slot;
  }

  setState(slot: number, state: EnvState, nowMs: number): void {
    const envs = this.ctx.envs;
    const from = envs.state[slot] as EnvState;
    if (envs.provisioned[slot] === 1 && (from === EnvState.Busy) !== (state === EnvState.Busy)) {
      this.pool.busyChanged(nowMs, state === EnvState.Busy ? 1 : -1);
    }
    this.stats.transition(nowMs, from, state);
    envs.state[slot] = state;
  }

  provisionedInit(nowMs: number): number {
    return this.hooks.provisionedInit(nowMs);
  }

  /**
   * The environment in `slot` finished a request and is free again: it goes (recycled or over
   * the provisioned level), retires at its maximum lifetime, or waits for work.
   */
  release(slot: number, nowMs: number): void {
    const envs = this.ctx.envs;
    if (envs.provisioned[slot] === 1 && this.pool.afterRequest(slot, nowMs)) return;
    if (
      nowMs - envs.createdAtMs[slot] >= this.ctx.platform.maxLifetimeMs &&
      !this.pool.isBeingReplaced(slot)
    ) {
      this.retire(slot, nowMs);
    } else this.becomeIdle(slot, nowMs);
  }

  /**
   * The environment waits for work. On-demand: reclaimed after a sampled idle timeout (or at its
   * maximum lifetime, whichever comes first). Provisioned: kept until its maximum lifetime (for
   * ever while its replacement initialises). A lifetime already over is checked at `nowMs`.
   */
  becomeIdle(slot: number, nowMs: number): void {
    const envs = this.ctx.envs;
    const provisioned = envs.provisioned[slot] === 1;
    this.setState(slot, EnvState.Idle, nowMs);
    if (provisioned) this.pool.addIdle(slot);
    else this.idle.add(slot);
    // An environment can come idle past its maximum lifetime (a provisioned replacement that waited
    // for the request of the environment it replaces): its lifetime check is then due at once.
    const retireAt = Math.max(nowMs, envs.createdAtMs[slot] + this.ctx.platform.maxLifetimeMs);
    const deadline = provisioned
      ? this.pool.isBeingReplaced(slot)
        ? Number.POSITIVE_INFINITY
        : retireAt
      : Math.min(nowMs + this.idleTimeout.sample(this.idleRng), retireAt);
    envs.idleDeadlineMs[slot] = deadline;
    if (deadline !== Number.POSITIVE_INFINITY && !(envs.expiryCheckAtMs[slot] <= deadline)) {
      envs.expiryCheckAtMs[slot] = deadline;
      this.checks.set(slot, deadline);
    }
  }

  /** Retires an environment at its maximum lifetime; a provisioned one is replaced (the pool decides). */
  retire(slot: number, nowMs: number): void {
    this.stats.environmentsRetired++;
    if (this.ctx.envs.provisioned[slot] === 1) this.pool.retire(slot, nowMs);
    else this.destroy(slot, nowMs);
  }

  destroy(slot: number, nowMs: number): void {
    this.hooks.teardown(slot, nowMs);
    this.setState(slot, EnvState.Dead, nowMs);
    this.checks.cancel(slot);
    if (this.ctx.envs.provisioned[slot] === 0) this.idle.destroyed(slot);
    this.ctx.envs.free(slot);
  }

  /** Timer: the reclamation check of the environment in `slot` (cancelled when it is destroyed). */
  private onExpiryCheck(slot: number): void {
    const envs = this.ctx.envs;
    const nowMs = this.ctx.sim.now;
    envs.expiryCheckAtMs[slot] = Number.POSITIVE_INFINITY;
    if (envs.state[slot] !== EnvState.Idle) return; // busy again: re-armed when it next goes idle
    const deadline = envs.idleDeadlineMs[slot];
    if (nowMs < deadline) {
      envs.expiryCheckAtMs[slot] = deadline;
      this.checks.set(slot, deadline);
      return;
    }
    if (envs.provisioned[slot] === 1) this.pool.removeIdle(slot);
    else this.idle.remove(slot);
    if (nowMs - envs.createdAtMs[slot] >= this.ctx.platform.maxLifetimeMs) this.retire(slot, nowMs);
    else {
      this.stats.environmentsReclaimed++;
      this.destroy(slot, nowMs);
    }
  }
}
