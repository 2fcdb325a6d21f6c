/**
 * The resource calls of a function's handler (databases, proxies), run as a small step machine:
 * after the handler's fixed part (compute, io, fixed-latency calls), each call in order, each
 * repeated `count` times, with the function timeout stopping the request wherever it is.
 *
 * Contract with the runtime: `start` takes over a request that has just begun its handler; when
 * the request ends (success, function error, failed call, timeout) the program releases what the
 * calls hold for the invocation and calls `finish(slot, nowMs, outcome)`. Events carry the request's
 * sequence number; a request that ended makes them stale (`requestSeq` = -1). Calls resume the
 * request through this object (it is their RequestResumer).
 */
import type { Simulation } from '../../engine/index.ts';
import type { EnvironmentTable } from '../environments/environmentTable.ts';
import { CALL_FAILED, CALL_WAIT, type RequestResumer, type ResourceCall } from './resourceCall.ts';

/** Outcome of a finished invocation attempt, stored in EnvironmentTable.requestOutcome. */
export const Outcome = { Success: 1, FunctionError: 2, Timeout: 3 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** A resource call in a function's program, made `count` times in a row. */
export interface ProgramCall {
  readonly call: ResourceCall;
  readonly count: number;
}

export interface CallProgramContext {
  readonly sim: Simulation;
  readonly envs: EnvironmentTable;
  readonly kinds: {
    /** (slot, request seq): a fixed-duration part of the handler ended. */
    readonly stepDone: number;
    /** (slot, request seq): the function timeout of a handler with resource calls. */
    readonly requestTimeout: number;
  };
  /** Unique request sequence numbers (shared by all functions). */
  nextRequestSeq(): number;
}

export class CallProgram implements RequestResumer {
  private program: readonly ProgramCall[] = [];
  /** Distinct calls of the program, told when requests and environments end. */
  private distinct: readonly ResourceCall[] = [];

  constructor(
    private readonly ctx: CallProgramContext,
    private readonly finish: (slot: number, nowMs: number, outcome: Outcome) => void,
  ) {}

  /** Sets the calls (built once the runtime exists, since calls resume requests through it). */
  attach(program: readonly ProgramCall[]): void {
    this.program = program;
    this.distinct = [...new Set(program.map((p) => p.call))];
  }

  get isEmpty(): boolean {
    return this.program.length === 0;
  }

  /**
   * Runs the request in `slot`: its fixed part of `workMs`, then the calls; `error`: the handler
   * ends in a function error if the calls succeed.
   */
  start(slot: number, nowMs: number, workMs: number, error: boolean, timeoutMs: number): void {
    const envs = this.ctx.envs;
    const seq = this.ctx.nextRequestSeq();
    envs.requestSeq[slot] = seq;
    envs.requestError[slot] = error ? 1 : 0;
    envs.requestStep[slot] = -1;
    envs.requestRepeat[slot] = 0;
    // The step is scheduled first so that work ending exactly at the timeout succeeds, as a
    // handler without calls does (it is cut only when its work exceeds the timeout).
    this.ctx.sim.at(nowMs + workMs, this.ctx.kinds.stepDone, slot, seq);
    this.ctx.sim.at(nowMs + timeoutMs, this.ctx.kinds.requestTimeout, slot, seq);
  }

  sequenceOf(slot: number): number {
    return this.ctx.envs.requestSeq[slot];
  }

  /** Event: a fixed-duration part of the request ended (already checked for seq). */
  onStepDone(slot: number): void {
    this.advance(slot, this.ctx.sim.now);
  }

  resume(slot: number, seq: number, ok: boolean): void {
    if (this.ctx.envs.requestSeq[slot] !== seq) return; // the request timed out meanwhile
    const nowMs = this.ctx.sim.now;
    if (ok) this.advance(slot, nowMs);
    else this.end(slot, nowMs, Outcome.FunctionError);
  }

  /** Event: the function timeout (already checked for seq). */
  onRequestTimeout(slot: number): void {
    const nowMs = this.ctx.sim.now;
    const step = this.ctx.envs.requestStep[slot];
    if (step >= 0) this.program[step].call.abort(slot, nowMs);
    this.end(slot, nowMs, Outcome.Timeout);
  }

  /** The environment in `slot` is going away: the calls release what they hold for it. */
  endEnvironment(slot: number, nowMs: number): void {
    for (const call of this.distinct) call.endEnvironment(slot, nowMs);
  }

  /** Moves the request to its next call, or ends it. */
  private advance(slot: number, nowMs: number): void {
    const envs = this.ctx.envs;
    let step = envs.requestStep[slot];
    let repeat = envs.requestRepeat[slot];
    for (;;) {
      if (repeat === 0) {
        step++;
        if (step >= this.program.length) {
          envs.requestStep[slot] = -1;
          this.end(slot, nowMs, envs.requestError[slot] ? Outcome.FunctionError : Outcome.Success);
          return;
        }
        repeat = this.program[step].count;
        continue;
      }
      repeat--;
      envs.requestStep[slot] = step;
      envs.requestRepeat[slot] = repeat;
      const result = this.program[step].call.begin(slot, nowMs);
      if (result === CALL_WAIT) return;
      if (result === CALL_FAILED) {
        envs.requestStep[slot] = -1;
        this.end(slot, nowMs, Outcome.FunctionError);
        return;
      }
      this.ctx.sim.at(nowMs + result, this.ctx.kinds.stepDone, slot, envs.requestSeq[slot]);
      return;
    }
  }

  private end(slot: number, nowMs: number, outcome: Outcome): void {
    this.ctx.envs.requestSeq[slot] = -1; // pending step, timeout and resume events go stale
    for (const call of this.distinct) call.endInvocation(slot, nowMs);
    this.finish(slot, nowMs, outcome);
  }
}
