/**
 * The provisioned concurrency of one function: environments kept initialised (AWS docs
 * provisioned-concurrency.html), their level over time (a schedule or auto scaling changes it,
 * as PutProvisionedConcurrencyConfig does) and their recycling at the maximum lifetime.
 *
 * Invariants, held by construction:
 * - One concurrency unit per provisioned environment alive (`units`): a unit is claimed from the
 *   concurrency limits when its environment is created and given back when it is removed; an
 *   environment being recycled and its replacement share one unit (./replacements.ts).
 * - `units <= target` after every level change, except for busy environments over a lowered
 *   target: they go when their request ends.
 * - Environments allocating (new, or replacements running INIT) are not idle; they become idle
 *   when ready. A replacement whose old environment is still busy waits for it (never two
 *   requests on one unit).
 * Order of preference when a request arrives: an idle provisioned environment first (the runtime
 * asks `takeIdle`), taken most recently used first.
 */
import type { Rng, Simulation } from '../../engine/index.ts';
import type { ProvisionedConfig } from '../../scenario/index.ts';
import { type ConcurrencyLimits, ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import { type EnvironmentTable, EnvState } from '../environments/environmentTable.ts';
import { type IdleSet, makeIdleSet } from '../environments/idleSets.ts';
import { LevelHistory, type ProvisionedLevelInterval } from './levelHistory.ts';
import { Replacements } from './replacements.ts';

/** What the pool does through the function's environments. */
export interface PoolHost {
  /** Creates a provisioned environment in `state` (counted as created). */
  create(nowMs: number, provisioned: true, state: EnvState): number;
  setState(slot: number, state: EnvState, nowMs: number): void;
  /** The environment waits for work (provisioned: in this pool's idle set). */
  becomeIdle(slot: number, nowMs: number): void;
  destroy(slot: number, nowMs: number): void;
  /** Runs (draws and bills) the INIT of a provisioned environment starting at `nowMs`; its ms. */
  provisionedInit(nowMs: number): number;
}

export interface PoolContext {
  readonly sim: Simulation;
  readonly envs: EnvironmentTable;
  readonly limits: ConcurrencyLimits;
}

export class ProvisionedPool {
  /** Idle provisioned environments, most recently used first. */
  private readonly idle: IdleSet;
  /** The configured level. */
  private target = 0;
  /** Units held from the concurrency limits: provisioned environments alive, a recycled pair counting once. */
  private units = 0;
  /** Provisioned environments running INIT: new ones and replacements. */
  private readonly allocating = new Set<number>();
  private readonly replacements = new Replacements();
  /** Busy provisioned environments and their time integral since it was last taken. */
  private busy = 0;
  private busyAreaMs = 0;
  private busyAreaAtMs = 0;
  private readonly levels = new LevelHistory();
  private readonly readyKind: number;

  constructor(
    /** The function's index in the concurrency limits. */
    private readonly fn: number,
    private readonly name: string,
    private readonly config: ProvisionedConfig,
    private readonly host: PoolHost,
    private readonly ctx: PoolContext,
    /** The placement stream of the idle set (most recently used: no draw is made). */
    rng: Rng,
  ) {
    const envs = ctx.envs;
    this.idle = makeIdleSet('mru', rng);
    this.readyKind = ctx.sim.on(`provisioned-ready:${name}`, (slot, generation) => {
      if (envs.generation[slot] === generation) this.onReady(slot);
    });
  }

  /** The configured provisioned concurrency now. */
  get targetLevel(): number {
    return this.target;
  }

  /**
   * Provisioned environments ready to serve, busy or idle: units less the environments running
   * INIT (a unit whose replacement is initialising counts as not ready, although its old
   * environment still serves).
   */
  get ready(): number {
    return this.units - this.allocating.size;
  }

  /** An idle provisioned environment for a request (taken out of the idle set), or -1. */
  takeIdle(): number {
    return this.idle.size > 0 ? this.idle.take() : -1;
  }

  /** A provisioned environment was created in `slot` (before it first waits for work: IdleSet.created). */
  created(slot: number): void {
    this.idle.created(slot);
  }

  /** The provisioned environment in `slot` waits for work. */
  addIdle(slot: number): void {
    this.idle.add(slot);
  }

  /** The idle provisioned environment in `slot` leaves the idle set (reclaimed or retired). */
  removeIdle(slot: number): void {
    this.idle.remove(slot);
  }

  /**
   * Allocates the level in force at time 0 before traffic: the environments are initialised at
   * once (their INIT is billed, as AWS bills provisioned INIT whether or not it serves requests).
   */
  allocate(count: number, nowMs: number): void {
    this.levels.set(count, nowMs);
    if (count === 0) return;
    if (this.ctx.limits.tryAcquire(this.fn, count) !== ThrottleReason.None) {
      throw new Error(`provisioned concurrency of ${this.name} exceeds its limit (validation missed it)`);
    }
    this.target = count;
    this.units = count;
    for (let i = 0; i < count; i++) {
      const slot = this.host.create(nowMs, true, EnvState.Idle);
      this.host.provisionedInit(nowMs);
      this.host.becomeIdle(slot, nowMs);
    }
  }

  /**
   * Changes the level (a scheduled action or auto scaling). Up: units are claimed from the
   * concurrency limits at once (as many as they allow); the new environments are ready after the
   * allocation time plus their INIT (billed). Down: environments still allocating go first, then
   * idle ones; busy ones go when their request ends.
   */
  setLevel(level: number, nowMs: number): void {
    if (level === this.target) return;
    this.target = level;
    this.levels.set(level, nowMs);
    const { sim, envs, limits } = this.ctx;
    while (this.units < level && limits.tryAcquire(this.fn) === ThrottleReason.None) {
      this.units++;
      const slot = this.host.create(nowMs, true, EnvState.Provisioning);
      this.allocating.add(slot);
      const initMs = this.host.provisionedInit(nowMs);
      sim.at(nowMs + this.config.allocationMs + initMs, this.readyKind, slot, envs.generation[slot]);
    }
    for (const slot of [...this.allocating]) {
      if (this.units <= level) break;
      this.allocating.delete(slot);
      this.remove(slot, nowMs);
    }
    while (this.units > level && this.idle.size > 0) this.remove(this.idle.take(), nowMs);
  }

  /**
   * The request of the provisioned environment in `slot` ended: the environment goes if it was
   * recycled meanwhile (its ready replacement takes its unit) or is over the level. False when it
   * stays (the caller then retires it or makes it idle).
   */
  afterRequest(slot: number, nowMs: number): boolean {
    const successor = this.replacements.successorOf(slot);
    if (successor !== undefined) {
      this.replacements.clearSuccessor(slot);
      this.host.setState(slot, EnvState.Idle, nowMs);
      this.host.destroy(slot, nowMs);
      this.host.becomeIdle(successor, nowMs);
      return true;
    }
    if (this.units > this.target) {
      this.host.setState(slot, EnvState.Idle, nowMs); // leaves Busy for the utilisation count
      this.remove(slot, nowMs);
      return true;
    }
    return false;
  }

  /** True while a replacement for the environment in `slot` is initialising. */
  isBeingReplaced(slot: number): boolean {
    return this.replacements.freshOf(slot) !== undefined;
  }

  /**
   * Recycles the provisioned environment in `slot` at its maximum lifetime: over the level it
   * simply goes; otherwise it keeps serving until its replacement is initialised, so recycling
   * does not take provisioned capacity away (AWS keeps it "continually initialized").
   */
  retire(slot: number, nowMs: number): void {
    if (this.units > this.target) {
      this.remove(slot, nowMs);
      return;
    }
    const fresh = this.host.create(nowMs, true, EnvState.Provisioning);
    this.allocating.add(fresh);
    this.replacements.link(slot, fresh);
    const initMs = this.host.provisionedInit(nowMs);
    this.ctx.sim.at(nowMs + initMs, this.readyKind, fresh, this.ctx.envs.generation[fresh]);
    this.host.becomeIdle(slot, nowMs);
  }

  /** A provisioned environment became busy (+1) or stopped being busy (-1) at `nowMs`. */
  busyChanged(nowMs: number, delta: number): void {
    this.busyAreaMs += this.busy * (nowMs - this.busyAreaAtMs);
    this.busyAreaAtMs = nowMs;
    this.busy += delta;
  }

  /**
   * The time integral (environment-ms) of busy provisioned environments since the previous call:
   * what the LambdaProvisionedConcurrencyUtilization metric averages.
   */
  takeBusyArea(nowMs: number): number {
    this.busyChanged(nowMs, 0);
    const area = this.busyAreaMs;
    this.busyAreaMs = 0;
    return area;
  }

  /** The configured level over [0, endMs): each level from its start, in time order. */
  steps(endMs: number, fromMs = 0): { startMs: number; concurrency: number }[] {
    return this.levels.steps(endMs, fromMs);
  }

  /** The configured level over [0, endMs), as billing intervals (zero levels left out). */
  intervals(endMs: number, fromMs = 0): ProvisionedLevelInterval[] {
    return this.levels.intervals(endMs, fromMs);
  }

  /** Event: a new or replacement provisioned environment finished INIT. */
  private onReady(slot: number): void {
    const nowMs = this.ctx.sim.now;
    this.allocating.delete(slot);
    const old = this.replacements.oldOf(slot);
    if (old !== undefined && !this.dropReplaced(old, slot, nowMs)) return; // ready once `old` is done
    this.host.becomeIdle(slot, nowMs);
  }

  /**
   * Destroys a provisioned environment that is not serving and gives its unit back; an environment
   * being replaced goes with its replacement, and a replacement with the environment it replaces.
   */
  private remove(slot: number, nowMs: number): void {
    this.units--;
    this.ctx.limits.release(this.fn);
    this.host.destroy(slot, nowMs);
    const fresh = this.replacements.freshOf(slot);
    if (fresh !== undefined) {
      this.replacements.unlink(slot, fresh);
      this.allocating.delete(fresh);
      this.host.destroy(fresh, nowMs);
    }
    const old = this.replacements.oldOf(slot);
    if (old !== undefined) this.dropReplaced(old, slot, nowMs);
  }

  /**
   * The environment `old` that `fresh` replaces goes now if idle (true), else after its request
   * (false): `fresh` then waits for it and takes its unit.
   */
  private dropReplaced(old: number, fresh: number, nowMs: number): boolean {
    this.replacements.unlink(old, fresh);
    if (this.ctx.envs.state[old] === EnvState.Idle) {
      this.idle.remove(old);
      this.host.destroy(old, nowMs);
      return true;
    }
    this.replacements.setSuccessor(old, fresh);
    return false;
  }
}
