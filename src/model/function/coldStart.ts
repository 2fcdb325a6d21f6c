/**
 * What a new execution environment goes through before its first handler runs: a plug-in of the
 * function runtime (design principle 5), one per function.
 *
 * - standard: the runtime's and the code's INIT plus the `phase: init` calls. AWS: "The Init phase
 *   is limited to 10 seconds" for on-demand environments (docs lambda-runtime-environment): an INIT
 *   over the limit times out and is re-run inside the first invocation (a "suppressed init"),
 *   bounded by the function timeout. INIT is billed with the first invocation when the billing rule
 *   says so (at most the 10 s that ran in the Init phase).
 * - SnapStart: a cold start restores the snapshot taken when the version was published. The restore
 *   replaces INIT, is not billed as INIT, is not bound by INIT's 10 s limit, and does not re-make
 *   the `phase: init` calls (their results are in the snapshot).
 */
import { isInitBilled } from '../../billing/metering/index.ts';
import { makeSampler, type Rng, type Sampler } from '../../engine/index.ts';
import type { Billing, LambdaFunction } from '../../scenario/index.ts';
import type { HandlerModel } from '../handler/handlerModel.ts';

/** AWS: "The Init phase is limited to 10 seconds" for on-demand environments (docs lambda-runtime-environment). */
export const INIT_LIMIT_MS = 10_000;

export interface ColdStart {
  /** True when a cold start restores a snapshot (counted as a SnapStart restore). */
  readonly restores: boolean;
  /** One INIT (or restore) starting at `nowMs`, drawn from `rng`, in ms. */
  sampleMs(rng: Rng, nowMs: number): number;
  /** Of an INIT of `initMs`: the ms the Init phase lasts before the first invocation starts. */
  phaseMs(initMs: number): number;
  /** Of an INIT of `initMs`: the ms re-run inside the first invocation (0 when INIT fit its limit). */
  rerunMs(initMs: number): number;
  /** Of an INIT of `initMs` (0: a warm start): the ms billed with the invocation. */
  billedMs(initMs: number): number;
}

class StandardInit implements ColdStart {
  readonly restores = false;
  private readonly init: Sampler;

  constructor(
    fn: LambdaFunction,
    private readonly handler: HandlerModel,
    private readonly billed: boolean,
  ) {
    this.init = makeSampler(fn.model.initMs);
  }

  sampleMs(rng: Rng, nowMs: number): number {
    return this.init.sample(rng) + this.handler.sampleInitCallsMs(nowMs);
  }

  phaseMs(initMs: number): number {
    return Math.min(initMs, INIT_LIMIT_MS);
  }

  rerunMs(initMs: number): number {
    return initMs > INIT_LIMIT_MS ? initMs : 0;
  }

  billedMs(initMs: number): number {
    return initMs > 0 && this.billed ? Math.min(initMs, INIT_LIMIT_MS) : 0;
  }
}

class SnapStartRestore implements ColdStart {
  readonly restores = true;
  private readonly restore: Sampler;

  constructor(fn: LambdaFunction) {
    this.restore = makeSampler(fn.model.restoreMs);
  }

  sampleMs(rng: Rng): number {
    return this.restore.sample(rng);
  }

  phaseMs(initMs: number): number {
    return initMs;
  }

  rerunMs(): number {
    return 0;
  }

  billedMs(): number {
    return 0;
  }
}

/**
 * What a cold start waits for before INIT begins (placement, code download, sandbox start): not in
 * Init Duration, not billed (defaults and sources: scenario/defaults/preInit.ts). The same for
 * standard INIT and SnapStart (whose default has no package-size term).
 */
export class PreInit {
  private readonly sampler: Sampler;
  private readonly extraMs: number;

  constructor(fn: LambdaFunction) {
    this.sampler = makeSampler(fn.model.preInitMs);
    this.extraMs = fn.model.preInitExtraMs;
  }

  /** One draw, ms. */
  sampleMs(rng: Rng): number {
    return this.sampler.sample(rng) + this.extraMs;
  }
}

/** The cold start of `fn`; `handler` draws its `phase: init` calls. */
export function makeColdStart(fn: LambdaFunction, billing: Billing, handler: HandlerModel): ColdStart {
  return fn.snapStart
    ? new SnapStartRestore(fn)
    : new StandardInit(fn, handler, isInitBilled(fn, billing.initBilled));
}
